//! pip requirements files (`requirements.txt`, `requirements.in`, compiled
//! `uv pip compile`/`pip-compile` output), read as pip reads them.
//!
//! - Logical lines: `\` continues a line; `#` starts a comment at the start of
//!   a line or after whitespace (a URL's `#egg=` is not one). A package's line
//!   is the first physical line of its logical line.
//! - `-r`/`--requirement` and `-c`/`--constraint` include another file,
//!   relative to the including file, read through [`Files`]; a cycle or a
//!   missing file is an error at the include line. Constraint pins are
//!   reported like requirements (they decide what gets installed).
//! - `--index-url`/`-i` anywhere in a file makes its packages come from that
//!   registry (pip applies it to the whole file). Other options are ignored.
//! - Requirements (PEP 508): `name[extras] spec ; marker --hash=…`. A single
//!   `==`/`===` clause without a wildcard pins the version; anything else is
//!   reported with `version: None` and the `requirement` as written. Markers
//!   are not evaluated (the package may be installed somewhere).
//! - Direct references are not registry packages: `name @ url`, and URL or
//!   VCS lines naming the package with `#egg=` (or a wheel file name) are
//!   [`Source::Git`], [`Source::Url`] or [`Source::Path`]. A bare local path
//!   or URL that names no package is skipped: there is nothing to look up.
//! - A line pip would refuse (`asdf==`, `==1.0`, text after the version) is an
//!   error naming the file and line: pip installs nothing from such a file.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use super::collect::{Collector, Entry, clean_url, git_source, registry};
use super::{Files, LockfileError, into_text};
use crate::ecosystem::Ecosystem;
use crate::package::{Package, Source};

mod line;

use self::line::{Requirement, parse_requirement};

/// Parses a requirements file and every file it includes.
pub(super) fn parse(files: &dyn Files, path: &Path) -> Result<Vec<Package>, LockfileError> {
    let name = path.to_string_lossy().into_owned();
    let mut out = Collector::new(Ecosystem::PyPI, &name);
    let mut reader = Reader {
        files: Some(files),
        stack: Vec::new(),
        out: &mut out,
    };
    reader.file(path, &name, None)?;
    Ok(out.finish())
}

/// Parses requirements text alone (includes are not followed).
pub(super) fn parse_str(text: &str, name: &str) -> Result<Vec<Package>, LockfileError> {
    let mut out = Collector::new(Ecosystem::PyPI, name);
    let mut reader = Reader {
        files: None,
        stack: Vec::new(),
        out: &mut out,
    };
    reader.text(text, Path::new(name), name)?;
    Ok(out.finish())
}

struct Reader<'a> {
    files: Option<&'a dyn Files>,
    /// The files being read, outermost first (for cycle detection).
    stack: Vec<PathBuf>,
    out: &'a mut Collector,
}

impl Reader<'_> {
    fn file(
        &mut self,
        path: &Path,
        name: &str,
        from: Option<(&str, u32)>,
    ) -> Result<(), LockfileError> {
        let Some(files) = self.files else {
            return Ok(());
        };
        let bytes = files.read(path).map_err(|source| match from {
            Some((including, line)) => LockfileError::Include {
                path: including.to_string(),
                line,
                target: name.to_string(),
                source,
            },
            None => LockfileError::Io {
                path: name.to_string(),
                source,
            },
        })?;
        let text = into_text(bytes, name)?;
        self.stack.push(normalize(path));
        self.text(&text, path, name)?;
        self.stack.pop();
        Ok(())
    }

    fn text(&mut self, text: &str, path: &Path, name: &str) -> Result<(), LockfileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = logical_lines(text);
        let source = index_url(&lines).map_or(Source::DEFAULT_REGISTRY, registry);
        for (line, content) in &lines {
            let line = *line;
            if let Some(target) = include_target(content) {
                let target_path = normalize(&path.parent().unwrap_or(Path::new("")).join(target));
                let target_name = target_path.to_string_lossy().into_owned();
                if self.files.is_some() && self.stack.contains(&target_path) {
                    return Err(LockfileError::IncludeCycle {
                        path: name.to_string(),
                        line,
                        target: target_name,
                    });
                }
                self.file(&target_path, &target_name, Some((name, line)))?;
                continue;
            }
            let editable = content
                .strip_prefix("-e ")
                .or_else(|| content.strip_prefix("--editable "));
            if content.starts_with('-') && editable.is_none() {
                continue; // a global option
            }
            let req = match parse_requirement(editable.unwrap_or(content).trim()) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(why) => return Err(LockfileError::syntax(name, Some(line), why)),
            };
            let mut entry = entry(req, line);
            if entry.source == Source::DEFAULT_REGISTRY {
                entry.source = source.clone();
            }
            self.out.push_at(entry, Some(name));
        }
        Ok(())
    }
}

