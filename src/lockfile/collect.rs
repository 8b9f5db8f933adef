//! What every parser shares: collecting entries into [`Package`]s (one per
//! distinct name, version and source, with every location), and reading the
//! source strings lockfiles write (`git+https://…#rev`, `file:…`, tarball URLs).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxBuildHasher, FxHasher};

use crate::ecosystem::{Ecosystem, PackageName};
use crate::package::{Facts, Location, Package, Source};
use crate::redact;

/// One entry as a parser found it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub name: String,
    pub version: Option<String>,
    pub requirement: Option<String>,
    pub source: Source,
    pub direct: Option<bool>,
    pub dev: bool,
    pub optional: bool,
    pub line: u32,
    pub facts: Facts,
}

impl Entry {
    pub(crate) fn new(name: &str, version: Option<&str>, line: u32) -> Entry {
        Entry {
            name: name.to_string(),
            version: version.map(str::to_string),
            requirement: None,
            source: Source::DEFAULT_REGISTRY,
            direct: None,
            dev: false,
            optional: false,
            line,
            facts: Facts::default(),
        }
    }
}

/// Builds the package list of one file, merging entries that name the same
/// package version from the same source: a package nested twice in
/// `node_modules` is one package with two locations. Merged flags: direct if
/// any entry is direct, dev/optional only if every entry is.
pub(crate) struct Collector {
    ecosystem: Ecosystem,
    path: String,
    packages: Vec<Package>,
    /// Hash of (normalized name, version, requirement, source) → the first
    /// package with that hash; `next` chains packages whose hashes collide.
    /// Keyed by hash rather than by a copy of the key: a large lockfile has
    /// thousands of entries and the copies were a third of its parse time.
    index: HashMap<u64, usize, FxBuildHasher>,
    next: Vec<Option<usize>>,
}

fn key_hash(
    name: &str,
    version: &Option<String>,
    requirement: &Option<String>,
    source: &Source,
) -> u64 {
    let mut h = FxHasher::default();
    (name, version, requirement, source).hash(&mut h);
    h.finish()
}

impl Collector {
    pub(crate) fn new(ecosystem: Ecosystem, path: &str) -> Collector {
        Collector {
            ecosystem,
            path: path.to_string(),
            packages: Vec::new(),
            index: HashMap::default(),
            next: Vec::new(),
        }
    }

    /// The package already collected with this identity, if any.
    fn find(&self, hash: u64, name: &PackageName, e: &Entry) -> Option<usize> {
        let mut at = self.index.get(&hash).copied();
        while let Some(i) = at {
            let p = &self.packages[i];
            if p.name.normalized() == name.normalized()
                && p.version == e.version
                && p.requirement == e.requirement
                && p.source == e.source
            {
                return Some(i);
            }
            at = self.next[i];
        }
        None
    }

    pub(crate) fn push(&mut self, e: Entry) {
        self.push_at(e, None);
    }

    /// Adds an entry declared in another file (a requirements include).
    pub(crate) fn push_at(&mut self, e: Entry, path: Option<&str>) {
        let name = PackageName::new(self.ecosystem, &e.name);
        let location = Location {
            path: path.unwrap_or(&self.path).to_string(),
            line: e.line,
        };
        let hash = key_hash(name.normalized(), &e.version, &e.requirement, &e.source);
        if let Some(i) = self.find(hash, &name, &e) {
            let p = &mut self.packages[i];
            p.direct = match (p.direct, e.direct) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), _) | (_, Some(false)) => Some(false),
                _ => None,
            };
            p.dev &= e.dev;
            p.optional &= e.optional;
            if p.facts.install_scripts.is_none() {
                p.facts.install_scripts = e.facts.install_scripts;
            }
            if !p.locations.contains(&location) {
                p.locations.push(location);
            }
            return;
        }
        let i = self.packages.len();
        // Newest first in the chain; collisions are rare either way.
        self.next.push(self.index.insert(hash, i));
        self.packages.push(Package {
            name,
            version: e.version,
            requirement: e.requirement,
            source: e.source,
            direct: e.direct,
            dev: e.dev,
            optional: e.optional,
            locations: vec![location],
            facts: e.facts,
        });
    }

    /// The packages, ordered by where they are first declared.
    pub(crate) fn finish(mut self) -> Vec<Package> {
        for p in &mut self.packages {
            p.locations.sort();
        }
        self.packages
            .sort_by(|a, b| a.locations.first().cmp(&b.locations.first()));
        self.packages
    }
}

/// A git source from a URL that may carry `git+`, a `#rev` (or `#commit=`,
/// `#tag=` as yarn writes) and credentials (removed).
pub(crate) fn git_source(spec: &str) -> Source {
    let spec = spec.strip_prefix("git+").unwrap_or(spec);
    let (url, rev) = match spec.split_once('#') {
        Some((u, r)) => {
            // yarn writes `#commit=<sha>` (and once wrote `#commit:<sha>`).
            let r = r.rsplit(['=', ':']).next().unwrap_or(r);
            (u, (!r.is_empty()).then(|| r.to_string()))
        }
        None => (spec, None),
    };
    Source::Git {
        url: clean_url(url),
        rev,
    }
}

