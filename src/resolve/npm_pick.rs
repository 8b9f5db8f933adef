//! npm specs and version choice: what a dependency value means
//! (`^1.2`, `latest`, `npm:x@1`, `github:u/r`, `file:…`) and which version
//! npm-pick-manifest takes for a range — the `latest` dist-tag when it
//! satisfies and fits `engines.node`, else the highest satisfying version,
//! preferring non-deprecated, engine-compatible ones.

use std::sync::Arc;

use nodejs_semver::{Range, Version};

use crate::package::Source;
use crate::registry::npm::{Manifest, Packument};

/// What an npm dependency value means.
#[derive(Debug, PartialEq)]
pub enum Spec {
    Range(String),
    Tag(String),
    /// `npm:real@range`.
    Alias {
        name: String,
        spec: String,
    },
    /// git, URL, file, link, workspace: not from the registry.
    Other(Source),
}

/// Classifies a dependency value (`^1.2`, `latest`, `npm:x@1`, `github:u/r`).
pub fn classify(spec: &str) -> Spec {
    let s = spec.trim();
    if let Some(rest) = s.strip_prefix("npm:") {
        let (name, range) = match rest.strip_prefix('@') {
            Some(scoped) => match scoped.split_once('@') {
                Some((n, r)) => (format!("@{n}"), r.to_string()),
                None => (rest.to_string(), String::new()),
            },
            None => match rest.split_once('@') {
                Some((n, r)) => (n.to_string(), r.to_string()),
                None => (rest.to_string(), String::new()),
            },
        };
        return Spec::Alias { name, spec: range };
    }
    let git = ["git+", "git:", "github:", "gitlab:", "bitbucket:", "gist:"];
    if git.iter().any(|p| s.starts_with(p)) {
        return Spec::Other(Source::Git {
            url: crate::redact::url(s),
            rev: None,
        });
    }
    if s.starts_with("http://") || s.starts_with("https://") {
        return Spec::Other(Source::Url {
            url: crate::redact::url(s),
        });
    }
    for p in ["file:", "link:", "workspace:", "portal:", "patch:"] {
        if let Some(path) = s.strip_prefix(p) {
            return Spec::Other(Source::Path {
                path: path.to_string(),
            });
        }
    }
    if s.starts_with("./") || s.starts_with("../") || s.starts_with('/') || s.starts_with("~/") {
        return Spec::Other(Source::Path {
            path: s.to_string(),
        });
    }
    // npm-package-arg reads a bare name as the range `*`: the `latest` tag
    // is then preferred only when its engines fit (npm-pick-manifest).
    if s.is_empty() {
        return Spec::Range("*".into());
    }
    if Range::parse(s).is_ok() {
        return Spec::Range(s.to_string());
    }
    // `user/repo` is a GitHub shorthand; anything else is a dist-tag name.
    if s.contains('/') && !s.contains(' ') {
        return Spec::Other(Source::Git {
            url: format!("github:{s}"),
            rev: None,
        });
    }
    Spec::Tag(s.to_string())
}

/// A packument's versions, parsed once and sorted newest first.
pub(super) struct Versions {
    pub(super) doc: Arc<Packument>,
    pub(super) sorted: Vec<(Version, String)>,
}

impl Versions {
    pub(super) fn new(doc: Arc<Packument>) -> Versions {
        let mut sorted: Vec<(Version, String)> = doc
            .version_keys()
            .filter_map(|k| Some((Version::parse(k).ok()?, k.clone())))
            .collect();
        sorted.sort_by(|a, b| b.0.cmp(&a.0));
        Versions { doc, sorted }
    }
}

/// npm-pick-manifest's choice for `range`.
pub(super) fn pick(v: &Versions, range: &Range, node: Option<&Version>) -> Option<String> {
    let engine_ok = |m: &Manifest| match (node, m.engine_node().map(Range::parse)) {
        (Some(n), Some(Ok(r))) => r.satisfies_with_prerelease(n, true),
        _ => true,
    };
    if let Some(latest) = v.doc.dist_tags.get("latest")
        && Version::parse(latest).is_ok_and(|lv| range.satisfies(&lv))
        && let Some(m) = v.doc.manifest(latest)
        && engine_ok(&m)
        && m.deprecation().is_none()
    {
        return Some(latest.clone());
    }
    // Sort key: (not deprecated and engine ok, engine ok, not deprecated), then version.
    let mut best: Option<((bool, bool, bool), &String)> = None;
    for (ver, raw) in v.sorted.iter().filter(|(ver, _)| range.satisfies(ver)) {
        let _ = ver;
        let Some(m) = v.doc.manifest(raw) else {
            continue;
        };
        let (e, d) = (engine_ok(&m), m.deprecation().is_none());
        let score = (e && d, e, d);
        if score == (true, true, true) {
            return Some(raw.clone());
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, raw));
        }
    }
    best.map(|(_, r)| r.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_dependency_values() {
        assert_eq!(classify(""), Spec::Range("*".into()));
        assert_eq!(classify("^1.2.0 || ~2"), Spec::Range("^1.2.0 || ~2".into()));
        assert_eq!(classify("next"), Spec::Tag("next".into()));
        assert_eq!(
            classify("npm:@scope/real@^2"),
            Spec::Alias {
                name: "@scope/real".into(),
                spec: "^2".into()
            }
        );
        assert!(matches!(
            classify("github:u/r"),
            Spec::Other(Source::Git { .. })
        ));
        assert!(matches!(classify("u/r"), Spec::Other(Source::Git { .. })));
        assert!(matches!(
            classify("file:../x"),
            Spec::Other(Source::Path { .. })
        ));
        assert!(matches!(
            classify("https://user:pw@h/x.tgz"),
            Spec::Other(Source::Url { url }) if !url.contains("pw")
        ));
        assert_eq!(classify("~1.2.3"), Spec::Range("~1.2.3".into()));
    }
}