fn entry(req: Requirement<'_>, line: u32) -> Entry {
    let mut e = Entry::new(req.name, req.pinned, line);
    if req.pinned.is_none() && !req.spec.is_empty() {
        e.requirement = Some(req.spec.to_string());
    }
    if let Some(url) = req.url {
        e.version = req.url_version.map(str::to_string);
        e.requirement = None;
        e.source = url_source(url);
    }
    e
}

/// The source of a direct reference: VCS (`git+…@rev`), a local file, or a URL.
fn url_source(url: &str) -> Source {
    let url = url.split('#').next().unwrap_or(url);
    if let Some(rest) = url.strip_prefix("git+") {
        // pip: `git+https://host/repo.git@rev` (the `@` after the path).
        let path_start = rest.find("://").map_or(0, |i| i + 3);
        let slash = rest[path_start..]
            .find('/')
            .map_or(rest.len(), |i| path_start + i);
        return match rest[slash..].rfind('@') {
            Some(at) => git_source(&format!(
                "{}#{}",
                &rest[..slash + at],
                &rest[slash + at + 1..]
            )),
            None => git_source(rest),
        };
    }
    for vcs in ["hg+", "svn+", "bzr+"] {
        if url.starts_with(vcs) {
            return Source::Git {
                url: clean_url(url),
                rev: None,
            };
        }
    }
    if let Some(p) = url
        .strip_prefix("file://")
        .or_else(|| url.strip_prefix("file:"))
    {
        return Source::Path {
            path: p.to_string(),
        };
    }
    if url.contains("://") {
        Source::Url {
            url: clean_url(url),
        }
    } else {
        Source::Path {
            path: url.to_string(),
        }
    }
}

/// Joins `\` continuations and strips comments: (first line, content).
fn logical_lines(text: &str) -> Vec<(u32, Cow<'_, str>)> {
    let mut out = Vec::new();
    // A line continued with `\\`: where it started and what it holds so far.
    let mut current: Option<(u32, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let n = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let stripped = strip_comment(raw);
        let (body, continued) = match stripped.trim_end().strip_suffix('\\') {
            Some(b) => (b, true),
            None => (stripped, false),
        };
        let body = body.trim();
        match (current.take(), continued) {
            // The common case, a line on its own: borrowed, not copied.
            (None, false) if !body.is_empty() => out.push((n, Cow::Borrowed(body))),
            (None, false) => {}
            (prev, _) => {
                let (start, mut acc) = prev.unwrap_or((n, String::new()));
                if !acc.is_empty() && !body.is_empty() {
                    acc.push(' ');
                }
                acc.push_str(body);
                if continued {
                    current = Some((start, acc));
                } else if !acc.is_empty() {
                    out.push((start, Cow::Owned(acc)));
                }
            }
        }
    }
    if let Some((start, acc)) = current.filter(|(_, a)| !a.is_empty()) {
        out.push((start, Cow::Owned(acc)));
    }
    out
}

fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// The file named by `-r`/`-c` (in any of pip's spellings, `-rfile` too).
fn include_target(line: &str) -> Option<&str> {
    for flag in ["--requirement", "--constraint"] {
        if let Some(rest) = line
            .strip_prefix(flag)
            .filter(|r| r.starts_with(['=', ' ', '\t']))
        {
            return Some(rest.trim_start_matches('=').trim()).filter(|t| !t.is_empty());
        }
    }
    for flag in ["-r", "-c"] {
        if let Some(rest) = line.strip_prefix(flag) {
            return Some(rest.strip_prefix('=').unwrap_or(rest).trim()).filter(|t| !t.is_empty());
        }
    }
    None
}

/// The file's `--index-url`/`-i`, when it sets one.
fn index_url<'a>(lines: &'a [(u32, Cow<'_, str>)]) -> Option<&'a str> {
    lines.iter().rev().find_map(|(_, l)| {
        let rest = l
            .strip_prefix("--index-url")
            .or_else(|| l.strip_prefix("-i"))?;
        let url = rest.strip_prefix('=').unwrap_or(rest).trim();
        (!url.is_empty()).then_some(url)
    })
}

/// Lexical normalization (`a/./b/../c` → `a/c`) so cycles are recognized.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests;