/// Removes credentials from a URL, keeping the conventional `git@` user of
/// SSH remotes (it is no secret, and it is how people recognize the remote).
pub(crate) fn clean_url(u: &str) -> String {
    if let Some((scheme, rest)) = u.split_once("://")
        && let Some(after) = rest.strip_prefix("git@")
    {
        let cleaned = redact::url(&format!("{scheme}://{after}"));
        let tail = cleaned.get(scheme.len() + 3..).unwrap_or("");
        return format!("{scheme}://git@{tail}");
    }
    redact::url(u)
}

/// Does an npm spec or resolved URL point at git?
pub(crate) fn is_git_spec(spec: &str) -> bool {
    spec.starts_with("git+")
        || spec.starts_with("git://")
        || spec.starts_with("git@")
        || spec.starts_with("github:")
        || spec.starts_with("gitlab:")
        || spec.starts_with("bitbucket:")
        || spec.starts_with("gist:")
        || spec.starts_with("ssh://")
        || (spec.starts_with("https://")
            && spec.split('#').next().is_some_and(|u| u.ends_with(".git")))
}

/// The source of an npm package from its resolved URL or spec: the public
/// registry, another registry (its base URL, without credentials), git, a
/// tarball URL or a local path. `name` helps find a registry's base in a
/// tarball URL (`<registry>/<name>/-/<file>.tgz`).
pub(crate) fn npm_source(resolved: Option<&str>, name: &str) -> Source {
    let Some(r) = resolved.filter(|r| !r.is_empty()) else {
        return Source::DEFAULT_REGISTRY;
    };
    if is_git_spec(r) {
        return git_source(r);
    }
    if let Some(p) = r.strip_prefix("file:").or_else(|| r.strip_prefix("link:")) {
        return Source::Path {
            path: p.to_string(),
        };
    }
    if r.starts_with("https://") || r.starts_with("http://") {
        let marker = format!("/{name}/-/");
        if let Some(at) = r.find(&marker) {
            return registry(&r[..at]);
        }
        return Source::Url { url: clean_url(r) };
    }
    Source::Path {
        path: r.to_string(),
    }
}

/// A registry source: `None` for the public npm registry, PyPI or crates.io.
pub(crate) fn registry(base: &str) -> Source {
    Source::registry(base)
}

/// A JSON/YAML map read in file order (serde's maps would sort or hash it).
#[derive(Debug)]
pub(crate) struct Entries<V, K = String>(pub Vec<(K, V)>);

impl<V, K> Default for Entries<V, K> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: serde::Deserialize<'de>, K: serde::Deserialize<'de>> serde::Deserialize<'de>
    for Entries<V, K>
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V, K>(std::marker::PhantomData<(V, K)>);
        impl<'de, V: serde::Deserialize<'de>, K: serde::Deserialize<'de>> serde::de::Visitor<'de>
            for Visit<V, K>
        {
            type Value = Entries<V, K>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(m.size_hint().unwrap_or(0).min(4096));
                while let Some((k, v)) = m.next_entry::<K, V>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_sources() {
        let reg = npm_source(
            Some("https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz"),
            "lodash",
        );
        assert_eq!(reg, Source::DEFAULT_REGISTRY);
        let yarn = npm_source(
            Some("https://registry.yarnpkg.com/@a/b/-/b-1.0.0.tgz"),
            "@a/b",
        );
        assert_eq!(yarn, Source::DEFAULT_REGISTRY);
        let other = npm_source(
            Some("https://u:p@npm.corp.example/repo/x/-/x-1.0.0.tgz"),
            "x",
        );
        assert_eq!(
            other,
            Source::Registry {
                url: Some("https://***@npm.corp.example/repo".into())
            }
        );
        let git = npm_source(Some("git+ssh://git@github.com/a/b.git#0123abc"), "b");
        assert_eq!(
            git,
            Source::Git {
                url: "ssh://git@github.com/a/b.git".into(),
                rev: Some("0123abc".into())
            }
        );
        assert_eq!(
            npm_source(Some("file:../x"), "x"),
            Source::Path {
                path: "../x".into()
            }
        );
        assert_eq!(npm_source(None, "x"), Source::DEFAULT_REGISTRY);
        let tar = npm_source(Some("https://example.com/x.tgz"), "x");
        assert_eq!(
            tar,
            Source::Url {
                url: "https://example.com/x.tgz".into()
            }
        );
    }

    #[test]
    fn merges_duplicates() {
        let mut c = Collector::new(Ecosystem::PyPI, "f");
        let mut a = Entry::new("Foo_Bar", Some("1"), 5);
        a.dev = true;
        c.push(a);
        c.push(Entry::new("foo-bar", Some("1"), 2));
        c.push(Entry::new("foo-bar", Some("2"), 3));
        let p = c.finish();
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].locations.iter().map(|l| l.line).collect::<Vec<_>>(),
            [2, 5]
        );
        assert!(!p[0].dev);
        assert_eq!(p[1].version.as_deref(), Some("2"));
    }
}
