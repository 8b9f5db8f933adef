//! OSV records: the on-disk schema (private serde mirror types, lenient where
//! real data varies) and the validated, compact form ccdeps stores.
//!
//! Only the fields ccdeps uses are read; unknown fields are ignored, as the
//! OSV schema asks of consumers.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::ecosystem::Ecosystem;
use crate::finding::Severity;
use crate::version::{SemverVersion, Version};

use super::severity;

#[derive(Deserialize)]
struct RawRecord<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    modified: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    published: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    withdrawn: Option<Cow<'a, str>>,
    #[serde(default)]
    aliases: Option<Vec<String>>,
    #[serde(default, borrow)]
    summary: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    details: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    severity: Option<Vec<RawSeverity<'a>>>,
    #[serde(default, borrow)]
    affected: Option<Vec<RawAffected<'a>>>,
    #[serde(default)]
    database_specific: Option<RawSpecific>,
}

/// The parts of `database_specific` / `ecosystem_specific` ccdeps reads;
/// everything else in those free-form objects is skipped unparsed.
#[derive(Deserialize, Default)]
struct RawSpecific {
    #[serde(default)]
    severity: Lenient,
    #[serde(default)]
    informational: Lenient,
}

/// A free-form value that is kept only when it is a string: feeds put
/// numbers, objects or `null` in the same keys, and none of those may reject
/// the record.
#[derive(Default)]
struct Lenient(Option<String>);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Lenient;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lenient, E> {
                Ok(Lenient(Some(v.to_string())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_none<E>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Lenient, D::Error> {
                d.deserialize_any(V)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Lenient, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Lenient, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Lenient(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct RawSeverity<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    score: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawAffected<'a> {
    #[serde(borrow)]
    package: Option<RawPackage<'a>>,
    #[serde(default, borrow)]
    ranges: Option<Vec<RawRange<'a>>>,
    #[serde(default)]
    versions: Option<Vec<String>>,
    #[serde(default, borrow)]
    severity: Option<Vec<RawSeverity<'a>>>,
    #[serde(default)]
    database_specific: Option<RawSpecific>,
    #[serde(default)]
    ecosystem_specific: Option<RawSpecific>,
}

#[derive(Deserialize)]
struct RawPackage<'a> {
    #[serde(borrow)]
    ecosystem: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawRange<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default)]
    events: Vec<RawEvent>,
}

#[derive(Deserialize)]
struct RawEvent {
    introduced: Option<String>,
    fixed: Option<String>,
    last_affected: Option<String>,
    limit: Option<String>,
}

/// How a range's versions are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RangeKind {
    /// SemVer 2.0 precedence, whatever the ecosystem.
    #[serde(rename = "S")]
    Semver,
    /// The ecosystem's own order (PEP 440 for PyPI, SemVer for npm/crates.io).
    #[serde(rename = "E")]
    Ecosystem,
}

/// One range event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    #[serde(rename = "i")]
    Introduced(String),
    #[serde(rename = "f")]
    Fixed(String),
    #[serde(rename = "l")]
    LastAffected(String),
    #[serde(rename = "x")]
    Limit(String),
}

impl Event {
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    #[serde(rename = "k")]
    pub kind: RangeKind,
    #[serde(rename = "e")]
    pub events: Vec<Event>,
}

/// What makes one package's versions affected: explicit versions and ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedSpec {
    #[serde(rename = "v", default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<Range>,
}

impl AffectedSpec {
    /// The `fixed` versions of the ranges, in record order (the way forward in a report).
    pub fn fixed(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in self.ranges.iter().flat_map(|r| &r.events) {
            if let Event::Fixed(v) = e
                && !out.contains(&v.as_str())
            {
                out.push(v);
            }
        }
        out
    }
}

/// One `affected[]` entry for an ecosystem ccdeps handles.
#[derive(Clone, Debug, PartialEq)]
pub struct Affected {
    pub ecosystem: Ecosystem,
    /// Normalized package name.
    pub name: String,
    pub spec: AffectedSpec,
    /// Per-package severity when the record rates packages differently.
    pub severity: Option<Severity>,
    /// RustSec `informational` kind (`unmaintained`, `unsound`, `notice`).
    pub informational: Option<String>,
}

/// A validated OSV record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub modified: String,
    pub published: Option<String>,
    pub withdrawn: bool,
    pub aliases: Vec<String>,
    pub summary: String,
    pub severity: Severity,
    pub affected: Vec<Affected>,
}

impl Record {
    /// A malware record: an OSV `MAL-` id, or a copy of one in another
    /// database (RustSec and GHSA republish malicious-package reports with
    /// the `MAL-` id among their aliases).
    pub fn is_malware(&self) -> bool {
        self.id.starts_with("MAL-") || self.aliases.iter().any(|a| a.starts_with("MAL-"))
    }
}

/// Why a record was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("record has no id")]
    NoId,
    #[error("{id}: unparseable {ecosystem} version {version:?} in affected[{index}] ({why})")]
    BadVersion {
        id: String,
        ecosystem: Ecosystem,
        version: String,
        index: usize,
        why: String,
    },
    #[error("{id}: affected[{index}] has an event with no version")]
    EmptyEvent { id: String, index: usize },
}

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
