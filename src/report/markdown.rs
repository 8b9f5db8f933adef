//! `--format markdown`: a summary fit for a pull-request comment or a CI
//! step summary: blocked packages first, then warnings, then counts.

use std::fmt::Write;

use super::{Change, PackageReport, Report, Verdict};
use crate::finding::Action;

fn change(p: &PackageReport) -> String {
    match p.change {
        Some(Change::Added) => "added".into(),
        Some(Change::Changed) => format!("changed (was {})", p.previous.join(", ")),
        Some(Change::Removed) => "removed".into(),
        Some(Change::Unchanged) => "unchanged".into(),
        None => String::new(),
    }
}

fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn table(out: &mut String, rows: &[&PackageReport], min: Action) {
    let with_change = rows.iter().any(|p| p.change.is_some());
    if with_change {
        out.push_str("| package | change | finding | where |\n|---|---|---|---|\n");
    } else {
        out.push_str("| package | finding | where |\n|---|---|---|\n");
    }
    for p in rows {
        let where_ = p
            .package
            .locations
            .first()
            .map(|l| format!("`{}:{}`", l.path, l.line))
            .unwrap_or_default();
        for f in p.findings.iter().filter(|f| f.action >= min) {
            let pkg = format!("`{}` ({})", p.package, p.package.ecosystem());
            let finding = esc(&super::human::describe(f));
            if with_change {
                let _ = writeln!(out, "| {pkg} | {} | {finding} | {where_} |", change(p));
            } else {
                let _ = writeln!(out, "| {pkg} | {finding} | {where_} |");
            }
        }
    }
    out.push('\n');
}

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let icon = match report.verdict {
        Verdict::Block => "❌",
        Verdict::Undecided => "❔",
        Verdict::Ask | Verdict::Warn => "⚠️",
        Verdict::Allow => "✅",
    };
    let _ = writeln!(
        out,
        "## {icon} ccdeps: {}\n",
        super::human::headline(report)
    );
    let blocked: Vec<&PackageReport> = report
        .packages
        .iter()
        .filter(|p| p.verdict == Verdict::Block)
        .collect();
    let warned: Vec<&PackageReport> = report
        .packages
        .iter()
        .filter(|p| matches!(p.verdict, Verdict::Warn | Verdict::Ask))
        .collect();
    if !blocked.is_empty() {
        let _ = writeln!(out, "### Blocked ({})\n", blocked.len());
        table(&mut out, &blocked, Action::Block);
    }
    if !warned.is_empty() {
        let _ = writeln!(out, "### Warnings ({})\n", warned.len());
        table(&mut out, &warned, Action::Warn);
    }
    if !report.errors.is_empty() {
        let _ = writeln!(out, "### Could not check ({})\n", report.errors.len());
        for e in report.errors.iter().take(50) {
            let who = e
                .package
                .as_deref()
                .map(|p| format!("`{p}`: "))
                .unwrap_or_default();
            let _ = writeln!(out, "- {who}{}", esc(&e.why));
        }
        if report.errors.len() > 50 {
            let _ = writeln!(out, "- … and {} more", report.errors.len() - 50);
        }
        out.push('\n');
    }
    for n in &report.notices {
        let _ = writeln!(out, "> **{}**: {}", n.kind, esc(&n.message));
    }
    let count = |c: Change| {
        report
            .packages
            .iter()
            .filter(|p| p.change == Some(c))
            .count()
    };
    let _ = write!(
        out,
        "\n**Counts:** {} package(s): {} blocked, {} with warnings",
        report.packages.len(),
        blocked.len(),
        warned.len()
    );
    if report.packages.iter().any(|p| p.change.is_some()) {
        let _ = write!(
            out,
            "; {} added, {} changed, {} removed",
            count(Change::Added),
            count(Change::Changed),
            count(Change::Removed)
        );
    }
    out.push_str(".\n");
    out
}
