//! pip and uv option parsing: which long and short options exist, which take
//! a value, pip's unique-prefix matching, and the scan of an argv into
//! options and positionals.

use crate::intent::args::split_eq;

/// Which parser's rules apply.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::intent) enum Dialect {
    Pip,
    Uv,
}

/// Long options that take a value (pip and uv spellings together; canonical
/// names are matched below).
#[rustfmt::skip]
const PIP_VALUES: &[&str] = &[
    "requirement", "constraint", "editable", "target", "platform", "python-version", "implementation", "abi",
    "root", "prefix", "src", "upgrade-strategy", "config-settings", "global-option", "install-option",
    "no-binary", "only-binary", "progress-bar", "report", "group", "index-url", "extra-index-url", "find-links",
    "dest", "wheel-dir", "output", "build-constraint", "uploaded-prior-to", "python", "log", "keyring-provider",
    "proxy", "retries", "timeout", "exists-action", "trusted-host", "cert", "client-cert", "cache-dir",
    "use-feature", "use-deprecated", "resume-retries", "hash",
];

#[rustfmt::skip]
const PIP_FLAGS: &[&str] = &[
    "no-deps", "pre", "dry-run", "upgrade", "force-reinstall", "ignore-installed", "ignore-requires-python",
    "no-build-isolation", "use-pep517", "no-use-pep517", "check-build-dependencies", "break-system-packages",
    "compile", "no-compile", "no-warn-script-location", "no-warn-conflicts", "prefer-binary", "require-hashes",
    "no-clean", "user", "no-index", "help", "debug", "isolated", "require-virtualenv", "verbose", "version",
    "quiet", "no-input", "no-cache-dir", "disable-pip-version-check", "no-color", "no-python-version-warning",
    "all-releases", "only-final", "json", "no-deps",
];

#[rustfmt::skip]
const UV_VALUES: &[&str] = &[
    "requirements", "requirement", "constraints", "constraint", "editable", "overrides", "override",
    "build-constraints", "build-constraint", "extra", "group", "upgrade-package", "reinstall-package",
    "no-build-package", "no-binary-package", "only-binary-package", "no-binary", "only-binary",
    "config-setting", "config-settings", "config-settings-package", "no-build-isolation-package", "resolution",
    "prerelease", "fork-strategy", "exclude-newer", "exclude-newer-package", "link-mode", "index",
    "default-index", "index-url", "extra-index-url", "find-links", "index-strategy", "keyring-provider",
    "python", "target", "prefix", "python-version", "python-platform", "torch-backend", "refresh-package",
    "cache-dir", "config-file", "directory", "project", "color", "allow-insecure-host", "trusted-host",
    "output-file", "with", "with-editable", "with-requirements", "from", "package", "marker", "optional", "rev",
    "tag", "branch", "bounds", "script", "no-install-package", "only-group", "no-group",
    "extra-build-dependencies", "emit-index-annotation",
];

#[rustfmt::skip]
const UV_FLAGS: &[&str] = &[
    "system", "break-system-packages", "upgrade", "reinstall", "no-deps", "no-build", "no-build-isolation",
    "require-hashes", "no-verify-hashes", "verify-hashes", "strict", "dry-run", "all-extras", "no-index",
    "compile-bytecode", "no-compile-bytecode", "refresh", "no-cache", "offline", "quiet", "verbose",
    "native-tls", "no-progress", "no-config", "user", "pre", "exact", "no-sources", "managed-python",
    "no-managed-python", "no-python-downloads", "preview", "isolated", "show-settings", "help", "version",
    "dev", "raw", "no-sync", "locked", "frozen", "workspace", "no-workspace", "no-install-project",
    "no-install-workspace", "inexact", "all-packages", "all-groups", "no-dev", "only-dev", "no-default-groups",
    "active", "no-editable", "force", "no-project", "check", "no-env-file", "seed", "allow-existing",
    "no-build-package", "universal",
];

