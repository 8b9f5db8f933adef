//! The one-line messages a person and an agent act on (STYLE.md): what was
//! blocked, why, and the way forward; what could not be decided and how to
//! fix it; and the yes/no prompt for `ask` on a terminal.

use std::io::{BufRead, Write};

use crate::codes;
use crate::finding::{Action, Finding};
use crate::report::{PackageReport, Report, Verdict};

/// The way forward for one blocking finding.
fn way_forward(p: &PackageReport, f: &Finding) -> String {
    let purl = crate::purl::Purl::format(&p.package.name, None);
    match f.code {
        codes::ADVISORY_MALWARE => "Do not install it: it is known malware. Remove it (or whatever depends on it) from the request.".into(),
        codes::ADVISORY_VULNERABILITY | codes::ADVISORY_INFORMATIONAL => {
            let fixed = match f.fixed.last() {
                Some(v) => format!("Use a fixed version (e.g. {}@{v})", p.package.name),
                None => "No fixed version is known: choose another package".into(),
            };
            format!("{fixed}, or accept the risk with an [[exceptions]] entry for {purl} in ccdeps.toml (a reason and an expiry date).")
        }
        codes::TYPOSQUAT | codes::TYPOSQUAT_WEAK | codes::TYPOSQUAT_ESTABLISHED => match &f.similar_to {
            Some(t) => format!("Did you mean {t}? If {} is really intended, add an [[allow]] entry for {purl} in ccdeps.toml with a reason.", p.package.name),
            None => format!("If {} is really intended, add an [[allow]] entry for {purl} in ccdeps.toml with a reason.", p.package.name),
        },
        codes::INSTALL_SCRIPT | codes::INSTALL_SCRIPT_SDIST | codes::BUILD_SCRIPT => format!(
            "If its install-time code is trusted, allow it: [[allow]] package = \"{purl}\" with checks = [\"{}\"] and a reason in ccdeps.toml.",
            f.check
        ),
        codes::RELEASE_TOO_NEW => "Wait for the cooldown to pass, or pin an older version.".into(),
        codes::YANKED => "Pick a version that is not yanked.".into(),
        codes::LISTED_DENY => "It is on a deny list; pick another package.".into(),
        codes::DEPENDENCY_CONFUSION => "Install it from your private registry (check the registry and scope settings); the public package of that name is not yours.".into(),
        codes::SOURCE_GIT | codes::SOURCE_URL => format!("Install it from a registry, or allow the source with an [[allow]] entry for {purl} (checks = [\"source\"]) in ccdeps.toml."),
        codes::SOURCE_REGISTRY => "Add the registry to settings.allowed-registries in ccdeps.toml if it is yours.".into(),
        _ => format!("See `ccdeps explain {}` for the evidence.", p.package.purl()),
    }
}

/// `ccdeps: blocked npm install lodahs: "lodahs" looks like … Did you mean lodash? …`
pub fn blocked(command: &str, report: &Report) -> String {
    let blocked: Vec<&PackageReport> = report
        .packages
        .iter()
        .filter(|p| p.verdict == Verdict::Block)
        .collect();
    let Some(first) = blocked.first() else {
        return format!("ccdeps: blocked {command}: nothing was installed.");
    };
    let Some(f) = first
        .findings
        .iter()
        .filter(|f| f.action == Action::Block)
        .max_by_key(|f| f.severity)
    else {
        return format!(
            "ccdeps: blocked {command}: {} is not allowed by policy; nothing was installed.",
            first.package
        );
    };
    // Typosquat summaries already read as a sentence about the name.
    let what = if f.check == crate::finding::CheckId::Typosquat {
        f.summary.clone()
    } else {
        format!("{}: {}", first.package, crate::report::human::describe(f))
    };
    let more = match blocked.len() {
        1 => String::new(),
        n => format!(" ({} more package(s) blocked, listed below)", n - 1),
    };
    format!(
        "ccdeps: blocked {command}: {what}{more}. {} Nothing was installed.",
        way_forward(first, f)
    )
}

/// Why a decision could not be made, and how to fix it.
pub fn undecided(report: &Report) -> (String, String) {
    let Some(e) = report
        .errors
        .iter()
        .find(|e| e.blocking)
        .or(report.errors.first())
    else {
        return (
            "the checks did not complete".into(),
            "Run it again; if it persists, run `ccdeps explain` on the packages.".into(),
        );
    };
    let why = match &e.package {
        Some(p) => format!("{p}: {}", e.why),
        None => e.why.clone(),
    };
    let w = e.why.as_str();
    let fix = if w.contains("no advisory database") || w.contains("ccdeps db update") {
        "Run `ccdeps db update` (or `ccdeps db update --mirror DIR`) first."
    } else if w.contains("offline") {
        "Run it once with the network available (the answers are cached), or drop --offline / CCDEPS_OFFLINE."
    } else if w.contains("no such package") {
        "Check the package name (no such package on the registry)."
    } else if w.contains("registry error") || w.contains("unreachable") || w.contains("timed out") {
        "Check the network and the registry settings (.npmrc, pip.conf, .cargo/config.toml), then retry."
    } else {
        "See the details above; `ccdeps explain PURL` shows every check's evidence."
    };
    (why, fix.to_string())
}

/// Asks a yes/no question on the terminal (default no).
pub fn confirm(question: &str) -> bool {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question} [y/N] ");
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}
