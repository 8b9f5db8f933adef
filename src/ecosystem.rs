//! Ecosystems and normalized package names.
//!
//! Every comparison, lookup and distance in ccdeps runs on a [`PackageName`],
//! which is normalized once when it is built:
//! - PyPI: PEP 503 (lower case, runs of `-`, `_`, `.` become one `-`);
//! - crates.io: lower case with `_` folded to `-` (crates.io treats them as one name);
//! - npm: kept as published (scoped names such as `@types/node` included).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A package ecosystem, spelled as OSV spells it (`npm`, `PyPI`, `crates.io`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Ecosystem {
    #[serde(rename = "crates.io")]
    CratesIo,
    #[serde(rename = "npm")]
    Npm,
    #[serde(rename = "PyPI")]
    PyPI,
}

impl Ecosystem {
    /// All supported ecosystems, in report order.
    pub const ALL: [Ecosystem; 3] = [Ecosystem::CratesIo, Ecosystem::Npm, Ecosystem::PyPI];

    /// The OSV spelling, also used in reports and in the mirror layout.
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::CratesIo => "crates.io",
        }
    }

    /// The package-url type (`pkg:<type>/...`).
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::PyPI => "pypi",
            Ecosystem::CratesIo => "cargo",
        }
    }

    /// Parses an OSV ecosystem string. OSV may add a suffix after `:` (e.g.
    /// `npm:foo` is not used today, but `Debian:11` is); only the part before
    /// the colon names the ecosystem.
    pub fn from_osv(s: &str) -> Option<Ecosystem> {
        let base = s.split(':').next().unwrap_or(s);
        match base {
            "npm" => Some(Ecosystem::Npm),
            "PyPI" => Some(Ecosystem::PyPI),
            "crates.io" => Some(Ecosystem::CratesIo),
            _ => None,
        }
    }

    /// Parses a purl type (`npm`, `pypi`, `cargo`).
    pub fn from_purl_type(s: &str) -> Option<Ecosystem> {
        match s.to_ascii_lowercase().as_str() {
            "npm" => Some(Ecosystem::Npm),
            "pypi" => Some(Ecosystem::PyPI),
            "cargo" => Some(Ecosystem::CratesIo),
            _ => None,
        }
    }

    /// Normalizes a package name for this ecosystem (see the module docs).
    pub fn normalize(self, name: &str) -> String {
        match self {
            Ecosystem::PyPI => normalize_pypi(name),
            Ecosystem::CratesIo => name.to_ascii_lowercase().replace('_', "-"),
            Ecosystem::Npm => name.to_string(),
        }
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.osv_name())
    }
}

/// Error for an ecosystem string that ccdeps does not support.
#[derive(Debug, thiserror::Error)]
#[error("unknown ecosystem {0:?} (expected npm, PyPI or crates.io)")]
pub struct UnknownEcosystem(pub String);

impl FromStr for Ecosystem {
    type Err = UnknownEcosystem;
    /// Accepts the OSV spelling, the purl type, and common lower-case forms.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ecosystem::from_osv(s)
            .or_else(|| Ecosystem::from_purl_type(s))
            .or_else(|| match s.to_ascii_lowercase().as_str() {
                "crates.io" | "crates" | "crate" | "rust" => Some(Ecosystem::CratesIo),
                "pip" | "python" => Some(Ecosystem::PyPI),
                _ => None,
            })
            .ok_or_else(|| UnknownEcosystem(s.to_string()))
    }
}

/// PEP 503 normalization: lower case, every run of `-`, `_` or `.` becomes `-`.
pub fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_sep = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_sep {
                out.push('-');
            }
            in_sep = true;
        } else {
            out.push(c.to_ascii_lowercase());
            in_sep = false;
        }
    }
    out
}

/// A package name in one ecosystem: as written (for display) and normalized
/// (for every comparison).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackageName {
    ecosystem: Ecosystem,
    normalized: String,
    display: String,
}

impl PackageName {
    pub fn new(ecosystem: Ecosystem, name: &str) -> PackageName {
        PackageName {
            ecosystem,
            normalized: ecosystem.normalize(name),
            display: name.to_string(),
        }
    }

    pub fn ecosystem(&self) -> Ecosystem {
        self.ecosystem
    }

    /// The normalized name: the key for lookups and comparisons.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The name as the user or the lockfile wrote it.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The name a report shows: normalized for PyPI (PEP 503 is how PyPI
    /// itself names projects), as published for npm and crates.io.
    pub fn report_name(&self) -> &str {
        match self.ecosystem {
            Ecosystem::PyPI => &self.normalized,
            _ => &self.display,
        }
    }

    /// For an npm scoped name (`@scope/name`), the scope without `@` and the bare name.
    pub fn npm_scope(&self) -> Option<(&str, &str)> {
        if self.ecosystem != Ecosystem::Npm {
            return None;
        }
        self.normalized.strip_prefix('@')?.split_once('/')
    }
}

impl fmt::Display for PackageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.report_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep503() {
        assert_eq!(normalize_pypi("Django"), "django");
        assert_eq!(normalize_pypi("Matrix_Synapse"), "matrix-synapse");
        assert_eq!(normalize_pypi("zope.interface"), "zope-interface");
        assert_eq!(normalize_pypi("a-_.b"), "a-b");
        assert_eq!(normalize_pypi("Omero_Figure"), "omero-figure");
    }

    #[test]
    fn crates_fold_underscore() {
        let a = PackageName::new(Ecosystem::CratesIo, "rust_decimal");
        let b = PackageName::new(Ecosystem::CratesIo, "rust-decimal");
        assert_eq!(a.normalized(), b.normalized());
        assert_eq!(a.report_name(), "rust_decimal");
    }

    #[test]
    fn npm_scope() {
        let n = PackageName::new(Ecosystem::Npm, "@azure/arm-network");
        assert_eq!(n.npm_scope(), Some(("azure", "arm-network")));
        assert_eq!(PackageName::new(Ecosystem::Npm, "lodash").npm_scope(), None);
    }

    #[test]
    fn parse_ecosystems() {
        assert_eq!("PyPI".parse::<Ecosystem>().ok(), Some(Ecosystem::PyPI));
        assert_eq!("pypi".parse::<Ecosystem>().ok(), Some(Ecosystem::PyPI));
        assert_eq!("cargo".parse::<Ecosystem>().ok(), Some(Ecosystem::CratesIo));
        assert_eq!(
            "crates.io".parse::<Ecosystem>().ok(),
            Some(Ecosystem::CratesIo)
        );
        assert!("maven".parse::<Ecosystem>().is_err());
    }
}
