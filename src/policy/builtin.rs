//! The allowlists shipped with ccdeps (`allowlists/*.toml` at the top of the
//! repository), compiled into the binary and merged as part of the built-in
//! layer, below every configuration file. Parsed only when a policy is
//! loaded, so the pass-through path never pays for them.
//!
//! They hold `[[allow]]` entries only. When the managed policy locks `allow`,
//! they give way (they are skipped, not an error: nobody could fix that).

use super::Layer;
use super::config::{ConfigError, Loaded, parse};

/// `(name shown in decisions, contents)` of every shipped allowlist.
const SHIPPED: &[(&str, &str)] = &[(
    "allowlists/install-scripts.toml",
    include_str!("../../allowlists/install-scripts.toml"),
)];

/// Every shipped allowlist, parsed as a built-in layer file.
pub fn allowlists() -> Result<Vec<Loaded>, ConfigError> {
    SHIPPED
        .iter()
        .map(|(path, text)| parse(Layer::BuiltIn, path, (*text).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecosystem::Ecosystem;
    use crate::finding::{Action, CheckId, Finding};
    use crate::package::Package;
    use crate::policy::layers::merge;

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 11, 25)
    }

    fn script(code: &'static str) -> Finding {
        Finding::new(CheckId::InstallScript, code, "runs code")
    }

    fn action(
        p: &crate::policy::Policy,
        eco: Ecosystem,
        name: &str,
        v: &str,
        f: Finding,
    ) -> Action {
        let mut fs = [f];
        p.judge(&Package::new(eco, name, Some(v)), &mut fs);
        fs[0].action
    }

    #[test]
    fn shipped_lists_hold_only_reasoned_install_script_allows() {
        for l in allowlists().expect("shipped allowlists parse") {
            let f = &l.file;
            assert!(
                f.deny.is_empty() && f.exceptions.is_empty() && f.lock.is_none(),
                "{}: [[allow]] entries only",
                l.path
            );
            assert!(f.checks.is_empty() && f.codes.is_empty(), "{}", l.path);
            assert!(!f.allow.is_empty());
            for e in &f.allow {
                let e = e.get_ref();
                assert_eq!(
                    e.checks.as_deref(),
                    Some(&["install-script".to_string()][..])
                );
                assert!(
                    e.reason.as_deref().is_some_and(|r| r.len() > 20),
                    "{}",
                    e.package
                );
            }
        }
        // Every entry compiles (purl, range) through the real merge.
        merge(allowlists().expect("parse"), today(), false).expect("merge");
    }

    #[test]
    fn cargo_add_serde_and_native_npm_packages_pass_in_range_only() {
        let p = merge(allowlists().expect("parse"), today(), false).expect("merge");
        let build = || script(crate::codes::BUILD_SCRIPT);
        let npm = || script(crate::codes::INSTALL_SCRIPT);
        for name in [
            "serde",
            "serde_core",
            "serde-derive",
            "proc-macro2",
            "quote",
        ] {
            assert_eq!(
                action(&p, Ecosystem::CratesIo, name, "1.0.228", build()),
                Action::Off,
                "{name}"
            );
        }
        assert_eq!(
            action(&p, Ecosystem::Npm, "esbuild", "0.25.0", npm()),
            Action::Off
        );
        assert_eq!(
            action(&p, Ecosystem::Npm, "@swc/core", "1.7.0", npm()),
            Action::Off
        );
        // Out of the reviewed range, or not on the list: ask → block without a terminal.
        assert_eq!(
            action(&p, Ecosystem::Npm, "esbuild", "1.0.0", npm()),
            Action::Block
        );
        assert_eq!(
            action(&p, Ecosystem::Npm, "sharp", "0.32.6", npm()),
            Action::Block
        );
        assert_eq!(
            action(&p, Ecosystem::Npm, "core-js", "3.40.0", npm()),
            Action::Block
        );
        // Only the install-script check is waived.
        let young = Finding::new(CheckId::ReleaseAge, crate::codes::RELEASE_TOO_NEW, "new");
        assert_eq!(
            action(&p, Ecosystem::Npm, "esbuild", "0.25.0", young),
            Action::Block
        );
        let f = {
            let mut fs = [npm()];
            p.judge(
                &Package::new(Ecosystem::Npm, "esbuild", Some("0.25.0")),
                &mut fs,
            );
            fs[0].decided_by.clone().unwrap_or_default()
        };
        assert!(
            f.starts_with("allow (built-in allowlists/install-scripts.toml:"),
            "{f}"
        );
    }

    #[test]
    fn a_managed_lock_on_allow_drops_them() {
        let mut files = allowlists().expect("parse");
        files.push(
            parse(
                Layer::Managed,
                "managed.toml",
                "[lock]\nkeys = [\"allow\"]\n".into(),
            )
            .expect("managed"),
        );
        let p = merge(files, today(), false).expect("merge");
        assert!(p.allow.is_empty());
    }
}
