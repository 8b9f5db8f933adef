//! The install decision of `ccdeps run`: intent → proposed graph → checks →
//! policy → verdict, then exec the real manager, refuse (77), or fail closed
//! (75). Every decision is written to the audit log.
//!
//! - Explicit requests (`npm install x`, `pip install y==1`, `cargo add z`)
//!   are resolved from registry metadata; every package the install would add
//!   or change is checked with registry facts (install scripts, publish time,
//!   yanked, deprecated).
//! - Lockfile-driven installs (`npm ci`, bare `npm install`, `uv sync`,
//!   `cargo build` when Cargo.lock would change) are checked on the
//!   lockfile's own packages with the local checks.
//! - Requests that do not resolve still get the name-level checks
//!   (typosquat, deny lists), so `npm install lodahs` is refused as a
//!   typosquat even when no such package exists.

use std::path::{Path, PathBuf};

use super::judge::Setup;
use super::run::{COULD_NOT_DECIDE, Invocation};
use super::scripts::{self, ScriptPlan};
use super::{Exit, note};
use crate::audit::{self, Entry};
use crate::ecosystem::{Ecosystem, PackageName};
use crate::engine::{self, Item};
use crate::home::Home;
use crate::intent::{Install, Intent, Manager};
use crate::lockfile::{self, LockfileKind};
use crate::package::{Package, Source};
use crate::registry::Env;
use crate::report::{Report, ReportError, Verdict};
use crate::resolve::{self, ProjectState, ResolveConfig};

/// Exit code: blocked by policy (nothing installed).
pub const BLOCKED: u8 = 77;
/// Exit code: bad configuration.
pub const BAD_CONFIG: u8 = 78;

/// Options of one decision.
pub struct Options<'a> {
    pub home: Option<&'a Path>,
    pub offline: bool,
}

struct Ctx<'a> {
    inv: &'a Invocation,
    home: Option<Home>,
    words: Vec<String>,
}

impl Ctx<'_> {
    fn command(&self) -> String {
        let shown = crate::redact::argv(&self.words).join(" ");
        format!("{} {shown}", self.inv.tool.program)
            .trim()
            .to_string()
    }

    fn audit(&self, verdict: &str, exit: u8, report: Option<&Report>, reason: Option<String>) {
        let Some(home) = &self.home else { return };
        let mut e = Entry::new("run", self.inv.tool.program, &self.words, verdict);
        if let Some(r) = report {
            e = e.with_report(r);
        }
        e.exit = Some(exit);
        e.reason = reason;
        if let Err(err) = audit::append(&home.audit_log(), &e) {
            note(&format!(
                "ccdeps: warning: cannot write the audit log {}: {err}",
                home.audit_log().display()
            ));
        }
    }

    /// Refuses without deciding (nothing installed).
    fn undecided(&self, why: &str, fix: &str, report: Option<&Report>) -> Exit {
        note(&format!(
            "ccdeps: could not check `{}`, so nothing was installed: {why}. {fix}",
            self.command()
        ));
        self.audit("undecided", COULD_NOT_DECIDE, report, Some(why.to_string()));
        Exit::Code(COULD_NOT_DECIDE)
    }
}

