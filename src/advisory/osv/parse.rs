//! Parsing and validation: one OSV JSON document into a [`Record`], dropping
//! other ecosystems and `GIT` ranges, rejecting unorderable range versions.

use std::borrow::Cow;

use crate::advisory::severity;
use crate::ecosystem::Ecosystem;
use crate::finding::Severity;
use crate::version::{SemverVersion, Version};

use super::raw::{RawAffected, RawRecord};
use super::{Affected, AffectedSpec, Event, Range, RangeKind, Record, RecordError};

impl Record {
    /// Parses and validates one OSV JSON document. Affected entries for other
    /// ecosystems are dropped (a record with none left is still returned, so
    /// a withdrawal of it replaces an older copy); `GIT` ranges are ignored.
    pub fn from_json(bytes: &[u8]) -> Result<Record, RecordError> {
        let raw: RawRecord<'_> =
            serde_json::from_slice(bytes).map_err(|e| RecordError::Json(e.to_string()))?;
        let id = raw.id.trim().to_string();
        if id.is_empty() {
            return Err(RecordError::NoId);
        }
        let mut affected = Vec::new();
        for (index, a) in raw.affected.unwrap_or_default().into_iter().enumerate() {
            let Some(pkg) = &a.package else { continue };
            let Some(eco) = Ecosystem::from_osv(&pkg.ecosystem) else {
                continue;
            };
            affected.push(convert_affected(&id, eco, index, a)?);
        }
        let severity = severity::record_severity(
            raw.severity
                .iter()
                .flatten()
                .map(|s| (s.kind.as_ref(), s.score.as_ref())),
            raw.database_specific
                .as_ref()
                .and_then(|d| d.severity.0.as_deref()),
        );
        let summary = match raw.summary.filter(|s| !s.trim().is_empty()) {
            Some(s) => s.into_owned(),
            None => raw.details.map(|d| first_line(&d)).unwrap_or_default(),
        };
        Ok(Record {
            modified: raw.modified.map(Cow::into_owned).unwrap_or_default(),
            published: raw.published.map(Cow::into_owned),
            withdrawn: raw.withdrawn.is_some_and(|w| !w.trim().is_empty()),
            aliases: raw.aliases.unwrap_or_default(),
            summary,
            severity,
            affected,
            id,
        })
    }
}

fn convert_affected(
    id: &str,
    eco: Ecosystem,
    index: usize,
    a: RawAffected<'_>,
) -> Result<Affected, RecordError> {
    let name = a
        .package
        .as_ref()
        .map(|p| eco.normalize(&p.name))
        .unwrap_or_default();
    let mut spec = AffectedSpec {
        versions: a.versions.unwrap_or_default(),
        ranges: Vec::new(),
    };
    for r in a.ranges.into_iter().flatten() {
        let kind = match r.kind.as_ref() {
            "SEMVER" => RangeKind::Semver,
            "ECOSYSTEM" => RangeKind::Ecosystem,
            _ => continue, // GIT: commit ranges say nothing about registry versions
        };
        let mut events = Vec::with_capacity(r.events.len());
        for e in r.events {
            let ev = match (e.introduced, e.fixed, e.last_affected, e.limit) {
                (Some(v), _, _, _) => Event::Introduced(v),
                (_, Some(v), _, _) => Event::Fixed(v),
                (_, _, Some(v), _) => Event::LastAffected(v),
                (_, _, _, Some(v)) => Event::Limit(v),
                _ => {
                    return Err(RecordError::EmptyEvent {
                        id: id.to_string(),
                        index,
                    });
                }
            };
            check_version(id, eco, kind, index, ev.version())?;
            events.push(ev);
        }
        spec.ranges.push(Range { kind, events });
    }
    let severity = severity::record_severity(
        a.severity
            .iter()
            .flatten()
            .map(|s| (s.kind.as_ref(), s.score.as_ref())),
        a.ecosystem_specific
            .as_ref()
            .and_then(|d| d.severity.0.as_deref()),
    );
    let informational = a.database_specific.and_then(|d| d.informational.0);
    Ok(Affected {
        ecosystem: eco,
        name,
        spec,
        severity: (severity != Severity::Unknown).then_some(severity),
        informational,
    })
}

/// Every range version must be orderable, or the record cannot be evaluated exactly.
fn check_version(
    id: &str,
    eco: Ecosystem,
    kind: RangeKind,
    index: usize,
    v: &str,
) -> Result<(), RecordError> {
    if v == "0" {
        return Ok(());
    }
    let bad = |why: String| RecordError::BadVersion {
        id: id.to_string(),
        ecosystem: eco,
        version: v.to_string(),
        index,
        why,
    };
    match kind {
        RangeKind::Semver => SemverVersion::parse(v)
            .map(drop)
            .map_err(|e| bad(e.to_string())),
        RangeKind::Ecosystem => Version::parse(eco, v).map(drop).map_err(|e| bad(e.why)),
    }
}

fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = line.chars().take(160).collect();
    if line.chars().count() > 160 {
        out.push('…');
    }
    out
}
