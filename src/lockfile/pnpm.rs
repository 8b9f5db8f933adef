//! `pnpm-lock.yaml`, lockfile versions 5.x, 6, 7/8 and 9 (also multi-document
//! files, as pnpm 10+ writes with its own `packageManagerDependencies` first).
//!
//! Every entry of `packages` is one package, at the line of its key. Keys are
//! dependency paths: `/name/1.2.3_peer@1` (v5), `/@s/name@1.2.3(peer@1)` (v6),
//! `name@1.2.3` (v9). Entries that carry `name`/`version` (git, tarball and
//! `file:` packages) use them, and point at the `name:` line when the key
//! does not spell the name. Sources come from `resolution`: integrity only →
//! the public registry (pnpm does not record which registry), `tarball` →
//! URL / path / GitHub tarball as git, `type: git` → git, `directory` → path.
//!
//! Flags: `direct` from the importers (or the top-level lists of a
//! single-project v5/v6 lock); `dev`/`optional` from the entry's own `dev` and
//! `optional` (v5–v8); v9 dropped `dev`, so it is computed: a package only
//! reachable from some importer's `devDependencies` through `snapshots` is
//! dev. `requiresBuild: true` (v5–v8) is the install-script fact.
//!
//! Reading: the YAML subset pnpm writes is read line by line ([`subset`],
//! then [`convert`] into the serde types of [`model`]), five times faster than a
//! general YAML parser; a file outside the subset goes through serde-saphyr.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod convert;
mod model;
mod subset;

use model::{DepRef, Deps, Doc, Lined, Pkg, Resolution, Scalar, Snapshot};

use super::LockfileError;
use super::collect::{Collector, Entries, Entry, git_source, npm_source};
use crate::ecosystem::Ecosystem;
use crate::package::{Package, Source};

pub(super) fn parse(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    // The subset pnpm writes, read directly; anything else through serde-saphyr.
    let docs = match fast_docs(text) {
        Some(docs) => docs,
        None => yaml_docs(text, path)?,
    };
    let mut out = Collector::new(Ecosystem::Npm, path);
    for doc in docs.into_iter().flatten() {
        read_doc(doc, path, &mut out)?;
    }
    Ok(out.finish())
}

/// The documents read by the subset reader, when the text stays in the subset.
fn fast_docs(text: &str) -> Option<Vec<Option<Doc>>> {
    subset::read(text)?.into_iter().map(convert::doc).collect()
}

/// The documents read by a full YAML parser.
fn yaml_docs(text: &str, path: &str) -> Result<Vec<Option<Doc>>, LockfileError> {
    serde_saphyr::from_str_multiple(text).map_err(|e| {
        let line = e
            .location()
            .and_then(|l| u32::try_from(l.line()).ok())
            .filter(|&l| l > 0);
        let msg = e.to_string();
        let first = msg.lines().next().unwrap_or("").to_string();
        LockfileError::syntax(path, line, format!("invalid YAML: {first}"))
    })
}

/// What a reader makes of a file.
#[cfg(feature = "corpus")]
pub(super) type Parsed = Result<Vec<Package>, LockfileError>;

/// Both readers' packages, for the corpus test that they agree.
#[cfg(feature = "corpus")]
pub(super) fn parse_both(text: &str, path: &str) -> (Option<Parsed>, Parsed) {
    let collect = |docs: Vec<Option<Doc>>| {
        let mut out = Collector::new(Ecosystem::Npm, path);
        for doc in docs.into_iter().flatten() {
            read_doc(doc, path, &mut out)?;
        }
        Ok(out.finish())
    };
    let fast = fast_docs(text).map(collect);
    (fast, yaml_docs(text, path).and_then(collect))
}

/// The lockfile major version: 5 (also 5.3/5.4), 6, 7, 9…
fn major(doc: &Doc) -> u32 {
    let v = match doc.lockfile_version.as_ref() {
        Some(Scalar::Text(t)) => t.split('.').next().and_then(|m| m.parse().ok()),
        Some(Scalar::Number(n)) if n.is_finite() && *n >= 0.0 => Some(n.trunc() as u32),
        _ => None,
    };
    v.unwrap_or(9)
}

