//! `Pipfile.lock` (pipenv): JSON with `default` and `develop` package maps.
//!
//! Each package is at the line of its key in `default` or `develop`; packages
//! of `develop` are dev. `version` is `==1.2.3`; entries without one are git
//! (`git` + `ref`), `path`/`file` or unpinned. `index` names a source in
//! `_meta.sources`, whose URL tells the public index from another.
//! Pipfile.lock lists transitive dependencies too and does not mark the
//! direct ones (`direct: None`).

use std::collections::HashMap;

use serde::Deserialize;

use super::LockfileError;
use super::collect::{Collector, Entries, Entry, clean_url, git_source, registry};
use super::lines::json_keys;
use crate::ecosystem::Ecosystem;
use crate::package::{Package, Source};

#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "_meta")]
    meta: Option<Meta>,
    #[serde(default)]
    default: Entries<Option<Dep>>,
    #[serde(default)]
    develop: Entries<Option<Dep>>,
}

#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    sources: Vec<IndexSource>,
}

#[derive(Deserialize)]
struct IndexSource {
    name: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct Dep {
    version: Option<String>,
    index: Option<String>,
    git: Option<String>,
    #[serde(rename = "ref")]
    rev: Option<String>,
    path: Option<String>,
    file: Option<String>,
}

pub(super) fn parse(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
        LockfileError::syntax(path, line, format!("invalid JSON: {e}"))
    })?;
    let mut lines: HashMap<(bool, String), u32> = HashMap::new();
    json_keys(text, |p, key, line| {
        if let [group] = p
            && (group == "default" || group == "develop")
        {
            lines
                .entry((group == "develop", key.to_string()))
                .or_insert(line);
        }
    });
    let indexes: HashMap<&str, &str> = raw
        .meta
        .iter()
        .flat_map(|m| m.sources.iter())
        .filter_map(|s| Some((s.name.as_deref()?, s.url.as_deref()?)))
        .collect();
    let mut out = Collector::new(Ecosystem::PyPI, path);
    for (dev, group) in [(false, &raw.default), (true, &raw.develop)] {
        for (name, dep) in &group.0 {
            let Some(d) = dep else { continue };
            let line = lines.get(&(dev, name.clone())).copied().unwrap_or(1);
            let version = d
                .version
                .as_deref()
                .map(|v| v.trim_start_matches("===").trim_start_matches("=="));
            let pinned = d
                .version
                .as_deref()
                .is_some_and(|v| v.starts_with("==") && !v.contains(['*', ',']));
            let mut e = Entry::new(name, version.filter(|_| pinned), line);
            if !pinned {
                e.requirement = d.version.clone().filter(|v| !v.is_empty() && v != "*");
            }
            e.source = if let Some(git) = &d.git {
                let mut s = git_source(git);
                if let (Source::Git { rev, .. }, Some(r)) = (&mut s, &d.rev) {
                    *rev = Some(r.clone());
                }
                s
            } else if let Some(p) = d
                .path
                .as_ref()
                .or(d.file.as_ref().filter(|f| !f.contains("://")))
            {
                Source::Path { path: p.clone() }
            } else if let Some(f) = &d.file {
                Source::Url { url: clean_url(f) }
            } else {
                let url = d.index.as_deref().and_then(|i| indexes.get(i).copied());
                url.map_or(Source::DEFAULT_REGISTRY, registry)
            };
            e.dev = dev;
            out.push(e);
        }
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sources_and_lines() {
        let text = r#"{
  "_meta": { "sources": [{ "name": "corp", "url": "https://pkgs.corp.example/simple" }] },
  "default": {
    "django": { "version": "==4.2.1", "index": "pypi" },
    "internal": { "version": "==1.0", "index": "corp" },
    "ike": { "git": "https://github.com/dzshn/ike", "ref": "cd66602" }
  },
  "develop": {
    "pytest": { "version": "==8.0.0" }
  }
}"#;
        let p = parse(text, "Pipfile.lock").unwrap_or_default();
        let got: Vec<_> = p
            .iter()
            .map(|p| {
                (
                    p.name.to_string(),
                    p.version.clone(),
                    p.locations[0].line,
                    p.dev,
                    p.source.to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "django".into(),
                    Some("4.2.1".into()),
                    4,
                    false,
                    "registry".into()
                ),
                (
                    "internal".into(),
                    Some("1.0".into()),
                    5,
                    false,
                    "registry https://pkgs.corp.example/simple".into()
                ),
                (
                    "ike".into(),
                    None,
                    6,
                    false,
                    "git https://github.com/dzshn/ike#cd66602".into()
                ),
                (
                    "pytest".into(),
                    Some("8.0.0".into()),
                    9,
                    true,
                    "registry".into()
                ),
            ]
        );
    }
}
