//! Exact OSV range evaluation (OSV schema, "Evaluation").
//!
//! A version is affected by an `affected[]` entry when it equals one of the
//! listed `versions` (compared as parsed versions) or falls inside one of its
//! `SEMVER`/`ECOSYSTEM` ranges. A range is evaluated as the schema's
//! reference algorithm does: events are sorted by version (stably, so the
//! record's own order decides ties), `introduced: "0"` sorts before
//! everything, and walking them in order `introduced <= v` turns "affected"
//! on, `fixed <= v` and `last_affected < v` turn it off. `limit` events cap
//! the range: with limits present, `v` must be below one of them (`*` is no limit).

use std::borrow::Cow;
use std::cmp::Ordering;

use serde::Deserialize;

use crate::ecosystem::Ecosystem;
use crate::version::{SemverVersion, Version};

use super::osv::RangeKind;

/// A stored [`AffectedSpec`](super::osv::AffectedSpec) read in place: its strings borrowed from the
/// JSON text, not copied. A lookup evaluates every entry of a package (a
/// popular one has dozens) and keeps few, so this is the form it evaluates.
#[derive(Debug, Deserialize)]
pub struct SpecView<'a> {
    #[serde(rename = "v", default, borrow)]
    versions: Vec<Cow<'a, str>>,
    #[serde(rename = "r", default, borrow)]
    ranges: Vec<RangeView<'a>>,
}

#[derive(Debug, Deserialize)]
struct RangeView<'a> {
    #[serde(rename = "k")]
    kind: RangeKind,
    #[serde(rename = "e", borrow)]
    events: Vec<EventView<'a>>,
}

