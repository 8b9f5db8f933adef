//! `ccdeps scan` and `review` on a small project of our own, in a real git
//! repository built per test (`ccdeps ci` and its outputs: `cli_ci.rs`).

mod support;

use predicates::str::contains;
use support::repo::{changes, find, git, line_of, repo};
use support::{ccdeps, json, sample_home, testdata};

#[test]
fn scan_reports_every_package_with_its_lockfile_line() {
    let home = sample_home();
    let dir = testdata("project/head");
    let out = ccdeps(home.path())
        .args(["--format", "json", "scan"])
        .arg(&dir)
        .output()
        .unwrap();
    support::assert_exit(&out, 1);
    let v = json(&out.stdout);
    assert_eq!(v["verdict"], "block");
    let lodash = find(&v, "lodash");
    assert_eq!(lodash["version"], "4.17.20");
    assert_eq!(lodash["findings"][0]["id"], "GHSA-35jh-r3h4-6jhm");
    let loc = &lodash["locations"][0];
    assert!(loc["path"].as_str().unwrap().ends_with("package-lock.json"));
    assert_eq!(
        loc["line"],
        line_of(&dir.join("package-lock.json"), "\"node_modules/lodash\"")
    );
    assert_eq!(
        find(&v, "ccdeps-demo-malware")["findings"][0]["code"],
        "advisory-malware"
    );
    let jinja = find(&v, "jinja2");
    assert_eq!(jinja["findings"][0]["action"], "warn");
    assert_eq!(jinja["locations"][0]["line"], 2);
    assert_eq!(find(&v, "regex")["verdict"], "allow");
    // Every package appears, with or without findings.
    assert_eq!(v["packages"].as_array().unwrap().len(), 7, "{v}");
}

#[test]
fn scan_explains_bad_input() {
    let home = sample_home();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("package-lock.json"), "{\"packages\": {").unwrap();
    ccdeps(home.path())
        .arg("scan")
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(contains("package-lock.json"))
        .stdout(contains("could not decide"));
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "hi").unwrap();
    ccdeps(home.path())
        .arg("scan")
        .arg(&notes)
        .assert()
        .code(2)
        .stdout(contains("not a lockfile ccdeps knows"));
}

#[test]
fn review_reports_added_changed_removed_and_judges_only_new_versions() {
    let home = sample_home();
    let repo = repo();
    let out = ccdeps(home.path())
        .args(["--format", "json", "review", "--base", "main"])
        .arg(repo.path())
        .output()
        .unwrap();
    support::assert_exit(&out, 1);
    let v = json(&out.stdout);
    let got = changes(&v);
    let want: Vec<(String, String, String)> = [
        ("regex", "1.5.6", "changed"),
        ("ccdeps-demo-malware", "1.0.1", "added"),
        ("left-pad", "1.3.0", "removed"),
        ("lodash", "4.17.20", "changed"),
        ("jinja2", "2.11.2", "added"),
        ("markupsafe", "2.0.1", "added"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(find(&v, "lodash")["previous"][0], "4.17.21");
    assert_eq!(find(&v, "regex")["previous"][0], "1.5.4");
    assert_eq!(
        find(&v, "left-pad")["findings"].as_array().unwrap().len(),
        0
    );

    // Same revision on both sides: nothing to judge.
    ccdeps(home.path())
        .args([
            "--format", "json", "review", "--base", "HEAD", "--head", "HEAD",
        ])
        .arg(repo.path())
        .assert()
        .code(0)
        .stdout(contains("\"packages\": []"));
}

/// Two commits, the working tree ignored: a Cargo.lock deleted and a
/// requirements file added in a sub-folder. Read forwards, the deleted
/// lockfile's packages are `removed` and the new file's `added`; read
/// backwards, the reverse, and only the reappearing crates are judged.
#[test]
fn review_between_commits_counts_lockfiles_that_appear_and_disappear() {
    let home = sample_home();
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    git(r, &["init", "-q", "-b", "main"]);
    support::repo::copy("project/base", r);
    git(r, &["add", "-A"]);
    git(r, &["commit", "-q", "-m", "base"]);
    git(r, &["rm", "-q", "Cargo.lock"]);
    std::fs::create_dir(r.join("tools")).unwrap();
    std::fs::copy(
        testdata("project/head/requirements.txt"),
        r.join("tools/requirements.txt"),
    )
    .unwrap();
    git(r, &["add", "-A"]);
    git(r, &["commit", "-q", "-m", "head"]);
    // Uncommitted edits are not part of a commit-to-commit review.
    support::repo::copy("project/head", r);

    let review = |base: &str, head: &str| {
        let out = ccdeps(home.path())
            .args(["--format", "json", "review", "--base", base, "--head", head])
            .arg(r)
            .output()
            .unwrap();
        (out.status.code(), json(&out.stdout))
    };
    let own = |v: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };

    let (code, v) = review("HEAD~1", "HEAD");
    assert_eq!(
        changes(&v),
        own(&[
            ("demo", "0.1.0", "removed"),
            ("regex", "1.5.4", "removed"),
            ("jinja2", "2.11.2", "added"),
            ("markupsafe", "2.0.1", "added"),
        ]),
        "{v}"
    );
    assert_eq!(code, Some(0), "jinja2 only warns: {v}");
    let loc = &find(&v, "jinja2")["locations"][0];
    assert_eq!(loc["path"], "tools/requirements.txt");
    assert_eq!(loc["line"], 2);
    assert_eq!(find(&v, "regex")["findings"].as_array().unwrap().len(), 0);

    let (code, v) = review("HEAD", "HEAD~1");
    assert_eq!(
        changes(&v),
        own(&[
            ("demo", "0.1.0", "added"),
            ("regex", "1.5.4", "added"),
            ("jinja2", "2.11.2", "removed"),
            ("markupsafe", "2.0.1", "removed"),
        ]),
        "{v}"
    );
    assert_eq!(code, Some(1), "regex 1.5.4 is judged again: {v}");
    assert_eq!(find(&v, "regex")["findings"][0]["id"], "RUSTSEC-2022-0013");
    assert_eq!(find(&v, "jinja2")["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn review_outside_a_repository_fails_clearly() {
    let home = sample_home();
    let dir = tempfile::tempdir().unwrap();
    ccdeps(home.path())
        .arg("review")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("is not inside a git repository"));
}