fn read_doc(mut doc: Doc, path: &str, out: &mut Collector) -> Result<(), LockfileError> {
    let major = major(&doc);
    let root = Deps {
        dependencies: doc.dependencies.take(),
        dev_dependencies: doc.dev_dependencies.take(),
        optional_dependencies: doc.optional_dependencies.take(),
    };
    let importers: Vec<&Deps> = match &doc.importers {
        Some(imp) => imp.0.iter().filter_map(|(_, d)| d.as_ref()).collect(),
        None => vec![&root],
    };
    let mut direct_keys: HashSet<String> = HashSet::default();
    for deps in &importers {
        let lists = [
            &deps.dependencies,
            &deps.dev_dependencies,
            &deps.optional_dependencies,
        ];
        for (name, dep) in lists.into_iter().flatten().flat_map(|l| l.0.iter()) {
            direct_keys.insert(dep_key(name, dep.version(), major));
        }
    }
    let dev_only = if major >= 9 {
        dev_only_v9(&doc, &importers)
    } else {
        HashSet::default()
    };
    let optional_v9: HashMap<String, bool> = doc.snapshots.iter().flat_map(|s| s.0.iter()).fold(
        HashMap::default(),
        |mut m, (key, snap)| {
            let opt = snap.as_ref().and_then(|s| s.optional) == Some(true);
            let e = m.entry(strip_peers(key, major).to_string()).or_insert(true);
            *e &= opt;
            m
        },
    );
    let Some(packages) = doc.packages else {
        return Ok(());
    };
    for (key, pkg) in packages.0 {
        let pkg = pkg.unwrap_or_default();
        let base = strip_peers(key.value.trim_start_matches('/'), major).to_string();
        let (key_name, key_version) = split_key(&base, major);
        let name = match &pkg.name {
            Some(n) => n.value.as_str(),
            None if key_version.is_none() && !base.contains(':') => {
                let line = u32::try_from(key.line).ok();
                return Err(LockfileError::syntax(
                    path,
                    line,
                    format!("{:?} is not a dependency path", key.value),
                ));
            }
            // A `file:`/`link:` folder without a name, or a git key such as
            // `github.com/o/r`: nothing names a package to look up.
            None if base.starts_with("file:") || base.starts_with("link:") => continue,
            None => key_name,
        };
        let version = pkg.version.as_deref().or(key_version);
        if pkg.version.is_none()
            && !version.is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        let line = match &pkg.name {
            Some(n) if !key.value.contains(n.value.as_str()) => n.line,
            _ => key.line,
        };
        let mut entry = Entry::new(name, version, u32::try_from(line).unwrap_or(u32::MAX));
        entry.source = source(pkg.resolution.as_ref(), name);
        entry.direct = Some(direct_keys.contains(&base));
        if major >= 9 {
            entry.dev = dev_only.contains(&base);
            entry.optional = optional_v9.get(&base).copied().unwrap_or(false);
        } else {
            entry.dev = pkg.dev == Some(true);
            entry.optional = pkg.optional == Some(true);
        }
        if pkg.requires_build == Some(true) {
            entry.facts.install_scripts = Some(vec!["install".into()]);
        }
        out.push(entry);
    }
    Ok(())
}

/// The `packages` key (without leading `/` and peers) an importer's
/// dependency `name: version` points at.
fn dep_key(name: &str, version: &str, major: u32) -> String {
    let v = strip_peers(version, major);
    if let Some(path) = v.strip_prefix('/') {
        return path.to_string();
    }
    // Already a key: `github.com/…`, `file:…`, a v5 tarball `@host/….tgz`,
    // or a v9 alias `real@1.2.3`.
    if v.contains('/') || v.contains(':') || v.get(1..).is_some_and(|r| r.contains('@')) {
        return v.to_string();
    }
    if major >= 6 {
        format!("{name}@{v}")
    } else {
        format!("{name}/{v}")
    }
}

/// Drops the peer-dependency suffix: `(peer@1)` (v6+) or `_peer@1` (v5).
fn strip_peers(key: &str, major: u32) -> &str {
    if major >= 6 {
        return key.split('(').next().unwrap_or(key);
    }
    let last = key.rfind('/').map_or(0, |i| i + 1);
    match key[last..].find('_') {
        Some(at) => &key[..last + at],
        None => key,
    }
}

