//! uv and uvx command lines.
//!
//! - `uv pip install|sync|compile` → the pip reader in uv's dialect;
//! - `uv add PKG…`, `uv tool install PKG`, `uvx PKG` / `uv tool run PKG`,
//!   `uv run --with PKG` → installs of those packages;
//! - `uv sync`, `uv lock` → installs from the project;
//! - `uv run`, `uv tree`, `uv export` → installs only when `uv.lock` would
//!   change (see `project`); `--frozen`, `--locked`, `--no-sync`, `--offline`
//!   make them pass-throughs.

use super::args::is_help;
use super::pip::{self, Dialect};
use super::project::{self, LockState};
use super::{Install, Intent, Manager, npm::strip_credentials};

/// `uv ARGS…`.
pub(super) fn classify(args: &[String]) -> Intent {
    let Some(ci) = pip::next_positional(Dialect::Uv, args, 0) else {
        return Intent::PassThrough; // `uv --version`, `uv -h`
    };
    if args[..ci]
        .iter()
        .any(|a| is_help(a) || a == "-V" || a == "--version")
    {
        return Intent::PassThrough;
    }
    let cmd = args[ci].as_str();
    let global = &args[..ci];
    let sub = pip::next_positional(Dialect::Uv, args, ci + 1);
    let sub_word = sub.map(|i| args[i].as_str());
    // Everything after the subcommand word (`uv pip install …`, `uv tool run …`).
    let after_sub = || sub.map_or(&args[args.len()..], |i| &args[i + 1..]);
    let before_sub = || -> Vec<String> {
        global
            .iter()
            .chain(&args[ci + 1..sub.unwrap_or(ci + 1)])
            .cloned()
            .collect()
    };
    let rest = &args[ci + 1..];
    if rest.iter().any(|a| is_help(a)) && !matches!(cmd, "run" | "tool") {
        return Intent::PassThrough;
    }
    match (cmd, sub_word) {
        ("pip", Some(s @ ("install" | "sync" | "compile"))) => {
            pip::install(Manager::Uv, Dialect::Uv, s, after_sub(), &before_sub())
        }
        ("add", _) => {
            let mut i = match pip::install(Manager::Uv, Dialect::Uv, "add", rest, global) {
                Intent::Install(i) => i,
                other => return other,
            };
            if let Ok((opts, _)) = pip::scan(Dialect::Uv, rest) {
                pin_git_revision(&mut i, &opts);
            }
            Intent::Install(i)
        }
        ("sync" | "lock", _) => {
            let opts = match pip::scan(Dialect::Uv, rest) {
                Ok((o, _)) => o,
                Err(e) => {
                    return Intent::Opaque {
                        why: format!("uv {cmd}: {e}: ccdeps cannot tell what it would install"),
                    };
                }
            };
            if cmd == "lock" && has(&opts, &["check", "locked", "dry-run"]) {
                return Intent::PassThrough;
            }
            let mut i = Install::new(Manager::Uv, cmd);
            pip::apply(&mut i, &opts);
            i.from_project = true;
            Intent::Install(i)
        }
        ("tool", Some(s @ ("install" | "upgrade"))) => {
            if after_sub().iter().any(|a| is_help(a)) {
                return Intent::PassThrough;
            }
            let mut i = match pip::install(Manager::Uv, Dialect::Uv, s, after_sub(), &before_sub())
            {
                Intent::Install(i) => i,
                other => return other,
            };
            i.global = true;
            Intent::Install(i)
        }
        ("tool", Some("run")) => classify_uvx(after_sub()),
        ("run" | "tree" | "export", _) => {
            // `uv run [OPTIONS] CMD ARGS…`: uv's own options end at the command.
            let cut = pip::next_positional(Dialect::Uv, rest, 0).unwrap_or(rest.len());
            let own = &rest[..cut];
            if own.iter().any(|a| is_help(a)) {
                return Intent::PassThrough;
            }
            match pip::scan(Dialect::Uv, own) {
                Ok((opts, _)) => run_like(cmd, &opts),
                Err(e) => Intent::Opaque {
                    why: format!("uv {cmd}: {e}: ccdeps cannot tell what it would install"),
                },
            }
        }
        _ => Intent::PassThrough,
    }
}

