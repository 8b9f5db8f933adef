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

use std::cmp::Ordering;

use crate::ecosystem::Ecosystem;
use crate::version::{SemverVersion, Version};

use super::osv::{AffectedSpec, Event, Range, RangeKind};

/// A version parsed in both orders a record may ask for.
pub struct Target<'a> {
    raw: &'a str,
    ecosystem: Ecosystem,
    eco: Option<Version>,
    semver: Option<SemverVersion>,
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
pub fn range_contains(target: &mut Target<'_>, range: &Range) -> bool {
    let eco = target.ecosystem;
    let mut events: Vec<(Point, &Event)> = Vec::with_capacity(range.events.len());
    let mut limits = Vec::new();
    for ev in &range.events {
        if let Event::Limit(v) = ev {
            if v != "*" {
                if let Some(p) = parse_point(eco, range.kind, v) {
                    limits.push(p);
                }
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
            Event::Introduced(_) if ord != Ordering::Less => affected = true,
            Event::Fixed(_) if ord != Ordering::Less => affected = false,
            Event::LastAffected(_) if ord == Ordering::Greater => affected = false,
            _ => {}
        }
    }
    affected
}

/// Does the affected entry cover the target version?
pub fn affects(target: &mut Target<'_>, spec: &AffectedSpec) -> bool {
    for listed in &spec.versions {
        if listed == target.raw {
            return true;
        }
        if let (Some(t), Ok(l)) = (&target.eco, Version::parse(target.ecosystem, listed)) {
            if *t == l {
                return true;
            }
        }
    }
    spec.ranges.iter().any(|r| range_contains(target, r))
}

/// The `fixed` versions of the entry's ranges (the way forward in a report).
pub fn fixed_versions(spec: &AffectedSpec) -> Vec<String> {
    let mut out: Vec<String> = spec
        .ranges
        .iter()
        .flat_map(|r| &r.events)
        .filter_map(|e| match e {
            Event::Fixed(v) => Some(v.clone()),
            _ => None,
        })
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn hit(eco: Ecosystem, spec: &AffectedSpec, v: &str) -> bool {
        affects(&mut Target::new(eco, v), spec)
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
