//! Advisories: the local OSV database and exact matching of package versions
//! against it.
//!
//! - [`osv`]: reading and validating OSV records;
//! - [`matcher`]: the schema's range evaluation;
//! - [`severity`]: CVSS scoring and database labels;
//! - [`db`] / [`schema`]: the SQLite store;
//! - [`import`]: files, folders and `all.zip` exports into the store;
//! - [`update`]: downloading exports (conditional, retried) from OSV or a mirror.

pub mod db;
pub mod import;
pub mod matcher;
pub mod osv;
pub mod schema;
pub mod severity;
pub mod update;

use std::collections::BTreeSet;

use crate::ecosystem::PackageName;
use crate::finding::Severity;

pub use db::{AdvisoryDb, DbError, StoredAdvisory};

use matcher::Target;

/// One advisory (with its aliases grouped) that affects one package version.
#[derive(Clone, Debug, PartialEq)]
pub struct AdvisoryMatch {
    /// The primary id (see [`primary_rank`]).
    pub id: String,
    /// Every other id of the group: the records' own aliases and the ids of
    /// other stored records that alias them.
    pub aliases: Vec<String>,
    pub summary: String,
    pub malware: bool,
    pub severity: Severity,
    pub informational: Option<String>,
    pub fixed: Vec<String>,
}

/// Why a version could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(
        "{name}: version {version:?} cannot be ordered in {ecosystem}, so advisories cannot be evaluated"
    )]
    BadVersion {
        name: String,
        ecosystem: String,
        version: String,
    },
}

/// Which id of an alias group is shown first: malware ids, then the
/// ecosystem's own databases, then GHSA, then anything else (CVE last).
fn primary_rank(id: &str) -> u8 {
    match id.split('-').next().unwrap_or("") {
        "MAL" => 0,
        "PYSEC" | "RUSTSEC" | "NSWG" => 1,
        "GHSA" => 2,
        "CVE" => 4,
        _ => 3,
    }
}

impl AdvisoryDb {
    /// Every advisory affecting `name@version`, alias groups merged, in id order.
    pub fn matches(
        &self,
        name: &PackageName,
        version: &str,
    ) -> Result<Vec<AdvisoryMatch>, MatchError> {
        let stored = self.lookup(name.ecosystem(), name.normalized())?;
        if stored.is_empty() {
            return Ok(Vec::new());
        }
        let mut target = Target::new(name.ecosystem(), version);
        if !target.is_orderable() {
            return Err(MatchError::BadVersion {
                name: name.report_name().to_string(),
                ecosystem: name.ecosystem().to_string(),
                version: version.to_string(),
            });
        }
        let hits: Vec<StoredAdvisory> = stored
            .into_iter()
            .filter(|a| matcher::affects(&mut target, &a.spec))
            .collect();
        Ok(group(hits))
    }
}

/// Merges hits that share an id or alias into one match each.
fn group(hits: Vec<StoredAdvisory>) -> Vec<AdvisoryMatch> {
    let mut groups: Vec<(BTreeSet<String>, Vec<StoredAdvisory>)> = Vec::new();
    for hit in hits {
        let ids: BTreeSet<String> = std::iter::once(hit.id.clone())
            .chain(hit.aliases.iter().cloned())
            .collect();
        let mut merged = (ids, vec![hit]);
        let mut i = 0;
        while i < groups.len() {
            if groups[i].0.intersection(&merged.0).next().is_some() {
                let (ids, members) = groups.swap_remove(i);
                merged.0.extend(ids);
                merged.1.extend(members);
            } else {
                i += 1;
            }
        }
        groups.push(merged);
    }
    let mut out: Vec<AdvisoryMatch> = groups
        .into_iter()
        .map(|(ids, members)| {
            let primary = members
                .iter()
                .map(|m| m.id.as_str())
                .min_by_key(|id| (primary_rank(id), *id))
                .unwrap_or_default()
                .to_string();
            let aliases = ids.into_iter().filter(|i| *i != primary).collect();
            let mut fixed: Vec<String> = members
                .iter()
                .flat_map(|m| matcher::fixed_versions(&m.spec))
                .collect();
            fixed.sort();
            fixed.dedup();
            let first = members
                .iter()
                .find(|m| m.id == primary)
                .unwrap_or(&members[0]);
            AdvisoryMatch {
                summary: first.summary.clone(),
                malware: members.iter().any(|m| m.malware),
                severity: members
                    .iter()
                    .map(|m| m.severity)
                    .max()
                    .unwrap_or(Severity::Unknown),
                informational: if members.iter().all(|m| m.informational.is_some()) {
                    first.informational.clone()
                } else {
                    None
                },
                id: primary,
                aliases,
                fixed,
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
