//! What the registry-fact checks (install-script, release-age, yanked,
//! deprecated) share: which packages carry registry facts at all, what an
//! absent fact means, and registry text made safe to show.
//!
//! An absent fact is never "all is well". It is "could not run" when the
//! facts could not be had (`Facts::unavailable`: offline cache miss,
//! registry error) or were requested from the registry for this run
//! (`Context::registry_checks`); in a plain lockfile scan it is simply not
//! judged, since lockfiles record only some facts.

use super::{Context, Sink};
use crate::finding::CheckId;
use crate::package::Package;

/// Registry facts describe one exact registry version: git, URL and path
/// packages (the source check's business) and unpinned or unresolved
/// declarations have none to judge.
pub(super) fn judged(pkg: &Package) -> bool {
    pkg.source.is_registry() && pkg.version.is_some()
}

/// Reports "could not run" when the facts could not be had; returns whether it did.
pub(super) fn unavailable(pkg: &Package, check: CheckId, what: &str, sink: &mut Sink) -> bool {
    match &pkg.facts.unavailable {
        Some(why) => {
            sink.could_not_run(check, format!("{what} unknown: {why}"));
            true
        }
        None => false,
    }
}

/// A needed fact is absent: "could not run" when the facts could not be had
/// or were requested, nothing in a plain lockfile scan.
pub(super) fn absent(
    ctx: &Context<'_>,
    pkg: &Package,
    check: CheckId,
    what: &str,
    sink: &mut Sink,
) {
    if !unavailable(pkg, check, what, sink) && ctx.registry_checks {
        sink.could_not_run(
            check,
            format!("{what} unknown: the registry metadata does not say"),
        );
    }
}

/// Registry-provided text (a deprecation message, a script name) as one
/// printable line: control characters (terminal escapes included) dropped,
/// whitespace collapsed, at most `max` characters.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}') {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if out.chars().count() > max {
        out = out.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
    }
    out
}

#[cfg(test)]
pub(super) mod testing {
    //! A context and sink runner for the checks' unit tests.

    use super::super::{Check, Context, Sink};
    use crate::package::Package;
    use crate::policy::Policy;

    /// 2026-06-01T12:00:00Z.
    pub fn now() -> jiff::Timestamp {
        jiff::Timestamp::from_second(1_780_315_200).expect("valid time")
    }

    /// Runs `check` on `pkg`; returns the codes found and the could-not-run notes.
    pub fn run(
        check: &dyn Check,
        pkg: &Package,
        registry_checks: bool,
        policy: Option<&Policy>,
    ) -> (Vec<&'static str>, Vec<String>, Sink) {
        let ctx = Context {
            advisories: None,
            advisories_missing: None,
            policy,
            now: now(),
            registry_checks,
            popular: None,
        };
        let mut sink = Sink::default();
        check.run(&ctx, pkg, &mut sink);
        let codes = sink.findings.iter().map(|f| f.code).collect();
        let errors = sink.errors.iter().map(|(_, w)| w.clone()).collect();
        (codes, errors, sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_strips_escapes_and_bounds_length() {
        assert_eq!(
            one_line("use\x1b[31m  bar\n\tinstead\u{202e}", 100),
            "use[31m bar instead"
        );
        assert_eq!(one_line("  abcdef", 4), "abc…");
        assert_eq!(one_line("", 4), "");
    }
}
