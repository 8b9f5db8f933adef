//! `Cargo.lock`, versions 1 to 4.
//!
//! The file is read with `toml_parser`, the event parser under the `toml`
//! crate: a receiver ([`Packages`]) keeps the `name`, `version` and `source`
//! of every `[[package]]` table and skips everything else (dependency lists,
//! checksums), so no document tree is built; every string and key is still
//! decoded and checked, and any syntax error fails the file at its line.
//! That made this reader about twice as fast as `toml::from_str` into a
//! mirror struct, which in turn replaced `cargo_lock::Lockfile` (it also
//! resolves every dependency reference, so refuses lockfiles whose
//! `dependencies` name a missing package, where ccdeps wants every package it
//! can read). The corpus test checks that this reader and
//! `cargo_lock::Lockfile` agree on every real Cargo.lock and on the RustSec
//! v1–v4 examples. Each source string is parsed by `cargo-lock`'s `SourceId`
//! (git `?branch=…#commit`, sparse and git registries, paths).
//!
//! Sources: crates.io (git or sparse index) is the default registry; other
//! registries keep their index URL (without credentials); git sources carry
//! the locked commit; packages with no `source` are workspace members,
//! reported as [`Source::Path`] `"."` (the lockfile's folder: Cargo.lock does
//! not record a member's own path). Cargo.lock records neither direct nor dev
//! dependencies. Each package is at its `name = …` line.

use std::borrow::Cow;
use std::collections::HashMap;

use cargo_lock::package::{SourceId, SourceKind};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, ParseError, Raw, Span};

use super::LockfileError;
use super::collect::{Collector, Entry, clean_url, registry};
use super::lines::LineIndex;
use crate::ecosystem::Ecosystem;
use crate::package::{Package, Source};

/// One `[[package]]` table as read: values with the offset of `name`.
#[derive(Default)]
struct RawPackage {
    at: usize,
    name: Option<(String, usize)>,
    version: Option<String>,
    source: Option<String>,
}

/// Where the receiver is in the document.
#[derive(Default)]
struct Packages<'i> {
    input: &'i str,
    /// Inside a `[...]` or `[[...]]` header: its keys so far.
    header: Option<Vec<Cow<'i, str>>>,
    header_is_array: bool,
    /// The current table is a `[[package]]` element.
    current: Option<RawPackage>,
    done: Vec<RawPackage>,
    /// Nesting of arrays and inline tables inside the current value.
    depth: usize,
    /// The key of the current top-level key/value, unless dotted.
    key: Option<Cow<'i, str>>,
    dotted: bool,
    /// Keys seen in the current package (a repeated one is an error, as for `toml`).
    seen: Vec<String>,
    /// Problems found here rather than by the parser: (offset, message).
    problems: Vec<(usize, String)>,
}

impl<'i> Packages<'i> {
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'i> {
        let text = self.input.get(span.start()..span.end()).unwrap_or("");
        Raw::new_unchecked(text, encoding, span)
    }

    fn close_table(&mut self) {
        if let Some(p) = self.current.take() {
            self.done.push(p);
        }
        self.seen.clear();
    }
}

impl<'i> EventReceiver for Packages<'i> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close_table();
        self.header = Some(Vec::new());
        self.header_is_array = false;
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_table();
        self.header = Some(Vec::new());
        self.header_is_array = true;
        self.current = Some(RawPackage {
            at: span.start(),
            ..RawPackage::default()
        });
    }

    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        let header = self.header.take().unwrap_or_default();
        if header != ["package"] {
            self.current = None;
        }
    }

    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.header = None;
    }

    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.depth += 1;
        true
    }

    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.depth += 1;
        true
    }

    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let mut key: Cow<'i, str> = Cow::Borrowed("");
        self.raw(span, encoding).decode_key(&mut key, error);
        if let Some(h) = self.header.as_mut() {
            h.push(key);
        } else if self.depth == 0 && !self.dotted {
            self.key = Some(key);
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.header.is_none() && self.depth == 0 {
            self.key = None; // a dotted key: not one of ours
            self.dotted = true;
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        let wanted = match (&self.current, self.depth, self.key.as_deref()) {
            (Some(_), 0, Some(k @ ("name" | "version" | "source"))) => Some(k.to_string()),
            _ => None,
        };
        let Some(key) = wanted else {
            let _ = raw.decode_scalar(&mut (), error); // checked, not kept
            return;
        };
        let mut value = String::new();
        let kind = raw.decode_scalar(&mut value, error);
        if !matches!(kind, ScalarKind::String) {
            self.problems.push((
                span.start(),
                format!("`{key}` must be a string, not {}", kind.description()),
            ));
            return;
        }
        if self.seen.contains(&key) {
            self.problems
                .push((span.start(), format!("duplicate key `{key}`")));
            return;
        }
        self.seen.push(key.clone());
        if let Some(p) = self.current.as_mut() {
            match key.as_str() {
                "name" => p.name = Some((value, span.start())),
                "version" => p.version = Some(value),
                _ => p.source = Some(value),
            }
        }
    }

    fn newline(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.depth == 0 {
            self.key = None;
            self.dotted = false;
        }
    }
}

