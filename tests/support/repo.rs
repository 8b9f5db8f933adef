//! Git repositories for the review and ci tests: the small project of
//! `testdata/project/` committed as a base, with helpers to read reports.

use std::path::Path;
use std::process::Command;

use super::testdata;

/// Runs git in `dir` with a fixed identity; panics with git's stderr on failure.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git");
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// Copies every file of `testdata/<from>` into `to`.
pub fn copy(from: &str, to: &Path) {
    for e in std::fs::read_dir(testdata(from)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// A repository on branch `main` with the base lockfiles committed and the
/// head lockfiles in the working tree (requirements.txt untracked).
pub fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    copy("project/base", dir.path());
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    std::fs::remove_file(dir.path().join("Cargo.lock")).unwrap();
    copy("project/head", dir.path());
    dir
}

/// The 1-based number of the first line of `file` containing `needle`.
pub fn line_of(file: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

/// The report entry of the package called `name`.
pub fn find<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {v}"))
}

/// (name, version, change) of every package of a review report, in report order.
pub fn changes(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().into(),
                p["version"].as_str().unwrap_or("").into(),
                p["change"].as_str().unwrap_or("").into(),
            )
        })
        .collect()
}
