//! End-to-end through the real package managers (issue 6): npm, pip and cargo
//! run from temp projects with the ccdeps shims first on PATH, against the
//! real registries, with the advisory database and popular-name lists loaded
//! from the shared mirror. Bad installs exit 77 and leave nothing behind,
//! good ones install, and commands that are not installs pass through.
//!
//! Needs the network and `npm`, `pip`, `cargo` on PATH. Run it with
//! `CCDEPS_CORPUS=../shared/data cargo test --features e2e --test e2e_install`
//! (about half a minute; `.ci/run` runs it when `CCDEPS_E2E=1`).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;

/// One shared set-up: a home with the mirror's data and a shim folder.
struct World {
    tmp: tempfile::TempDir,
    home: PathBuf,
    shims: PathBuf,
    /// PATH with the shims first.
    path: std::ffi::OsString,
}

fn corpus() -> PathBuf {
    let Some(v) = std::env::var_os("CCDEPS_CORPUS") else {
        panic!(
            "CCDEPS_CORPUS is not set: point it at the shared data (CCDEPS_CORPUS=../shared/data)"
        );
    };
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(v);
    assert!(p.is_dir(), "CCDEPS_CORPUS={} is not a folder", p.display());
    p
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let mirror = corpus().join("mirror");
        assert!(mirror.is_dir(), "no mirror at {}", mirror.display());
        let t = tempfile::tempdir().expect("tempdir");
        let (home, shims) = (t.path().join("home"), t.path().join("shims"));
        let ccdeps = |args: &[&str]| {
            let out = Command::cargo_bin("ccdeps")
                .expect("binary")
                .arg("--home")
                .arg(&home)
                .args(args)
                .output()
                .expect("run ccdeps");
            assert!(
                out.status.success(),
                "ccdeps {args:?}: {}",
                text(&out.stderr)
            );
        };
        ccdeps(&[
            "db",
            "update",
            "--mirror",
            mirror.to_str().expect("utf-8 path"),
        ]);
        ccdeps(&[
            "shims",
            "install",
            "--dir",
            shims.to_str().expect("utf-8 path"),
        ]);
        let mut dirs = vec![shims.clone()];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let w = World {
            path: std::env::join_paths(dirs).expect("PATH"),
            home,
            shims,
            tmp: t,
        };
        for tool in ["npm", "pip", "cargo"] {
            let out = w.sh(w.tmp.path(), &format!("command -v {tool}"));
            let found = text(&out.stdout);
            assert_eq!(
                found.trim(),
                w.shims.join(tool).to_string_lossy(),
                "{tool} is not shimmed"
            );
        }
        w
    })
}

impl World {
    /// Runs `line` with `sh -c` in `dir`, shims first on PATH, as an agent's shell would.
    fn sh(&self, dir: &Path, line: &str) -> Output {
        Command::new("/bin/sh")
            .args(["-c", line])
            .current_dir(dir)
            .env("PATH", &self.path)
            .env("CCDEPS_HOME", &self.home)
            .env_remove("CCDEPS_OFFLINE")
            .env_remove("CCDEPS_MANAGED_CONFIG")
            .env_remove("CARGO_TARGET_DIR")
            .env("npm_config_update_notifier", "false")
            .env("npm_config_fund", "false")
            .env("npm_config_audit", "false")
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("PIP_NO_INPUT", "1")
            .timeout(Duration::from_secs(600))
            .output()
            .expect("run sh")
    }

    /// Audit lines whose text contains `needle` (pass-throughs write none).
    fn audited(&self, needle: &str) -> usize {
        let log = std::fs::read_to_string(self.home.join("audit.jsonl")).unwrap_or_default();
        log.lines().filter(|l| l.contains(needle)).count()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Asserts the exit code, showing what the tools said when it differs.
fn expect_code(out: &Output, code: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}\nstdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// A temp npm project (`package.json` only).
fn npm_project() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    let manifest = r#"{"name": "e2e", "version": "1.0.0", "private": true,
  "scripts": {"probe": "node -e \"require('fs').writeFileSync('probe.txt', 'ran')\""}}"#;
    std::fs::write(d.path().join("package.json"), manifest).expect("package.json");
    d
}

/// A scratch crate with no dependencies.
fn scratch_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("src");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"scratch\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n",
    )
    .expect("Cargo.toml");
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").expect("main.rs");
}

#[test]
fn npm_install_of_a_clean_pin_installs() {
    let w = world();
    let p = npm_project();
    let out = w.sh(p.path(), "npm install is-number@7.0.0");
    expect_code(&out, 0, "npm install is-number@7.0.0");
    let installed = std::fs::read_to_string(p.path().join("node_modules/is-number/package.json"))
        .expect("is-number installed");
    assert!(installed.contains("\"version\": \"7.0.0\""), "{installed}");
}

