//! Policy: turns findings into actions and a package's findings into a
//! verdict. Pure: configuration files are parsed by [`config`] and merged by
//! [`layers`]; nothing here reads the disk or the clock.
//!
//! Built-in defaults (DESIGN.md, issue 5): malware blocks; known
//! vulnerabilities block unless their severity is known to be medium or low
//! (those warn; unknown counts as high); each other code has the built-in
//! action of `crate::codes`.

pub mod builtin;
pub mod config;
pub mod layers;
pub mod range;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::codes;
use crate::finding::{Action, CheckId, Finding, Severity};
use crate::package::Package;
use crate::report::{Notice, Verdict};

pub use rules::{Exception, ListRule, PackageMatch};

/// Policy layers, lowest precedence first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    BuiltIn,
    User,
    Project,
    Managed,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::BuiltIn => "built-in",
            Layer::User => "user",
            Layer::Project => "project",
            Layer::Managed => "managed",
        }
    }
}

/// Where a setting or rule came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File {
        layer: Layer,
        path: String,
        line: u32,
    },
}

impl Origin {
    pub fn layer(&self) -> Layer {
        match self {
            Origin::BuiltIn => Layer::BuiltIn,
            Origin::File { layer, .. } => *layer,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File { layer, path, line } => write!(f, "{} {path}:{line}", layer.as_str()),
        }
    }
}

/// A value with the layer that set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layered<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Layered<T> {
    pub fn built_in(value: T) -> Layered<T> {
        Layered {
            value,
            origin: Origin::BuiltIn,
        }
    }
}

/// The effective policy for one run.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Known vulnerabilities at or above this severity take the configured
    /// action (block by default); below it they warn.
    pub block_severity: Layered<Severity>,
    /// What a check that could not run leads to: `Block` = could not decide
    /// (exit 2 / 75); lower values list the error and go on.
    pub on_missing_data: Layered<Action>,
    /// What `ask` becomes when nobody can answer (agents, CI).
    pub ask_without_terminal: Layered<Action>,
    /// Cooldown for new releases.
    pub release_age_hours: Layered<u32>,
    /// Registries allowed besides the public ones.
    pub allowed_registries: Vec<Layered<String>>,
    /// Names and npm scopes owned by private registries.
    pub private_names: Vec<Layered<String>>,
    pub checks: BTreeMap<CheckId, Layered<Action>>,
    pub codes: BTreeMap<String, Layered<Action>>,
    pub allow: Vec<ListRule>,
    pub deny: Vec<ListRule>,
    pub exceptions: Vec<Exception>,
    /// Someone can answer an `ask` (a terminal is attached).
    pub interactive: bool,
    /// Today's date, for exception expiry (set by the caller: no clock here).
    pub today: jiff::civil::Date,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            block_severity: Layered::built_in(Severity::High),
            on_missing_data: Layered::built_in(Action::Block),
            ask_without_terminal: Layered::built_in(Action::Block),
            release_age_hours: Layered::built_in(48),
            allowed_registries: Vec::new(),
            private_names: Vec::new(),
            checks: BTreeMap::new(),
            codes: BTreeMap::new(),
            allow: Vec::new(),
            deny: Vec::new(),
            exceptions: Vec::new(),
            interactive: false,
            today: jiff::civil::date(2000, 1, 1),
        }
    }
}

/// The decision for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub action: Action,
    pub decided_by: String,
    /// Index into [`Policy::exceptions`] when an exception decided.
    pub exception: Option<usize>,
}

fn decision(action: Action, decided_by: impl Into<String>) -> Decision {
    Decision {
        action,
        decided_by: decided_by.into(),
        exception: None,
    }
}

impl Policy {
    /// Is a check enabled at all? (`off` for a whole check still runs it, so
    /// `explain` can show the evidence; its findings then have no effect.)
    pub fn check_enabled(&self, _check: CheckId) -> bool {
        true
    }