/// Expands a short option to its canonical long name (value-taking?).
fn short(d: Dialect, c: char) -> Option<(&'static str, bool)> {
    Some(match (d, c) {
        (_, 'r') => ("requirement", true),
        (_, 'c') => ("constraint", true),
        (_, 'e') => ("editable", true),
        (_, 'i') => ("index-url", true),
        (_, 'f') => ("find-links", true),
        (_, 'U') => ("upgrade", false),
        (_, 'q') => ("quiet", false),
        (_, 'v') => ("verbose", false),
        (_, 'h') => ("help", false),
        (_, 'V') => ("version", false),
        (_, 'C') => ("config-settings", true),
        (Dialect::Pip, 't') => ("target", true),
        (Dialect::Pip, 'I') => ("ignore-installed", false),
        (Dialect::Pip, 'd') => ("dest", true),
        (Dialect::Pip, 'w') => ("wheel-dir", true),
        (Dialect::Pip, 'o') => ("output", true),
        (Dialect::Uv, 'P') => ("upgrade-package", true),
        (Dialect::Uv, 'p') => ("python", true),
        (Dialect::Uv, 'b') => ("build-constraints", true),
        (Dialect::Uv, 'n') => ("no-cache", false),
        (Dialect::Uv, 'm') => ("marker", true),
        (Dialect::Uv, 'w') => ("with", true),
        _ => return None,
    })
}

/// Resolves a long option: exact name, or (pip only) a unique prefix.
fn long(d: Dialect, name: &str) -> Option<(&'static str, bool)> {
    let (values, flags) = match d {
        Dialect::Pip => (PIP_VALUES, PIP_FLAGS),
        Dialect::Uv => (UV_VALUES, UV_FLAGS),
    };
    let exact = |list: &[&'static str]| list.iter().copied().find(|n| *n == name);
    if let Some(n) = exact(values) {
        return Some((n, true));
    }
    if let Some(n) = exact(flags) {
        return Some((n, false));
    }
    if d == Dialect::Uv || name.is_empty() {
        return None;
    }
    let mut hit = None;
    for (list, takes) in [(values, true), (flags, false)] {
        for n in list.iter().copied().filter(|n| n.starts_with(name)) {
            if hit.is_some_and(|(h, _)| h != n) {
                return None; // ambiguous: pip refuses it
            }
            hit = Some((n, takes));
        }
    }
    hit
}

/// Does this option word take the following word as its value?
fn consumes_next(d: Dialect, w: &str) -> bool {
    if let Some(l) = w.strip_prefix("--") {
        return !l.contains('=') && long(d, l).is_some_and(|(_, takes)| takes);
    }
    let body = w.strip_prefix('-').unwrap_or("");
    for (at, c) in body.char_indices() {
        match short(d, c) {
            Some((_, true)) => return at + c.len_utf8() == body.len(),
            Some((_, false)) => {}
            None => return false,
        }
    }
    false
}

/// Index of the first positional word at or after `from` (unknown options
/// count as flags here; `scan` reports them).
pub(in crate::intent) fn next_positional(
    d: Dialect,
    args: &[String],
    from: usize,
) -> Option<usize> {
    let mut i = from;
    while i < args.len() {
        let w = args[i].as_str();
        if w == "--" {
            return (i + 1 < args.len()).then_some(i + 1);
        }
        if !w.starts_with('-') || w == "-" {
            return Some(i);
        }
        i += if consumes_next(d, w) { 2 } else { 1 };
    }
    None
}

/// One option occurrence: canonical name and value.
pub(super) type Opt<'a> = (&'static str, Option<&'a str>);

/// Splits a pip/uv argv into options and positionals. `Err` names an option
/// ccdeps cannot read.
pub(in crate::intent) fn scan(
    d: Dialect,
    args: &[String],
) -> Result<(Vec<Opt<'_>>, Vec<&str>), String> {
    let mut opts = Vec::new();
    let mut pos = Vec::new();
    let mut i = 0;
    let mut literal = false;
    while i < args.len() {
        let w = args[i].as_str();
        i += 1;
        if literal || w == "-" || !w.starts_with('-') {
            pos.push(w);
            continue;
        }
        if w == "--" {
            literal = true;
            continue;
        }
        if let Some(l) = w.strip_prefix("--") {
            let (name, value) = split_eq(l);
            let Some((canon, takes)) = long(d, name) else {
                return Err(format!("unknown option --{name}"));
            };
            if takes && value.is_none() {
                opts.push((canon, args.get(i).map(String::as_str)));
                i += 1;
            } else {
                opts.push((canon, value));
            }
            continue;
        }
        // Short options, possibly bundled; a value option takes the rest of the word or the next one.
        let body = &w[1..];
        for (at, c) in body.char_indices() {
            let Some((canon, takes)) = short(d, c) else {
                return Err(format!("unknown option -{c}"));
            };
            if takes {
                let rest = &body[at + c.len_utf8()..];
                let rest = rest.strip_prefix('=').unwrap_or(rest);
                if rest.is_empty() {
                    opts.push((canon, args.get(i).map(String::as_str)));
                    i += 1;
                } else {
                    opts.push((canon, Some(rest)));
                }
                break;
            }
            opts.push((canon, None));
        }
    }
    Ok((opts, pos))
}
