//! PyPI versions: PEP 440 through `pep440_rs`, and legacy (non-PEP 440) strings.
//!
//! PyPI still serves releases whose versions predate PEP 440 (`0.9-doduo`,
//! `2004d`). `packaging` < 22 ordered them with `LegacyVersion`, before every
//! PEP 440 version; OSV's own PyPI ordering keeps that rule, so we do too and a
//! PyPI version string is never "unorderable".

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A PyPI version: PEP 440 when it parses, legacy otherwise.
#[derive(Clone, Debug)]
pub enum PypiVersion {
    Pep440(pep440_rs::Version),
    Legacy(LegacyVersion),
}

impl PypiVersion {
    pub fn parse(s: &str) -> PypiVersion {
        match pep440_rs::Version::from_str(s.trim()) {
            Ok(v) => PypiVersion::Pep440(v),
            Err(_) => PypiVersion::Legacy(LegacyVersion::new(s)),
        }
    }

    /// PEP 440 pre-releases and dev releases.
    pub fn is_prerelease(&self) -> bool {
        match self {
            PypiVersion::Pep440(v) => v.any_prerelease(),
            PypiVersion::Legacy(_) => false,
        }
    }

    /// The PEP 440 version, when there is one.
    pub fn pep440(&self) -> Option<&pep440_rs::Version> {
        match self {
            PypiVersion::Pep440(v) => Some(v),
            PypiVersion::Legacy(_) => None,
        }
    }
}

impl PartialEq for PypiVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for PypiVersion {}
impl PartialOrd for PypiVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PypiVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (PypiVersion::Pep440(a), PypiVersion::Pep440(b)) => a.cmp(b),
            (PypiVersion::Legacy(a), PypiVersion::Legacy(b)) => a.key.cmp(&b.key),
            (PypiVersion::Legacy(_), PypiVersion::Pep440(_)) => Ordering::Less,
            (PypiVersion::Pep440(_), PypiVersion::Legacy(_)) => Ordering::Greater,
        }
    }
}

impl fmt::Display for PypiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PypiVersion::Pep440(v) => v.fmt(f),
            PypiVersion::Legacy(v) => f.write_str(&v.raw),
        }
    }
}

/// A pre-PEP 440 version with `packaging`'s legacy sort key.
#[derive(Clone, Debug)]
pub struct LegacyVersion {
    raw: String,
    key: Vec<String>,
}

impl LegacyVersion {
    pub fn new(s: &str) -> LegacyVersion {
        LegacyVersion {
            raw: s.to_string(),
            key: legacy_key(&s.to_lowercase()),
        }
    }
}

/// Splits like `re.split(r"(\d+|[a-z]+|\.|-)")`: runs of digits, runs of
/// letters, single `.` or `-`, and runs of anything else.
fn legacy_tokens(s: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Digit,
        Alpha,
        Sep,
        Other,
    }
    let class = |c: char| match c {
        '0'..='9' => Class::Digit,
        'a'..='z' => Class::Alpha,
        '.' | '-' => Class::Sep,
        _ => Class::Other,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    for (i, c) in s.char_indices() {
        let k = class(c);
        let boundary = match prev {
            None => false,
            Some(p) => p != k || k == Class::Sep,
        };
        if boundary {
            out.push(&s[start..i]);
            start = i;
        }
        prev = Some(k);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `packaging`'s `_legacy_cmpkey` (the epoch is always -1, so it is left out).
fn legacy_key(s: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let push = |part: String, parts: &mut Vec<String>| {
        if part.starts_with('*') {
            if part.as_str() < "*final" {
                while parts.last().is_some_and(|p| p == "*final-") {
                    parts.pop();
                }
            }
            while parts.last().is_some_and(|p| p == "00000000") {
                parts.pop();
            }
        }
        parts.push(part);
    };
    for tok in legacy_tokens(s) {
        let tok = match tok {
            "pre" | "preview" | "rc" => "c",
            "-" => "final-",
            "dev" => "@",
            t => t,
        };
        if tok.is_empty() || tok == "." {
            continue;
        }
        let part = if tok.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{tok:0>8}")
        } else {
            format!("*{tok}")
        };
        push(part, &mut parts);
    }
    push("*final".to_string(), &mut parts);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> PypiVersion {
        PypiVersion::parse(s)
    }

    #[test]
    fn pep440_basics() {
        assert!(v("1.0.dev0") < v("1.0a0"));
        assert!(v("1.0") < v("1.0.post1"));
        assert!(v("1!0.1") > v("2.0"));
        assert!(v("1.0.0+local") > v("1.0.0"));
        assert_eq!(v("1.0"), v("1.0.0"));
        assert!(v("0.9.rev") < v("1.0"));
    }

    #[test]
    fn legacy_before_pep440() {
        assert!(matches!(v("0.9-doduo"), PypiVersion::Legacy(_)));
        assert!(v("0.1-bulbasaur") < v("0.1-charmander"));
        assert!(v("0.9-ivysaur") < v("1.0"));
        assert!(v("-class.-jw.util.version.version-pre") < v("1.0"));
    }
}
