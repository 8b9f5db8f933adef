//! The deprecated check: an npm version its maintainers marked deprecated
//! (`npm deprecate`), with their message. Other registries have no
//! per-version deprecation, so only npm packages are judged.

use super::facts::{self, one_line};
use super::{Check, Context, Sink};
use crate::codes;
use crate::ecosystem::Ecosystem;
use crate::finding::{CheckId, Finding};
use crate::package::Package;

/// Longest part of a maintainer's message shown.
const MAX_MESSAGE: usize = 300;

pub struct DeprecatedCheck;

impl Check for DeprecatedCheck {
    fn id(&self) -> CheckId {
        CheckId::Deprecated
    }

    fn codes(&self) -> &'static [&'static str] {
        &[codes::DEPRECATED]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        if !facts::judged(pkg) || pkg.ecosystem() != Ecosystem::Npm {
            return;
        }
        match &pkg.facts.deprecated {
            Some(Some(message)) => {
                let message = one_line(message, MAX_MESSAGE);
                sink.push(
                    Finding::new(
                        CheckId::Deprecated,
                        codes::DEPRECATED,
                        format!("deprecated by its maintainers: \"{message}\""),
                    )
                    .with_reason("deprecated")
                    .with_detail(format!(
                        "Its maintainers marked this version deprecated on the registry (npm prints \
                         the same warning on install). Their message: \"{message}\""
                    )),
                );
            }
            Some(None) => {}
            None => facts::absent(ctx, pkg, CheckId::Deprecated, "deprecation status", sink),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::facts::testing::run;
    use super::*;

    fn pkg(eco: Ecosystem, deprecated: Option<Option<&str>>) -> Package {
        let mut p = Package::new(eco, "old", Some("1.0.0"));
        p.facts.deprecated = deprecated.map(|d| d.map(str::to_string));
        p
    }

    #[test]
    fn the_maintainers_message_is_shown_cleaned() {
        let p = pkg(Ecosystem::Npm, Some(Some("use \x1b[1mnew\x1b[0m\ninstead")));
        let (codes, _, sink) = run(&DeprecatedCheck, &p, false, None);
        assert_eq!(codes, [codes::DEPRECATED]);
        assert_eq!(
            sink.findings[0].summary,
            "deprecated by its maintainers: \"use [1mnew[0m instead\""
        );
        assert!(
            run(
                &DeprecatedCheck,
                &pkg(Ecosystem::Npm, Some(None)),
                true,
                None
            )
            .0
            .is_empty()
        );
    }

    #[test]
    fn absent_facts_and_other_ecosystems() {
        let (codes, errors, _) = run(&DeprecatedCheck, &pkg(Ecosystem::Npm, None), false, None);
        assert!(codes.is_empty() && errors.is_empty());
        let (_, errors, _) = run(&DeprecatedCheck, &pkg(Ecosystem::Npm, None), true, None);
        assert_eq!(errors.len(), 1);
        let (codes, errors, _) = run(&DeprecatedCheck, &pkg(Ecosystem::PyPI, None), true, None);
        assert!(codes.is_empty() && errors.is_empty());
    }
}
