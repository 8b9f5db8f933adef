//! `ccdeps scan [PATH...]`: every package of the lockfiles found at the
//! given paths (files, or folders searched recursively).

use std::path::{Path, PathBuf};

use super::judge::{Setup, finish};
use super::{Exit, Globals};
use crate::cli::ScanArgs;
use crate::engine::{self, Item};
use crate::lockfile::{self, LockfileKind};
use crate::report::ReportError;

fn error(why: String) -> ReportError {
    ReportError {
        package: None,
        check: None,
        why,
        blocking: true,
    }
}

/// How reports name a file: as found, without a leading `./`.
fn shown(p: &Path) -> PathBuf {
    p.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

pub fn run(g: &Globals, a: ScanArgs) -> anyhow::Result<Exit> {
    let roots = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths
    };
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in &roots {
        if root.is_file() && LockfileKind::detect(&root.to_string_lossy()).is_none() {
            errors.push(error(format!(
                "{}: not a lockfile ccdeps knows by its name (package-lock.json, yarn.lock, pnpm-lock.yaml, requirements*.txt, poetry.lock, uv.lock, Pipfile.lock, pylock.toml, Cargo.lock)",
                root.display()
            )));
            continue;
        }
        match lockfile::discover(root) {
            Ok(found) => files.extend(found),
            Err(e) => errors.push(error(format!("{}: {e}", root.display()))),
        }
    }
    if files.is_empty() && errors.is_empty() {
        errors.push(error(format!(
            "no lockfiles found under {}",
            roots
                .iter()
                .map(|r| r.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut items = Vec::new();
    for f in files {
        let name = shown(&f);
        let kind = LockfileKind::detect(&name.to_string_lossy());
        let parsed = match kind {
            Some(kind) => lockfile::parse(&lockfile::FsFiles, &name, kind),
            None => continue,
        };
        match parsed {
            Ok(lf) => items.extend(lf.packages.into_iter().map(Item::from)),
            Err(e) => errors.push(error(e.to_string())),
        }
    }
    let setup = match Setup::load(g) {
        Ok(s) => s,
        Err(exit) => return Ok(exit),
    };
    let report = engine::judge(&setup.context(), &setup.policy, items, errors, true);
    finish(g, &report)
}
