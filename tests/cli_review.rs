//! `ccdeps scan`, `review` and `ci` on a small project of our own, in a real
//! git repository built per test.

mod support;

use std::path::Path;
use std::process::Command;

use predicates::str::contains;
use support::{ccdeps, json, sample_home, testdata};

fn git(dir: &Path, args: &[&str]) {
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

fn copy(from: &str, to: &Path) {
    for e in std::fs::read_dir(testdata(from)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// A repository on branch `main` with the base lockfiles committed and the
/// head lockfiles in the working tree (requirements.txt untracked).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    copy("project/base", dir.path());
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    std::fs::remove_file(dir.path().join("Cargo.lock")).unwrap();
    copy("project/head", dir.path());
    dir
}

fn line_of(file: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

fn find<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {v}"))
}

#[test]
fn scan_reports_every_package_with_its_lockfile_line() {
    let home = sample_home();
    let dir = testdata("project/head");
    let out = ccdeps(home.path())
        .args(["--format", "json", "scan"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout);
    let got: Vec<(String, String, String)> = v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().into(),
                p["version"].as_str().unwrap_or("").into(),
                p["change"].as_str().unwrap().into(),
            )
        })
        .collect();
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

#[test]
fn ci_writes_sarif_and_a_step_summary() {
    let home = sample_home();
    let repo = repo();
    let sarif = repo.path().join("out.sarif");
    let summary = repo.path().join("summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    ccdeps(home.path())
        .current_dir(repo.path())
        .env("GITHUB_BASE_REF", "main")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["ci", "--sarif"])
        .arg(&sarif)
        .assert()
        .code(1)
        .stdout(contains("blocked 2 of"));
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let run = &s["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "ccdeps");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let lodash_rule = rules
        .iter()
        .find(|r| r["id"] == "GHSA-35jh-r3h4-6jhm")
        .expect("one rule per advisory");
    assert_eq!(lodash_rule["properties"]["security-severity"], "8.0");
    assert!(
        lodash_rule["help"]["text"]
            .as_str()
            .unwrap()
            .contains("Fixed in: 4.17.21")
    );
    let results = run["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "GHSA-35jh-r3h4-6jhm")
        .unwrap();
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "package-lock.json");
    assert_eq!(
        loc["region"]["startLine"],
        line_of(
            &repo.path().join("package-lock.json"),
            "\"node_modules/lodash\""
        )
    );
    assert!(
        r["partialFingerprints"]["ccdeps/v1"]
            .as_str()
            .unwrap()
            .len()
            == 32
    );
    assert_eq!(
        results
            .iter()
            .filter(|r| r["ruleId"] == "MAL-2099-0001")
            .count(),
        1
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("# earlier step\n"), "appended, not replaced");
    assert!(md.contains("### Blocked (2)"), "{md}");
    assert!(
        md.find("### Blocked").unwrap() < md.find("### Warnings").unwrap(),
        "blocked first: {md}"
    );
    assert!(md.contains("**Counts:**"), "{md}");
}

#[test]
fn exceptions_in_ccdeps_toml_apply_expire_and_report_unused() {
    let home = sample_home();
    let repo = repo();
    std::fs::write(
        repo.path().join("ccdeps.toml"),
        r#"
[[exceptions]]
package = "pkg:npm/lodash@4.17.20"
advisories = ["CVE-2021-23337"]
reason = "template() is never called with user input"
expires = "2099-12-31"

[[exceptions]]
package = "pkg:cargo/regex"
version = "<1.5.5"
advisories = ["RUSTSEC-2022-0013"]
reason = "no longer needed after the bump"
expires = "2099-12-31"

[[exceptions]]
package = "pkg:pypi/jinja2@2.11.2"
advisories = ["PYSEC-2021-66"]
reason = "old"
expires = "2020-01-01"

[[exceptions]]
package = "pkg:npm/ccdeps-demo-malware@1.0.1"
advisories = ["MAL-2099-0001"]
reason = "our own test fixture, reviewed"
expires = "2099-12-31"
"#,
    )
    .unwrap();
    let out = ccdeps(home.path())
        .current_dir(repo.path())
        .args(["--format", "json", "review", "--base", "main"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&out.stdout);
    let lodash = &find(&v, "lodash")["findings"][0];
    assert_eq!(lodash["action"], "off");
    assert!(
        lodash["decided_by"]
            .as_str()
            .unwrap()
            .contains("exception (project ccdeps.toml:2)"),
        "{lodash}"
    );
    assert_eq!(
        find(&v, "ccdeps-demo-malware")["findings"][0]["action"],
        "off"
    );
    // The expired exception no longer applies (jinja2 warns on its own), and is reported.
    assert_eq!(find(&v, "jinja2")["findings"][0]["action"], "warn");
    let notices: Vec<String> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("jinja2@2.11.2") && n.contains("expired on 2020-01-01")),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("regex <1.5.5") && n.contains("matched nothing")),
        "{notices:?}"
    );
}

#[test]
fn a_bad_policy_file_is_an_error_with_file_and_line() {
    let home = sample_home();
    let repo = repo();
    std::fs::write(
        repo.path().join("ccdeps.toml"),
        "[settings]\nblock-severity = \"high\"\nblok = 1\n",
    )
    .unwrap();
    ccdeps(home.path())
        .current_dir(repo.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(contains("ccdeps.toml:3: unknown field `blok`"));
    std::fs::write(repo.path().join("ccdeps.toml"), "[[exceptions]]\npackage = \"pkg:npm/x\"\nadvisories = [\"MAL-1\"]\nreason = \"r\"\nexpires = \"2099-01-01\"\n").unwrap();
    ccdeps(home.path())
        .current_dir(repo.path())
        .args(["scan", "."])
        .assert()
        .code(2)
        .stderr(contains(
            "ccdeps.toml:1: a malware (MAL-) exception must name one exact version",
        ));
}

#[test]
fn markdown_puts_blocked_first() {
    let home = sample_home();
    let out = ccdeps(home.path())
        .args(["--format", "markdown", "scan"])
        .arg(testdata("project/head"))
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## ❌ ccdeps: blocked 2 of 7"), "{md}");
    assert!(md.find("### Blocked (2)").unwrap() < md.find("### Warnings (1)").unwrap());
    assert!(
        md.contains("| `lodash@4.17.20` (npm) | GHSA-35jh-r3h4-6jhm (high)"),
        "{md}"
    );
}
