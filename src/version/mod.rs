//! Version parsing and ordering per ecosystem.
//!
//! OSV ranges are evaluated in each ecosystem's own version order:
//! - PyPI: PEP 440 ([`pypi`]), with pre-PEP 440 "legacy" strings ordered before
//!   every valid version as `packaging` < 22 did, so no version string is unorderable;
//! - npm and crates.io: SemVer 2.0 ([`semver`]), read leniently as npm's loose
//!   mode and OSV's `SEMVER` type allow (`v` prefix, missing minor/patch, numbers
//!   of any length), with build metadata ignored for precedence.

pub mod pypi;
pub mod semver;

use std::cmp::Ordering;
use std::fmt;

use crate::ecosystem::Ecosystem;

pub use self::pypi::PypiVersion;
pub use self::semver::SemverVersion;

/// A parsed version of one ecosystem.
#[derive(Clone, Debug)]
pub enum Version {
    Pypi(PypiVersion),
    Semver(SemverVersion),
}

/// A version string that cannot be ordered in its ecosystem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {ecosystem} version {version:?}: {why}")]
pub struct VersionError {
    pub ecosystem: Ecosystem,
    pub version: String,
    pub why: String,
}

impl Version {
    /// Parses `s` in the version order of `ecosystem`.
    pub fn parse(ecosystem: Ecosystem, s: &str) -> Result<Version, VersionError> {
        match ecosystem {
            Ecosystem::PyPI => Ok(Version::Pypi(PypiVersion::parse(s))),
            Ecosystem::Npm | Ecosystem::CratesIo => SemverVersion::parse(s)
                .map(Version::Semver)
                .map_err(|why| VersionError {
                    ecosystem,
                    version: s.to_string(),
                    why: why.to_string(),
                }),
        }
    }

    /// True for pre-releases (PEP 440 a/b/rc/dev, SemVer `-pre`).
    pub fn is_prerelease(&self) -> bool {
        match self {
            Version::Pypi(v) => v.is_prerelease(),
            Version::Semver(v) => v.is_prerelease(),
        }
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Version::Pypi(a), Version::Pypi(b)) => a.cmp(b),
            (Version::Semver(a), Version::Semver(b)) => a.cmp(b),
            // Never compared in practice: both sides always come from one ecosystem.
            (Version::Pypi(_), Version::Semver(_)) => Ordering::Less,
            (Version::Semver(_), Version::Pypi(_)) => Ordering::Greater,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Pypi(v) => v.fmt(f),
            Version::Semver(v) => v.fmt(f),
        }
    }
}
