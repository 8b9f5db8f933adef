//! Table-driven policy tests: actions per finding, exceptions, allow/deny,
//! ask without a terminal, and layer merging with locks.

use std::collections::BTreeSet;

use super::config::parse;
use super::layers::merge;
use super::*;
use crate::ecosystem::Ecosystem;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 25)
}

fn policy(files: &[(Layer, &str)]) -> Result<Policy, config::ConfigError> {
    let loaded = files
        .iter()
        .map(|(layer, text)| {
            parse(
                *layer,
                &format!("{}.toml", layer.as_str()),
                text.to_string(),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    merge(loaded, today(), false)
}

fn pkg(eco: Ecosystem, name: &str, v: &str) -> Package {
    Package::new(eco, name, Some(v))
}

fn advisory(code: &'static str, id: &str, aliases: &[&str], sev: Option<Severity>) -> Finding {
    let mut f = Finding::new(CheckId::Advisory, code, "x");
    f.id = Some(id.into());
    f.aliases = aliases.iter().map(|a| a.to_string()).collect();
    f.severity = sev;
    f
}

fn action(p: &Policy, pk: &Package, f: Finding) -> Action {
    let mut fs = [f];
    p.judge(pk, &mut fs);
    fs[0].action
}

#[test]
fn vulnerability_severity_table() {
    let p = Policy::default();
    let pk = pkg(Ecosystem::Npm, "x", "1.0.0");
    let rows = [
        (Some(Severity::Critical), Action::Block),
        (Some(Severity::High), Action::Block),
        (Some(Severity::Unknown), Action::Block),
        (None, Action::Block),
        (Some(Severity::Medium), Action::Warn),
        (Some(Severity::Low), Action::Warn),
    ];
    for (sev, want) in rows {
        assert_eq!(
            action(
                &p,
                &pk,
                advisory(codes::ADVISORY_VULNERABILITY, "GHSA-1", &[], sev)
            ),
            want,
            "{sev:?}"
        );
    }
    let p = policy(&[(
        Layer::Project,
        "[settings]\nblock-severity = \"critical\"\n",
    )])
    .unwrap();
    assert_eq!(
        action(
            &p,
            &pk,
            advisory(
                codes::ADVISORY_VULNERABILITY,
                "G",
                &[],
                Some(Severity::High)
            )
        ),
        Action::Warn
    );
    assert_eq!(
        action(
            &p,
            &pk,
            advisory(
                codes::ADVISORY_VULNERABILITY,
                "G",
                &[],
                Some(Severity::Critical)
            )
        ),
        Action::Block
    );
}

#[test]
fn malware_blocks_unless_an_exact_exception_names_it() {
    let pk = pkg(Ecosystem::Npm, "evil", "1.0.0");
    let mal = || {
        advisory(
            codes::ADVISORY_MALWARE,
            "MAL-2025-1",
            &[],
            Some(Severity::Low),
        )
    };
    assert_eq!(action(&Policy::default(), &pk, mal()), Action::Block);
    let exact = "[[exceptions]]\npackage = \"pkg:npm/evil@1.0.0\"\nadvisories = [\"MAL-2025-1\"]\nreason = \"our own test fixture\"\nexpires = \"2030-01-01\"\n";
    assert_eq!(
        action(&policy(&[(Layer::Project, exact)]).unwrap(), &pk, mal()),
        Action::Off
    );
    let ranged = "[[exceptions]]\npackage = \"pkg:npm/evil\"\nversion = \">=1.0.0\"\nadvisories = [\"MAL-2025-1\"]\nreason = \"r\"\nexpires = \"2030-01-01\"\n";
    let e = policy(&[(Layer::Project, ranged)]).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("project.toml:1: a malware (MAL-) exception must name one exact version"),
        "{e}"
    );
    let expired = exact.replace("2030-01-01", "2026-11-24");
    assert_eq!(
        action(&policy(&[(Layer::Project, &expired)]).unwrap(), &pk, mal()),
        Action::Block
    );
    // Malware cannot be turned down by a code override.
    let e = policy(&[(Layer::User, "[codes]\nadvisory-malware = \"warn\"\n")]).unwrap_err();
    assert!(e.message.contains("always blocks"), "{e}");
}

#[test]
fn exceptions_match_across_aliases_and_ranges() {
    let p = policy(&[(
        Layer::Project,
        "[[exceptions]]\npackage = \"pkg:npm/lodash\"\nversion = \"<4.17.21\"\nadvisories = [\"cve-2021-23337\"]\nreason = \"template() unused\"\nexpires = \"2027-01-01\"\n",
    )])
    .unwrap();
    let f = || {
        advisory(
            codes::ADVISORY_VULNERABILITY,
            "GHSA-35jh-r3h4-6jhm",
            &["CVE-2021-23337"],
            Some(Severity::High),
        )
    };
    let mut fs = [f()];
    let (v, used) = p.judge(&pkg(Ecosystem::Npm, "lodash", "4.17.20"), &mut fs);
    assert_eq!(
        (v, fs[0].action, used),
        (Verdict::Allow, Action::Off, vec![0])
    );
    assert!(
        fs[0]
            .decided_by
            .as_deref()
            .unwrap()
            .contains("template() unused")
    );
    // Outside the range, or another advisory: not covered.
    assert_eq!(
        action(&p, &pkg(Ecosystem::Npm, "lodash", "4.17.21"), f()),
        Action::Block
    );
    assert_eq!(
        action(
            &p,
            &pkg(Ecosystem::Npm, "lodash", "4.17.20"),
            advisory(codes::ADVISORY_VULNERABILITY, "GHSA-other", &[], None)
        ),
        Action::Block
    );
    let notices = p.exception_notices(&BTreeSet::new(), true);
    assert_eq!(notices[0].kind, "exception-unused");
    assert!(p.exception_notices(&BTreeSet::from([0]), true).is_empty());
}

#[test]
fn expired_exceptions_are_reported() {
    let p = policy(&[(
        Layer::Project,
        "[[exceptions]]\npackage = \"pkg:pypi/jinja2@2.11.2\"\nadvisories = [\"PYSEC-2021-66\"]\nreason = \"r\"\nexpires = \"2026-01-01\"\n",
    )])
    .unwrap();
    let n = p.exception_notices(&BTreeSet::new(), false);
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].kind, "exception-expired");
    assert!(
        n[0].message.contains("expired on 2026-01-01"),
        "{}",
        n[0].message
    );
}

