//! `yarn.lock`, classic (v1) and berry (v2+, with `__metadata`).
//!
//! Both are written by yarn's own serializers as blocks: an unindented header
//! listing the descriptors the block satisfies (`"a@^1", a@^1.1:`), then
//! indented fields — `version "1.2.3"` / `resolved "url"` in v1,
//! `version: 1.2.3` / `resolution: "a@npm:1.2.3"` in berry — and deeper
//! indented lists we do not need. One hand-written pass reads both (no
//! maintained crate reads v1; berry is YAML, but yarn only ever writes this
//! subset of it, and the corpus test checks this fast path against
//! `serde-saphyr` on a real 3,500-entry berry lock).
//!
//! Each block is one package at its header line. The name is the real package
//! (`alias@npm:real@^1` installs `real`). Sources: the public registry, another
//! registry, git (also GitHub tarballs from `codeload.github.com`), tarball
//! URLs, and local paths (`file:`, `link:`, `portal:`). Berry `patch:` entries
//! are the patched registry package. The root workspace (`workspace:.`) is
//! skipped; other workspaces are [`Source::Path`] packages, as in
//! package-lock. yarn.lock does not record direct or dev dependencies.

use percent_encoding::percent_decode_str;

use super::LockfileError;
use super::collect::{Collector, Entry, git_source, is_git_spec, npm_source};
use crate::ecosystem::Ecosystem;
use crate::package::{Package, Source};

/// One block while it is being read.
struct Block<'a> {
    header: &'a str,
    line: u32,
    version: Option<&'a str>,
    /// v1 `resolved` (a URL).
    resolved: Option<&'a str>,
    /// berry `resolution` (`name@protocol:reference`).
    resolution: Option<&'a str>,
}

pub(super) fn parse(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let mut out = Collector::new(Ecosystem::Npm, path);
    let mut block: Option<Block> = None;
    let mut in_metadata = false;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let trimmed = raw.trim_end();
        if trimmed.is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        if trimmed == ":" {
            continue; // the value of a `? key` explicit key
        }
        if !trimmed.starts_with([' ', '\t']) {
            if let Some(b) = block.take() {
                finish(b, &mut out);
            }
            // yarn writes keys over 1024 characters as YAML explicit keys: `? "…"` then `:`.
            let Some(header) = trimmed
                .strip_suffix(':')
                .or_else(|| trimmed.strip_prefix("? "))
            else {
                return Err(LockfileError::syntax(
                    path,
                    Some(line),
                    format!("expected a `descriptor:` header, found {trimmed:?}"),
                ));
            };
            in_metadata = header == "__metadata";
            if !in_metadata {
                block = Some(Block {
                    header,
                    line,
                    version: None,
                    resolved: None,
                    resolution: None,
                });
            }
            continue;
        }
        if in_metadata {
            continue;
        }
        let Some(b) = block.as_mut() else {
            return Err(LockfileError::syntax(
                path,
                Some(line),
                "indented line outside any entry",
            ));
        };
        // Only the block's own fields (two spaces deep) matter.
        let Some(field) = trimmed
            .strip_prefix("  ")
            .filter(|f| !f.starts_with([' ', '\t']))
        else {
            continue;
        };
        let (key, value) = match field.split_once(": ") {
            Some((k, v)) => (k, v),
            None => field.split_once(' ').unwrap_or((field, "")),
        };
        let value = unquote(value.trim());
        match unquote(key) {
            "version" => b.version = Some(value),
            "resolved" => b.resolved = Some(value),
            "resolution" => b.resolution = Some(value),
            _ => {}
        }
    }
    if let Some(b) = block.take() {
        finish(b, &mut out);
    }
    Ok(out.finish())
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
}

/// Splits `name@range` at the `@` that ends the name (a scope's `@` is first).
fn split_descriptor(d: &str) -> (&str, &str) {
    match d.get(1..).and_then(|rest| rest.find('@')) {
        Some(at) => (&d[..at + 1], &d[at + 2..]),
        None => (d, ""),
    }
}

