//! The TOML Python lockfiles: `poetry.lock`, `uv.lock` and `pylock.toml` (PEP 751).
//!
//! All three are arrays of package tables; each package is reported at the
//! line of its `name = …` key (a `toml::Spanned` name), which is the line that
//! names it.
//!
//! - poetry: `[package.source]` gives git (`resolved_reference` is the
//!   commit), another index (`legacy`), a URL, or a file/directory. `dev` from
//!   the old `category = "dev"` or from `groups` without `main` (poetry 2);
//!   `optional` as written. poetry.lock does not record direct dependencies.
//! - uv: `source` is `registry`, `git` (`url?rev=…#commit`), `url`, `path`,
//!   `directory`, `editable` or `virtual`; the last two are the project's own
//!   workspace members, reported as [`Source::Path`] like Cargo workspace
//!   members. `direct` is "a member depends on it"; `dev` / `optional` mean
//!   reachable from the members only through `dev-dependencies` groups /
//!   `optional-dependencies` extras.
//! - pylock: `vcs` (git, `commit-id`), `directory`, `archive`, `index`.
//!   pylock records neither direct nor dev dependencies.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::LockfileError;
use super::collect::{Collector, Entry, clean_url, git_source, registry};
use super::lines::LineIndex;
use crate::ecosystem::{Ecosystem, normalize_pypi};
use crate::package::{Package, Source};

fn from_toml<'a, T: Deserialize<'a>>(
    text: &'a str,
    path: &str,
    lines: &LineIndex,
) -> Result<T, LockfileError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| lines.line(s.start));
        let msg = e.message().to_string();
        LockfileError::syntax(path, line, format!("invalid TOML: {msg}"))
    })
}

fn line_of(name: &Spanned<String>, lines: &LineIndex) -> u32 {
    lines.line(name.span().start)
}

#[derive(Deserialize)]
struct PoetryLock {
    #[serde(default)]
    package: Vec<PoetryPackage>,
}

#[derive(Deserialize)]
struct PoetryPackage {
    name: Spanned<String>,
    version: Option<String>,
    category: Option<String>,
    groups: Option<Vec<String>>,
    optional: Option<bool>,
    source: Option<PoetrySource>,
}

#[derive(Deserialize)]
struct PoetrySource {
    #[serde(rename = "type")]
    kind: Option<String>,
    url: Option<String>,
    reference: Option<String>,
    resolved_reference: Option<String>,
}

pub(super) fn parse_poetry(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let lines = LineIndex::new(text);
    let lock: PoetryLock = from_toml(text, path, &lines)?;
    let mut out = Collector::new(Ecosystem::PyPI, path);
    for p in lock.package {
        let mut e = Entry::new(
            &p.name.get_ref().clone(),
            p.version.as_deref(),
            line_of(&p.name, &lines),
        );
        e.source = match &p.source {
            None => Source::DEFAULT_REGISTRY,
            Some(s) => {
                let url = s.url.clone().unwrap_or_default();
                match s.kind.as_deref() {
                    Some("git") => Source::Git {
                        url: clean_url(&url),
                        rev: s.resolved_reference.clone().or_else(|| s.reference.clone()),
                    },
                    Some("file" | "directory") => Source::Path { path: url },
                    Some("url") => Source::Url {
                        url: clean_url(&url),
                    },
                    _ => registry(&url),
                }
            }
        };
        e.dev = p.category.as_deref() == Some("dev")
            || p.groups
                .as_ref()
                .is_some_and(|g| !g.is_empty() && !g.iter().any(|g| g == "main"));
        e.optional = p.optional == Some(true);
        out.push(e);
    }
    Ok(out.finish())
}