/// `uvx ARGS…` = `uv tool run ARGS…`: options end at the command.
pub(super) fn classify_uvx(args: &[String]) -> Intent {
    let cut = pip::next_positional(Dialect::Uv, args, 0).unwrap_or(args.len());
    let (head, tail) = args.split_at(cut);
    if head
        .iter()
        .any(|a| is_help(a) || a == "--version" || a == "-V")
    {
        return Intent::PassThrough;
    }
    let (opts, _) = match pip::scan(Dialect::Uv, head) {
        Ok(s) => s,
        Err(e) => {
            return Intent::Opaque {
                why: format!("uvx: {e}: ccdeps cannot tell what it would run"),
            };
        }
    };
    let mut inst = Install::new(Manager::Uv, "tool run");
    inst.runs_package = true;
    pip::apply(&mut inst, &opts);
    let index = inst.registry.index.as_deref().map(strip_credentials);
    let from = opts
        .iter()
        .rev()
        .find_map(|(n, v)| (*n == "from").then_some(*v).flatten());
    match (from, tail.first()) {
        (Some(spec), _) => pip::push_requirement(&mut inst, spec, index.as_deref()),
        (None, Some(cmd)) => pip::push_requirement(&mut inst, &uvx_spec(cmd), index.as_deref()),
        (None, None) => return Intent::PassThrough, // `uvx` alone lists tools
    }
    Intent::Install(inst)
}

/// `ruff@0.3.0` → `ruff==0.3.0`; `ruff@latest` → `ruff`.
fn uvx_spec(cmd: &str) -> String {
    match cmd.split_once('@') {
        Some((name, "latest")) => name.to_string(),
        Some((name, v)) if !v.is_empty() && !v.contains("://") && !name.is_empty() => {
            format!("{name}=={v}")
        }
        _ => cmd.to_string(),
    }
}

/// `uv run|tree|export`: `--with` packages are installs; otherwise only a lockfile change is.
fn run_like(cmd: &str, opts: &[(&'static str, Option<&str>)]) -> Intent {
    let mut inst = Install::new(Manager::Uv, cmd);
    pip::apply(&mut inst, opts);
    inst.from_project = false;
    let fixed = has(
        opts,
        &[
            "frozen",
            "locked",
            "no-sync",
            "offline",
            "no-project",
            "isolated",
        ],
    ) || std::env::var_os("UV_FROZEN").is_some()
        || std::env::var_os("UV_LOCKED").is_some()
        || std::env::var_os("UV_OFFLINE").is_some();
    if !fixed {
        let dir = opts.iter().rev().find_map(|(n, v)| {
            matches!(*n, "directory" | "project")
                .then_some(*v)
                .flatten()
        });
        let state = project::lock_state(&project::start_dir(dir), "pyproject.toml", "uv.lock");
        inst.from_project = matches!(state, LockState::NoLock | LockState::Stale);
    }
    let anything = !inst.requests.is_empty()
        || !inst.requirement_files.is_empty()
        || !inst.local_paths.is_empty();
    if anything || inst.from_project {
        Intent::Install(inst)
    } else {
        Intent::PassThrough
    }
}

/// `uv add git+https://… --rev v1`: the revision belongs to the git request.
fn pin_git_revision(inst: &mut Install, opts: &[(&'static str, Option<&str>)]) {
    let rev = opts.iter().rev().find_map(|(n, v)| {
        matches!(*n, "rev" | "tag" | "branch")
            .then_some(*v)
            .flatten()
    });
    if let Some(rev) = rev {
        for r in &mut inst.requests {
            if let crate::package::Source::Git {
                rev: slot @ None, ..
            } = &mut r.source
            {
                *slot = Some(rev.to_string());
            }
        }
    }
}

fn has(opts: &[(&'static str, Option<&str>)], names: &[&str]) -> bool {
    opts.iter().any(|(n, _)| names.contains(n))
}
