//! Lenient SemVer 2.0 for OSV `SEMVER` ranges and npm/crates.io versions.
//!
//! Strict SemVer would reject versions that real registries and advisories
//! carry (`v1.2.3`, `=1.2.3`, `1.2`, numbers beyond `u64`), so this reader
//! follows npm's loose mode and OSV's coercion: an optional `v`/`=` prefix,
//! missing minor/patch read as 0, a pre-release with or without `-`, and
//! anything after the third numeric component treated as build metadata.
//! Precedence is SemVer 2.0 §11: build metadata never orders.

use std::cmp::Ordering;
use std::fmt;

/// A SemVer version; numeric parts are kept as digit strings so any length compares.
#[derive(Clone, Debug)]
pub struct SemverVersion {
    raw: String,
    core: [Num; 3],
    pre: Vec<Ident>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Num(String);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Ident {
    Num(Num),
    Alpha(String),
}

/// Why a string is not a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SemverError {
    Empty,
    NoNumber,
    BadPrerelease,
}

impl fmt::Display for SemverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SemverError::Empty => "empty version",
            SemverError::NoNumber => "does not start with a number",
            SemverError::BadPrerelease => "empty pre-release identifier",
        })
    }
}

impl Num {
    fn new(digits: &str) -> Num {
        let t = digits.trim_start_matches('0');
        Num(if t.is_empty() { "0".into() } else { t.into() })
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.cmp(&other.0))
    }
}
impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ident {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Ident::Num(a), Ident::Num(b)) => a.cmp(b),
            (Ident::Num(_), Ident::Alpha(_)) => Ordering::Less,
            (Ident::Alpha(_), Ident::Num(_)) => Ordering::Greater,
            (Ident::Alpha(a), Ident::Alpha(b)) => a.cmp(b),
        }
    }
}
impl PartialOrd for Ident {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl SemverVersion {
    pub fn parse(input: &str) -> Result<SemverVersion, SemverError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(SemverError::Empty);
        }
        // npm loose mode: any mix of leading `v`, `=` and spaces.
        let s =
            s.trim_start_matches(|c: char| c == 'v' || c == 'V' || c == '=' || c.is_whitespace());
        let bytes = s.as_bytes();
        let mut core: [Num; 3] = [Num::new("0"), Num::new("0"), Num::new("0")];
        let mut i = 0;
        for (k, slot) in core.iter_mut().enumerate() {
            if k > 0 {
                if i < bytes.len()
                    && bytes[i] == b'.'
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if start == i {
                return Err(SemverError::NoNumber);
            }
            *slot = Num::new(&s[start..i]);
        }
        let rest = &s[i..];
        // Pre-release: `-x.y`, or loosely `x.y` glued to the patch (`1.2.3beta`).
        let pre_and_build = rest.strip_prefix('-').unwrap_or(rest);
        let (pre_str, _build) = match pre_and_build.split_once('+') {
            Some((p, b)) => (p, Some(b)),
            None => (pre_and_build, None),
        };
        // A fourth numeric component (`1.1.3.4`) is build metadata, not a pre-release.
        let pre_str = if pre_str.starts_with('.') {
            ""
        } else {
            pre_str
        };
        let mut pre = Vec::new();
        if !pre_str.is_empty() {
            for id in pre_str.split('.') {
                if id.is_empty() {
                    return Err(SemverError::BadPrerelease);
                }
                pre.push(if id.bytes().all(|b| b.is_ascii_digit()) {
                    Ident::Num(Num::new(id))
                } else {
                    Ident::Alpha(id.to_string())
                });
            }
        }
        Ok(SemverVersion {
            raw: input.trim().to_string(),
            core,
            pre,
        })
    }

    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    /// The version as it was written.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

impl Ord for SemverVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.core
            .cmp(&other.core)
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => self.pre.cmp(&other.pre),
            })
    }
}
impl PartialOrd for SemverVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for SemverVersion {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for SemverVersion {}

impl fmt::Display for SemverVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> SemverVersion {
        SemverVersion::parse(s).expect(s)
    }

    #[test]
    fn precedence() {
        assert!(v("1.0.0-alpha") < v("1.0.0-alpha.1"));
        assert!(v("1.0.0-beta.2") < v("1.0.0-beta.11"));
        assert!(v("1.0.0-rc.1") < v("1.0.0"));
        assert!(v("1.2.3-r100") < v("1.2.3-r2"));
        assert_eq!(v("1.2.3+build"), v("1.2.3+other"));
        assert_eq!(v(" = 1.2.3"), v("1.2.3"));
        assert!(v("999999999999999999999999999991") < v("999999999999999999999999999999"));
        assert_eq!(v("1.2"), v("1.2.0"));
        assert!(v("0") < v("0.0.1"));
    }

    #[test]
    fn rejects_garbage() {
        assert!(SemverVersion::parse("").is_err());
        assert!(SemverVersion::parse("abc").is_err());
        assert!(SemverVersion::parse("1.0.0-").is_err());
    }
}
