//! `ccdeps check PURL...`: judge packages named on the command line.

use super::judge::{Setup, finish};
use super::{Exit, Globals, note};
use crate::cli::CheckArgs;
use crate::engine::{self, Item};
use crate::package::Package;
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
    let setup = match Setup::load(g) {
        Ok(s) => s,
        Err(exit) => return Ok(exit),
    };
    let report = engine::judge(&setup.context(), &setup.policy, items, Vec::new(), false);
    finish(g, &report)
}
