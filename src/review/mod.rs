//! `ccdeps review`: what a change does to the dependency set.
//!
//! Per (ecosystem, normalized name), with base versions O and head
//! versions N: versions of N when O is empty are `added`; when both are
//! non-empty, versions in N but not in O are `changed` (carrying O as the
//! previous versions); names whose N is empty are `removed`. Only added and
//! changed packages are judged. Lockfiles that appear or disappear count too:
//! their packages are simply present on one side only.

pub mod git;

use std::collections::{BTreeMap, BTreeSet};

use crate::ecosystem::Ecosystem;
use crate::engine::Item;
use crate::package::Package;
use crate::report::Change;

/// A version's identity in a review: the exact version, or for unpinned or
/// non-registry declarations, the requirement/source as written.
fn identity(p: &Package) -> String {
    match (&p.version, &p.requirement) {
        (Some(v), _) => v.clone(),
        (None, Some(r)) => format!("{r} ({})", p.source),
        (None, None) => p.source.to_string(),
    }
}

type Key = (Ecosystem, String);

fn group(packages: Vec<Package>) -> BTreeMap<Key, BTreeMap<String, Package>> {
    let mut map: BTreeMap<Key, BTreeMap<String, Package>> = BTreeMap::new();
    for p in packages {
        let key = (p.ecosystem(), p.name.normalized().to_string());
        let versions = map.entry(key).or_default();
        match versions.get_mut(&identity(&p)) {
            Some(existing) => existing.locations.extend(p.locations),
            None => {
                versions.insert(identity(&p), p);
            }
        }
    }
    map
}

/// The diff between two package sets, as items for the engine. Unchanged
/// versions are counted but not returned.
pub fn diff(base: Vec<Package>, head: Vec<Package>) -> (Vec<Item>, usize) {
    let base = group(base);
    let head = group(head);
    let mut items = Vec::new();
    let mut unchanged = 0;
    let names: BTreeSet<&Key> = base.keys().chain(head.keys()).collect();
    for key in names {
        let old = base.get(key);
        let new = head.get(key);
        match (old, new) {
            (None, Some(n)) => items.extend(n.values().map(|p| item(p, Change::Added, Vec::new()))),
            (Some(o), None) => {
                items.extend(o.values().map(|p| item(p, Change::Removed, Vec::new())))
            }
            (Some(o), Some(n)) => {
                let previous: Vec<String> = o.keys().cloned().collect();
                for (id, p) in n {
                    if o.contains_key(id) {
                        unchanged += 1;
                    } else {
                        items.push(item(p, Change::Changed, previous.clone()));
                    }
                }
            }
            (None, None) => {}
        }
    }
    (items, unchanged)
}

fn item(p: &Package, change: Change, previous: Vec<String>) -> Item {
    Item {
        package: p.clone(),
        change: Some(change),
        previous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(eco: Ecosystem, n: &str, v: &str) -> Package {
        Package::new(eco, n, Some(v))
    }

    #[test]
    fn added_changed_removed() {
        let base = vec![
            p(Ecosystem::Npm, "a", "1.0.0"),
            p(Ecosystem::Npm, "b", "1.0.0"),
            p(Ecosystem::Npm, "b", "2.0.0"),
            p(Ecosystem::Npm, "gone", "1.0.0"),
            p(Ecosystem::PyPI, "Same_Name", "1.0"),
        ];
        let head = vec![
            p(Ecosystem::Npm, "a", "1.0.0"),
            p(Ecosystem::Npm, "b", "2.0.0"),
            p(Ecosystem::Npm, "b", "3.0.0"),
            p(Ecosystem::Npm, "new", "0.1.0"),
            p(Ecosystem::PyPI, "same-name", "1.1"),
        ];
        let (items, unchanged) = diff(base, head);
        assert_eq!(unchanged, 2);
        let got: Vec<(String, Option<Change>, Vec<String>)> = items
            .iter()
            .map(|i| (i.package.to_string(), i.change, i.previous.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "b@3.0.0".into(),
                    Some(Change::Changed),
                    vec!["1.0.0".into(), "2.0.0".into()]
                ),
                ("gone@1.0.0".into(), Some(Change::Removed), vec![]),
                ("new@0.1.0".into(), Some(Change::Added), vec![]),
                (
                    "same-name@1.1".into(),
                    Some(Change::Changed),
                    vec!["1.0".into()]
                ),
            ]
        );
    }
}
