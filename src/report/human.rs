//! The human format: a one-line verdict that says what to do, then a table of
//! packages with findings, then errors and notices. Colour only when asked
//! (the caller passes `color` = stdout is a terminal and `NO_COLOR` is unset).

use std::fmt::Write;

use super::{Change, PackageReport, Report, Verdict};
use crate::finding::{Action, Finding};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn verdict(&self, v: Verdict) -> String {
        let code = match v {
            Verdict::Block => "1;31",
            Verdict::Undecided => "1;35",
            Verdict::Ask => "1;33",
            Verdict::Warn => "33",
            Verdict::Allow => "32",
        };
        self.wrap(code, v.as_str())
    }
}

/// One finding in a sentence: what, why, and the way forward.
pub fn describe(f: &Finding) -> String {
    let mut s = String::new();
    if let Some(id) = &f.id {
        s.push_str(id);
        if let Some(sev) = f.severity {
            let _ = write!(s, " ({sev})");
        }
        s.push_str(": ");
    }
    s.push_str(&f.summary);
    if let Some(t) = &f.similar_to {
        if !f.summary.contains(t.as_str()) {
            let _ = write!(s, " (looks like {t})");
        }
    }
    if !f.fixed.is_empty() {
        let _ = write!(s, "; fixed in {}", f.fixed.join(", "));
    }
    s
}

/// The most severe finding of a package (for one-line summaries).
pub fn worst(p: &PackageReport) -> Option<&Finding> {
    p.findings.iter().max_by_key(|f| (f.action, f.severity))
}

/// The headline: what the command decided, in one line.
pub fn headline(report: &Report) -> String {
    let n = report.packages.len();
    let blocked = report.count(Verdict::Block);
    match report.verdict {
        Verdict::Block => {
            let first = report.packages.iter().find(|p| p.verdict == Verdict::Block);
            let why = first
                .and_then(|p| worst(p).map(|f| format!("{}: {}", p.package, describe(f))))
                .unwrap_or_default();
            let more = if blocked > 1 {
                format!(" (and {} more)", blocked - 1)
            } else {
                String::new()
            };
            format!("blocked {blocked} of {n} package(s): {why}{more}")
        }
        Verdict::Undecided => format!(
            "could not decide: {} check(s) could not run (see errors below); nothing at block level among {n} package(s)",
            report.errors.len()
        ),
        Verdict::Ask => format!(
            "{} package(s) need confirmation",
            report.count(Verdict::Ask)
        ),
        Verdict::Warn => format!(
            "allowed with warnings: {} of {n} package(s)",
            report.count(Verdict::Warn)
        ),
        Verdict::Allow => {
            format!("allowed: no findings at warn level or above among {n} package(s)")
        }
    }
}

/// Renders the whole report.
pub fn render(report: &Report, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let _ = writeln!(out, "ccdeps: {}", headline(report));
    let shown: Vec<&PackageReport> = report
        .packages
        .iter()
        .filter(|p| p.findings.iter().any(|f| f.action > Action::Off) || p.verdict > Verdict::Allow)
        .collect();
    if !shown.is_empty() {
        let width = shown
            .iter()
            .map(|p| label(p).len())
            .max()
            .unwrap_or(0)
            .min(60);
        out.push('\n');
        for p in &shown {
            let name = label(p);
            let _ = writeln!(out, "{name:width$}  {}", paint.verdict(p.verdict));
            for f in p.findings.iter().filter(|f| f.action > Action::Off) {
                let _ = writeln!(out, "    {:<5} {}", f.action.as_str(), describe(f));
            }
        }
    }
    let quiet = report.packages.len() - shown.len();
    if quiet > 0 {
        let _ = writeln!(out, "\n{quiet} package(s) without findings.");
    }
    if !report.errors.is_empty() {
        let _ = writeln!(out, "\nerrors:");
        for e in &report.errors {
            let mut line = String::from("  ");
            if let Some(p) = &e.package {
                let _ = write!(line, "{p}: ");
            }
            if let Some(c) = e.check {
                let _ = write!(line, "[{c}] ");
            }
            line.push_str(&e.why);
            let _ = writeln!(out, "{line}");
        }
    }
    for n in &report.notices {
        let _ = writeln!(out, "note ({}): {}", n.kind, n.message);
    }
    out
}

fn label(p: &PackageReport) -> String {
    let mut s = format!("{} {}", p.package.ecosystem(), p.package);
    match p.change {
        Some(Change::Changed) if !p.previous.is_empty() => {
            let _ = write!(s, " (was {})", p.previous.join(", "));
        }
        Some(c) => {
            let _ = write!(
                s,
                " ({})",
                serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            );
        }
        None => {}
    }
    s
}
