//! What every judging command shares: opening the advisory database and the
//! other check inputs, loading the policy, and printing the report with the
//! DESIGN.md exit code.

use super::{Exit, Globals, emit, note, render};
use crate::advisory::AdvisoryDb;
use crate::checks::Context;
use crate::checks::typosquat::PopularSet;
use crate::policy::Policy;
use crate::report::Report;

/// The inputs checks read, loaded once per command.
pub struct Setup {
    db: Option<AdvisoryDb>,
    db_missing: Option<String>,
    /// Popular-name indexes (built lazily, only for ecosystems judged).
    popular: PopularSet,
    pub policy: Policy,
}

impl Setup {
    /// Loads everything; a bad configuration is reported and ends the command (exit 2).
    pub fn load(g: &Globals) -> Result<Setup, Exit> {
        let policy = super::policy::load(g).map_err(|e| {
            note(&format!("ccdeps: bad configuration: {e}"));
            Exit::ERROR
        })?;
        let (db, db_missing) = match AdvisoryDb::open(&g.home.db()) {
            Ok(db) => (Some(db), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Ok(Setup {
            db,
            db_missing,
            popular: PopularSet::from_home(&g.home),
            policy,
        })
    }

    pub fn context(&self) -> Context<'_> {
        Context {
            advisories: self.db.as_ref(),
            advisories_missing: self.db_missing.clone(),
            policy: Some(&self.policy),
            now: jiff::Timestamp::now(),
            registry_checks: false,
            popular: Some(&self.popular),
        }
    }
}

/// Prints the report in the chosen format; returns its exit code.
pub fn finish(g: &Globals, report: &Report) -> anyhow::Result<Exit> {
    emit(&render(report, g.format))?;
    Ok(Exit::Code(report.exit_code()))
}
