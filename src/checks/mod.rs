//! Checks: one module per check behind [`Check`]. A check reads one package
//! (and the shared [`Context`]) and writes findings or "could not run" notes
//! into a [`Sink`]. Checks never print and never decide: the policy does.

pub mod advisory;
pub mod deprecated;
mod facts;
pub mod install_script;
pub mod listed;
pub mod release_age;
pub mod source;
pub mod typosquat;
pub mod yanked;

pub(crate) use facts::one_line;

use crate::advisory::AdvisoryDb;
use crate::finding::{CheckId, Finding};
use crate::package::Package;
use crate::policy::Policy;

/// Shared, read-only inputs of the checks for one run.
pub struct Context<'a> {
    /// The local advisory database (`None` when it could not be opened; the
    /// advisory check then reports that it could not run).
    pub advisories: Option<&'a AdvisoryDb>,
    /// Why the database is missing, for the error entry.
    pub advisories_missing: Option<String>,
    /// The policy's data (deny lists, allowed registries, private names,
    /// the release-age cooldown). Checks read it; they never decide with it.
    pub policy: Option<&'a Policy>,
    /// The time checks measure ages against (fixed per run, so tests can set it).
    pub now: jiff::Timestamp,
    /// Registry metadata was requested for these packages: a check that needs
    /// a fact (publish time, install scripts, yanked) and finds it missing
    /// reports that it could not run. When false (a plain lockfile `scan`),
    /// such checks judge only the facts that are present.
    pub registry_checks: bool,
    /// Popular-package indexes for the typosquat check (`None`: not loaded;
    /// the check then reports that it could not run).
    pub popular: Option<&'a typosquat::PopularSet>,
}

/// Where a check writes.
#[derive(Debug, Default)]
pub struct Sink {
    pub findings: Vec<Finding>,
    /// Checks that could not run for this package, and why.
    pub errors: Vec<(CheckId, String)>,
}

impl Sink {
    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    pub fn could_not_run(&mut self, check: CheckId, why: impl Into<String>) {
        self.errors.push((check, why.into()));
    }
}

/// One check.
pub trait Check: Sync {
    fn id(&self) -> CheckId;
    /// The finding codes this check can emit (see `crate::codes`).
    fn codes(&self) -> &'static [&'static str];
    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink);
}

/// Every check, in report order.
pub static ALL: &[&dyn Check] = &[
    &advisory::AdvisoryCheck,
    &typosquat::TyposquatCheck,
    &source::SourceCheck,
    &listed::ListedCheck,
    &install_script::InstallScriptCheck,
    &release_age::ReleaseAgeCheck,
    &yanked::YankedCheck,
    &deprecated::DeprecatedCheck,
];

/// Runs the enabled checks on one package.
pub fn run_all(ctx: &Context<'_>, pkg: &Package, enabled: impl Fn(CheckId) -> bool) -> Sink {
    let mut sink = Sink::default();
    for check in ALL.iter().filter(|c| enabled(c.id())) {
        check.run(ctx, pkg, &mut sink);
    }
    sink
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_code_is_registered() {
        for c in ALL {
            for code in c.codes() {
                let info =
                    crate::codes::info(code).unwrap_or_else(|| panic!("{code} not in codes::ALL"));
                assert_eq!(info.check, c.id(), "{code} registered under another check");
            }
        }
    }
}
