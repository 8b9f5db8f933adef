//! The registry of finding codes: every code a check can emit, the check that
//! owns it, the built-in action, and its documented meaning. Codes are a
//! public contract (reports, SARIF rule ids, policy overrides): never rename
//! one; add a new one instead. `docs/CODES.md` is generated from this table's
//! content and a test keeps the two in step.

use crate::finding::{Action, CheckId};

/// One finding code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    pub check: CheckId,
    /// The built-in policy's action for this code.
    pub default_action: Action,
    pub meaning: &'static str,
}

macro_rules! codes {
    ($($konst:ident = $code:literal, $check:ident, $action:ident, $meaning:literal;)*) => {
        $(pub const $konst: &str = $code;)*
        /// Every code, in documentation order.
        pub static ALL: &[CodeInfo] = &[
            $(CodeInfo { code: $code, check: CheckId::$check, default_action: Action::$action, meaning: $meaning },)*
        ];
    };
}

codes! {
    ADVISORY_MALWARE = "advisory-malware", Advisory, Block,
        "An OSV `MAL-` record: the version is known malware. Never downgraded by severity; only an exact-version exception lifts it.";
    ADVISORY_VULNERABILITY = "advisory-vulnerability", Advisory, Block,
        "A known vulnerability (OSV record) affects this version. Blocks at high/critical/unknown severity, warns at medium/low; the finding lists fixed versions.";
    ADVISORY_INFORMATIONAL = "advisory-informational", Advisory, Warn,
        "An informational advisory (RustSec `unmaintained`, `unsound`, `notice`) covers this version.";
    TYPOSQUAT = "typosquat", Typosquat, Block,
        "The name is a close imitation of a much more popular package (strict tier: swapped or look-alike letters, dropped delimiters, affixes, npm scope games, a plausible one-letter slip on a name of 5+ letters). `similar_to` names the package, `reason` the transformation (docs/TYPOSQUAT.md).";
    TYPOSQUAT_WEAK = "typosquat-weak", Typosquat, Ask,
        "The name resembles a popular package less strongly (short names, less plausible edits, two edits against the most popular names, a version digit, a dropped npm scope, an abbreviation spelled out, a PyPI project's import name used as a project name).";
    TYPOSQUAT_ESTABLISHED = "typosquat-established", Typosquat, Warn,
        "The name resembles a popular package, but the registry shows an established package: first published over two years ago, with five or more releases (typosquats are removed within days). Only when registry facts were fetched (`run`, `explain`).";
    INSTALL_SCRIPT = "install-script", InstallScript, Ask,
        "Installing this version runs code: npm lifecycle scripts (`preinstall`/`install`/`postinstall`, implicit `node-gyp rebuild`).";
    INSTALL_SCRIPT_SDIST = "install-script-sdist", InstallScript, Ask,
        "This PyPI version has no wheel for the target platform: pip would build the sdist, running its build backend (`setup.py`).";
    BUILD_SCRIPT = "build-script", InstallScript, Ask,
        "This crate runs code at build time (`build.rs`, a proc-macro, or `links`).";
    RELEASE_TOO_NEW = "release-too-new", ReleaseAge, Block,
        "The version was published less than the cooldown (default 48 hours) ago.";
    RELEASE_AGE_UNKNOWN = "release-age-unknown", ReleaseAge, Warn,
        "The registry gives no publication time for this version.";
    SOURCE_GIT = "source-git", Source, Ask,
        "The package comes from a git repository, not a registry.";
    SOURCE_URL = "source-url", Source, Ask,
        "The package comes from a direct URL (tarball, wheel, archive), not a registry.";
    SOURCE_PATH = "source-path", Source, Off,
        "The package comes from a local path (workspace member, `file:`).";
    SOURCE_REGISTRY = "source-registry", Source, Block,
        "The package comes from a registry that is not in the allowed list.";
    SOURCE_UNPINNED = "source-unpinned", Source, Warn,
        "The declaration pins no exact version: what gets installed can change without review.";
    DEPENDENCY_CONFUSION = "dependency-confusion", Source, Block,
        "A name owned by a private registry or scope also resolves on the public registry.";
    LISTED_DENY = "listed-deny", Listed, Block,
        "The package (or this version range) is on a deny list.";
    YANKED = "yanked", Yanked, Block,
        "The version was yanked from its registry.";
    DEPRECATED = "deprecated", Deprecated, Warn,
        "The npm version is deprecated by its maintainers.";
}

/// The `docs/CODES.md` page, rendered from [`ALL`].
pub fn markdown() -> String {
    let mut out = String::from(
        "# Finding codes\n\n\
         Every finding in a ccdeps report carries a stable `code`. Codes are a contract: they never\n\
         change meaning and are never reused. The policy maps codes to actions; the built-in action\n\
         is listed here (see `docs/POLICY.md` to change it).\n\n\
         This page is generated from `src/codes.rs` (`UPDATE_DOCS=1 cargo test codes` rewrites it).\n\n\
         | code | check | built-in action | meaning |\n|---|---|---|---|\n",
    );
    for c in ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            c.code, c.check, c.default_action, c.meaning
        ));
    }
    out
}

/// Looks up a code's registry entry.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    ALL.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for c in ALL {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(
                c.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{} is not kebab-case",
                c.code
            );
        }
    }

    #[test]
    fn docs_page_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/CODES.md");
        let want = markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).expect("write docs/CODES.md");
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/CODES.md is stale: run `UPDATE_DOCS=1 cargo test codes`"
        );
    }

    #[test]
    fn every_check_has_a_code() {
        for check in CheckId::ALL {
            assert!(ALL.iter().any(|c| c.check == check), "{check} has no code");
        }
    }
}
