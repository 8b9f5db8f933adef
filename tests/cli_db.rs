//! `ccdeps db import | update | status` and `ccdeps check`, driven through the
//! compiled binary with a temp home.

mod support;

use predicates::str::contains;
use support::server::{Route, Server};
use support::{ccdeps, json, make_zip, sample_entries, sample_home, testdata};

#[test]
fn import_then_status_counts_records() {
    let home = sample_home();
    let out = ccdeps(home.path())
        .args(["--format", "json", "db", "status"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json(&out.stdout);
    let eco = |name: &str| {
        v["ecosystems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["ecosystem"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {v}"))
    };
    assert_eq!(eco("npm")["records"], 3);
    assert_eq!(eco("npm")["malware"], 1);
    assert_eq!(eco("PyPI")["records"], 2);
    assert_eq!(
        eco("crates.io")["records"],
        1,
        "the withdrawn record is not live"
    );
}

#[test]
fn check_blocks_a_vulnerable_version_and_allows_a_clean_one() {
    let home = sample_home();
    let out = ccdeps(home.path())
        .args([
            "--format",
            "json",
            "check",
            "pkg:npm/lodash@4.17.20",
            "pkg:npm/is-number@7.0.0",
        ])
        .output()
        .unwrap();
    support::assert_exit(&out, 1);
    let v = json(&out.stdout);
    assert_eq!(v["schema"], "ccdeps.report/1");
    assert_eq!(v["verdict"], "block");
    let pkgs = v["packages"].as_array().unwrap();
    assert_eq!(pkgs.len(), 2);
    // Deterministic order: ecosystem, name, version.
    assert_eq!(pkgs[0]["name"], "is-number");
    assert_eq!(pkgs[0]["verdict"], "allow");
    assert_eq!(pkgs[0]["findings"].as_array().unwrap().len(), 0);
    let lodash = &pkgs[1];
    assert_eq!(lodash["purl"], "pkg:npm/lodash@4.17.20");
    assert_eq!(lodash["verdict"], "block");
    let f = &lodash["findings"][0];
    assert_eq!(f["check"], "advisory");
    assert_eq!(f["code"], "advisory-vulnerability");
    assert_eq!(f["id"], "GHSA-35jh-r3h4-6jhm");
    assert_eq!(f["aliases"][0], "CVE-2021-23337");
    assert_eq!(f["severity"], "high");
    assert_eq!(f["fixed"][0], "4.17.21");
    assert_eq!(f["action"], "block");

    ccdeps(home.path())
        .args(["check", "pkg:npm/lodash@4.17.21"])
        .assert()
        .code(0);
}

#[test]
fn human_output_says_what_and_how_to_fix() {
    let home = sample_home();
    ccdeps(home.path())
        .args(["check", "pkg:cargo/regex@1.5.4"])
        .assert()
        .code(1)
        .stdout(contains(
            "blocked 1 of 1 package(s): regex@1.5.4: RUSTSEC-2022-0013 (high)",
        ))
        .stdout(contains("fixed in 1.5.5"));
}

#[test]
fn aliases_group_into_one_finding_with_the_known_severity() {
    let home = sample_home();
    let out = ccdeps(home.path())
        .args(["--format", "json", "check", "pkg:pypi/Jinja2@2.11.2"])
        .output()
        .unwrap();
    // PYSEC (no severity) and GHSA (moderate) describe one flaw: one finding, medium, warn.
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out.stdout);
    let p = &v["packages"][0];
    assert_eq!(p["name"], "jinja2");
    let f = p["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["id"], "PYSEC-2021-66");
    assert!(
        f[0]["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "GHSA-g3rq-g295-4j3m")
    );
    assert_eq!(f[0]["severity"], "medium");
    assert_eq!(f[0]["action"], "warn");
    assert_eq!(v["verdict"], "warn");
}

#[test]
fn malware_blocks_withdrawn_never_matches_last_affected_is_inclusive() {
    let home = sample_home();
    let out = ccdeps(home.path())
        .args([
            "--format",
            "json",
            "check",
            "pkg:npm/ccdeps-demo-malware@1.0.1",
            "pkg:cargo/serde@1.0.0",
            "pkg:npm/%40demo/scoped@1.2.0",
            "pkg:npm/%40demo/scoped@1.2.1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out.stdout);
    let by = |name: &str, ver: &str| {
        v["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name && p["version"] == ver)
            .cloned()
            .unwrap()
    };
    let mal = by("ccdeps-demo-malware", "1.0.1");
    assert_eq!(mal["findings"][0]["code"], "advisory-malware");
    assert_eq!(mal["findings"][0]["action"], "block");
    assert_eq!(
        by("serde", "1.0.0")["findings"].as_array().unwrap().len(),
        0
    );
    let at = by("@demo/scoped", "1.2.0");
    assert_eq!(at["purl"], "pkg:npm/%40demo/scoped@1.2.0");
    assert_eq!(at["findings"][0]["severity"], "low");
    assert_eq!(at["findings"][0]["action"], "warn");
    assert_eq!(
        by("@demo/scoped", "1.2.1")["findings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn check_without_a_database_cannot_decide() {
    let home = tempfile::tempdir().unwrap();
    let out = ccdeps(home.path())
        .args(["--format", "json", "check", "pkg:npm/lodash@4.17.20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out.stdout);
    assert_eq!(v["verdict"], "undecided");
    assert!(
        v["errors"][0]["why"]
            .as_str()
            .unwrap()
            .contains("ccdeps db update")
    );
}

#[test]
fn bad_purl_is_a_usage_error() {
    let home = sample_home();
    ccdeps(home.path())
        .args(["check", "npm/lodash@1.0.0"])
        .assert()
        .code(2)
        .stderr(contains("must start with `pkg:`"));
    ccdeps(home.path())
        .args(["check", "pkg:maven/org.x/y@1"])
        .assert()
        .code(2)
        .stderr(contains("unsupported purl type"));
}

#[test]
fn bad_records_are_counted_and_skipped() {
    let home = sample_home();
    ccdeps(home.path())
        .args(["db", "import"])
        .arg(testdata("osv/bad"))
        .assert()
        .success()
        .stdout(contains("1 for other ecosystems skipped, 3 rejected"))
        .stderr(contains("truncated.json: invalid JSON"))
        .stderr(contains(
            "bad-version.json: GHSA-bad0-vers-ion0: unparseable npm version \"not-a-version\"",
        ))
        .stderr(contains("no-id.json"));
    // The good data is still there.
    ccdeps(home.path())
        .args(["check", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(1);
}

fn status_json(home: &std::path::Path) -> serde_json::Value {
    let out = ccdeps(home)
        .args(["--format", "json", "db", "status"])
        .output()
        .unwrap();
    let mut v = json(&out.stdout);
    // Ages move between calls.
    for s in v["sources"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("age_seconds");
    }
    v
}

#[test]
fn hostile_zips_are_refused_and_the_database_stays_intact() {
    let home = sample_home();
    let before = status_json(home.path());
    let dir = tempfile::tempdir().unwrap();
    let good = br#"{"id":"GHSA-zzzz-zzzz-zzzz","modified":"2024-01-01T00:00:00Z","summary":"zip sample","affected":[{"package":{"ecosystem":"npm","name":"zip-sample"},"versions":["1.0.0"]}]}"#;

    // A traversal name is refused; the good entry beside it is imported.
    let traversal = dir.path().join("traversal.zip");
    make_zip(
        &traversal,
        &[("../evil.json", good), ("ok/GHSA-zzzz.json", good)],
    );
    ccdeps(home.path())
        .args(["db", "import"])
        .arg(&traversal)
        .assert()
        .success()
        .stderr(contains(
            "../evil.json: entry name leaves the archive (path traversal)",
        ));

    // An entry that declares 1 GiB is refused before anything is inflated.
    let bomb = dir.path().join("bomb.zip");
    make_zip(&bomb, &[("MAL-1.json", good)]);
    let mut bytes = std::fs::read(&bomb).unwrap();
    patch_uncompressed_size(&mut bytes, 1 << 30);
    std::fs::write(&bomb, &bytes).unwrap();
    ccdeps(home.path())
        .args(["db", "import"])
        .arg(&bomb)
        .assert()
        .success()
        .stderr(contains("declares 1073741824 bytes uncompressed"));

    // A truncated archive aborts the import: nothing changes.
    let mid = status_json(home.path());
    let trunc = dir.path().join("truncated.zip");
    let entries = sample_entries();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    make_zip(&trunc, &refs);
    let bytes = std::fs::read(&trunc).unwrap();
    std::fs::write(&trunc, &bytes[..bytes.len() / 2]).unwrap();
    ccdeps(home.path())
        .args(["db", "import"])
        .arg(&trunc)
        .assert()
        .code(2)
        .stderr(contains(
            "not a readable zip archive (truncated or corrupt)",
        ))
        .stderr(contains("database unchanged"));
    assert_eq!(status_json(home.path()), mid);
    assert_ne!(before, mid, "the traversal zip's good entry was imported");
}

/// Rewrites the uncompressed-size fields of every local and central header.
fn patch_uncompressed_size(bytes: &mut [u8], size: u32) {
    let le = size.to_le_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        match &bytes[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => bytes[i + 22..i + 26].copy_from_slice(&le),
            [0x50, 0x4b, 0x01, 0x02] => bytes[i + 24..i + 28].copy_from_slice(&le),
            _ => {}
        }
        i += 1;
    }
}

fn serve_mirror(server: &Server, entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("all.zip");
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    make_zip(&zip, &refs);
    let body = std::fs::read(&zip).unwrap();
    for eco in ["npm", "PyPI", "crates.io"] {
        server.route(
            &format!("/{eco}/all.zip"),
            Route::Ok {
                body: body.clone(),
                etag: Some(format!("\"{eco}-v1\"")),
            },
        );
    }
    for (eco, list) in [
        ("npm", &b"lodash\nreact\n"[..]),
        ("PyPI", b"requests\t1000\njinja2\t900\n"),
        ("crates.io", b"serde\nregex\n"),
    ] {
        server.route(
            &format!("/popular/{eco}.txt"),
            Route::Ok {
                body: list.to_vec(),
                etag: None,
            },
        );
    }
    body
}

#[test]
fn update_over_http_is_conditional_and_survives_a_broken_download() {
    let server = Server::start();
    let body = serve_mirror(&server, &sample_entries());
    let home = tempfile::tempdir().unwrap();
    ccdeps(home.path())
        .args(["db", "update", "--mirror", &server.base])
        .assert()
        .success()
        .stdout(contains("npm: 7 stored"))
        .stdout(contains("npm: 2 popular names"));
    for eco in ["npm", "PyPI", "crates.io"] {
        let idx = home.path().join(format!("cache/typosquat-v1/{eco}.idx"));
        assert!(idx.is_file(), "{} not built by the update", idx.display());
    }
    ccdeps(home.path())
        .args(["check", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(1);

    // Unchanged exports are not downloaded again (ETag → 304).
    ccdeps(home.path())
        .args(["db", "update", "--mirror", &server.base])
        .assert()
        .success()
        .stdout(contains("npm: unchanged"));
    assert!(
        server.log().iter().any(|l| l == "GET /npm/all.zip 304"),
        "{:?}",
        server.log()
    );

    // A download that breaks off mid-body fails, names the URL, and keeps the data.
    server.route(
        "/npm/all.zip",
        Route::Truncate {
            body: body.clone(),
            sent: body.len() / 3,
        },
    );
    server.route("/PyPI/all.zip", Route::Status(500));
    ccdeps(home.path())
        .args([
            "db",
            "update",
            "--mirror",
            &server.base,
            "--ecosystem",
            "npm",
            "--ecosystem",
            "PyPI",
        ])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "npm: update from {}/npm/all.zip failed, previous data kept",
            server.base
        )))
        .stderr(contains("HTTP 500"));
    ccdeps(home.path())
        .args(["check", "pkg:npm/lodash@4.17.20"])
        .assert()
        .code(1);
    ccdeps(home.path())
        .args(["check", "pkg:pypi/jinja2@2.11.2"])
        .assert()
        .code(0);
}

#[test]
fn update_reports_an_unreachable_mirror() {
    let home = tempfile::tempdir().unwrap();
    // Port 9 (discard) on loopback: nothing listens.
    ccdeps(home.path())
        .args([
            "db",
            "update",
            "--mirror",
            "http://127.0.0.1:9",
            "--ecosystem",
            "npm",
        ])
        .assert()
        .code(2)
        .stderr(contains("http://127.0.0.1:9/npm/all.zip"))
        .stderr(contains("unreachable"));
}

#[test]
fn update_from_a_mirror_folder() {
    let dir = tempfile::tempdir().unwrap();
    let entries = sample_entries();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    for eco in ["npm", "PyPI", "crates.io"] {
        std::fs::create_dir_all(dir.path().join(eco)).unwrap();
        make_zip(&dir.path().join(eco).join("all.zip"), &refs);
    }
    let home = tempfile::tempdir().unwrap();
    ccdeps(home.path())
        .args(["db", "update", "--mirror"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("crates.io: 7 stored"));
    ccdeps(home.path())
        .args(["db", "update", "--mirror"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("crates.io: unchanged"));
    ccdeps(home.path())
        .args(["db", "update", "--offline", "--mirror"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("needs the network"));
}

#[test]
fn typosquats_are_judged_against_imported_popular_lists_and_missing_lists_fail_closed() {
    let home = sample_home();
    let out = ccdeps(home.path())
        .args([
            "--format",
            "json",
            "check",
            "pkg:npm/lodahs@1.0.0",
            "pkg:pypi/reqeusts@2.0",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc = json(&out);
    for (p, target) in doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .zip(["lodash", "requests"])
    {
        let f = &p["findings"][0];
        assert_eq!(f["code"], "typosquat", "{p}");
        assert_eq!(f["similar_to"], target);
        assert_eq!(f["reason"], "transposition");
    }
    // Without a list for the ecosystem the check cannot run: could not decide.
    let bare = tempfile::tempdir().unwrap();
    ccdeps(bare.path())
        .args(["db", "import"])
        .arg(testdata("osv/sample"))
        .arg(testdata("popular/npm.txt"))
        .assert()
        .success()
        .stderr(contains("npm: 38 popular names imported"));
    // The import built the list's typosquat index for the next run to read.
    let cache = bare.path().join("cache/typosquat-v1");
    assert!(cache.join("npm.idx").is_file(), "no cached npm index");
    assert!(!cache.join("PyPI.idx").exists(), "no list, no index");
    ccdeps(bare.path())
        .args(["check", "pkg:npm/is-number@7.0.0"])
        .assert()
        .code(0);
    ccdeps(bare.path())
        .args(["check", "pkg:pypi/six@1.16.0"])
        .assert()
        .code(2)
        .stdout(contains("ccdeps db update"));
}
