//! The install-script check: code a package runs when it is installed or
//! built, with the user's permissions.
//!
//! - npm lifecycle scripts (`preinstall`, `install`, `postinstall`, and the
//!   `node-gyp rebuild` a `binding.gyp` implies) → `install-script`.
//! - A PyPI version with no wheel for the target interpreter: pip builds the
//!   sdist, running its build backend (`setup.py`) → `install-script-sdist`.
//! - A crate with a build script, a proc-macro, or `links` → `build-script`.
//!
//! Facts come from the resolver (registry metadata, the `.crate` archive) or
//! from the lockfile (`hasInstallScript`, pnpm `requiresBuild`).

use super::facts::{self, one_line};
use super::{Check, Context, Sink};
use crate::codes;
use crate::ecosystem::Ecosystem;
use crate::finding::{CheckId, Finding};
use crate::package::Package;

pub struct InstallScriptCheck;

impl Check for InstallScriptCheck {
    fn id(&self) -> CheckId {
        CheckId::InstallScript
    }

    fn codes(&self) -> &'static [&'static str] {
        &[
            codes::INSTALL_SCRIPT,
            codes::INSTALL_SCRIPT_SDIST,
            codes::BUILD_SCRIPT,
        ]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        if !facts::judged(pkg) {
            return;
        }
        match &pkg.facts.install_scripts {
            None => facts::absent(ctx, pkg, CheckId::InstallScript, "install-time code", sink),
            Some(scripts) if scripts.is_empty() => {}
            Some(scripts) => sink.push(finding(pkg, scripts)),
        }
    }
}

fn finding(pkg: &Package, scripts: &[String]) -> Finding {
    let list = scripts
        .iter()
        .map(|s| one_line(s, 80))
        .collect::<Vec<_>>()
        .join(", ");
    match pkg.ecosystem() {
        Ecosystem::Npm => Finding::new(
            CheckId::InstallScript,
            codes::INSTALL_SCRIPT,
            format!("runs install scripts: {list}"),
        )
        .with_reason("lifecycle-scripts")
        .with_detail(format!(
            "npm runs {list} of {pkg} during the install, with your permissions \
             (from the package metadata `scripts`/`gypfile`, or the lockfile's `hasInstallScript`). \
             `--ignore-scripts` skips them."
        )),
        Ecosystem::PyPI => Finding::new(
            CheckId::InstallScript,
            codes::INSTALL_SCRIPT_SDIST,
            "no wheel fits this Python: pip would build the sdist, running the package's own build code",
        )
        .with_reason("sdist-only")
        .with_detail(format!(
            "Only a source distribution of {pkg} fits the target interpreter; building it runs the \
             package's own build backend (`setup.py`) at install time. A version with a compatible \
             wheel (or pip `--only-binary :all:`) avoids it."
        )),
        Ecosystem::CratesIo => Finding::new(
            CheckId::InstallScript,
            codes::BUILD_SCRIPT,
            format!("runs code at build time: {list}"),
        )
        .with_reason("build-time-code")
        .with_detail(format!(
            "cargo compiles and runs {pkg}'s build script, or loads its proc-macro into the compiler, \
             when the project builds, with your permissions ({list}; from the crate's Cargo.toml and \
             archive, or the index's `links`)."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::facts::testing::run;
    use super::*;
    use crate::package::Source;

    fn pkg(eco: Ecosystem, scripts: Option<&[&str]>) -> Package {
        let mut p = Package::new(eco, "x", Some("1.0.0"));
        p.facts.install_scripts = scripts.map(|s| s.iter().map(|x| x.to_string()).collect());
        p
    }

    #[test]
    fn present_facts_are_judged_whatever_the_mode() {
        for registry_checks in [false, true] {
            let check = |p: &Package| run(&InstallScriptCheck, p, registry_checks, None);
            let (codes, errors, sink) = check(&pkg(Ecosystem::Npm, Some(&["postinstall"])));
            assert_eq!(codes, [codes::INSTALL_SCRIPT]);
            assert!(errors.is_empty());
            assert!(sink.findings[0].summary.contains("postinstall"));
            assert!(
                sink.findings[0]
                    .detail
                    .as_deref()
                    .is_some_and(|d| d.contains("postinstall"))
            );
            let (codes, _, _) = check(&pkg(Ecosystem::PyPI, Some(&["sdist"])));
            assert_eq!(codes, [codes::INSTALL_SCRIPT_SDIST]);
            let (codes, _, sink) = check(&pkg(
                Ecosystem::CratesIo,
                Some(&["build.rs (links = \"z\")", "proc-macro"]),
            ));
            assert_eq!(codes, [codes::BUILD_SCRIPT]);
            assert!(sink.findings[0].summary.contains("proc-macro"));
            let (codes, errors, _) = check(&pkg(Ecosystem::Npm, Some(&[])));
            assert!(codes.is_empty() && errors.is_empty());
        }
    }

    #[test]
    fn absent_facts_depend_on_the_mode() {
        let p = pkg(Ecosystem::CratesIo, None);
        let (codes, errors, _) = run(&InstallScriptCheck, &p, false, None);
        assert!(codes.is_empty() && errors.is_empty(), "lockfile scan");
        let (codes, errors, sink) = run(&InstallScriptCheck, &p, true, None);
        assert!(codes.is_empty());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(sink.errors[0].0, CheckId::InstallScript);
        let mut p = p;
        p.facts.unavailable = Some("offline".into());
        let (_, errors, _) = run(&InstallScriptCheck, &p, false, None);
        assert!(errors[0].contains("offline"), "{errors:?}");
    }

    #[test]
    fn non_registry_and_unpinned_packages_are_not_judged() {
        let mut p = pkg(Ecosystem::Npm, None);
        p.source = Source::Git {
            url: "https://example.com/x".into(),
            rev: None,
        };
        assert!(run(&InstallScriptCheck, &p, true, None).1.is_empty());
        let mut p = pkg(Ecosystem::Npm, None);
        p.version = None;
        assert!(run(&InstallScriptCheck, &p, true, None).1.is_empty());
    }
}
