//! The module's public API on the fixtures of `testdata/lockfile/<case>/`:
//! discovery, one good file per format, the malformed ones (an error naming
//! file and line, never a panic), and every fixture cut short at many points.

use std::path::{Path, PathBuf};

use super::*;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/lockfile")
}

fn rel(p: &Path) -> String {
    p.strip_prefix(testdata())
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// (fixture, packages as `name@version`).
const GOOD: &[(&str, &[&str])] = &[
    (
        "npm-v3/package-lock.json",
        &["@types/node@20.11.0", "esbuild@0.20.2", "left-pad@1.3.0"],
    ),
    (
        "npm-v1/package-lock.json",
        &["debug@2.6.9", "ms@2.0.0", "ms@2.1.3"],
    ),
    (
        "yarn-v1/yarn.lock",
        &["js-tokens@4.0.0", "loose-envify@1.4.0"],
    ),
    ("yarn-berry/yarn.lock", &["js-tokens@4.0.0"]),
    ("pnpm-v9/pnpm-lock.yaml", &["js-tokens@4.0.0"]),
    (
        "requirements/requirements.txt",
        &["urllib3@2.2.1", "django@4.2.11", "requests", "pkg"],
    ),
    ("requirements/base.txt", &["urllib3@2.2.1"]),
    ("cargo/Cargo.lock", &["app@0.1.0", "itoa@1.0.11"]),
    ("uv/uv.lock", &["app@0.1.0", "idna@3.7"]),
    ("poetry/poetry.lock", &["idna@3.7", "pytest@8.2.0"]),
    ("pipfile/Pipfile.lock", &["idna@3.7", "pytest@8.2.0"]),
    ("pylock/pylock.toml", &["idna@3.7"]),
];

/// (fixture, the start of its error message after the fixture folder).
const BAD: &[(&str, &str)] = &[
    (
        "truncated-json/package-lock.json",
        "truncated-json/package-lock.json:15: invalid JSON: EOF",
    ),
    ("bad-yaml/pnpm-lock.yaml", "bad-yaml/pnpm-lock.yaml:"),
    (
        "include-cycle/requirements.txt",
        "include-cycle/other.txt:3: include cycle",
    ),
    (
        "include-missing/requirements.txt",
        "include-missing/requirements.txt:2: cannot read included file",
    ),
];

#[test]
fn discovers_every_fixture() -> std::io::Result<()> {
    let found: Vec<String> = discover(&testdata())?.iter().map(|p| rel(p)).collect();
    let mut want: Vec<&str> = GOOD
        .iter()
        .map(|g| g.0)
        .chain(BAD.iter().map(|b| b.0))
        .collect();
    want.sort();
    assert_eq!(found, want);
    Ok(())
}

#[test]
fn good_fixtures() {
    for (file, want) in GOOD {
        let lock = match parse_file(&testdata().join(file)) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        let got: Vec<String> = lock.packages.iter().map(|p| p.to_string()).collect();
        assert_eq!(got, *want, "{file}");
        for p in &lock.packages {
            assert!(p.locations.iter().all(|l| l.line > 0), "{file}: {p}");
        }
    }
    let npm = parse_file(&testdata().join("npm-v3/package-lock.json"))
        .map(|l| l.packages)
        .unwrap_or_default();
    assert_eq!(
        npm[1].facts.install_scripts,
        Some(vec!["install".to_string()])
    );
    assert_eq!((npm[0].dev, npm[0].direct), (true, Some(true)));
    assert_eq!(
        npm[2].source,
        Source::Registry {
            url: Some("https://npm.corp.example".into())
        }
    );
}

#[test]
fn bad_fixtures_name_file_and_line() {
    for (file, want) in BAD {
        let err = match parse_file(&testdata().join(file)) {
            Ok(l) => panic!("{file}: parsed {} packages", l.packages.len()),
            Err(e) => e.to_string(),
        };
        let shown = err.replace('\\', "/");
        let after = shown.split("testdata/lockfile/").nth(1).unwrap_or("");
        assert!(after.starts_with(want), "{file}: {err}");
    }
}

/// Every fixture, cut at many points, parses or fails: never panics.
#[test]
fn truncated_fixtures_never_panic() {
    for (file, _) in GOOD
        .iter()
        .copied()
        .chain(BAD.iter().map(|b| (b.0, &[][..])))
    {
        let text = std::fs::read_to_string(testdata().join(file)).unwrap_or_default();
        let Some(kind) = LockfileKind::detect(file) else {
            panic!("{file}")
        };
        let step = (text.len() / 300).max(1);
        for cut in (0..text.len()).step_by(step) {
            if let Some(prefix) = text.get(..cut) {
                let _ = parse_str(prefix, file, kind);
            }
        }
    }
}

use crate::package::Source;
