//! crates.io sparse index files: one JSON line per published version. Lines
//! are indexed cheaply (version, yanked, byte range) and parsed in full only
//! for the versions the resolver picks.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

/// The sparse index path of a crate (`se/rd/serde`, `3/s/syn`, `1/a`).
pub fn index_path(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    match n.len() {
        1 => format!("1/{n}"),
        2 => format!("2/{n}"),
        3 => format!("3/{}/{n}", &n[..1]),
        _ => format!("{}/{}/{n}", &n[..2], &n[2..4]),
    }
}

/// One dependency of an index entry.
#[derive(Clone, Debug, Deserialize)]
pub struct IndexDep {
    /// The name the dependent uses (may be a rename).
    pub name: String,
    pub req: String,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default = "yes")]
    pub default_features: bool,
    #[serde(default)]
    pub target: Option<String>,
    /// `normal` (or absent), `build`, `dev`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Index URL of another registry; `None` = the same registry.
    #[serde(default)]
    pub registry: Option<String>,
    /// The real crate name when `name` is a rename.
    #[serde(default)]
    pub package: Option<String>,
}

fn yes() -> bool {
    true
}

impl IndexDep {
    /// The crate this dependency really names.
    pub fn crate_name(&self) -> &str {
        self.package.as_deref().unwrap_or(&self.name)
    }

    pub fn is_dev(&self) -> bool {
        self.kind.as_deref() == Some("dev")
    }
}

/// One published version, fully parsed.
#[derive(Clone, Debug, Deserialize)]
pub struct IndexEntry {
    pub name: String,
    pub vers: String,
    #[serde(default)]
    pub deps: Vec<IndexDep>,
    #[serde(default)]
    pub features: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub features2: Option<BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    pub yanked: bool,
    #[serde(default)]
    pub links: Option<String>,
    #[serde(default)]
    pub pubtime: Option<String>,
    /// SHA-256 of the `.crate` archive (hex).
    #[serde(default)]
    pub cksum: Option<String>,
}

impl IndexEntry {
    /// `features` and `features2` merged.
    pub fn all_features(&self) -> BTreeMap<String, Vec<String>> {
        let mut f = self.features.clone();
        if let Some(f2) = &self.features2 {
            for (k, v) in f2 {
                f.entry(k.clone()).or_default().extend(v.iter().cloned());
            }
        }
        f
    }
}

#[derive(Deserialize)]
struct Head {
    vers: String,
    #[serde(default)]
    yanked: bool,
}

/// One version line, indexed but not yet parsed.
#[derive(Clone, Debug)]
pub struct Line {
    pub version: semver::Version,
    pub yanked: bool,
    range: Range<usize>,
}

/// A crate's index file.
#[derive(Debug)]
pub struct CrateIndex {
    body: Arc<Vec<u8>>,
    pub lines: Vec<Line>,
}

impl CrateIndex {
    /// Indexes every well-formed line; malformed lines are skipped (cargo does the same).
    pub fn parse(body: Arc<Vec<u8>>) -> CrateIndex {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, chunk) in body.split(|b| *b == b'\n').enumerate() {
            let _ = i;
            let range = start..start + chunk.len();
            start += chunk.len() + 1;
            if chunk.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let Ok(head) = serde_json::from_slice::<Head>(chunk) else {
                continue;
            };
            let Ok(version) = semver::Version::parse(&head.vers) else {
                continue;
            };
            lines.push(Line {
                version,
                yanked: head.yanked,
                range,
            });
        }
        CrateIndex { body, lines }
    }

    /// The crate's first publication (the first line's `pubtime`, which
    /// crates published before the index recorded times lack) and its
    /// number of versions.
    pub fn history(&self) -> Option<crate::package::History> {
        let first = self.lines.first()?;
        let entry: IndexEntry = serde_json::from_slice(self.body.get(first.range.clone())?).ok()?;
        crate::package::History::from_times(entry.pubtime.as_deref(), self.lines.len())
    }

    /// The full entry of `version`.
    pub fn entry(&self, version: &semver::Version) -> Option<IndexEntry> {
        let line = self.lines.iter().find(|l| &l.version == version)?;
        serde_json::from_slice(self.body.get(line.range.clone())?).ok()
    }
}

/// The sparse registry's `config.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct IndexConfig {
    pub dl: String,
    #[serde(default)]
    pub api: Option<String>,
    #[serde(default, rename = "auth-required")]
    pub auth_required: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(index_path("a"), "1/a");
        assert_eq!(index_path("ab"), "2/ab");
        assert_eq!(index_path("syn"), "3/s/syn");
        assert_eq!(index_path("Serde"), "se/rd/serde");
    }

    #[test]
    fn lazy_lines() {
        let body = br#"{"name":"x","vers":"1.0.0","deps":[{"name":"y","req":"^1","kind":"build"}],"cksum":"","features":{"default":["y"]}}
garbage
{"name":"x","vers":"1.1.0","deps":[],"features":{},"yanked":true,"links":"z"}
"#;
        let idx = CrateIndex::parse(Arc::new(body.to_vec()));
        assert_eq!(idx.lines.len(), 2);
        // No `pubtime` on the first line: when the crate began is unknown.
        assert_eq!(idx.history(), None);
        let timed = br#"{"name":"x","vers":"0.1.0","deps":[],"features":{},"pubtime":"2019-05-01T00:00:00Z"}
{"name":"x","vers":"0.2.0","deps":[],"features":{},"pubtime":"2026-05-01T00:00:00Z"}
"#;
        let h = CrateIndex::parse(Arc::new(timed.to_vec()))
            .history()
            .expect("history");
        assert_eq!(
            (h.first_published.to_string().as_str(), h.releases),
            ("2019-05-01T00:00:00Z", 2)
        );
        assert!(idx.lines[1].yanked);
        let e = idx.entry(&semver::Version::new(1, 0, 0)).expect("entry");
        assert_eq!(e.deps[0].name, "y");
        assert!(e.deps[0].default_features);
        assert_eq!(
            idx.entry(&semver::Version::new(1, 1, 0))
                .and_then(|e| e.links)
                .as_deref(),
            Some("z")
        );
    }
}