#[test]
fn allow_waives_checks_but_deny_and_malware_win() {
    let p = policy(&[(
        Layer::Project,
        "[[allow]]\npackage = \"pkg:npm/esbuild\"\nchecks = [\"install-script\"]\nreason = \"needs its binary\"\n\n[[allow]]\npackage = \"pkg:npm/preact\"\n",
    )])
    .unwrap();
    let esbuild = pkg(Ecosystem::Npm, "esbuild", "0.20.2");
    let script = Finding::new(CheckId::InstallScript, codes::INSTALL_SCRIPT, "postinstall");
    assert_eq!(action(&p, &esbuild, script.clone()), Action::Off);
    // Only the listed check is waived.
    let squat = Finding::new(CheckId::Typosquat, codes::TYPOSQUAT, "x");
    assert_eq!(action(&p, &esbuild, squat.clone()), Action::Block);
    let preact = pkg(Ecosystem::Npm, "preact", "10.0.0");
    assert_eq!(action(&p, &preact, squat), Action::Off);
    assert_eq!(
        action(
            &p,
            &preact,
            advisory(codes::ADVISORY_MALWARE, "MAL-1", &[], None)
        ),
        Action::Block
    );
    let deny = Finding::new(CheckId::Listed, codes::LISTED_DENY, "denied");
    assert_eq!(action(&p, &preact, deny), Action::Block);
}

#[test]
fn overrides_codes_then_checks_then_defaults() {
    let p = policy(&[(
        Layer::Project,
        "[checks]\ntyposquat = \"warn\"\n\n[codes]\ntyposquat-weak = \"off\"\n",
    )])
    .unwrap();
    let pk = pkg(Ecosystem::PyPI, "reqeusts", "1.0");
    assert_eq!(
        action(
            &p,
            &pk,
            Finding::new(CheckId::Typosquat, codes::TYPOSQUAT, "x")
        ),
        Action::Warn
    );
    assert_eq!(
        action(
            &p,
            &pk,
            Finding::new(CheckId::Typosquat, codes::TYPOSQUAT_WEAK, "x")
        ),
        Action::Off
    );
    assert_eq!(
        action(
            &p,
            &pk,
            Finding::new(CheckId::Deprecated, codes::DEPRECATED, "x")
        ),
        Action::Warn
    );
}

