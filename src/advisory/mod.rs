//! Advisories: the local OSV database and exact matching of package versions
//! against it.
//!
//! - [`osv`]: reading and validating OSV records;
//! - [`matcher`]: the schema's range evaluation; [`compiled`]: the same on
//!   entries compiled at import (SemVer ecosystems);
//! - [`severity`]: CVSS scoring and database labels;
//! - [`db`] / [`schema`]: the SQLite store; `lookup`: reading one package's entries;
//! - [`import`]: files, folders and `all.zip` exports into the store;
//! - [`update`]: downloading exports (conditional, retried) from OSV or a mirror.

pub mod compiled;
pub mod db;
pub mod import;
mod lookup;
pub mod matcher;
pub mod osv;
pub mod schema;
pub mod severity;
pub mod update;

use crate::ecosystem::PackageName;
use crate::finding::Severity;

pub use db::{AdvisoryDb, DbError, StoredAdvisory};
pub use lookup::ReadSession;

use matcher::Target;

/// One advisory (with its aliases grouped) that affects one package version.
#[derive(Clone, Debug, PartialEq)]
pub struct AdvisoryMatch {
    /// The primary id (see `primary_rank`).
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
        let mut target = Target::new(name.ecosystem(), version);
        let orderable = target.is_orderable();
        let mut any = false;
        let hits = self.lookup_matching(name.ecosystem(), name.normalized(), |entry| {
            any = true;
            if !orderable {
                return Ok(false);
            }
            matcher::affects_stored(&mut target, entry)
        })?;
        if any && !orderable {
            // Advisories exist but the version cannot be placed among them.
            return Err(MatchError::BadVersion {
                name: name.report_name().to_string(),
                ecosystem: name.ecosystem().to_string(),
                version: version.to_string(),
            });
        }
        Ok(group(hits))
    }
}

/// Do two hits name the same flaw (an id or alias in common)?
fn related(a: &StoredAdvisory, b: &StoredAdvisory) -> bool {
    a.id == b.id
        || a.aliases.contains(&b.id)
        || b.aliases.contains(&a.id)
        || a.aliases.iter().any(|x| b.aliases.contains(x))
}

/// Merges hits that share an id or alias (transitively) into one match each.
/// Hits are few (a handful per package version), so groups are found by
/// comparing every pair, without building id sets.
fn group(hits: Vec<StoredAdvisory>) -> Vec<AdvisoryMatch> {
    // group_of[i]: the lowest index of the hits hit i is (transitively) related to.
    let mut group_of: Vec<usize> = (0..hits.len()).collect();
    for i in 0..hits.len() {
        for j in 0..i {
            if related(&hits[i], &hits[j]) {
                let (from, to) = (group_of[i].max(group_of[j]), group_of[i].min(group_of[j]));
                for g in group_of.iter_mut() {
                    if *g == from {
                        *g = to;
                    }
                }
            }
        }
    }
    let mut groups: Vec<Vec<StoredAdvisory>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; hits.len()];
    for (hit, g) in hits.into_iter().zip(group_of) {
        match slot[g] {
            Some(k) => groups[k].push(hit),
            None => {
                slot[g] = Some(groups.len());
                groups.push(vec![hit]);
            }
        }
    }
    let mut out: Vec<AdvisoryMatch> = groups.into_iter().map(merge).collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// One match from the hits of a group.
fn merge(mut members: Vec<StoredAdvisory>) -> AdvisoryMatch {
    let first = members
        .iter()
        .enumerate()
        .min_by_key(|(_, m)| (primary_rank(&m.id), m.id.as_str()))
        .map_or(0, |(i, _)| i);
    let malware = members.iter().any(|m| m.malware);
    let severity = members
        .iter()
        .map(|m| m.severity)
        .max()
        .unwrap_or(Severity::Unknown);
    let all_informational = members.iter().all(|m| m.informational.is_some());
    let primary = members.swap_remove(first);
    let mut aliases: Vec<String> = Vec::new();
    let mut fixed = primary.fixed;
    for m in members {
        aliases.push(m.id);
        aliases.extend(m.aliases);
        fixed.extend(m.fixed);
    }
    aliases.extend(primary.aliases);
    aliases.sort();
    aliases.dedup();
    aliases.retain(|a| *a != primary.id);
    fixed.sort();
    fixed.dedup();
    AdvisoryMatch {
        id: primary.id,
        aliases,
        summary: primary.summary,
        malware,
        severity,
        informational: primary.informational.filter(|_| all_informational),
        fixed,
    }
}
