//! `ccdeps check PURL...`: judge packages named on the command line.

use super::{Exit, Globals, emit, note, render};
use crate::advisory::AdvisoryDb;
use crate::checks::Context;
use crate::cli::CheckArgs;
use crate::engine::{self, Item};
use crate::package::Package;
use crate::policy::Policy;
use crate::purl::Purl;

pub fn run(g: &Globals, a: CheckArgs) -> anyhow::Result<Exit> {
    let mut items = Vec::with_capacity(a.purls.len());
    for s in &a.purls {
        match Purl::parse(s) {
            Ok(p) => {
                let mut pkg =
                    Package::new(p.name.ecosystem(), p.name.display(), p.version.as_deref());
                pkg.direct = Some(true);
                items.push(Item::from(pkg));
            }
            Err(e) => {
                note(&format!("ccdeps: {e}"));
                return Ok(Exit::ERROR);
            }
        }
    }
    let (db, missing) = match AdvisoryDb::open(&g.home.db()) {
        Ok(db) => (Some(db), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let ctx = Context {
        advisories: db.as_ref(),
        advisories_missing: missing,
    };
    let policy = Policy::default();
    let report = engine::judge(&ctx, &policy, items, Vec::new());
    emit(&render(&report, g.format))?;
    Ok(Exit::Code(report.exit_code()))
}