    /// The configured action for a code: code override, else check override,
    /// else the code's built-in action.
    fn configured(&self, f: &Finding) -> Layered<Action> {
        if let Some(a) = self.codes.get(f.code) {
            return a.clone();
        }
        if let Some(a) = self.checks.get(&f.check) {
            return a.clone();
        }
        Layered::built_in(codes::info(f.code).map_or(Action::Warn, |c| c.default_action))
    }

    /// Decides one finding (before `ask` is resolved for a missing terminal).
    pub fn decide(&self, pkg: &Package, f: &Finding) -> Decision {
        let exception = self.exceptions.iter().enumerate().find(|(_, e)| {
            !e.expired(self.today)
                && e.names(f)
                && e.package.matches(pkg)
                && (f.code != codes::ADVISORY_MALWARE || e.package.is_exact())
        });
        if f.code == codes::ADVISORY_MALWARE {
            return match exception {
                Some((i, e)) => Decision {
                    action: Action::Off,
                    decided_by: format!("exception ({}): {}", e.origin, e.reason),
                    exception: Some(i),
                },
                None => decision(Action::Block, "built-in: malware always blocks"),
            };
        }
        if f.code == codes::LISTED_DENY {
            // Deny beats allow: no allow rule or exception lifts it.
            return decision(
                Action::Block,
                f.decided_by.clone().unwrap_or_else(|| "deny list".into()),
            );
        }
        if let Some((i, e)) = exception {
            return Decision {
                action: Action::Off,
                decided_by: format!("exception ({}): {}", e.origin, e.reason),
                exception: Some(i),
            };
        }
        if let Some(rule) = self
            .allow
            .iter()
            .find(|r| r.package.matches(pkg) && r.waives(f))
        {
            let why = rule
                .reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default();
            return decision(Action::Off, format!("allow ({}){why}", rule.origin));
        }
        let conf = self.configured(f);
        if f.code == codes::ADVISORY_VULNERABILITY {
            let sev = f.severity.unwrap_or(Severity::Unknown);
            // Unknown severity is read as high: the safe reading.
            let effective = if sev == Severity::Unknown {
                Severity::High
            } else {
                sev
            };
            if effective < self.block_severity.value && conf.value > Action::Warn {
                return decision(
                    Action::Warn,
                    format!(
                        "{} (severity {sev} is below block-severity {})",
                        self.block_severity.origin, self.block_severity.value
                    ),
                );
            }
        }
        decision(conf.value, conf.origin.to_string())
    }

    /// Applies actions to a package's findings; returns its verdict and the
    /// exceptions that were used.
    pub fn judge(&self, pkg: &Package, findings: &mut [Finding]) -> (Verdict, Vec<usize>) {
        let mut worst = Action::Off;
        let mut used = Vec::new();
        for f in findings.iter_mut() {
            let mut d = self.decide(pkg, f);
            if d.action == Action::Ask && !self.interactive {
                d.action = self.ask_without_terminal.value;
                d.decided_by = format!(
                    "{}; ask without a terminal → {} ({})",
                    d.decided_by, d.action, self.ask_without_terminal.origin
                );
            }
            f.action = d.action;
            f.decided_by = Some(d.decided_by);
            used.extend(d.exception);
            worst = worst.max(d.action);
        }
        (Verdict::from_action(worst), used)
    }

    /// Notices about exceptions: expired ones, and (when `report_unused`)
    /// ones that matched nothing in this run.
    pub fn exception_notices(&self, used: &BTreeSet<usize>, report_unused: bool) -> Vec<Notice> {
        let mut out = Vec::new();
        for (i, e) in self.exceptions.iter().enumerate() {
            if e.expired(self.today) {
                out.push(Notice {
                    kind: "exception-expired".into(),
                    message: format!(
                        "exception for {} ({}) expired on {} and no longer applies ({})",
                        e.package.describe(),
                        e.advisories.join(", "),
                        e.expires,
                        e.origin
                    ),
                });
            } else if report_unused && !used.contains(&i) {
                out.push(Notice {
                    kind: "exception-unused".into(),
                    message: format!(
                        "exception for {} ({}) matched nothing; remove it if it is no longer needed ({})",
                        e.package.describe(),
                        e.advisories.join(", "),
                        e.origin
                    ),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
