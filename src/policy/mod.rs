//! Policy: turns findings into actions and a package's findings into a
//! verdict. Pure: no IO here (configuration files are read by the command
//! layer and handed in). Built-in defaults follow DESIGN.md: malware blocks,
//! known vulnerabilities block unless their severity is known to be medium
//! or low (those warn; unknown counts as high).

use crate::codes;
use crate::finding::{Action, CheckId, Finding, Severity};
use crate::package::Package;
use crate::report::Verdict;

/// The effective policy for one run.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Severity at or above which a known vulnerability blocks (below: warn).
    pub block_severity: Severity,
    /// What a check that could not run leads to: `Block` means "could not
    /// decide" (exit 2 / 75), anything lower lets the run go on with the error listed.
    pub on_missing_data: Action,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            block_severity: Severity::High,
            on_missing_data: Action::Block,
        }
    }
}

impl Policy {
    /// Is a check enabled at all?
    pub fn check_enabled(&self, _check: CheckId) -> bool {
        true
    }

    /// The action for one finding, and the layer that decided it.
    pub fn action(&self, _pkg: &Package, f: &Finding) -> (Action, &'static str) {
        if f.code == codes::ADVISORY_MALWARE {
            return (Action::Block, "built-in: malware always blocks");
        }
        if f.code == codes::ADVISORY_VULNERABILITY {
            let sev = f.severity.unwrap_or(Severity::Unknown);
            // Unknown severity is treated as high: the safe reading.
            let effective = if sev == Severity::Unknown {
                Severity::High
            } else {
                sev
            };
            return if effective >= self.block_severity {
                (Action::Block, "built-in")
            } else {
                (Action::Warn, "built-in")
            };
        }
        let default = codes::info(f.code).map_or(Action::Warn, |c| c.default_action);
        (default, "built-in")
    }

    /// Applies actions to findings and returns the package verdict.
    pub fn judge(&self, pkg: &Package, findings: &mut [Finding]) -> Verdict {
        let mut worst = Action::Off;
        for f in findings.iter_mut() {
            let (action, by) = self.action(pkg, f);
            f.action = action;
            f.decided_by = Some(by.to_string());
            worst = worst.max(action);
        }
        Verdict::from_action(worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecosystem::Ecosystem;

    fn vuln(sev: Option<Severity>) -> Finding {
        let mut f = Finding::new(CheckId::Advisory, codes::ADVISORY_VULNERABILITY, "x");
        f.severity = sev;
        f
    }

    #[test]
    fn severity_table() {
        let p = Policy::default();
        let pkg = Package::new(Ecosystem::Npm, "x", Some("1.0.0"));
        let cases = [
            (Some(Severity::Critical), Action::Block),
            (Some(Severity::High), Action::Block),
            (Some(Severity::Unknown), Action::Block),
            (None, Action::Block),
            (Some(Severity::Medium), Action::Warn),
            (Some(Severity::Low), Action::Warn),
        ];
        for (sev, want) in cases {
            assert_eq!(p.action(&pkg, &vuln(sev)).0, want, "{sev:?}");
        }
        let mal = Finding::new(CheckId::Advisory, codes::ADVISORY_MALWARE, "x")
            .with_severity(Severity::Low);
        assert_eq!(p.action(&pkg, &mal).0, Action::Block);
    }
}
