//! pip, pip3 and `uv pip` command lines.
//!
//! pip parses with optparse: general options before the command, command
//! options anywhere after it, value options take the next word whatever it
//! looks like, `-rFILE` / `-Ur FILE` bundles, and **unique prefixes of long
//! options** (`--ind URL` is `--index-url URL`). uv (clap) takes no prefixes.
//! An option ccdeps does not know may take a value and hide a package, so it
//! makes the install opaque (pip itself would refuse it).

use super::args::{is_help, split_eq};
use super::{Install, Intent, Manager, npm::strip_credentials, pep508};

/// Which parser's rules apply.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
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
pub(super) fn next_positional(d: Dialect, args: &[String], from: usize) -> Option<usize> {
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
type Opt<'a> = (&'static str, Option<&'a str>);

/// Splits a pip/uv argv into options and positionals. `Err` names an option
/// ccdeps cannot read.
pub(super) fn scan(d: Dialect, args: &[String]) -> Result<(Vec<Opt<'_>>, Vec<&str>), String> {
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

/// `pip ARGS…` / `pip3 ARGS…`.
pub(super) fn classify(m: Manager, args: &[String]) -> Intent {
    if args
        .iter()
        .any(|a| is_help(a) || a == "-V" || a == "--version")
    {
        return Intent::PassThrough;
    }
    // General options come first; the first positional is the command.
    let (_, pos) = match scan(Dialect::Pip, args) {
        Ok(s) => s,
        Err(_) => return pass_or_opaque(args),
    };
    let Some(&cmd) = pos.first() else {
        return Intent::PassThrough;
    };
    if !matches!(cmd, "install" | "download" | "wheel" | "lock") {
        return Intent::PassThrough;
    }
    let at = args.iter().position(|a| a == cmd).unwrap_or(0);
    install(m, Dialect::Pip, cmd, &args[at + 1..], &args[..at])
}

/// An option we cannot read: opaque when the command could install.
fn pass_or_opaque(args: &[String]) -> Intent {
    let installs = args
        .iter()
        .any(|a| matches!(a.as_str(), "install" | "download" | "wheel" | "lock"));
    if installs {
        let bad = scan(Dialect::Pip, args).err().unwrap_or_default();
        Intent::Opaque {
            why: format!("pip: {bad}: ccdeps cannot tell what it would install"),
        }
    } else {
        Intent::PassThrough
    }
}

/// The options and requirements of an install-like pip/uv command.
/// `before` holds general options typed before the command.
pub(super) fn install(
    m: Manager,
    d: Dialect,
    cmd: &str,
    args: &[String],
    before: &[String],
) -> Intent {
    let (mut opts, pos) = match scan(d, args) {
        Ok(s) => s,
        Err(e) => {
            return Intent::Opaque {
                why: format!(
                    "{} {cmd}: {e}: ccdeps cannot tell what it would install",
                    m.program()
                ),
            };
        }
    };
    if let Ok((pre, _)) = scan(d, before) {
        opts.extend(pre);
    }
    let mut inst = Install::new(m, cmd);
    apply(&mut inst, &opts);
    let index = inst.registry.index.as_deref().map(strip_credentials);
    for p in pos {
        if cmd == "sync" && d == Dialect::Uv {
            inst.requirement_files.push(p.into()); // `uv pip sync requirements.txt`
        } else {
            push_requirement(&mut inst, p, index.as_deref());
        }
    }
    if inst.requests.is_empty()
        && inst.requirement_files.is_empty()
        && inst.local_paths.is_empty()
        && !inst.from_project
    {
        return Intent::PassThrough; // pip refuses an install of nothing
    }
    Intent::Install(inst)
}

/// Records one requirement word (a positional, `-e`, `--with`).
pub(super) fn push_requirement(inst: &mut Install, word: &str, index: Option<&str>) {
    let r = pep508::parse(word, index);
    if let crate::package::Source::Path { path } = &r.source {
        inst.local_paths.push(path.into());
        inst.may_fetch_unpredicted = true; // building a local project fetches its build requirements
        return;
    }
    if !r.source.is_registry() {
        inst.may_fetch_unpredicted = true;
    }
    inst.requests.push(r);
}

/// Applies the options every pip/uv install-like command shares.
pub(super) fn apply(inst: &mut Install, opts: &[Opt<'_>]) {
    let mut editables = Vec::new();
    for &(name, value) in opts {
        let v = value.unwrap_or("");
        match name {
            "requirement" | "requirements" | "with-requirements" => {
                inst.requirement_files.push(v.into())
            }
            "constraint" | "constraints" | "overrides" | "override" => {
                inst.constraint_files.push(v.into())
            }
            "editable" | "with-editable" => editables.push(v),
            // `uv run --with a,b`, `uvx --with x`, `uv tool install --with y`.
            "with" => editables.extend(v.split(',').map(str::trim).filter(|s| !s.is_empty())),
            "index-url" | "default-index" | "index" => inst.registry.index = Some(v.to_string()),
            "extra-index-url" => inst.registry.extra_indexes.push(v.to_string()),
            "find-links" => inst.registry.find_links.push(v.to_string()),
            "no-index" => inst.registry.no_index = true,
            "target" => inst.target = Some(v.into()),
            "user" | "system" => inst.global = true,
            "pre" => inst.pre = true,
            "prerelease" => inst.pre = v != "disallow",
            "no-binary" => inst.may_fetch_unpredicted = true,
            "group" | "only-group" | "all-groups" => inst.from_project = true,
            "dev" => inst.dev = true,
            _ => {}
        }
    }
    let index = inst.registry.index.as_deref().map(strip_credentials);
    for e in editables {
        push_requirement(inst, e, index.as_deref());
    }
}

/// `pipx install|run|inject|upgrade ARGS…`, read as a pip install into an
/// isolated environment (pipx has no shim; the hook sees it).
pub(super) fn classify_pipx(args: &[String]) -> Intent {
    let takes = |w: &str| {
        matches!(
            w,
            "--python"
                | "--pip-args"
                | "--index-url"
                | "-i"
                | "--suffix"
                | "--spec"
                | "--preinstall"
                | "--backend"
        )
    };
    let mut opts: Vec<(&str, Option<&str>)> = Vec::new();
    let mut pos: Vec<&str> = Vec::new();
    let mut i = 0;
    let mut stop_at: Option<usize> = None;
    while i < args.len() {
        let w = args[i].as_str();
        i += 1;
        if stop_at.is_some_and(|n| pos.len() >= n) || !w.starts_with('-') || w == "-" {
            pos.push(w);
            if pos.first() == Some(&"run") {
                stop_at = Some(2); // `pipx run [opts] APP ARGS…`
            }
            continue;
        }
        if is_help(w) || w == "--version" {
            return Intent::PassThrough;
        }
        let (name, value) = split_eq(w);
        if value.is_none() && takes(name) {
            opts.push((name, args.get(i).map(String::as_str)));
            i += 1;
        } else {
            opts.push((name, value));
        }
    }
    let Some(&cmd) = pos.first() else {
        return Intent::PassThrough;
    };
    let specs: &[&str] = match cmd {
        "install" | "upgrade" => &pos[1..],
        "inject" => pos.get(2..).unwrap_or(&[]),
        "run" => pos.get(1..2).unwrap_or(&[]),
        _ => return Intent::PassThrough,
    };
    let mut inst = Install::new(Manager::Pip, cmd);
    inst.global = cmd != "run";
    inst.runs_package = cmd == "run";
    for (n, v) in &opts {
        match (*n, v) {
            ("--index-url" | "-i", Some(u)) => inst.registry.index = Some(u.to_string()),
            ("--pip-args", Some(_)) => inst.may_fetch_unpredicted = true,
            _ => {}
        }
    }
    let index = inst.registry.index.as_deref().map(strip_credentials);
    let spec = opts
        .iter()
        .rev()
        .find_map(|(n, v)| (*n == "--spec").then_some(*v).flatten());
    match spec {
        Some(s) if cmd == "run" => push_requirement(&mut inst, s, index.as_deref()),
        _ => specs
            .iter()
            .for_each(|s| push_requirement(&mut inst, s, index.as_deref())),
    }
    if inst.requests.is_empty() && inst.local_paths.is_empty() {
        return Intent::PassThrough;
    }
    Intent::Install(inst)
}
