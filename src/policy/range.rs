//! Version ranges in policy files: comma-separated comparators evaluated in
//! the package's own ecosystem order (PEP 440 for PyPI, SemVer for npm and
//! crates.io), so one syntax works everywhere: `=1.2.3`, `>=4.0, <4.17.21`,
//! `!=2.0.0`, `*`. A bare version means `=`.

use std::cmp::Ordering;
use std::fmt;

use crate::ecosystem::Ecosystem;
use crate::version::Version;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A parsed range for one ecosystem.
#[derive(Clone, Debug)]
pub struct VersionRange {
    text: String,
    comparators: Vec<(Op, Version)>,
}

impl VersionRange {
    /// Parses `text`; the error says which comparator is wrong.
    pub fn parse(eco: Ecosystem, text: &str) -> Result<VersionRange, String> {
        let mut comparators = Vec::new();
        for part in text.split(',').map(str::trim) {
            if part.is_empty() || part == "*" {
                continue;
            }
            let (op, rest) = [
                (">=", Op::Ge),
                ("<=", Op::Le),
                ("==", Op::Eq),
                ("!=", Op::Ne),
                ("=", Op::Eq),
                (">", Op::Gt),
                ("<", Op::Lt),
            ]
            .iter()
            .find_map(|(p, op)| part.strip_prefix(p).map(|r| (*op, r.trim())))
            .unwrap_or((Op::Eq, part));
            let v = Version::parse(eco, rest).map_err(|e| format!("{part:?}: {}", e.why))?;
            comparators.push((op, v));
        }
        Ok(VersionRange {
            text: text.trim().to_string(),
            comparators,
        })
    }

    /// An exact-version range (`=1.2.3`).
    pub fn exact(eco: Ecosystem, version: &str) -> Result<VersionRange, String> {
        VersionRange::parse(eco, &format!("={version}"))
    }

    /// True when the range names one version exactly (only `=` comparators, all equal).
    pub fn is_exact(&self) -> bool {
        !self.comparators.is_empty()
            && self
                .comparators
                .iter()
                .all(|(op, v)| *op == Op::Eq && *v == self.comparators[0].1)
    }

    /// Does `version` (in `eco`'s order) fall in the range? An unparseable
    /// version matches only the empty range.
    pub fn contains(&self, eco: Ecosystem, version: &str) -> bool {
        if self.comparators.is_empty() {
            return true;
        }
        let Ok(v) = Version::parse(eco, version) else {
            return false;
        };
        self.comparators.iter().all(|(op, bound)| {
            let ord = v.cmp(bound);
            match op {
                Op::Eq => ord == Ordering::Equal,
                Op::Ne => ord != Ordering::Equal,
                Op::Lt => ord == Ordering::Less,
                Op::Le => ord != Ordering::Greater,
                Op::Gt => ord == Ordering::Greater,
                Op::Ge => ord != Ordering::Less,
            }
        })
    }
}

impl fmt::Display for VersionRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.text.is_empty() {
            "*"
        } else {
            &self.text
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_use_ecosystem_order() {
        let r = VersionRange::parse(Ecosystem::Npm, ">=4.0.0, <4.17.21").unwrap();
        assert!(r.contains(Ecosystem::Npm, "4.17.20"));
        assert!(!r.contains(Ecosystem::Npm, "4.17.21"));
        assert!(r.contains(Ecosystem::Npm, "4.17.21-rc.1"));
        let r = VersionRange::parse(Ecosystem::PyPI, "<2.11.3").unwrap();
        assert!(r.contains(Ecosystem::PyPI, "2.11.3rc1"));
        assert!(!r.contains(Ecosystem::PyPI, "2.11.3.post1"));
        let r = VersionRange::parse(Ecosystem::CratesIo, "1.5.4").unwrap();
        assert!(r.is_exact() && r.contains(Ecosystem::CratesIo, "1.5.4"));
        assert!(
            VersionRange::parse(Ecosystem::Npm, "*")
                .unwrap()
                .contains(Ecosystem::Npm, "9.9.9")
        );
        assert!(
            !VersionRange::parse(Ecosystem::Npm, ">=1")
                .unwrap()
                .is_exact()
        );
        assert!(VersionRange::parse(Ecosystem::Npm, ">=x.y").is_err());
    }
}