#[test]
fn npm_install_of_a_typosquat_is_refused() {
    let w = world();
    let p = npm_project();
    let out = w.sh(p.path(), "npm install lodahs");
    expect_code(&out, 77, "npm install lodahs (typosquat of lodash)");
    assert!(
        text(&out.stderr).contains("lodash"),
        "names what it imitates"
    );
    assert!(!p.path().join("node_modules").exists(), "nothing installed");
}

#[test]
fn npm_install_of_a_version_with_an_advisory_is_refused() {
    let w = world();
    let p = npm_project();
    let before = std::fs::read(p.path().join("package.json")).expect("read");
    let out = w.sh(p.path(), "npm install minimist@1.2.5");
    expect_code(&out, 77, "npm install minimist@1.2.5");
    let err = text(&out.stderr);
    assert!(
        err.contains("GHSA-xvch-5gv4-984h") && err.contains("minimist@1.2.6"),
        "{err}"
    );
    assert!(!p.path().join("node_modules").exists(), "nothing installed");
    assert_eq!(
        std::fs::read(p.path().join("package.json")).expect("read"),
        before
    );
}

#[test]
fn npm_run_and_npm_version_pass_through() {
    let w = world();
    let p = npm_project();
    let out = w.sh(p.path(), "npm --version");
    expect_code(&out, 0, "npm --version");
    assert!(
        text(&out.stdout).trim().split('.').count() == 3,
        "a version"
    );
    let out = w.sh(p.path(), "npm run probe");
    expect_code(&out, 0, "npm run probe");
    assert!(p.path().join("probe.txt").exists(), "the script ran");
    assert_eq!(
        w.audited("\"probe\""),
        0,
        "a pass-through is not a decision"
    );
}

#[test]
fn pip_install_with_an_advisory_is_refused_and_the_target_stays_empty() {
    let w = world();
    let d = tempfile::tempdir().expect("tempdir");
    let out = w.sh(d.path(), "pip install --target py jinja2==2.11.2");
    expect_code(&out, 77, "pip install --target py jinja2==2.11.2");
    let target = d.path().join("py");
    let empty = std::fs::read_dir(&target).map_or(true, |mut r| r.next().is_none());
    assert!(empty, "{} holds files", target.display());
}

#[test]
fn an_established_pypi_look_alike_is_only_a_warning() {
    // py-sucks (an Ecovacs vacuum client, first published 2022) resembles
    // pysocks letter for letter; PyPI's upload history shows an established
    // package, so the finding is typosquat-established (warn), not a block.
    let w = world();
    let out = Command::cargo_bin("ccdeps")
        .expect("binary")
        .arg("--home")
        .arg(&w.home)
        .args(["explain", "pkg:pypi/py-sucks@0.9.11"])
        .output()
        .expect("run ccdeps");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("typosquat       warn") && stdout.contains("established package"),
        "{stdout}\n{}",
        text(&out.stderr)
    );
}

#[test]
fn pip_install_of_a_clean_pin_works() {
    let w = world();
    let d = tempfile::tempdir().expect("tempdir");
    let out = w.sh(d.path(), "pip install --target py six==1.16.0");
    expect_code(&out, 0, "pip install --target py six==1.16.0");
    assert!(d.path().join("py/six.py").is_file());
}

#[test]
fn cargo_add_with_an_advisory_is_refused_and_the_manifest_is_unchanged() {
    let w = world();
    let d = tempfile::tempdir().expect("tempdir");
    scratch_crate(d.path());
    let before = std::fs::read(d.path().join("Cargo.toml")).expect("read");
    let out = w.sh(d.path(), "cargo add regex@=1.5.4");
    expect_code(&out, 77, "cargo add regex@=1.5.4");
    assert!(text(&out.stderr).contains("RUSTSEC-2022-0013"));
    assert_eq!(
        std::fs::read(d.path().join("Cargo.toml")).expect("read"),
        before
    );
}

#[test]
fn cargo_build_of_an_unchanged_project_passes_through() {
    let w = world();
    let d = tempfile::tempdir().expect("tempdir");
    scratch_crate(d.path());
    // The lockfile is written by the real cargo (not through the shims), so it is
    // newer than the manifest: the project is unchanged since it was locked.
    let out = Command::new("cargo")
        .arg("generate-lockfile")
        .current_dir(d.path())
        .output()
        .expect("cargo generate-lockfile");
    expect_code(&out, 0, "cargo generate-lockfile (real cargo)");
    let out = w.sh(d.path(), "cargo build --quiet");
    expect_code(&out, 0, "cargo build");
    assert!(d.path().join("target/debug/scratch").is_file(), "it built");
    let cwd = d.path().to_string_lossy().into_owned();
    assert_eq!(w.audited(&cwd), 0, "a pass-through is not a decision");
}
