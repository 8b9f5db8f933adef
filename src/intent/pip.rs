//! pip, pip3 and `uv pip` command lines.
//!
//! pip parses with optparse: general options before the command, command
//! options anywhere after it, value options take the next word whatever it
//! looks like, `-rFILE` / `-Ur FILE` bundles, and **unique prefixes of long
//! options** (`--ind URL` is `--index-url URL`). uv (clap) takes no prefixes.
//! An option ccdeps does not know may take a value and hide a package, so it
//! makes the install opaque (pip itself would refuse it).

mod options;

pub(super) use options::{Dialect, next_positional, scan};

use super::args::{is_help, split_eq};
use super::{Install, Intent, Manager, npm::strip_credentials, pep508};
use options::Opt;

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
