//! Affected specs compiled at import for the SemVer ecosystems (npm,
//! crates.io): every version already turned into its order key
//! ([`SemverVersion::order_key`]) and every range's events already sorted,
//! so a lookup evaluates an entry by comparing bytes, parsing nothing.
//!
//! The evaluation is [`matcher`](super::matcher)'s, step for step: a listed
//! version matches when equal; a range's events are walked in version order
//! (`introduced: "0"` first, ties in record order), `introduced <= v` turns
//! "affected" on, `fixed <= v` and `last_affected < v` turn it off; limits
//! (`*` excepted) require `v` below one of them. Versions that do not parse
//! are left out, as the matcher skips them. The JSON spec stays the source
//! of truth: an entry that cannot be compiled is stored without this form
//! and evaluated from JSON.
//!
//! Encoding: a sequence of items, each a tag byte, then for keyed items a
//! length byte and the key.

use std::cmp::Ordering;

use crate::ecosystem::Ecosystem;
use crate::version::SemverVersion;

use super::osv::{AffectedSpec, Event};

const LISTED: u8 = b'v';
const RANGE: u8 = b'r';
const INTRODUCED_ZERO: u8 = b'0';
const INTRODUCED: u8 = b'i';
const FIXED: u8 = b'f';
const LAST_AFFECTED: u8 = b'l';
const LIMIT: u8 = b'x';

/// A compiled entry that does not decode (a database written by another build).
#[derive(Debug, thiserror::Error)]
#[error("compiled affected spec is malformed at byte {0}")]
pub struct Malformed(usize);

fn key(v: &str) -> Option<Option<Vec<u8>>> {
    match SemverVersion::parse(v) {
        Ok(s) => s.order_key().map(Some),
        // Unparseable: skipped, as the matcher skips it.
        Err(_) => Some(None),
    }
}

fn push(out: &mut Vec<u8>, tag: u8, key: &[u8]) -> Option<()> {
    out.push(tag);
    out.push(u8::try_from(key.len()).ok()?);
    out.extend_from_slice(key);
    Some(())
}

/// The compiled form of `spec` for `ecosystem`, or `None` when it has none
/// (PyPI, or a version whose key does not fit).
pub fn compile(ecosystem: Ecosystem, spec: &AffectedSpec) -> Option<Vec<u8>> {
    if ecosystem == Ecosystem::PyPI {
        return None;
    }
    let mut out = Vec::new();
    for v in &spec.versions {
        if let Some(k) = key(v)? {
            push(&mut out, LISTED, &k)?;
        }
    }
    for range in &spec.ranges {
        out.push(RANGE);
        // (None = introduced "0", before everything; key; tag)
        let mut events: Vec<(Option<Vec<u8>>, u8)> = Vec::new();
        for ev in &range.events {
            let tag = match ev {
                Event::Limit(v) if v == "*" => continue,
                Event::Limit(_) => LIMIT,
                Event::Introduced(v) if v == "0" => {
                    events.push((None, INTRODUCED_ZERO));
                    continue;
                }
                Event::Introduced(_) => INTRODUCED,
                Event::Fixed(_) => FIXED,
                Event::LastAffected(_) => LAST_AFFECTED,
            };
            let Some(k) = key(ev.version())? else {
                continue;
            };
            if tag == LIMIT {
                push(&mut out, LIMIT, &k)?;
            } else {
                events.push((Some(k), tag));
            }
        }
        events.sort_by(|a, b| a.0.cmp(&b.0)); // stable; `None` (zero) first
        for (k, tag) in events {
            match k {
                Some(k) => push(&mut out, tag, &k)?,
                None => out.push(tag),
            }
        }
    }
    Some(out)
}

/// One range being walked.
#[derive(Default)]
struct RangeState {
    open: bool,
    affected: bool,
    has_limit: bool,
    below_limit: bool,
}

impl RangeState {
    fn contains(&self) -> bool {
        self.open && self.affected && (!self.has_limit || self.below_limit)
    }
}

/// Does the compiled entry cover the version whose order key is `target`?
pub fn affects(target: &[u8], compiled: &[u8]) -> Result<bool, Malformed> {
    let mut range = RangeState::default();
    let mut i = 0;
    while let Some(&tag) = compiled.get(i) {
        if tag == RANGE || tag == INTRODUCED_ZERO {
            i += 1;
            if tag == RANGE {
                if range.contains() {
                    return Ok(true);
                }
                range = RangeState {
                    open: true,
                    ..RangeState::default()
                };
            } else {
                range.affected = true; // every version is at or after "0"
            }
            continue;
        }
        let len = usize::from(*compiled.get(i + 1).ok_or(Malformed(i))?);
        let k = compiled.get(i + 2..i + 2 + len).ok_or(Malformed(i))?;
        let ord = target.cmp(k);
        match tag {
            LISTED if ord == Ordering::Equal => return Ok(true),
            LISTED => {}
            INTRODUCED => range.affected |= ord != Ordering::Less,
            FIXED if ord != Ordering::Less => range.affected = false,
            LAST_AFFECTED if ord == Ordering::Greater => range.affected = false,
            FIXED | LAST_AFFECTED => {}
            LIMIT => {
                range.has_limit = true;
                range.below_limit |= ord == Ordering::Less;
            }
            _ => return Err(Malformed(i)),
        }
        i += 2 + len;
    }
    Ok(range.contains())
}