/// `name@1.2.3` (v6+) or `name/1.2.3` (v5) into name and version; a leading
/// registry host (`registry.npmjs.org/foo/1.1.0`) is not part of the name.
fn split_key(key: &str, major: u32) -> (&str, Option<&str>) {
    let key = match key.split_once('/') {
        Some((host, rest))
            if host.contains('.') && !host.starts_with('@') && !host.contains(':') =>
        {
            rest
        }
        _ => key,
    };
    let at = if major >= 6 {
        key.get(1..).and_then(|r| r.find('@')).map(|i| i + 1)
    } else {
        key.rfind('/')
    };
    match at {
        Some(i) => (&key[..i], Some(&key[i + 1..]).filter(|v| !v.is_empty())),
        None => (key, None),
    }
}

fn source(res: Option<&Resolution>, name: &str) -> Source {
    let Some(r) = res else {
        return Source::DEFAULT_REGISTRY;
    };
    if let (Some(repo), Some(commit)) = (&r.repo, &r.commit) {
        return git_source(&format!("{repo}#{commit}"));
    }
    if let Some(dir) = &r.directory {
        return Source::Path { path: dir.clone() };
    }
    if let Some(t) = &r.tarball {
        if let Some(rest) = t.strip_prefix("https://codeload.github.com/") {
            let parts: Vec<&str> = rest.split('/').collect();
            if let [owner, repo, _, rev, ..] = parts[..] {
                return Source::Git {
                    url: format!("https://github.com/{owner}/{repo}"),
                    rev: Some(rev.to_string()),
                };
            }
        }
        return npm_source(Some(t), name);
    }
    Source::DEFAULT_REGISTRY
}

/// v9: the `packages` keys reachable from some importer's devDependencies and
/// from none of its dependencies or optionalDependencies.
fn dev_only_v9(doc: &Doc, importers: &[&Deps]) -> HashSet<String> {
    let graph: HashMap<&str, Vec<String>> = doc
        .snapshots
        .iter()
        .flat_map(|s| s.0.iter())
        .map(|(key, snap)| {
            let deps = snap
                .iter()
                .flat_map(|s| [&s.dependencies, &s.optional_dependencies]);
            let edges = deps
                .flatten()
                .flat_map(|l| l.0.iter())
                .map(|(n, v)| snapshot_key(n, v))
                .collect();
            (key.as_str(), edges)
        })
        .collect();
    let walk = |roots: Vec<String>| {
        let mut seen: HashSet<String> = HashSet::default();
        let mut stack = roots;
        while let Some(k) = stack.pop() {
            if let Some(next) = graph.get(k.as_str()) {
                stack.extend(next.iter().filter(|n| !seen.contains(*n)).cloned());
            }
            seen.insert(k);
        }
        seen.into_iter()
            .map(|k| strip_peers(&k, 9).to_string())
            .collect::<HashSet<_>>()
    };
    let roots = |pick: fn(&Deps) -> &Option<Entries<DepRef>>| {
        importers
            .iter()
            .flat_map(|d| pick(d).iter().flat_map(|l| l.0.iter()))
            .map(|(n, d)| snapshot_key(n, d.version()))
            .collect::<Vec<_>>()
    };
    let mut prod_roots = roots(|d| &d.dependencies);
    prod_roots.extend(roots(|d| &d.optional_dependencies));
    let prod = walk(prod_roots);
    let dev = walk(roots(|d| &d.dev_dependencies));
    dev.into_iter().filter(|k| !prod.contains(k)).collect()
}

/// The v9 snapshot key of a dependency `name: version(peers)` (or an alias
/// whose version is already a key, `real@1.2.3`).
fn snapshot_key(name: &str, version: &str) -> String {
    if version
        .get(1..)
        .is_some_and(|r| r.split('(').next().is_some_and(|v| v.contains('@')))
    {
        version.to_string()
    } else {
        format!("{name}@{version}")
    }
}

#[cfg(test)]
mod tests;
