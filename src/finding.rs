//! Findings: what a check observed about one package, as data with a stable
//! code. Checks create findings; only the policy sets their [`Action`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// The checks, as named in reports (`check` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    Advisory,
    Typosquat,
    InstallScript,
    ReleaseAge,
    Source,
    Listed,
    Yanked,
    Deprecated,
}

impl CheckId {
    pub const ALL: [CheckId; 8] = [
        CheckId::Advisory,
        CheckId::Typosquat,
        CheckId::InstallScript,
        CheckId::ReleaseAge,
        CheckId::Source,
        CheckId::Listed,
        CheckId::Yanked,
        CheckId::Deprecated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Advisory => "advisory",
            CheckId::Typosquat => "typosquat",
            CheckId::InstallScript => "install-script",
            CheckId::ReleaseAge => "release-age",
            CheckId::Source => "source",
            CheckId::Listed => "listed",
            CheckId::Yanked => "yanked",
            CheckId::Deprecated => "deprecated",
        }
    }

    pub fn parse(s: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Severity of a finding (advisories: from CVSS or the database's own rating).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Unknown,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Unknown => "unknown",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Reads a textual rating (`HIGH`, `moderate`, `Critical`…).
    pub fn parse_label(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "low" | "info" | "informational" | "none" => Some(Severity::Low),
            "medium" | "moderate" => Some(Severity::Medium),
            "high" | "important" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }

    /// CVSS qualitative rating of a base score.
    pub fn from_score(score: f64) -> Severity {
        if score >= 9.0 {
            Severity::Critical
        } else if score >= 7.0 {
            Severity::High
        } else if score >= 4.0 {
            Severity::Medium
        } else {
            Severity::Low
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the policy does with a finding. Ordered: a stronger action wins.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Recorded in the report, no effect.
    Off,
    #[default]
    Warn,
    /// Asks on a terminal; without one, follows the policy's `ask-without-terminal`.
    Ask,
    Block,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Off => "off",
            Action::Warn => "warn",
            Action::Ask => "ask",
            Action::Block => "block",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "off" | "allow" => Some(Action::Off),
            "warn" => Some(Action::Warn),
            "ask" => Some(Action::Ask),
            "block" | "deny" => Some(Action::Block),
            _ => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One observation about one package.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub check: CheckId,
    /// Stable kebab-case code (see `crate::codes`).
    pub code: &'static str,
    /// Advisory id (`GHSA-…`, `PYSEC-…`, `RUSTSEC-…`, `MAL-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    pub summary: String,
    /// Versions that fix an advisory (the way forward).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<String>,
    /// Typosquat: the popular package this name imitates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar_to: Option<String>,
    /// Typosquat: the transformation (`transposition`, `scope-confusion`…);
    /// other checks: a short machine-readable reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Longer human evidence (explain, details below a block line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Set by the policy.
    pub action: Action,
    /// Which policy layer (or exception) decided the action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
}

impl Finding {
    /// A finding with only check, code and summary set; the builder methods fill the rest.
    pub fn new(check: CheckId, code: &'static str, summary: impl Into<String>) -> Finding {
        Finding {
            check,
            code,
            id: None,
            aliases: Vec::new(),
            severity: None,
            summary: summary.into(),
            fixed: Vec::new(),
            similar_to: None,
            reason: None,
            detail: None,
            action: Action::Warn,
            decided_by: None,
        }
    }

    pub fn with_reason(mut self, reason: impl Into<String>) -> Finding {
        self.reason = Some(reason.into());
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Finding {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = Some(severity);
        self
    }
}
