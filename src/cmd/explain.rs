//! `ccdeps explain PURL`: every check's evidence for one package, and which
//! policy layer (or rule, or exception) decided each finding. An exact
//! version is looked up in its registry first (alone, dependencies not
//! followed; `--offline` = the cache only) so the registry-fact checks have
//! their facts.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::judge::{Setup, finish};
use super::{Exit, Globals, emit, note};
use crate::checks::{self, Sink};
use crate::cli::{ExplainArgs, Format};
use crate::ecosystem::Ecosystem;
use crate::engine::{self, Item};
use crate::package::{Facts, Package};
use crate::purl::Purl;
use crate::registry::Env;
use crate::report::human;
use crate::resolve::{ProjectState, ResolveConfig, lookup};

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
    let mut ctx = setup.context();
    // An exact version gets the registry's facts (install scripts, publish
    // time, yanked, deprecated), as an install of it would.
    if let Some(install) = lookup::exact_install(&pkg) {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let cfg = ResolveConfig::from_env(&g.home, &cwd, &Env::from_process(), &install, g.offline);
        let project = ProjectState {
            dir: cwd,
            locked: Vec::new(),
        };
        match lookup::facts_of(&pkg, &project, &cfg) {
            Ok(facts) => pkg.facts = facts,
            Err(why) => pkg.facts.unavailable = Some(why),
        }
        ctx.registry_checks = true;
    }
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
    let mut out = format!("{}\n", pkg.purl());
    if ctx.registry_checks {
        let _ = writeln!(
            out,
            "registry facts: {}",
            facts_line(pkg.ecosystem(), &pkg.facts)
        );
    }
    out.push('\n');
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

/// What the registry said about the version, in one line.
fn facts_line(eco: Ecosystem, f: &Facts) -> String {
    if let Some(why) = &f.unavailable {
        return format!("could not be read ({why})");
    }
    let unknown = || "unknown".to_string();
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let published = match f.published.as_deref().map(str::parse::<jiff::Timestamp>) {
        Some(Ok(t)) => t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Some(Err(_)) => "unreadable".to_string(),
        None => unknown(),
    };
    let scripts = match &f.install_scripts {
        Some(s) if s.is_empty() => "none".to_string(),
        Some(s) => checks::one_line(&s.join(", "), 200),
        None => unknown(),
    };
    // npm has no yanking; only npm has per-version deprecation.
    let status = match eco {
        Ecosystem::Npm => match &f.deprecated {
            Some(d) => format!("deprecated: {}", yes_no(d.is_some())),
            None => format!("deprecated: {}", unknown()),
        },
        _ => format!("yanked: {}", f.yanked.map_or_else(unknown, yes_no)),
    };
    let history = f.history.as_ref().map_or_else(unknown, ToString::to_string);
    format!("published {published}; package: {history}; install-time code: {scripts}; {status}")
}