/// Decides an install and acts on it.
pub fn decide(inv: &Invocation, intent: Intent, opts: &Options<'_>) -> anyhow::Result<Exit> {
    let home = Home::resolve(opts.home).ok();
    let cx = Ctx {
        inv,
        home,
        words: inv.words(),
    };
    let install = match intent {
        Intent::Install(i) => i,
        Intent::PassThrough => return Ok(super::run::exec_real(inv)),
        Intent::Opaque { why } => {
            return Ok(cx.undecided(&why, "Run the install as a plain command ccdeps can read (e.g. `npm install NAME@VERSION`)", None));
        }
    };
    let Some(home) = cx.home.clone() else {
        return Ok(cx.undecided("no data folder for ccdeps", "Set CCDEPS_HOME or HOME", None));
    };
    let g = super::Globals {
        home: home.clone(),
        config: None,
        offline: opts.offline,
        format: crate::cli::Format::Human,
    };
    let setup = match Setup::load(&g) {
        Ok(s) => s,
        Err(_) => {
            cx.audit(
                "bad-configuration",
                BAD_CONFIG,
                None,
                Some("bad configuration".into()),
            );
            return Ok(Exit::Code(BAD_CONFIG));
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (items, errors, registry_checks) = match gather(&install, &home, &cwd, opts.offline) {
        Ok(x) => x,
        Err(why) => {
            return Ok(cx.undecided(
                &why,
                "Check your network and registry settings, or run it again",
                None,
            ));
        }
    };
    let mut ctx = setup.context();
    ctx.registry_checks = registry_checks;
    let mut report = engine::judge(&ctx, &setup.policy, items, errors, false);
    let plan = match (install.ecosystem(), install.scripts_disabled) {
        (Ecosystem::Npm, true) => {
            scripts::disabled_by_user(&mut report);
            None
        }
        // bun has no `rebuild` to run the allowed scripts afterwards: refused
        // scripts refuse the install.
        (Ecosystem::Npm, false) if install.manager != Manager::Bun => scripts::plan(&mut report),
        _ => None,
    };
    act(&cx, &install, report, plan, setup.policy.interactive)
}

/// The packages to judge, the errors met, and whether registry facts were fetched.
fn gather(
    install: &Install,
    home: &Home,
    cwd: &Path,
    offline: bool,
) -> Result<(Vec<Item>, Vec<ReportError>, bool), String> {
    let locked = project_lockfiles(install.ecosystem(), cwd);
    if install.from_project && install.requests.is_empty() && install.requirement_files.is_empty() {
        // The project's lockfile is what gets installed.
        if locked.is_empty() {
            return Err(format!(
                "this install follows the project's manifest, and there is no {} lockfile in {} to check",
                install.ecosystem(),
                cwd.display()
            ));
        }
        return Ok((
            locked.into_iter().map(Item::from).collect(),
            Vec::new(),
            false,
        ));
    }
    let project = ProjectState {
        dir: cwd.to_path_buf(),
        locked,
    };
    let cfg = ResolveConfig::from_env(home, cwd, &Env::from_process(), install, offline);
    let graph = resolve::resolve(install, &project, &cfg).map_err(|e| e.to_string())?;
    let mut items: Vec<Item> = graph.packages().into_iter().map(Item::from).collect();
    let mut errors = Vec::new();
    for u in &graph.unresolved {
        let name = PackageName::new(u.ecosystem, &u.name);
        if u.required_by.is_none() && !items.iter().any(|i| i.package.name == name) {
            // Still judge the name itself (typosquats, deny lists).
            let mut p = Package::new(u.ecosystem, &u.name, None);
            p.requirement = Some(u.requirement.clone()).filter(|r| !r.is_empty());
            p.direct = Some(true);
            if let crate::resolve::Reason::NonRegistry(src) = &u.reason {
                p.source = Source::Url { url: src.clone() };
            }
            items.push(Item::from(p));
        }
        let who = match &u.required_by {
            Some(by) => format!("{} {} (required by {by})", u.name, u.requirement),
            None => format!("{} {}", u.name, u.requirement),
        };
        errors.push(ReportError {
            package: Some(crate::purl::Purl::format(&name, None)),
            check: None,
            why: format!("{}: {}", who.trim(), u.reason),
            blocking: true,
        });
    }
    // Registry facts were requested (from the network, or offline from the
    // cache): a fact that is missing is could-not-run, never a pass.
    Ok((items, errors, true))
}

/// The current lockfile(s) of the project, for versions the install reuses.
fn project_lockfiles(eco: Ecosystem, cwd: &Path) -> Vec<Package> {
    let names: &[&str] = match eco {
        Ecosystem::Npm => &[
            "package-lock.json",
            "npm-shrinkwrap.json",
            "pnpm-lock.yaml",
            "yarn.lock",
        ],
        Ecosystem::PyPI => &["uv.lock", "poetry.lock", "pylock.toml"],
        Ecosystem::CratesIo => &["Cargo.lock"],
    };
    // Cargo.lock lives at the workspace root: look upwards.
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        for n in names {
            let p = d.join(n);
            if p.is_file()
                && let Some(kind) = LockfileKind::detect(n)
                && let Ok(lf) = lockfile::parse(&lockfile::FsFiles, &p, kind)
            {
                return lf.packages;
            }
        }
        if eco != Ecosystem::CratesIo || d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    Vec::new()
}

/// Acts on the verdict.
fn act(
    cx: &Ctx<'_>,
    install: &Install,
    report: Report,
    plan: Option<ScriptPlan>,
    interactive: bool,
) -> anyhow::Result<Exit> {
    let details = crate::report::human::render(&report, false);
    match report.verdict {
        Verdict::Block => {
            note(&super::message::blocked(&cx.command(), &report));
            note(&details);
            cx.audit("block", BLOCKED, Some(&report), None);
            return Ok(Exit::Code(BLOCKED));
        }
        Verdict::Undecided => {
            let (why, fix) = super::message::undecided(&report);
            note(&details);
            return Ok(cx.undecided(&why, &fix, Some(&report)));
        }
        Verdict::Ask if interactive => {
            note(&details);
            if !super::message::confirm(&format!(
                "ccdeps: `{}` needs your confirmation (see above). Install anyway?",
                cx.command()
            )) {
                note("ccdeps: not installed.");
                cx.audit(
                    "block",
                    BLOCKED,
                    Some(&report),
                    Some("declined at the prompt".into()),
                );
                return Ok(Exit::Code(BLOCKED));
            }
        }
        Verdict::Warn | Verdict::Ask => note(&details),
        Verdict::Allow => {}
    }
    if install.may_fetch_unpredicted
        || report
            .packages
            .iter()
            .any(|p| !p.package.source.is_registry())
    {
        note(&format!(
            "ccdeps: note: `{}` may fetch more than ccdeps could check (source builds, git or URL dependencies); those parts were not inspected.",
            cx.command()
        ));
    }
    let verdict = report.verdict.as_str();
    match plan {
        None => {
            cx.audit(verdict, 0, Some(&report), None);
            Ok(super::run::exec_real(cx.inv))
        }
        Some(plan) => {
            note(&format!(
                "ccdeps: installing with --ignore-scripts: the install scripts of {} are not allowed by policy{}.",
                plan.disabled.join(", "),
                if plan.rebuild.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; then `npm rebuild {}` runs the allowed ones",
                        plan.rebuild.join(" ")
                    )
                }
            ));
            cx.audit(
                verdict,
                0,
                Some(&report),
                Some(format!(
                    "install scripts disabled for {}",
                    plan.disabled.join(", ")
                )),
            );
            Ok(scripts::run_with_plan(cx.inv, &plan))
        }
    }
}
