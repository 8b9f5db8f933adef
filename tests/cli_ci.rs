//! `ccdeps ci` and the outputs a pull request reads: SARIF for code
//! scanning, the `$GITHUB_STEP_SUMMARY` markdown, and project exceptions
//! in `ccdeps.toml` (applied, expired, unused, and refused when malformed).

mod support;

use predicates::str::contains;
use support::repo::{find, line_of, repo};
use support::{ccdeps, json, sample_home, testdata};

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

/// The SARIF 2.1.0 subset GitHub code scanning reads: one run, unique rules
/// each with help text and a numeric `security-severity`, every result tied
/// to a rule, located at a relative lockfile path and line, and carrying a
/// fingerprint that is unique per result and stable across runs.
#[test]
fn sarif_has_the_shape_code_scanning_reads() {
    let home = sample_home();
    let repo = repo();
    let run = || {
        let out = ccdeps(home.path())
            .current_dir(repo.path())
            .args(["--format", "sarif", "review", "--base", "main"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        json(&out.stdout)
    };
    let s = run();
    assert_eq!(s["version"], "2.1.0");
    assert!(
        s["$schema"].as_str().unwrap().contains("sarif-2.1.0"),
        "{}",
        s["$schema"]
    );
    let runs = s["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "ccdeps");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "rule ids repeat: {ids:?}");
    for r in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !r[field]["text"].as_str().unwrap_or("").is_empty(),
                "{field}: {r}"
            );
        }
        let sev: f64 = r["properties"]["security-severity"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or(-1.0);
        assert!((0.0..=10.0).contains(&sev), "{r}");
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert!(results.len() >= 3, "{results:?}");
    let mut prints = Vec::new();
    for r in results {
        assert!(ids.contains(&r["ruleId"].as_str().unwrap()), "{r}");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            ["package-lock.json", "requirements.txt", "Cargo.lock"].contains(&uri),
            "a path relative to the repository root: {uri}"
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        prints.push(
            r["partialFingerprints"]["ccdeps/v1"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let n = prints.len();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), n, "fingerprints repeat");
    assert_eq!(run(), s, "the same change gives the same SARIF");
}

#[test]
fn ci_takes_its_base_from_gitlab_and_writes_no_summary_unasked() {
    let home = sample_home();
    let repo = repo();
    let out = ccdeps(home.path())
        .current_dir(repo.path())
        .env_remove("GITHUB_BASE_REF")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
        .args(["--format", "json", "ci"])
        .output()
        .unwrap();
    support::assert_exit(&out, 1);
    let v = json(&out.stdout);
    assert_eq!(find(&v, "lodash")["change"], "changed");
    assert_eq!(find(&v, "left-pad")["change"], "removed");
    let left: Vec<String> = std::fs::read_dir(repo.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".sarif"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn bad_exceptions_are_errors_with_file_and_line() {
    let home = sample_home();
    let repo = repo();
    let scan = |toml: &str| {
        std::fs::write(repo.path().join("ccdeps.toml"), toml).unwrap();
        let out = ccdeps(home.path())
            .current_dir(repo.path())
            .args(["scan", "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let good = "[[exceptions]]\npackage = \"pkg:npm/lodash@4.17.20\"\nadvisories = [\"CVE-2021-23337\"]\nreason = \"r\"\nexpires = \"2099-12-31\"\n";
    // A misspelt key in the second entry: named with its line.
    let err = scan(&format!("{good}\n{}", good.replace("expires", "expiry")));
    assert!(
        err.contains("ccdeps.toml:11: unknown field `expiry`"),
        "{err}"
    );
    // The reason is mandatory.
    let err = scan(&good.replace("reason = \"r\"\n", ""));
    assert!(
        err.contains("ccdeps.toml:1:") && err.contains("reason"),
        "{err}"
    );
    // Malware may be excepted for one exact version only, never a range.
    let err = scan(
        "[[exceptions]]\npackage = \"pkg:npm/ccdeps-demo-malware\"\nversion = \"<2\"\nadvisories = [\"MAL-2099-0001\"]\nreason = \"r\"\nexpires = \"2099-12-31\"\n",
    );
    assert!(
        err.contains("ccdeps.toml:1: a malware (MAL-) exception must name one exact version"),
        "{err}"
    );
}
