//! OSV records: the on-disk schema (private serde mirror types, lenient where
//! real data varies) and the validated, compact form ccdeps stores.
//!
//! Only the fields ccdeps uses are read; unknown fields are ignored, as the
//! OSV schema asks of consumers.
//!
//! - this file: the validated model ([`Record`], [`Affected`], ranges, events);
//! - `raw`: the serde mirror of the on-disk schema;
//! - `parse`: [`Record::from_json`], validation into the model.

use serde::{Deserialize, Serialize};

use crate::ecosystem::Ecosystem;
use crate::finding::Severity;

mod parse;
mod raw;

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
