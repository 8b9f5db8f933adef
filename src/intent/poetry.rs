//! Poetry command lines, for the Claude hook (poetry has no shim):
//! `poetry add SPEC…` and `poetry self add SPEC…` install those packages;
//! `poetry install`, `poetry sync` and `poetry update` follow the project's
//! `poetry.lock`. Everything else (`poetry run`, `poetry show`, `poetry
//! build`) is a pass-through.
//!
//! Poetry's own constraint syntax is read into PEP 440 before the request is
//! parsed: `requests@^2.31` is `requests>=2.31,<3`, `flask@~2.3` is
//! `flask>=2.3,<2.4`, `x@2.0` is `x==2.0`, `x@latest` is any version.

use super::args::{is_help, split_eq};
use super::pip::push_requirement;
use super::{Install, Intent, Manager};

/// Options that take a value (long names and their short forms).
fn takes_value(w: &str) -> bool {
    matches!(
        w,
        "--group"
            | "-G"
            | "--extras"
            | "-E"
            | "--python"
            | "--platform"
            | "--source"
            | "--directory"
            | "-C"
            | "--project"
            | "-P"
            | "--markers"
            | "--only"
            | "--with"
            | "--without"
    )
}

/// `poetry ARGS…`.
pub(super) fn classify(args: &[String]) -> Intent {
    let mut pos: Vec<&str> = Vec::new();
    let mut opts: Vec<(&str, Option<&str>)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let w = args[i].as_str();
        i += 1;
        if w == "--" {
            pos.extend(args[i..].iter().map(String::as_str));
            break;
        }
        if !w.starts_with('-') || w == "-" {
            pos.push(w);
            continue;
        }
        if is_help(w) || w == "--version" || w == "-V" {
            return Intent::PassThrough;
        }
        let (name, value) = split_eq(w);
        if value.is_none() && takes_value(name) {
            opts.push((name, args.get(i).map(String::as_str)));
            i += 1;
        } else {
            opts.push((name, value));
        }
    }
    if opts.iter().any(|(n, _)| *n == "--dry-run") {
        return Intent::PassThrough;
    }
    let (sub, specs): (&str, &[&str]) = match pos.as_slice() {
        ["add", specs @ ..] => ("add", specs),
        ["self", "add", specs @ ..] => ("self add", specs),
        ["install" | "sync" | "update" | "lock", ..] => {
            let mut inst = Install::new(Manager::Pip, pos[0]);
            inst.from_project = true;
            return Intent::Install(inst);
        }
        _ => return Intent::PassThrough,
    };
    let mut inst = Install::new(Manager::Pip, sub);
    inst.global = sub == "self add";
    inst.dev = opts.iter().any(|(n, v)| {
        matches!(*n, "--dev" | "-D") || (matches!(*n, "--group" | "-G") && *v == Some("dev"))
    });
    inst.pre = opts.iter().any(|(n, _)| *n == "--allow-prereleases");
    for spec in specs {
        push_requirement(&mut inst, &pep508(spec), None);
    }
    // `--source NAME` names a source from pyproject.toml: its URL is not on
    // the command line, so the index is not known here.
    if opts.iter().any(|(n, _)| *n == "--source") {
        inst.may_fetch_unpredicted = true;
    }
    if inst.requests.is_empty() && inst.local_paths.is_empty() {
        return Intent::PassThrough;
    }
    Intent::Install(inst)
}

/// A poetry dependency spec as a PEP 508 requirement string.
pub(super) fn pep508(spec: &str) -> String {
    let is_location = spec.contains("://")
        || spec.starts_with("git@")
        || spec.starts_with('.')
        || spec.starts_with('/');
    let Some((name, constraint)) = spec
        .split_once('@')
        .filter(|(name, _)| !is_location && !name.is_empty())
    else {
        return spec.to_string();
    };
    let constraint = constraint.trim();
    if constraint.is_empty() || constraint == "latest" || constraint == "*" {
        return name.to_string();
    }
    let range = if let Some(v) = constraint.strip_prefix('^') {
        caret(v)
    } else if let Some(v) = constraint.strip_prefix('~').filter(|v| !v.starts_with('=')) {
        tilde(v)
    } else if constraint.starts_with(|c: char| c.is_ascii_digit()) {
        Some(format!("=={constraint}"))
    } else {
        Some(constraint.to_string()) // `>=2.0`, `~=2.1`, `==2.*` are PEP 440 already
    };
    match range {
        Some(r) => format!("{name}{r}"),
        None => spec.to_string(),
    }
}

fn parts(v: &str) -> Option<Vec<u64>> {
    v.split('.').map(|p| p.parse().ok()).collect()
}

/// `^1.2.3` → `>=1.2.3,<2`; `^0.2.3` → `>=0.2.3,<0.3`; `^0.0.3` → `>=0.0.3,<0.0.4`.
fn caret(v: &str) -> Option<String> {
    let p = parts(v)?;
    let first = p
        .iter()
        .position(|&x| x != 0)
        .unwrap_or(p.len().saturating_sub(1));
    let mut upper: Vec<u64> = p[..=first.min(p.len() - 1)].to_vec();
    bump(&mut upper)?;
    Some(format!(">={v},<{}", join(&upper)))
}

/// `~1.2.3` → `>=1.2.3,<1.3`; `~1` → `>=1,<2`.
fn tilde(v: &str) -> Option<String> {
    let p = parts(v)?;
    let mut upper: Vec<u64> = p[..p.len().min(2)].to_vec();
    bump(&mut upper)?;
    Some(format!(">={v},<{}", join(&upper)))
}

fn bump(p: &mut [u64]) -> Option<()> {
    let last = p.last_mut()?;
    *last = last.checked_add(1)?;
    Some(())
}

fn join(p: &[u64]) -> String {
    p.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poetry_constraints_read_as_pep_440() {
        for (spec, want) in [
            ("requests", "requests"),
            ("requests@^2.31", "requests>=2.31,<3"),
            ("requests@^2.31.0", "requests>=2.31.0,<3"),
            ("pendulum@^0.2.3", "pendulum>=0.2.3,<0.3"),
            ("x@^0.0.3", "x>=0.0.3,<0.0.4"),
            ("flask@~2.3", "flask>=2.3,<2.4"),
            ("flask@~2", "flask>=2,<3"),
            ("django@4.2.1", "django==4.2.1"),
            ("django@latest", "django"),
            ("django@>=4,<5", "django>=4,<5"),
            ("x@~=1.2", "x~=1.2"),
            ("requests==2.31.0", "requests==2.31.0"),
            (
                "git+https://github.com/a/b.git@v1",
                "git+https://github.com/a/b.git@v1",
            ),
            ("x@^garbage", "x@^garbage"),
            ("x@^18446744073709551615", "x@^18446744073709551615"),
            ("x@^", "x@^"),
            ("@", "@"),
            ("x@", "x"),
        ] {
            assert_eq!(pep508(spec), want, "{spec}");
        }
    }
}
