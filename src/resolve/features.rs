//! Cargo's feature graph for one crate version: which optional dependencies
//! a set of requested features turns on, and which features each dependency
//! gets. Handles `dep:name`, `name/feat`, weak `name?/feat`, implicit
//! features of optional dependencies and `default`.

use std::collections::{BTreeMap, BTreeSet};

/// The outcome of enabling features on one crate version.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Activation {
    /// Features enabled (closure).
    pub features: BTreeSet<String>,
    /// Optional dependencies (by the name the crate uses) turned on.
    pub deps: BTreeSet<String>,
    /// Features to enable on dependencies (by the name the crate uses);
    /// weak (`?`) entries are kept and apply only when the dependency is on.
    pub dep_features: BTreeMap<String, BTreeSet<String>>,
}

/// Enables `requested` (plus `default` when `default` is set) on a crate with
/// the feature table `table` and optional dependencies `optional`.
///
/// `weak_as_strong`: cargo's lockfile resolver treats `dep?/feat` like
/// `dep/feat` (rust-lang/cargo#10801, #11426), so `Cargo.lock` — what
/// `cargo generate-lockfile` writes and cargo fetches — holds those crates;
/// only the later feature resolver (what gets compiled) honours `?`.
pub fn activate(
    table: &BTreeMap<String, Vec<String>>,
    optional: &BTreeSet<String>,
    requested: &BTreeSet<String>,
    default: bool,
    weak_as_strong: bool,
) -> Activation {
    activate_inner(table, optional, requested, default, weak_as_strong)
}

fn activate_inner(
    table: &BTreeMap<String, Vec<String>>,
    optional: &BTreeSet<String>,
    requested: &BTreeSet<String>,
    default: bool,
    weak_as_strong: bool,
) -> Activation {
    // An optional dependency named with `dep:` anywhere has no implicit feature.
    let explicit: BTreeSet<&str> = table
        .values()
        .flatten()
        .filter_map(|i| i.strip_prefix("dep:"))
        .collect();
    let implicit = |name: &str| optional.contains(name) && !explicit.contains(name);
    let mut out = Activation::default();
    let mut stack: Vec<String> = requested.iter().cloned().collect();
    if default && table.contains_key("default") {
        stack.push("default".into());
    }
    while let Some(f) = stack.pop() {
        if out.features.contains(&f) {
            continue;
        }
        match table.get(&f) {
            Some(items) => {
                out.features.insert(f.clone());
                for item in items {
                    if let Some(d) = item.strip_prefix("dep:") {
                        out.deps.insert(d.to_string());
                    } else if let Some((d, feat)) = item.split_once('/') {
                        let (d, weak) = match d.strip_suffix('?') {
                            Some(d) => (d, !weak_as_strong),
                            None => (d, false),
                        };
                        if !weak && optional.contains(d) {
                            out.deps.insert(d.to_string());
                            if implicit(d) || table.contains_key(d) {
                                stack.push(d.to_string());
                            }
                        }
                        out.dep_features
                            .entry(d.to_string())
                            .or_default()
                            .insert(feat.to_string());
                    } else {
                        stack.push(item.clone());
                    }
                }
            }
            None if implicit(&f) => {
                out.features.insert(f.clone());
                out.deps.insert(f);
            }
            // An unknown feature: cargo would refuse; nothing to enable.
            None => {}
        }
    }
    out
}

/// Every feature of a crate (`--all-features`): the table's keys and the
/// implicit features of optional dependencies.
pub fn all(table: &BTreeMap<String, Vec<String>>, optional: &BTreeSet<String>) -> BTreeSet<String> {
    let mut s: BTreeSet<String> = table.keys().cloned().collect();
    s.extend(optional.iter().cloned());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(items: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn default_and_implicit() {
        let t = table(&[
            ("default", &["std"]),
            ("std", &["serde?/std"]),
            ("derive", &["serde_derive"]),
        ]);
        let opt = set(&["serde", "serde_derive"]);
        let a = activate(&t, &opt, &set(&[]), true, false);
        assert_eq!(a.features, set(&["default", "std"]));
        assert!(a.deps.is_empty());
        assert_eq!(a.dep_features["serde"], set(&["std"]));
        let a = activate(&t, &opt, &set(&["derive", "serde"]), false, false);
        assert_eq!(a.deps, set(&["serde", "serde_derive"]));
        let a = activate(&t, &opt, &set(&["std"]), false, true);
        assert_eq!(
            a.deps,
            set(&["serde"]),
            "lockfile semantics: weak is strong"
        );
        let a = activate(&t, &opt, &set(&["derive", "serde"]), false, false);
        assert_eq!(a.deps, set(&["serde", "serde_derive"]));
    }

    #[test]
    fn dep_syntax_hides_implicit_feature() {
        let t = table(&[("json", &["dep:serde_json", "serde/std"])]);
        let opt = set(&["serde_json", "serde"]);
        let a = activate(&t, &opt, &set(&["serde_json"]), false, false);
        assert!(a.deps.is_empty(), "serde_json has no implicit feature");
        let a = activate(&t, &opt, &set(&["json"]), false, false);
        assert_eq!(a.deps, set(&["serde", "serde_json"]));
        assert!(a.features.contains("serde"));
    }
}