#[derive(Deserialize)]
struct UvLock {
    #[serde(default)]
    package: Vec<UvPackage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct UvPackage {
    name: Spanned<String>,
    version: Option<String>,
    source: Option<HashMap<String, toml::Value>>,
    #[serde(default)]
    dependencies: Vec<UvDep>,
    #[serde(default)]
    optional_dependencies: HashMap<String, Vec<UvDep>>,
    #[serde(default)]
    dev_dependencies: HashMap<String, Vec<UvDep>>,
}

#[derive(Deserialize)]
struct UvDep {
    name: String,
}

pub(super) fn parse_uv(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let lines = LineIndex::new(text);
    let lock: UvLock = from_toml(text, path, &lines)?;
    let is_member = |p: &UvPackage| {
        p.source
            .as_ref()
            .is_some_and(|s| s.contains_key("virtual") || s.contains_key("editable"))
    };
    let names = |deps: &[UvDep]| {
        deps.iter()
            .map(|d| normalize_pypi(&d.name))
            .collect::<Vec<_>>()
    };
    let graph: HashMap<String, Vec<String>> = lock
        .package
        .iter()
        .map(|p| {
            let mut next = names(&p.dependencies);
            next.extend(p.optional_dependencies.values().flat_map(|d| names(d)));
            (normalize_pypi(p.name.get_ref()), next)
        })
        .collect();
    let members: Vec<&UvPackage> = lock.package.iter().filter(|p| is_member(p)).collect();
    let prod = reach(
        &graph,
        members
            .iter()
            .flat_map(|m| names(&m.dependencies))
            .collect(),
    );
    let extras = reach(
        &graph,
        members
            .iter()
            .flat_map(|m| m.optional_dependencies.values().flat_map(|d| names(d)))
            .collect(),
    );
    let dev = reach(
        &graph,
        members
            .iter()
            .flat_map(|m| m.dev_dependencies.values().flat_map(|d| names(d)))
            .collect(),
    );
    let direct: HashSet<String> = members
        .iter()
        .flat_map(|m| {
            let groups = m
                .optional_dependencies
                .values()
                .chain(m.dev_dependencies.values());
            names(&m.dependencies)
                .into_iter()
                .chain(groups.flat_map(|d| names(d)))
        })
        .collect();
    let mut out = Collector::new(Ecosystem::PyPI, path);
    for p in &lock.package {
        let name = p.name.get_ref();
        let key = normalize_pypi(name);
        let mut e = Entry::new(name, p.version.as_deref(), line_of(&p.name, &lines));
        e.source = uv_source(p.source.as_ref());
        let member = is_member(p);
        e.direct = Some(!member && direct.contains(&key));
        e.dev = !member && dev.contains(&key) && !prod.contains(&key) && !extras.contains(&key);
        e.optional = !member && extras.contains(&key) && !prod.contains(&key);
        out.push(e);
    }
    Ok(out.finish())
}

/// Every name reachable from `roots` (included) in `graph`.
fn reach(graph: &HashMap<String, Vec<String>>, roots: Vec<String>) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut stack = roots;
    while let Some(n) = stack.pop() {
        if seen.insert(n.clone())
            && let Some(next) = graph.get(&n)
        {
            stack.extend(next.iter().cloned());
        }
    }
    seen
}

fn uv_source(source: Option<&HashMap<String, toml::Value>>) -> Source {
    let Some(s) = source else {
        return Source::DEFAULT_REGISTRY;
    };
    let s: HashMap<&str, &str> = s
        .iter()
        .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?)))
        .collect();
    if let Some(url) = s.get("registry") {
        return registry(url);
    }
    if let Some(git) = s.get("git") {
        // `https://host/repo?rev=main#<commit>`: the fragment is the commit.
        let (base, commit) = git.split_once('#').unwrap_or((git, ""));
        let base = base.split('?').next().unwrap_or(base);
        return git_source(&format!("{base}#{commit}"));
    }
    if let Some(url) = s.get("url") {
        return Source::Url {
            url: clean_url(url),
        };
    }
    for key in ["path", "directory", "editable", "virtual"] {
        if let Some(p) = s.get(key) {
            return Source::Path {
                path: p.to_string(),
            };
        }
    }
    Source::DEFAULT_REGISTRY
}

#[derive(Deserialize)]
struct Pylock {
    #[serde(default)]
    packages: Vec<PylockPackage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct PylockPackage {
    name: Spanned<String>,
    version: Option<String>,
    index: Option<String>,
    vcs: Option<PylockVcs>,
    directory: Option<PylockPath>,
    archive: Option<PylockArchive>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct PylockVcs {
    url: Option<String>,
    path: Option<String>,
    commit_id: Option<String>,
}

#[derive(Deserialize)]
struct PylockPath {
    path: String,
}

#[derive(Deserialize)]
struct PylockArchive {
    url: Option<String>,
    path: Option<String>,
}

pub(super) fn parse_pylock(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let lines = LineIndex::new(text);
    let lock: Pylock = from_toml(text, path, &lines)?;
    let mut out = Collector::new(Ecosystem::PyPI, path);
    for p in lock.packages {
        let mut e = Entry::new(
            p.name.get_ref(),
            p.version.as_deref(),
            line_of(&p.name, &lines),
        );
        e.source = if let Some(vcs) = &p.vcs {
            let url = vcs
                .url
                .clone()
                .or_else(|| vcs.path.clone())
                .unwrap_or_default();
            Source::Git {
                url: clean_url(&url),
                rev: vcs.commit_id.clone(),
            }
        } else if let Some(dir) = &p.directory {
            Source::Path {
                path: dir.path.clone(),
            }
        } else if let Some(a) = &p.archive {
            match (&a.url, &a.path) {
                (Some(url), _) => Source::Url {
                    url: clean_url(url),
                },
                (None, path) => Source::Path {
                    path: path.clone().unwrap_or_default(),
                },
            }
        } else {
            p.index
                .as_deref()
                .map_or(Source::DEFAULT_REGISTRY, registry)
        };
        out.push(e);
    }
    Ok(out.finish())
}
