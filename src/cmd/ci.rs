//! `ccdeps ci [--base REV] [--sarif FILE]`: a review with CI defaults. The
//! base comes from the flag, else `GITHUB_BASE_REF` (GitHub pull requests),
//! else `CI_MERGE_REQUEST_TARGET_BRANCH_NAME` (GitLab merge requests), else
//! the default branch. Writes SARIF when asked, appends a Markdown summary to
//! `$GITHUB_STEP_SUMMARY` when set, prints the report, and exits 0/1/2.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::review::{Revs, review};
use super::{Exit, Globals, emit, note, render};
use crate::cli::CiArgs;
use crate::home::write_atomic;
use crate::report::{markdown, sarif};
use crate::review::git;

/// The base branch named by the CI environment, as a revision that exists
/// here (`origin/<branch>` preferred: CI checkouts rarely have local branches).
fn base_from_env(repo: &Path) -> Option<String> {
    let branch = ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))?;
    let candidates = [format!("origin/{branch}"), branch.clone()];
    let found = candidates
        .iter()
        .find(|c| git::resolve(repo, c).is_ok())
        .cloned();
    if found.is_none() {
        note(&format!(
            "ccdeps: the base branch {branch:?} is not in this clone; fetch it first (e.g. `git fetch origin {branch}`)"
        ));
    }
    // The merge-base of the PR with its target is what the PR changes.
    found.map(|b| git::merge_base(repo, &b, "HEAD").unwrap_or(b))
}

pub fn run(g: &Globals, a: CiArgs) -> anyhow::Result<Exit> {
    let path = PathBuf::from(".");
    let repo = match git::toplevel(&path) {
        Ok(r) => r,
        Err(e) => {
            note(&format!("ccdeps: ci: {e}"));
            return Ok(Exit::ERROR);
        }
    };
    let base = a.base.or_else(|| base_from_env(&repo));
    let revs = Revs { base, head: None };
    let report = match review(g, &path, &revs) {
        Ok(Ok(r)) => r,
        Ok(Err(exit)) => return Ok(exit),
        Err(e) => {
            note(&format!("ccdeps: ci: review failed: {e:#}"));
            return Ok(Exit::ERROR);
        }
    };
    if let Some(out) = &a.sarif
        && let Err(e) = write_atomic(out, sarif::render(&report).as_bytes())
    {
        note(&format!(
            "ccdeps: ci: cannot write SARIF to {}: {e}",
            out.display()
        ));
        return Ok(Exit::ERROR);
    }
    if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty()) {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&summary)
            .and_then(|mut f| f.write_all(markdown::render(&report).as_bytes()));
        if let Err(e) = appended {
            note(&format!(
                "ccdeps: ci: cannot append to $GITHUB_STEP_SUMMARY ({}): {e}",
                PathBuf::from(summary).display()
            ));
        }
    }
    emit(&render(&report, g.format))?;
    Ok(Exit::Code(report.exit_code()))
}