fn finish(b: Block, out: &mut Collector) {
    let first = b.header.split(", ").next().unwrap_or(b.header).trim();
    let (header_name, range) = split_descriptor(unquote(first));
    // An alias, `alias@npm:real@^1`, installs `real`.
    let mut name = match range.strip_prefix("npm:") {
        Some(real) if real.get(1..).is_some_and(|r| r.contains('@')) => split_descriptor(real).0,
        _ => header_name,
    };
    let source = if let Some(res) = b.resolution {
        // berry: `real@protocol:reference`.
        let (real, reference) = split_descriptor(res);
        if !real.is_empty() && !reference.is_empty() {
            name = real;
        }
        match berry_source(reference) {
            Some(s) => s,
            None => return, // the root workspace
        }
    } else if let Some(resolved) = b.resolved {
        v1_source(resolved, name)
    } else {
        range_source(range)
    };
    let mut entry = Entry::new(name, b.version.filter(|v| !v.is_empty()), b.line);
    entry.source = source;
    out.push(entry);
}

/// The source of a berry resolution reference (after `name@`); `None` for the
/// root workspace.
fn berry_source(reference: &str) -> Option<Source> {
    if reference.starts_with("npm:") {
        return Some(Source::DEFAULT_REGISTRY);
    }
    if let Some(ws) = reference.strip_prefix("workspace:") {
        return (ws != ".").then(|| Source::Path {
            path: ws.to_string(),
        });
    }
    if let Some(patched) = reference.strip_prefix("patch:") {
        // `patch:real@npm%3A1.2.3#./patches/…::version=…`: the patched package's source.
        let inner = patched.split('#').next().unwrap_or(patched);
        let inner = percent_decode_str(inner).decode_utf8_lossy();
        let (_, inner_ref) = split_descriptor(&inner);
        return berry_source(inner_ref);
    }
    for local in ["file:", "link:", "portal:", "exec:"] {
        if let Some(p) = reference.strip_prefix(local) {
            let p = p.split(['#', ':']).next().unwrap_or(p);
            return Some(Source::Path {
                path: p.to_string(),
            });
        }
    }
    if is_git_spec(reference) || reference.contains(".git#") || reference.contains("#commit=") {
        return Some(git_source(reference));
    }
    Some(v1_source(reference, ""))
}

/// The source of a classic `resolved` URL (`…/-/x-1.0.0.tgz#sha1`).
fn v1_source(resolved: &str, name: &str) -> Source {
    if let Some(rest) = resolved.strip_prefix("https://codeload.github.com/") {
        // `owner/repo/tar.gz/<commit>`: a GitHub tarball of one commit.
        let parts: Vec<&str> = rest.split('/').collect();
        if let [owner, repo, _, rev, ..] = parts[..] {
            return Source::Git {
                url: format!("https://github.com/{owner}/{repo}"),
                rev: Some(rev.to_string()),
            };
        }
    }
    if is_git_spec(resolved) || hosted_git_with_rev(resolved) {
        return git_source(resolved);
    }
    let url = resolved.split('#').next().unwrap_or(resolved);
    npm_source(Some(url), name)
}

/// `https://github.com/o/r#<rev>`: a git repository, not a tarball.
fn hosted_git_with_rev(url: &str) -> bool {
    let Some((base, _)) = url.split_once('#') else {
        return false;
    };
    let host = base
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    matches!(host, "github.com" | "gitlab.com" | "bitbucket.org") && !base.ends_with(".tgz")
}

