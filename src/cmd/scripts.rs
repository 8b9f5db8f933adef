//! npm install scripts in `ccdeps run`: scripts policy refuses need not
//! refuse the whole install. When they are the only block-level findings,
//! the install runs with `--ignore-scripts`, then `npm rebuild` runs the
//! scripts of the packages allowed them. When the user already passed
//! `--ignore-scripts`, no script runs and install-script findings have no effect.

use std::ffi::OsString;

use super::run::Invocation;
use super::{Exit, note};
use crate::codes;
use crate::finding::Action;
use crate::report::{Report, Verdict};

/// npm only: install scripts that policy refuses need not refuse the whole
/// install. When they are the only block-level findings, the install runs
/// with `--ignore-scripts`, then `npm rebuild` runs the scripts of the
/// packages that are allowed them.
pub struct ScriptPlan {
    pub disabled: Vec<String>,
    pub rebuild: Vec<String>,
}

/// The plan for `report`, adjusting it (refused scripts become warnings that
/// say they will not run); `None` when the install must be refused or runs as is.
pub fn plan(report: &mut Report) -> Option<ScriptPlan> {
    let blocking_other = report.packages.iter().any(|p| {
        p.findings
            .iter()
            .any(|f| f.action == Action::Block && f.code != codes::INSTALL_SCRIPT)
    });
    let disabled: Vec<String> = report
        .packages
        .iter()
        .filter(|p| {
            p.findings
                .iter()
                .any(|f| f.code == codes::INSTALL_SCRIPT && f.action == Action::Block)
        })
        .map(|p| p.package.to_string())
        .collect();
    if blocking_other || disabled.is_empty() || report.verdict == Verdict::Undecided {
        return None;
    }
    let mut rebuild = Vec::new();
    let mut packages = std::mem::take(&mut report.packages);
    for p in &mut packages {
        let mut runs_scripts = p
            .package
            .facts
            .install_scripts
            .as_ref()
            .is_some_and(|s| !s.is_empty());
        for f in p
            .findings
            .iter_mut()
            .filter(|f| f.code == codes::INSTALL_SCRIPT && f.action == Action::Block)
        {
            f.action = Action::Warn;
            f.decided_by = Some(format!(
                "{}; its install scripts will not run (npm --ignore-scripts)",
                f.decided_by.as_deref().unwrap_or("")
            ));
            runs_scripts = false;
        }
        p.verdict = Verdict::from_action(
            p.findings
                .iter()
                .map(|f| f.action)
                .max()
                .unwrap_or(Action::Off),
        );
        if runs_scripts {
            rebuild.push(p.package.name.display().to_string());
        }
    }
    rebuild.sort();
    rebuild.dedup();
    *report = Report::finish(
        packages,
        std::mem::take(&mut report.errors),
        std::mem::take(&mut report.notices),
    );
    Some(ScriptPlan { disabled, rebuild })
}

/// The user disabled install scripts (`--ignore-scripts`): npm runs none, so
/// install-script findings are recorded (`off`) but decide nothing.
pub fn disabled_by_user(report: &mut Report) {
    let mut packages = std::mem::take(&mut report.packages);
    for p in &mut packages {
        let mut changed = false;
        for f in p
            .findings
            .iter_mut()
            .filter(|f| f.code == codes::INSTALL_SCRIPT && f.action > Action::Off)
        {
            f.action = Action::Off;
            f.decided_by = Some(format!(
                "{}; scripts are disabled (--ignore-scripts)",
                f.decided_by.as_deref().unwrap_or("")
            ));
            changed = true;
        }
        if changed {
            let purl = p.package.purl();
            let undecided = report
                .errors
                .iter()
                .any(|e| e.blocking && e.package.as_deref() == Some(purl.as_str()));
            let worst = p.findings.iter().map(|f| f.action).max();
            p.verdict = match Verdict::from_action(worst.unwrap_or(Action::Off)) {
                v if undecided && v < Verdict::Block => Verdict::Undecided,
                v => v,
            };
        }
    }
    *report = Report::finish(
        packages,
        std::mem::take(&mut report.errors),
        std::mem::take(&mut report.notices),
    );
}

/// Runs the install with `--ignore-scripts`, then `npm rebuild` for the allowed packages.
pub fn run_with_plan(inv: &Invocation, plan: &ScriptPlan) -> Exit {
    let target = match inv.target() {
        Ok(t) => t,
        Err(e) => {
            note(&format!("ccdeps: {e}"));
            return Exit::Code(e.exit_code());
        }
    };
    let mut args: Vec<OsString> = inv.args.clone();
    args.push("--ignore-scripts".into());
    let code = match crate::exec::spawn_and_wait(&target, &args) {
        Ok(c) => c,
        Err(e) => {
            note(&format!("ccdeps: {e}"));
            return Exit::Code(e.exit_code());
        }
    };
    if code != 0 || plan.rebuild.is_empty() {
        return Exit::Code(code);
    }
    let mut rebuild: Vec<OsString> = vec!["rebuild".into()];
    rebuild.extend(plan.rebuild.iter().map(OsString::from));
    match crate::exec::spawn_and_wait(&target, &rebuild) {
        Ok(c) => Exit::Code(c),
        Err(e) => {
            note(&format!("ccdeps: {e}"));
            Exit::Code(e.exit_code())
        }
    }
}