#[test]
fn ask_becomes_the_no_terminal_action() {
    let pk = pkg(Ecosystem::Npm, "sharp", "0.33.0");
    let f = || Finding::new(CheckId::InstallScript, codes::INSTALL_SCRIPT, "install");
    let mut p = Policy::default();
    assert_eq!(action(&p, &pk, f()), Action::Block);
    p.interactive = true;
    assert_eq!(action(&p, &pk, f()), Action::Ask);
    let p = policy(&[(Layer::User, "[settings]\nask-without-terminal = \"warn\"\n")]).unwrap();
    assert_eq!(action(&p, &pk, f()), Action::Warn);
}

#[test]
fn layers_take_the_highest_and_locks_stop_loosening() {
    let user = "[settings]\nrelease-age-hours = 24\n[checks]\ninstall-script = \"warn\"\n";
    let project = "[settings]\nrelease-age-hours = 72\n";
    let p = policy(&[(Layer::User, user), (Layer::Project, project)]).unwrap();
    assert_eq!(p.release_age_hours.value, 72);
    assert_eq!(
        p.release_age_hours.origin.to_string(),
        "project project.toml:2"
    );
    assert_eq!(p.checks[&CheckId::InstallScript].value, Action::Warn);

    let managed = "[checks]\ntyposquat = \"block\"\n\n[lock]\nkeys = [\"checks.typosquat\", \"settings.release-age-hours\", \"exceptions\"]\n";
    // Loosening a locked key is an error that names the lower file and line.
    let e = policy(&[
        (Layer::Managed, managed),
        (Layer::Project, "\n[checks]\ntyposquat = \"warn\"\n"),
    ])
    .unwrap_err();
    assert_eq!((e.path.as_str(), e.line), ("project.toml", 3));
    assert!(
        e.message
            .contains("`checks.typosquat` is locked by managed policy (managed.toml:5) at block"),
        "{e}"
    );
    let e = policy(&[
        (Layer::Managed, managed),
        (Layer::User, "[settings]\nrelease-age-hours = 1\n"),
    ])
    .unwrap_err();
    assert!(e.message.contains("cannot loosen it to 1"), "{e}");
    let e = policy(&[
        (Layer::Managed, managed),
        (Layer::Project, "[[exceptions]]\npackage = \"pkg:npm/a@1.0.0\"\nadvisories = [\"X\"]\nreason = \"r\"\nexpires = \"2030-01-01\"\n"),
    ])
    .unwrap_err();
    assert!(e.message.contains("`exceptions` is locked"), "{e}");
    // Tightening a locked key is fine, and the stricter value stays.
    let p = policy(&[
        (Layer::Managed, managed),
        (Layer::Project, "[settings]\nrelease-age-hours = 96\n"),
    ])
    .unwrap();
    assert_eq!(p.release_age_hours.value, 96);
    // `[lock]` outside the managed layer is refused.
    let e = policy(&[(Layer::Project, "[lock]\nkeys = []\n")]).unwrap_err();
    assert!(e.message.contains("only allowed in the managed"), "{e}");
}

#[test]
fn bad_values_name_file_and_line() {
    let cases = [
        (
            "[checks]\nspeling = \"block\"\n",
            2,
            "unknown check `speling`",
        ),
        (
            "[codes]\nno-such-code = \"warn\"\n",
            2,
            "unknown finding code",
        ),
        (
            "[settings]\nblock-severity = \"severe\"\n",
            2,
            "not a severity",
        ),
        (
            "[settings]\non-missing-data = \"ask\"\n",
            2,
            "cannot be ask",
        ),
        (
            "\n[[deny]]\npackage = \"npm/x\"\n",
            2,
            "must start with `pkg:`",
        ),
        (
            "[[deny]]\npackage = \"pkg:npm/x\"\nversion = \">=banana\"\n",
            1,
            "version \">=banana\"",
        ),
        (
            "[[exceptions]]\npackage = \"pkg:npm/x@1.0.0\"\nadvisories = [\"A\"]\nreason = \"r\"\nexpires = \"soon\"\n",
            1,
            "expected a date",
        ),
        (
            "[[exceptions]]\npackage = \"pkg:npm/x@1.0.0\"\nadvisories = [\"A\"]\nreason = \" \"\nexpires = \"2030-01-01\"\n",
            1,
            "needs a reason",
        ),
    ];
    for (text, line, msg) in cases {
        let e = policy(&[(Layer::Project, text)]).unwrap_err();
        assert_eq!(e.line, line, "{text}: {e}");
        assert!(e.message.contains(msg), "{text}: {e}");
    }
}