/// The source implied by a classic descriptor range when `resolved` is absent.
fn range_source(range: &str) -> Source {
    for local in ["file:", "link:"] {
        if let Some(p) = range.strip_prefix(local) {
            return Source::Path {
                path: p.to_string(),
            };
        }
    }
    if is_git_spec(range) || hosted_git_with_rev(range) {
        return git_source(range);
    }
    Source::DEFAULT_REGISTRY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<(String, Option<String>, u32, String)> {
        match parse(text, "yarn.lock") {
            Ok(p) => p
                .iter()
                .map(|p| {
                    (
                        p.name.display().to_string(),
                        p.version.clone(),
                        p.locations[0].line,
                        p.source.to_string(),
                    )
                })
                .collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn classic() {
        let text = r#"# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.1.0":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz#dcfc826beef65e75c50e21d3837d7d95798dd658"
  dependencies:
    "@babel/highlight" "^7.12.13"

"sw@npm:string-width@^4":
  version "4.2.3"
  resolved "https://registry.yarnpkg.com/string-width/-/string-width-4.2.3.tgz#269c7117d27b05ad2e536830a8ec895ef9c6d010"

mine3@G-Rath/npm-git-repo-1:
  version "1.2.3"
  resolved "https://codeload.github.com/G-Rath/npm-git-repo-1/tar.gz/094e581aaf927d010e4b61d706ba584551dac502"

"local@file:../local":
  version "0.0.1"
"#;
        assert_eq!(
            summary(text),
            [
                ("@babel/code-frame".into(), Some("7.12.13".into()), 4, "registry".into()),
                ("string-width".into(), Some("4.2.3".into()), 10, "registry".into()),
                (
                    "mine3".into(),
                    Some("1.2.3".into()),
                    14,
                    "git https://github.com/G-Rath/npm-git-repo-1#094e581aaf927d010e4b61d706ba584551dac502".into()
                ),
                ("local".into(), Some("0.0.1".into()), 18, "path ../local".into()),
            ]
        );
    }

    #[test]
    fn berry() {
        let text = r#"__metadata:
  version: 8
  cacheKey: 10

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  languageName: unknown
  linkType: soft

"lib@workspace:packages/lib":
  version: 1.0.0
  resolution: "lib@workspace:packages/lib"

"resolve@npm:^1.1.7":
  version: 1.22.1
  resolution: "resolve@npm:1.22.1"

"resolve@patch:resolve@npm%3A^1.1.7#~builtin<compat/resolve>":
  version: 1.22.1
  resolution: "resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1&hash=07638b"

"vuejs@https://github.com/vuejs/vue.git":
  version: 2.5.0
  resolution: "vuejs@https://github.com/vuejs/vue.git#commit=0948d999f2fddf9f90991956493f976273c5da1f"

"sw@npm:string-width@^4":
  version: 4.2.3
  resolution: "string-width@npm:4.2.3"
"#;
        let got = summary(text);
        assert_eq!(
            got,
            [
                (
                    "lib".into(),
                    Some("1.0.0".into()),
                    11,
                    "path packages/lib".into()
                ),
                (
                    "resolve".into(),
                    Some("1.22.1".into()),
                    15,
                    "registry".into()
                ),
                (
                    "vuejs".into(),
                    Some("2.5.0".into()),
                    23,
                    "git https://github.com/vuejs/vue.git#0948d999f2fddf9f90991956493f976273c5da1f"
                        .into()
                ),
                (
                    "string-width".into(),
                    Some("4.2.3".into()),
                    27,
                    "registry".into()
                ),
            ]
        );
        let lock = parse(text, "yarn.lock").unwrap_or_default();
        let lines: Vec<u32> = lock[1].locations.iter().map(|l| l.line).collect();
        assert_eq!(lines, [15, 19], "the patched entry is the same package");
    }

    #[test]
    fn malformed() {
        let err = parse("a@^1:\n  version \"1\"\nnot a header\n", "y.lock")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("y.lock:3: expected a `descriptor:` header, found \"not a header\"")
        );
        assert!(parse("  version \"1\"\n", "y.lock").is_err());
    }
}
