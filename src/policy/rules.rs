//! Compiled list rules: `[[allow]]`, `[[deny]]` and `[[exceptions]]`
//! entries turned into package matchers with their origin, validated.

use crate::ecosystem::{Ecosystem, PackageName};
use crate::finding::{CheckId, Finding};
use crate::package::Package;
use crate::purl::Purl;

use super::Origin;
use super::config::{ExceptionEntry, ListEntry};
use super::range::VersionRange;

/// Which packages a rule covers: one name, optionally a version range.
#[derive(Clone, Debug)]
pub struct PackageMatch {
    pub name: PackageName,
    pub range: Option<VersionRange>,
}

impl PackageMatch {
    /// From a purl (its version, if any, is exact) and an optional range.
    pub fn parse(purl: &str, version: Option<&str>) -> Result<PackageMatch, String> {
        let p = Purl::parse(purl).map_err(|e| e.to_string())?;
        let eco = p.name.ecosystem();
        let range = match (p.version.as_deref(), version) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{purl}: give the version in the purl or in `version`, not both"
                ));
            }
            (Some(v), None) => {
                Some(VersionRange::exact(eco, v).map_err(|e| format!("{purl}: {e}"))?)
            }
            (None, Some(r)) => {
                Some(VersionRange::parse(eco, r).map_err(|e| format!("version {r:?}: {e}"))?)
            }
            (None, None) => None,
        };
        Ok(PackageMatch {
            name: p.name,
            range,
        })
    }

    pub fn ecosystem(&self) -> Ecosystem {
        self.name.ecosystem()
    }

    pub fn matches(&self, pkg: &Package) -> bool {
        if pkg.name.ecosystem() != self.name.ecosystem()
            || pkg.name.normalized() != self.name.normalized()
        {
            return false;
        }
        match (&self.range, pkg.version.as_deref()) {
            (None, _) => true,
            (Some(r), Some(v)) => r.contains(self.ecosystem(), v),
            // A range cannot vouch for an unknown version.
            (Some(_), None) => false,
        }
    }

    pub fn is_exact(&self) -> bool {
        self.range.as_ref().is_some_and(VersionRange::is_exact)
    }

    pub fn describe(&self) -> String {
        match &self.range {
            Some(r) if r.is_exact() => {
                format!("{}@{}", self.name, r.to_string().trim_start_matches('='))
            }
            Some(r) => format!("{} {}", self.name, r),
            None => self.name.to_string(),
        }
    }
}

/// An allow or deny rule.
#[derive(Clone, Debug)]
pub struct ListRule {
    pub package: PackageMatch,
    pub reason: Option<String>,
    /// Allow rules: the checks waived (`None` = all but malware).
    pub checks: Option<Vec<CheckId>>,
    pub origin: Origin,
}

impl ListRule {
    pub fn compile(e: &ListEntry, origin: Origin) -> Result<ListRule, String> {
        let checks = match &e.checks {
            None => None,
            Some(list) => Some(
                list.iter()
                    .map(|c| {
                        CheckId::parse(c).ok_or_else(|| {
                            format!("unknown check {c:?} (known: {})", known_checks())
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(ListRule {
            package: PackageMatch::parse(&e.package, e.version.as_deref())?,
            reason: e.reason.clone(),
            checks,
            origin,
        })
    }

    /// Does this allow rule waive the finding?
    pub fn waives(&self, f: &Finding) -> bool {
        self.checks.as_ref().is_none_or(|c| c.contains(&f.check))
    }
}

pub fn known_checks() -> String {
    CheckId::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An accepted-risk exception for advisories.
#[derive(Clone, Debug)]
pub struct Exception {
    pub package: PackageMatch,
    pub advisories: Vec<String>,
    pub reason: String,
    pub expires: jiff::civil::Date,
    pub origin: Origin,
}

impl Exception {
    pub fn compile(e: &ExceptionEntry, origin: Origin) -> Result<Exception, String> {
        if e.reason.trim().is_empty() {
            return Err("an exception needs a reason".into());
        }
        if e.advisories.is_empty() {
            return Err(
                "an exception needs the advisory ids it accepts (`advisories = [\"GHSA-…\"]`)"
                    .into(),
            );
        }
        let expires: jiff::civil::Date = e
            .expires
            .parse()
            .map_err(|_| format!("expires = {:?}: expected a date like 2026-12-31", e.expires))?;
        Ok(Exception {
            package: PackageMatch::parse(&e.package, e.version.as_deref())?,
            advisories: e
                .advisories
                .iter()
                .map(|a| a.trim().to_ascii_uppercase())
                .collect(),
            reason: e.reason.trim().to_string(),
            expires,
            origin,
        })
    }

    pub fn expired(&self, today: jiff::civil::Date) -> bool {
        today > self.expires
    }

    /// Does the exception name this finding (by id or any alias)?
    pub fn names(&self, f: &Finding) -> bool {
        f.id.iter()
            .chain(f.aliases.iter())
            .any(|id| self.advisories.iter().any(|a| a.eq_ignore_ascii_case(id)))
    }
}
