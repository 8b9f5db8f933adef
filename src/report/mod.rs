//! The report: the one value every output format renders. Built by the
//! engine from judged packages; rendered by one module per format.

pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use serde::Serialize;

use crate::finding::{Action, CheckId, Finding};
use crate::package::Package;

/// The overall decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Allow,
    Warn,
    Ask,
    /// Something could not be decided (missing data, offline) and nothing is at block level.
    Undecided,
    Block,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Warn => "warn",
            Verdict::Ask => "ask",
            Verdict::Undecided => "undecided",
            Verdict::Block => "block",
        }
    }

    /// The verdict one action leads to.
    pub fn from_action(a: Action) -> Verdict {
        match a {
            Action::Off => Verdict::Allow,
            Action::Warn => Verdict::Warn,
            Action::Ask => Verdict::Ask,
            Action::Block => Verdict::Block,
        }
    }
}

/// How a package moved in a review (`review`, `ci`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Changed,
    Removed,
    Unchanged,
}

/// One package and what was found about it.
#[derive(Clone, Debug)]
pub struct PackageReport {
    pub package: Package,
    pub change: Option<Change>,
    /// Versions before the change (`changed` packages).
    pub previous: Vec<String>,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

/// A check that could not run, or input that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ReportError {
    /// The package's purl, when the error concerns one package.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckId>,
    pub why: String,
    /// Does this error stop a decision? (The policy's `on-missing-data`; input
    /// that could not be read always does.)
    #[serde(skip)]
    pub blocking: bool,
}

/// A note about policy that is not a finding (an expired exception, one that matched nothing).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Notice {
    pub kind: String,
    pub message: String,
}

/// The whole result of a command.
#[derive(Clone, Debug)]
pub struct Report {
    pub verdict: Verdict,
    pub packages: Vec<PackageReport>,
    pub errors: Vec<ReportError>,
    pub notices: Vec<Notice>,
}

impl Report {
    /// Sorts packages deterministically (ecosystem, name, version) and
    /// computes the overall verdict: block wins over missing data, which wins
    /// over ask/warn/allow.
    pub fn finish(
        mut packages: Vec<PackageReport>,
        mut errors: Vec<ReportError>,
        mut notices: Vec<Notice>,
    ) -> Report {
        packages.sort_by(|a, b| {
            a.package
                .key()
                .cmp(&b.package.key())
                .then_with(|| a.change.cmp(&b.change))
        });
        errors.sort();
        errors.dedup();
        notices.sort();
        notices.dedup();
        let worst = packages
            .iter()
            .map(|p| p.verdict)
            .max()
            .unwrap_or(Verdict::Allow);
        let verdict = if worst == Verdict::Block {
            Verdict::Block
        } else if errors.iter().any(|e| e.blocking) {
            Verdict::Undecided
        } else {
            worst
        };
        Report {
            verdict,
            packages,
            errors,
            notices,
        }
    }

    /// Exit code for `check`, `scan`, `review`, `ci` (DESIGN.md): 1 block, 2 undecided, else 0.
    pub fn exit_code(&self) -> u8 {
        match self.verdict {
            Verdict::Block => 1,
            Verdict::Undecided => 2,
            _ => 0,
        }
    }

    /// Packages at a given verdict.
    pub fn count(&self, v: Verdict) -> usize {
        self.packages.iter().filter(|p| p.verdict == v).count()
    }
}