/// [`Event`] borrowed; the same serialized names.
#[derive(Debug, Deserialize)]
enum EventView<'a> {
    #[serde(rename = "i")]
    Introduced(#[serde(borrow)] Cow<'a, str>),
    #[serde(rename = "f")]
    Fixed(#[serde(borrow)] Cow<'a, str>),
    #[serde(rename = "l")]
    LastAffected(#[serde(borrow)] Cow<'a, str>),
    #[serde(rename = "x")]
    Limit(#[serde(borrow)] Cow<'a, str>),
}

impl EventView<'_> {
    fn version(&self) -> &str {
        match self {
            EventView::Introduced(v)
            | EventView::Fixed(v)
            | EventView::LastAffected(v)
            | EventView::Limit(v) => v,
        }
    }
}

impl<'a> SpecView<'a> {
    /// Reads the stored JSON of an [`AffectedSpec`](super::osv::AffectedSpec).
    pub fn parse(json: &'a str) -> Result<SpecView<'a>, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// A version parsed in both orders a record may ask for.
pub struct Target<'a> {
    raw: &'a str,
    ecosystem: Ecosystem,
    eco: Option<Version>,
    semver: Option<SemverVersion>,
    /// The SemVer order key, to evaluate compiled entries.
    key: Option<Vec<u8>>,
}

impl<'a> Target<'a> {
    pub fn new(ecosystem: Ecosystem, raw: &'a str) -> Target<'a> {
        let eco = Version::parse(ecosystem, raw).ok();
        let semver = match &eco {
            Some(Version::Semver(s)) => Some(s.clone()),
            _ => None,
        };
        Target {
            raw,
            ecosystem,
            key: semver.as_ref().and_then(SemverVersion::order_key),
            eco,
            semver,
        }
    }

    /// True when the version could be parsed in its ecosystem's order.
    pub fn is_orderable(&self) -> bool {
        self.eco.is_some()
    }

    fn semver(&mut self) -> Option<&SemverVersion> {
        if self.semver.is_none() {
            self.semver = SemverVersion::parse(self.raw).ok();
        }
        self.semver.as_ref()
    }
}

/// Parsed event version: `Zero` is OSV's "before everything".
enum Point {
    Zero,
    Eco(Version),
    Semver(SemverVersion),
}

fn cmp_target(target: &mut Target<'_>, kind: RangeKind, p: &Point) -> Option<Ordering> {
    match (p, kind) {
        (Point::Zero, _) => Some(Ordering::Greater),
        (Point::Eco(e), RangeKind::Ecosystem) => target.eco.as_ref().map(|v| v.cmp(e)),
        (Point::Semver(s), RangeKind::Semver) => target.semver().map(|v| v.cmp(s)),
        _ => None,
    }
}

fn parse_point(eco: Ecosystem, kind: RangeKind, v: &str) -> Option<Point> {
    if v == "0" {
        return Some(Point::Zero);
    }
    match kind {
        RangeKind::Ecosystem => Version::parse(eco, v).ok().map(Point::Eco),
        RangeKind::Semver => SemverVersion::parse(v).ok().map(Point::Semver),
    }
}

fn point_cmp(a: &Point, b: &Point) -> Ordering {
    match (a, b) {
        (Point::Zero, Point::Zero) => Ordering::Equal,
        (Point::Zero, _) => Ordering::Less,
        (_, Point::Zero) => Ordering::Greater,
        (Point::Eco(x), Point::Eco(y)) => x.cmp(y),
        (Point::Semver(x), Point::Semver(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// Does `range` contain the target version?
fn range_contains(target: &mut Target<'_>, range: &RangeView<'_>) -> bool {
    let eco = target.ecosystem;
    let mut events: Vec<(Point, &EventView<'_>)> = Vec::with_capacity(range.events.len());
    let mut limits = Vec::new();
    for ev in &range.events {
        if let EventView::Limit(v) = ev {
            if v != "*"
                && let Some(p) = parse_point(eco, range.kind, v)
            {
                limits.push(p);
            }
            continue;
        }
        // Import rejects records with unparseable range versions, so a miss
        // here only happens for a database written by another version.
        if let Some(p) = parse_point(eco, range.kind, ev.version()) {
            events.push((p, ev));
        }
    }
    if !limits.is_empty() {
        let below_a_limit = limits
            .iter()
            .any(|l| cmp_target(target, range.kind, l) == Some(Ordering::Less));
        if !below_a_limit {
            return false;
        }
    }
    events.sort_by(|a, b| point_cmp(&a.0, &b.0)); // stable: ties keep record order
    let mut affected = false;
    for (p, ev) in &events {
        let Some(ord) = cmp_target(target, range.kind, p) else {
            return false; // the version cannot be ordered in this range's scheme
        };
        match ev {
            EventView::Introduced(_) if ord != Ordering::Less => affected = true,
            EventView::Fixed(_) if ord != Ordering::Less => affected = false,
            EventView::LastAffected(_) if ord == Ordering::Greater => affected = false,
            _ => {}
        }
    }
    affected
}

/// An affected entry as the database stores it: its spec as JSON and, for
/// the SemVer ecosystems, compiled ([`compiled`](super::compiled)).
pub struct Stored<'a> {
    pub json: &'a str,
    pub compiled: Option<&'a [u8]>,
}

/// A stored entry that cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum StoredError {
    #[error("affected spec is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Compiled(#[from] super::compiled::Malformed),
}

/// Does the stored entry cover the target version? The compiled form when
/// there is one and the target has an order key; the JSON spec otherwise.
pub fn affects_stored(target: &mut Target<'_>, entry: &Stored<'_>) -> Result<bool, StoredError> {
    if let (Some(key), Some(compiled)) = (&target.key, entry.compiled) {
        return Ok(super::compiled::affects(key, compiled)?);
    }
    Ok(affects(target, &SpecView::parse(entry.json)?))
}

/// Does the affected entry cover the target version?
pub fn affects(target: &mut Target<'_>, spec: &SpecView<'_>) -> bool {
    for listed in &spec.versions {
        if listed == target.raw {
            return true;
        }
        if let Some(Version::Semver(t)) = &target.eco
            && !t.may_equal(listed)
        {
            continue;
        }
        if let (Some(t), Ok(l)) = (&target.eco, Version::parse(target.ecosystem, listed))
            && *t == l
        {
            return true;
        }
    }
    spec.ranges.iter().any(|r| range_contains(target, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::advisory::osv::{AffectedSpec, Event, Range};

    fn range(kind: RangeKind, evs: &[(&str, &str)]) -> AffectedSpec {
        let events = evs
            .iter()
            .map(|(k, v)| match *k {
                "i" => Event::Introduced(v.to_string()),
                "f" => Event::Fixed(v.to_string()),
                "l" => Event::LastAffected(v.to_string()),
                _ => Event::Limit(v.to_string()),
            })
            .collect();
        AffectedSpec {
            versions: vec![],
            ranges: vec![Range { kind, events }],
        }
    }

    /// Through the stored forms, as lookups read them: JSON, and compiled
    /// for the SemVer ecosystems; both must agree.
    fn hit(eco: Ecosystem, spec: &AffectedSpec, v: &str) -> bool {
        let json = serde_json::to_string(spec).unwrap_or_default();
        let compiled = crate::advisory::compiled::compile(eco, spec);
        let eval = |compiled: Option<&[u8]>| {
            let entry = Stored {
                json: &json,
                compiled,
            };
            match affects_stored(&mut Target::new(eco, v), &entry) {
                Ok(b) => b,
                Err(e) => panic!("{json}: {e}"),
            }
        };
        let from_json = eval(None);
        if eco != Ecosystem::PyPI {
            assert!(compiled.is_some(), "{json}");
        }
        assert_eq!(eval(compiled.as_deref()), from_json, "{json} at {v}");
        from_json
    }

    #[test]
    fn fixed_is_exclusive_last_affected_inclusive() {
        let s = range(RangeKind::Semver, &[("i", "0"), ("f", "1.2.3")]);
        assert!(hit(Ecosystem::Npm, &s, "1.2.2"));
        assert!(hit(Ecosystem::Npm, &s, "1.2.3-rc.1"));
        assert!(!hit(Ecosystem::Npm, &s, "1.2.3"));
        let s = range(RangeKind::Semver, &[("i", "1.0.0"), ("l", "1.2.3")]);
        assert!(!hit(Ecosystem::Npm, &s, "0.9.0"));
        assert!(hit(Ecosystem::Npm, &s, "1.2.3"));
        assert!(!hit(Ecosystem::Npm, &s, "1.2.4"));
    }

    #[test]
    fn unsorted_events_and_reopened_ranges() {
        let s = range(
            RangeKind::Ecosystem,
            &[("f", "3.0"), ("i", "2.0"), ("f", "1.5"), ("i", "1.0")],
        );
        assert!(hit(Ecosystem::PyPI, &s, "1.2"));
        assert!(!hit(Ecosystem::PyPI, &s, "1.7"));
        assert!(hit(Ecosystem::PyPI, &s, "2.0.post1"));
        assert!(!hit(Ecosystem::PyPI, &s, "3.0"));
        assert!(hit(Ecosystem::PyPI, &s, "3.0rc1"));
    }

    #[test]
    fn limits() {
        let s = range(RangeKind::Semver, &[("i", "0"), ("x", "2.0.0")]);
        assert!(hit(Ecosystem::CratesIo, &s, "1.9.9"));
        assert!(!hit(Ecosystem::CratesIo, &s, "2.0.0"));
        let s = range(RangeKind::Semver, &[("i", "0"), ("x", "*")]);
        assert!(hit(Ecosystem::CratesIo, &s, "9.0.0"));
    }

    #[test]
    fn listed_versions_compare_parsed() {
        let spec = AffectedSpec {
            versions: vec!["1.0".into()],
            ranges: vec![],
        };
        assert!(hit(Ecosystem::PyPI, &spec, "1.0.0"));
        assert!(!hit(Ecosystem::PyPI, &spec, "1.0.1"));
    }
}
