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

/// A SemVer version; numeric parts of any length compare (see `Num`).
#[derive(Clone, Debug)]
pub struct SemverVersion {
    raw: String,
    core: [Num; 3],
    pre: Vec<Ident>,
}

/// A numeric part without leading zeros: up to 19 digits as a `u64` (no
/// allocation: matching parses thousands of versions per lookup batch),
/// longer ones as their digits, which are always larger.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Num {
    Small(u64),
    Big(Box<str>),
}

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
    /// `digits` is ASCII digits only (the parser checks).
    fn new(digits: &str) -> Num {
        let t = digits.trim_start_matches('0');
        if t.len() <= 19 {
            // 19 digits never overflow a u64.
            Num::Small(
                t.bytes()
                    .fold(0u64, |n, b| n * 10 + u64::from(b.wrapping_sub(b'0'))),
            )
        } else {
            Num::Big(t.into())
        }
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Num::Small(a), Num::Small(b)) => a.cmp(b),
            (Num::Small(_), Num::Big(_)) => Ordering::Less,
            (Num::Big(_), Num::Small(_)) => Ordering::Greater,
            (Num::Big(a), Num::Big(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        }
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

/// The numeric core of `input` (loose prefix skipped) and the text after it.
fn parse_core(input: &str) -> Result<([Num; 3], &str), SemverError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(SemverError::Empty);
    }
    // npm loose mode: any mix of leading `v`, `=` and spaces.
    let s = s.trim_start_matches(|c: char| c == 'v' || c == 'V' || c == '=' || c.is_whitespace());
    let bytes = s.as_bytes();
    let mut core: [Num; 3] = [Num::Small(0), Num::Small(0), Num::Small(0)];
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
    Ok((core, &s[i..]))
}

impl SemverVersion {
    /// False only when `other` is a version whose major.minor.patch differ
    /// from this one's, so it cannot be equal: a check that allocates
    /// nothing, for comparing against many listed versions.
    pub fn may_equal(&self, other: &str) -> bool {
        parse_core(other).is_ok_and(|(core, _)| core == self.core)
    }

    pub fn parse(input: &str) -> Result<SemverVersion, SemverError> {
        let (core, rest) = parse_core(input)?;
        // Pre-release: `-x.y`, or loosely `x.y` glued to the patch (`1.2.3beta`).
        let dashed = rest.starts_with('-');
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
        if dashed && pre_str.is_empty() {
            return Err(SemverError::BadPrerelease);
        }
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

    /// Bytes whose order is this version's order, and whose equality its
    /// equality: advisory matching stores the keys of a record's versions at
    /// import and compares them with the target's, parsing nothing per
    /// lookup. `None` for what it cannot encode (a number of more than 255
    /// digits, a NUL byte in a pre-release).
    ///
    /// Each number is its digit count then its digits (no leading zeros), so
    /// shorter is smaller; a release ends with 0xFF, above any pre-release,
    /// whose identifiers are 0x01 + number or 0x02 + text + 0x00 (numbers
    /// below text) and end with 0x00 (fewer identifiers first).
    pub fn order_key(&self) -> Option<Vec<u8>> {
        let mut k = Vec::with_capacity(12);
        for n in &self.core {
            push_num(&mut k, n)?;
        }
        if self.pre.is_empty() {
            k.push(0xFF);
            return Some(k);
        }
        for id in &self.pre {
            match id {
                Ident::Num(n) => {
                    k.push(0x01);
                    push_num(&mut k, n)?;
                }
                Ident::Alpha(a) if !a.as_bytes().contains(&0) => {
                    k.push(0x02);
                    k.extend_from_slice(a.as_bytes());
                    k.push(0x00);
                }
                Ident::Alpha(_) => return None,
            }
        }
        k.push(0x00);
        Some(k)
    }
}

/// Appends a number to an order key: digit count, then the digits.
fn push_num(k: &mut Vec<u8>, n: &Num) -> Option<()> {
    let mut buf = [0u8; 20];
    let digits: &[u8] = match n {
        Num::Small(v) => {
            let (mut v, mut i) = (*v, buf.len());
            loop {
                i -= 1;
                buf[i] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
            &buf[i..]
        }
        Num::Big(d) => d.as_bytes(),
    };
    k.push(u8::try_from(digits.len()).ok()?);
    k.extend_from_slice(digits);
    Some(())
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
        // Around the u64 boundary: 19 digits, 20 digits, leading zeros.
        assert!(v("9999999999999999999") < v("10000000000000000000"));
        assert!(v("18446744073709551615") < v("18446744073709551616"));
        assert_eq!(v("00000000000000000000001.0.0"), v("1.0.0"));
        assert_eq!(v("1.0.0-0000000000000000000000042"), v("1.0.0-42"));
        assert!(v("1.0.0-99999999999999999999") > v("1.0.0-9999999999999999999"));
        assert_eq!(v("1.2"), v("1.2.0"));
        assert!(v("0") < v("0.0.1"));
    }

    /// The order key sorts as the versions do, on every pair of a list
    /// that covers numbers of every length, pre-releases and build metadata.
    #[test]
    fn order_keys_sort_as_versions() {
        let vs = [
            "0",
            "0.0.0-0",
            "0.0.0-alpha",
            "0.0.1",
            "1.0.0-0",
            "1.0.0-00",
            "1.0.0-1",
            "1.0.0-9",
            "1.0.0-10",
            "1.0.0-a",
            "1.0.0-a.0",
            "1.0.0-a.b",
            "1.0.0-a-",
            "1.0.0-A",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "v1.0.0+build",
            "1.0.0+other",
            "1.0.1",
            "1.2",
            "1.2.3beta",
            "1.2.3",
            "1.10.0",
            "9999999999999999999.0.0",
            "10000000000000000000.0.0",
            "18446744073709551616.0.0",
            "99999999999999999999999.0.0",
        ];
        for a in vs {
            for b in vs {
                let (x, y) = (v(a), v(b));
                assert_eq!(x.order_key().cmp(&y.order_key()), x.cmp(&y), "{a} vs {b}");
            }
        }
        assert_eq!(v(&"9".repeat(255)).order_key().map(|k| k.len()), Some(261));
        assert_eq!(v(&"9".repeat(256)).order_key(), None);
    }

    #[test]
    fn rejects_garbage() {
        assert!(SemverVersion::parse("").is_err());
        assert!(SemverVersion::parse("abc").is_err());
        assert!(SemverVersion::parse("1.0.0-").is_err());
    }
}
