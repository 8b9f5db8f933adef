//! Git plumbing for `ccdeps review`: list and read lockfiles of a revision
//! without a checkout (`git ls-tree`, one `git cat-file --batch` process), or
//! of the working tree (`git ls-files`, tracked and untracked-not-ignored).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use crate::lockfile::{Files, FsFiles, LockfileKind, MAX_FILE_SIZE};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0} (is git installed?)")]
    Spawn(std::io::Error),
    #[error("git {args}: {stderr}")]
    Failed { args: String, stderr: String },
    #[error("{0} is not inside a git repository")]
    NotARepo(String),
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::Spawn)?;
    if !out.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(out.stdout)
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim().to_string()
}

/// The top folder of the repository holding `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, GitError> {
    git(dir, &["rev-parse", "--show-toplevel"])
        .map(|b| PathBuf::from(text(b)))
        .map_err(|_| GitError::NotARepo(dir.display().to_string()))
}

/// Resolves a revision to a commit id.
pub fn resolve(repo: &Path, rev: &str) -> Result<String, GitError> {
    git(
        repo,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map(text)
    .map_err(|_| GitError::Failed {
        args: format!("rev-parse {rev}"),
        stderr: format!("unknown revision {rev:?}"),
    })
}

/// The merge-base of `a` and `b`.
pub fn merge_base(repo: &Path, a: &str, b: &str) -> Result<String, GitError> {
    git(repo, &["merge-base", a, b]).map(text)
}

/// The default branch to review against: `origin/HEAD`'s target, else the
/// first of `origin/main`, `origin/master`, `main`, `master` that exists.
pub fn default_branch(repo: &Path) -> Option<String> {
    if let Ok(b) = git(
        repo,
        &[
            "symbolic-ref",
            "--quiet",
            "--short",
            "refs/remotes/origin/HEAD",
        ],
    ) {
        let b = text(b);
        if !b.is_empty() {
            return Some(b);
        }
    }
    ["origin/main", "origin/master", "main", "master"]
        .into_iter()
        .find(|b| resolve(repo, b).is_ok())
        .map(str::to_string)
}

/// Is `path` (repo-relative, `/`-separated) a lockfile outside skipped folders?
fn is_lockfile(path: &str) -> bool {
    path.split('/')
        .rev()
        .skip(1)
        .all(|dir| !crate::lockfile::skipped_dir(dir))
        && LockfileKind::detect(path).is_some()
}

/// Lockfiles of a commit, repo-relative.
pub fn lockfiles_at(repo: &Path, commit: &str) -> Result<Vec<String>, GitError> {
    let out = git(
        repo,
        &["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit],
    )?;
    Ok(out
        .split(|&b| b == 0)
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter(|p| !p.is_empty() && is_lockfile(p))
        .map(str::to_string)
        .collect())
}

/// Lockfiles of the working tree (tracked, plus untracked files that are not ignored).
pub fn lockfiles_in_worktree(repo: &Path) -> Result<Vec<String>, GitError> {
    let out = git(
        repo,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--full-name",
        ],
    )?;
    let mut v: Vec<String> = out
        .split(|&b| b == 0)
        .filter_map(|p| std::str::from_utf8(p).ok())
        .filter(|p| !p.is_empty() && is_lockfile(p) && repo.join(p).is_file())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    Ok(v)
}

/// Reads blobs of one commit through a single `git cat-file --batch`.
pub struct CommitFiles {
    repo: PathBuf,
    commit: String,
    proc: Mutex<Option<(std::process::Child, BufReader<std::process::ChildStdout>)>>,
    cache: Mutex<HashMap<PathBuf, Vec<u8>>>,
}

impl CommitFiles {
    pub fn new(repo: &Path, commit: &str) -> CommitFiles {
        CommitFiles {
            repo: repo.to_path_buf(),
            commit: commit.to_string(),
            proc: Mutex::new(None),
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn read_blob(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        let mut guard = self.proc.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            let mut child = Command::new("git")
                .arg("-C")
                .arg(&self.repo)
                .args(["cat-file", "--batch"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()?;
            let stdout = child
                .stdout
                .take()
                .ok_or_else(|| std::io::Error::other("no stdout from git"))?;
            *guard = Some((child, BufReader::new(stdout)));
        }
        let Some((child, out)) = guard.as_mut() else {
            return Err(std::io::Error::other("git cat-file is not running"));
        };
        let stdin = child
            .stdin
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no stdin to git"))?;
        writeln!(stdin, "{}:{rel}", self.commit)?;
        stdin.flush()?;
        let mut header = String::new();
        out.read_line(&mut header)?;
        let header = header.trim_end();
        if header.ends_with(" missing") {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{rel} is not in {}", self.commit),
            ));
        }
        let size: u64 = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| {
                std::io::Error::other(format!("unexpected git cat-file answer {header:?}"))
            })?;
        if size > MAX_FILE_SIZE {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("{rel}: {size} bytes"),
            ));
        }
        let mut buf = vec![0; size as usize];
        out.read_exact(&mut buf)?;
        let mut nl = [0u8; 1];
        out.read_exact(&mut nl)?;
        Ok(buf)
    }
}

impl Files for CommitFiles {
    /// `path` is repo-relative (as the review names lockfiles).
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        if let Some(b) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(path)
        {
            return Ok(b.clone());
        }
        // Includes come in as `dir/../x.txt`: normalize to a tree path.
        let full = path.to_string_lossy();
        let mut parts: Vec<&str> = Vec::new();
        for c in full.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                c => parts.push(c),
            }
        }
        let rel = parts.join("/");
        let bytes = self.read_blob(&rel)?;
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_path_buf(), bytes.clone());
        Ok(bytes)
    }
}

impl Drop for CommitFiles {
    fn drop(&mut self) {
        if let Some((mut child, _)) = self.proc.lock().unwrap_or_else(|p| p.into_inner()).take() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}

/// Reads working-tree files relative to the repository root.
pub struct WorktreeFiles {
    pub repo: PathBuf,
}

impl Files for WorktreeFiles {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        FsFiles.read(&self.repo.join(path))
    }
}
