//! `ccdeps review [--base REV] [--head REV] [PATH]` and the shared review
//! pipeline `ccdeps ci` uses: read the lockfiles of two revisions with git
//! plumbing, diff them, judge what was added or changed.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::judge::{Setup, finish};
use super::{Exit, Globals, note};
use crate::cli::ReviewArgs;
use crate::engine::{self, Item};
use crate::lockfile::{self, Files, LockfileKind};
use crate::package::Package;
use crate::report::{Report, ReportError};
use crate::review::{self, git};

/// Which revisions to compare.
pub struct Revs {
    pub base: Option<String>,
    pub head: Option<String>,
}

fn read_side(files: &dyn Files, paths: &[String], errors: &mut Vec<ReportError>) -> Vec<Package> {
    let mut out = Vec::new();
    for p in paths {
        let Some(kind) = LockfileKind::detect(p) else {
            continue;
        };
        match lockfile::parse(files, Path::new(p), kind) {
            Ok(lf) => out.extend(lf.packages),
            Err(e) => errors.push(ReportError {
                package: None,
                check: None,
                why: e.to_string(),
                blocking: true,
            }),
        }
    }
    out
}

fn under(scope: &Option<String>, p: &str) -> bool {
    scope
        .as_deref()
        .is_none_or(|s| s.is_empty() || p == s || p.starts_with(&format!("{s}/")))
}

/// Builds the review report (no output).
pub fn review(g: &Globals, path: &Path, revs: &Revs) -> anyhow::Result<Result<Report, Exit>> {
    let repo = git::toplevel(path)?;
    let scope = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| {
            p.strip_prefix(std::fs::canonicalize(&repo).ok()?)
                .ok()
                .map(|r| r.to_string_lossy().into_owned())
        })
        .filter(|s| !s.is_empty());
    let head_commit = match &revs.head {
        Some(h) => Some(git::resolve(&repo, h)?),
        None => None,
    };
    let base_commit = match &revs.base {
        Some(b) => git::resolve(&repo, b)?,
        None => {
            let default = git::default_branch(&repo).context(
                "no --base given and no default branch found (origin/HEAD, origin/main, origin/master, main, master); pass --base REV",
            )?;
            git::merge_base(&repo, &default, head_commit.as_deref().unwrap_or("HEAD"))
                .with_context(|| {
                    format!("cannot find the merge-base of {default} and HEAD; pass --base REV")
                })?
        }
    };
    let mut errors = Vec::new();
    let base_paths: Vec<String> = git::lockfiles_at(&repo, &base_commit)?
        .into_iter()
        .filter(|p| under(&scope, p))
        .collect();
    let base_files = git::CommitFiles::new(&repo, &base_commit);
    let base = read_side(&base_files, &base_paths, &mut errors);
    let head = match &head_commit {
        Some(c) => {
            let paths: Vec<String> = git::lockfiles_at(&repo, c)?
                .into_iter()
                .filter(|p| under(&scope, p))
                .collect();
            read_side(&git::CommitFiles::new(&repo, c), &paths, &mut errors)
        }
        None => {
            let paths: Vec<String> = git::lockfiles_in_worktree(&repo)?
                .into_iter()
                .filter(|p| under(&scope, p))
                .collect();
            read_side(
                &git::WorktreeFiles { repo: repo.clone() },
                &paths,
                &mut errors,
            )
        }
    };
    let (items, _unchanged): (Vec<Item>, usize) = review::diff(base, head);
    let setup = match Setup::load(g) {
        Ok(s) => s,
        Err(exit) => return Ok(Err(exit)),
    };
    Ok(Ok(engine::judge(
        &setup.context(),
        &setup.policy,
        items,
        errors,
        true,
    )))
}

pub fn run(g: &Globals, a: ReviewArgs) -> anyhow::Result<Exit> {
    let path = a.path.unwrap_or_else(|| PathBuf::from("."));
    let revs = Revs {
        base: a.base,
        head: a.head,
    };
    match review(g, &path, &revs) {
        Ok(Ok(report)) => finish(g, &report),
        Ok(Err(exit)) => Ok(exit),
        Err(e) => {
            note(&format!("ccdeps: review failed: {e:#}"));
            Ok(Exit::ERROR)
        }
    }
}
