//! `ccdeps explain PURL`: every check's evidence for one package, and which
//! policy layer (or rule, or exception) decided each finding.

use std::fmt::Write as _;

use super::judge::{Setup, finish};
use super::{Exit, Globals, emit, note};
use crate::checks::{self, Sink};
use crate::cli::{ExplainArgs, Format};
use crate::engine::{self, Item};
use crate::package::Package;
use crate::purl::Purl;
use crate::report::human;

pub fn run(g: &Globals, a: ExplainArgs) -> anyhow::Result<Exit> {
    let purl = match Purl::parse(&a.purl) {
        Ok(p) => p,
        Err(e) => {
            note(&format!("ccdeps: {e}"));
            return Ok(Exit::ERROR);
        }
    };
    let mut pkg = Package::new(
        purl.name.ecosystem(),
        purl.name.display(),
        purl.version.as_deref(),
    );
    pkg.direct = Some(true);
    let setup = match Setup::load(g) {
        Ok(s) => s,
        Err(exit) => return Ok(exit),
    };
    let ctx = setup.context();
    let report = engine::judge(
        &ctx,
        &setup.policy,
        vec![Item::from(pkg.clone())],
        Vec::new(),
        false,
    );
    if g.format != Format::Human {
        return finish(g, &report);
    }
    let mut out = format!("{}\n\n", pkg.purl());
    let judged = report
        .packages
        .first()
        .map(|p| p.findings.as_slice())
        .unwrap_or(&[]);
    for check in checks::ALL {
        let mut sink = Sink::default();
        check.run(&ctx, &pkg, &mut sink);
        let id = check.id();
        let mine: Vec<_> = judged.iter().filter(|f| f.check == id).collect();
        if mine.is_empty() && sink.errors.is_empty() {
            let _ = writeln!(out, "{:<15} ok     no finding", id.as_str());
        }
        for f in mine {
            let _ = writeln!(
                out,
                "{:<15} {:<6} {}",
                id.as_str(),
                f.action.as_str(),
                human::describe(f)
            );
            if let Some(d) = &f.detail {
                let _ = writeln!(out, "{:<22} {d}", "");
            }
            if let Some(by) = &f.decided_by {
                let _ = writeln!(out, "{:<22} decided by: {by}", "");
            }
        }
        for (_, why) in &sink.errors {
            let _ = writeln!(out, "{:<15} {:<6} could not run: {why}", id.as_str(), "?");
        }
    }
    let p = &setup.policy;
    let _ = writeln!(
        out,
        "\npolicy: block-severity {} ({}), on-missing-data {} ({}), ask-without-terminal {} ({})",
        p.block_severity.value,
        p.block_severity.origin,
        p.on_missing_data.value,
        p.on_missing_data.origin,
        p.ask_without_terminal.value,
        p.ask_without_terminal.origin
    );
    let _ = writeln!(out, "verdict: {}", report.verdict.as_str());
    emit(&out)?;
    Ok(Exit::Code(report.exit_code()))
}