pub(super) fn parse(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let lines = LineIndex::new(text);
    let fail = |at: usize, why: &str| {
        LockfileError::syntax(
            path,
            Some(lines.line(at)),
            format!("invalid Cargo.lock: {why}"),
        )
    };
    let tokens = toml_parser::Source::new(text).lex().into_vec();
    let mut receiver = Packages {
        input: text,
        ..Packages::default()
    };
    let mut errors: Vec<ParseError> = Vec::new();
    parse_document(&tokens, &mut receiver, &mut errors);
    receiver.close_table();
    if let Some(e) = errors.first() {
        let at = e.unexpected().or(e.context()).map_or(0, |s| s.start());
        return Err(fail(at, e.description()));
    }
    if let Some((at, why)) = receiver.problems.first() {
        return Err(fail(*at, why));
    }
    let mut out = Collector::new(Ecosystem::CratesIo, path);
    // Every package of a lockfile has the same one or two sources: read each once.
    let mut sources: HashMap<String, Option<Source>> = HashMap::new();
    for p in receiver.done {
        let (Some((name, at)), Some(version)) = (p.name, p.version) else {
            return Err(fail(p.at, "a [[package]] without `name` or `version`"));
        };
        let line = lines.line(at);
        let mut e = Entry::new("", None, line);
        e.source = match p.source {
            None => Source::Path {
                path: ".".to_string(),
            },
            Some(s) => {
                if !sources.contains_key(&s) {
                    sources.insert(s.clone(), source(&s));
                }
                match sources.get(&s).cloned().flatten() {
                    Some(known) => known,
                    None => {
                        let why = format!("{name:?}: unknown source {s:?}");
                        return Err(LockfileError::syntax(path, Some(line), why));
                    }
                }
            }
        };
        (e.name, e.version) = (name, Some(version));
        out.push(e);
    }
    Ok(out.finish())
}

/// A `source = "…"` string, as cargo-lock reads it.
pub(crate) fn source(s: &str) -> Option<Source> {
    let id = SourceId::from_url(s).ok()?;
    Some(if id.is_default_registry() {
        Source::DEFAULT_REGISTRY
    } else {
        match id.kind() {
            SourceKind::Git(_) => {
                let mut url = id.url().clone();
                url.set_query(None);
                url.set_fragment(None);
                Source::Git {
                    url: clean_url(url.as_str()),
                    rev: id.precise().map(str::to_string),
                }
            }
            SourceKind::Path | SourceKind::LocalRegistry => Source::Path {
                path: id.url().path().to_string(),
            },
            _ => registry(id.url().as_str()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_lines() {
        let text = r#"# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "tokio"]

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "ddc6f9cc94d67c0e21aaf7eda3a010fd3af78ebf6e096aa6e2e13c79749cce4f"

[[package]]
name = "tokio"
version = "1.0.0"
source = "git+https://github.com/tokio-rs/tokio?branch=master#0123456789abcdef"

[[package]]
name = "corp"
version = "2.0.0"
source = "sparse+https://crates.corp.example/index/"
"#;
        let p = parse(text, "Cargo.lock").unwrap_or_default();
        let got: Vec<_> = p
            .iter()
            .map(|p| {
                (
                    p.name.to_string(),
                    p.locations[0].line,
                    p.source.to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("app".into(), 5, "path .".into()),
                ("serde".into(), 10, "registry".into()),
                (
                    "tokio".into(),
                    16,
                    "git https://github.com/tokio-rs/tokio#0123456789abcdef".into()
                ),
                (
                    "corp".into(),
                    21,
                    "registry https://crates.corp.example/index".into()
                ),
            ]
        );
    }

    #[test]
    fn repeated_mistyped_missing_or_badly_escaped_values_are_errors() {
        let cases = [
            (
                "[[package]]\nname = \"a\"\nname = \"b\"\nversion = \"1\"\n",
                "Cargo.lock:3: invalid Cargo.lock: duplicate key `name`",
            ),
            (
                "[[package]]\nname = \"a\"\nversion = 1\n",
                "Cargo.lock:3: invalid Cargo.lock: `version` must be a string",
            ),
            (
                "x = 1\n\n[[package]]\nversion = \"1\"\n",
                "Cargo.lock:3: invalid Cargo.lock: a [[package]] without",
            ),
            (
                "[[package]]\nname = \"a\\q\"\nversion = \"1\"\n",
                "Cargo.lock:2: invalid Cargo.lock",
            ),
            // A value ccdeps does not keep is still checked.
            (
                "[[package]]\nname = \"a\"\nversion = \"1\"\nchecksum = \"\\q\"\n",
                "Cargo.lock:4: invalid Cargo.lock",
            ),
        ];
        for (text, want) in cases {
            let msg = parse(text, "Cargo.lock")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(msg.starts_with(want), "{text:?}: {msg}");
        }
        // Other tables, dotted and inline keys named like ours are not packages.
        let text = "[metadata]\nname = \"m\"\n\n[[package]]\nname = \"a\"\nversion = \"1\"\nx = { name = \"n\" }\nname2.version = \"9\"\n\n[[patch.unused]]\nname = \"p\"\nversion = \"2\"\n";
        let got: Vec<String> = parse(text, "Cargo.lock")
            .unwrap_or_default()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(got, ["a@1"]);
    }

    #[test]
    fn malformed_names_the_line() {
        let err = parse(
            "version = 3\n\n[[package]]\nname = \"x\nversion = \"1\"\n",
            "Cargo.lock",
        )
        .err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.starts_with("Cargo.lock:4: invalid Cargo.lock"), "{msg}");
    }
}
