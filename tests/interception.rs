//! The interception layer through the compiled binary: `shims install|env`,
//! `run` pass-through (exit codes, shim folders skipped, fail-closed shims)
//! and `hook claude` (JSON in, JSON out). A fake "real manager" script on
//! PATH records that it ran and exits with a known code.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("ccdeps")
}

/// A test world: a temp home, a folder with fake managers, and a shim folder.
struct World {
    _t: tempfile::TempDir,
    home: PathBuf,
    real: PathBuf,
    shims: PathBuf,
}

impl World {
    fn new() -> World {
        let t = tempfile::tempdir().unwrap();
        let home = t.path().join("home");
        let real = t.path().join("real-bin");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&real).unwrap();
        for tool in ["npm", "cargo", "pip"] {
            // Prints its argv, leaves a trace, exits 42 (or $FAKE_EXIT).
            let body = format!(
                "#!/bin/sh\necho \"real {tool}: $*\"\necho ran >> \"{}/{tool}.ran\"\nexit ${{FAKE_EXIT:-42}}\n",
                real.display()
            );
            write_exe(&real.join(tool), &body);
        }
        let shims = home.join("shims");
        World {
            home,
            real,
            shims,
            _t: t,
        }
    }

    /// `ccdeps ARGS` with PATH = `path` then the system folders (for /bin/sh).
    fn cmd(&self, path: &[&Path]) -> Command {
        let mut c = Command::new(bin());
        let mut dirs: Vec<PathBuf> = path.iter().map(|p| p.to_path_buf()).collect();
        dirs.extend(["/usr/bin", "/bin"].map(PathBuf::from));
        c.env("PATH", std::env::join_paths(dirs).unwrap())
            .env("CCDEPS_HOME", &self.home);
        c
    }

    /// Runs a program found on `path` (a shim) the way a user's shell would.
    fn shell(&self, path: &[&Path], line: &str) -> Command {
        let mut sh = Command::new("/bin/sh");
        let mut dirs: Vec<PathBuf> = path.iter().map(|p| p.to_path_buf()).collect();
        dirs.extend(["/usr/bin", "/bin"].map(PathBuf::from));
        sh.env("PATH", std::env::join_paths(dirs).unwrap())
            .env("CCDEPS_HOME", &self.home)
            .args(["-c", line]);
        sh
    }

    fn install_shims(&self, ccdeps: &Path) {
        let mut c = Command::new(ccdeps);
        c.env("CCDEPS_HOME", &self.home)
            .args(["shims", "install", "--dir"])
            .arg(&self.shims);
        c.assert().success();
    }

    fn ran(&self, tool: &str) -> bool {
        self.real.join(format!("{tool}.ran")).exists()
    }
}

fn write_exe(p: &Path, body: &str) {
    std::fs::write(p, body).unwrap();
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn shims_install_writes_marked_executable_shims_and_env_prints_the_path_line() {
    let w = World::new();
    w.install_shims(&bin());
    for tool in [
        "npm", "npx", "pnpm", "pnpx", "yarn", "bun", "bunx", "pip", "pip3", "uv", "uvx", "cargo",
    ] {
        let p = w.shims.join(tool);
        let mode = std::fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "{tool} is executable");
        let body = std::fs::read_to_string(&p).unwrap();
        assert!(body.starts_with("#!/bin/sh\n# ccdeps-shim: "), "{body}");
        assert!(
            body.contains(&format!(
                "run --shim-dir '{}' {tool} \"$@\"",
                w.shims.display()
            )),
            "{body}"
        );
    }
    // Idempotent.
    w.install_shims(&bin());
    w.cmd(&[])
        .args(["shims", "env", "--dir"])
        .arg(&w.shims)
        .assert()
        .success()
        .stdout(format!("export PATH=\"{}:$PATH\"\n", w.shims.display()));
}

#[test]
fn run_passes_through_and_keeps_the_exit_code() {
    let w = World::new();
    w.cmd(&[&w.real])
        .args(["run", "npm", "run", "test", "--", "--watch"])
        .assert()
        .code(42)
        .stdout("real npm: run test -- --watch\n");
    w.cmd(&[&w.real])
        .args(["run", "cargo", "--version"])
        .env("FAKE_EXIT", "0")
        .assert()
        .success();
    // The clap path (global options before `run`) behaves the same.
    w.cmd(&[&w.real])
        .arg("--home")
        .arg(&w.home)
        .args(["run", "npm", "--version"])
        .assert()
        .code(42);
}

#[test]
fn shims_skip_their_own_folder_twice_and_through_a_symlink() {
    let w = World::new();
    w.install_shims(&bin());
    let link = w.home.join("shims-link");
    symlink(&w.shims, &link).unwrap();
    let path = [
        w.shims.as_path(),
        link.as_path(),
        w.shims.as_path(),
        w.real.as_path(),
    ];
    w.shell(&path, "npm run build")
        .assert()
        .code(42)
        .stdout("real npm: run build\n");
    // A second copy of the shims elsewhere is recognised by its marker line.
    let copy = w.home.join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(w.shims.join("pip"), copy.join("pip")).unwrap();
    let path = [copy.as_path(), w.shims.as_path(), w.real.as_path()];
    w.shell(&path, "pip list")
        .assert()
        .code(42)
        .stdout("real pip: list\n");
}

#[test]
fn installs_fail_closed_without_data() {
    // No advisory database and (offline) no registry answers: nothing may be
    // installed, and the message says why — with secrets redacted.
    let w = World::new();
    w.install_shims(&bin());
    w.shell(
        &[&w.shims, &w.real],
        "CCDEPS_OFFLINE=1 npm install left-pad",
    )
    .assert()
    .code(75)
    .stderr(contains(
        "could not check `npm install left-pad`, so nothing was installed",
    ));
    w.shell(
        &[&w.shims, &w.real],
        "CCDEPS_OFFLINE=1 pip install --index-url https://u:s3cret@h/simple x",
    )
    .assert()
    .code(75)
    .stderr(contains("***").and(contains("s3cret").not()));
    assert!(!w.ran("npm") && !w.ran("pip"));
    // The decisions are in the audit log, redacted too.
    let log = std::fs::read_to_string(w.home.join("audit.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(
        log.contains("\"verdict\":\"undecided\"") && !log.contains("s3cret"),
        "{log}"
    );
}

#[test]
fn a_missing_real_tool_says_where_it_looked() {
    let w = World::new();
    w.install_shims(&bin());
    w.shell(&[&w.shims], "cargo --version")
        .assert()
        .code(127)
        .stderr(contains("cannot find the real `cargo`").and(contains(w.shims.to_str().unwrap())));
}

#[test]
fn the_shim_fails_closed_when_ccdeps_is_gone() {
    let w = World::new();
    let copy = w.home.join("ccdeps-copy");
    std::fs::copy(bin(), &copy).unwrap();
    w.install_shims(&copy);
    std::fs::remove_file(&copy).unwrap();
    w.shell(&[&w.shims, &w.real], "npm --version")
        .assert()
        .code(75)
        .stderr(contains("refusing to run npm unchecked"));
    // Present but not executable: same refusal.
    std::fs::write(&copy, "not a program").unwrap();
    w.shell(&[&w.shims, &w.real], "npm --version")
        .assert()
        .code(75);
    assert!(!w.ran("npm"));
}

fn hook(input: &str) -> (i32, String) {
    let home = tempfile::tempdir().unwrap();
    hook_in(home.path(), input)
}

fn hook_in(home: &Path, input: &str) -> (i32, String) {
    let out = Command::new(bin())
        .env("CCDEPS_HOME", home)
        .args(["hook", "claude"])
        .write_stdin(input)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn hook_rewrites_installs_and_leaves_everything_else_alone() {
    let ev = |tool: &str, cmd: &str| {
        serde_json::json!({"session_id": "s", "transcript_path": "/t", "cwd": "/tmp", "hook_event_name": "PreToolUse",
            "tool_name": tool, "tool_input": {"command": cmd}})
        .to_string()
    };
    let (code, out) = hook(&ev(
        "Bash",
        "sudo pip install --break-system-packages colourama",
    ));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let h = &v["hookSpecificOutput"];
    assert_eq!(h["hookEventName"], "PreToolUse");
    let cmd = h["updatedInput"]["command"].as_str().unwrap();
    assert!(
        cmd.starts_with("sudo ")
            && cmd.contains(" run pip install --break-system-packages colourama"),
        "{cmd}"
    );
    assert_eq!(
        hook(&ev("Bash", "echo 'npm install lodahs'")),
        (0, String::new())
    );
    assert_eq!(hook(&ev("Bash", "npm run test")), (0, String::new()));
    assert_eq!(
        hook(r#"{"tool_name":"Read","tool_input":{"file_path":"/x"}}"#),
        (0, String::new())
    );
    let (code, out) = hook(&ev("Bash", "eval \"npm i evil\""));
    assert_eq!(code, 0);
    assert!(out.contains("\"permissionDecision\":\"deny\""), "{out}");
    // Global options before the subcommand take the same path.
    let out = Command::new(bin())
        .args(["--home", "/nonexistent", "--offline", "hook", "claude"])
        .write_stdin(ev("Bash", "npm i x"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("updatedInput"));
}

#[test]
fn hook_denies_known_bad_pins_at_once_and_audits() {
    let home = tempfile::tempdir().unwrap();
    Command::new(bin())
        .env("CCDEPS_HOME", home.path())
        .args(["db", "import"])
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/osv/sample"))
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/popular"))
        .assert()
        .success();
    let ev = |cmd: &str| {
        serde_json::json!({"session_id": "s", "cwd": "/tmp", "hook_event_name": "PreToolUse",
            "tool_name": "Bash", "tool_input": {"command": cmd}})
        .to_string()
    };
    let (code, out) = hook_in(
        home.path(),
        &ev("cd /tmp && npm install lodash@4.17.20 && npm test"),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let h = &v["hookSpecificOutput"];
    assert_eq!(h["permissionDecision"], "deny", "{out}");
    let reason = h["permissionDecisionReason"].as_str().unwrap();
    assert!(
        reason.contains("GHSA-35jh-r3h4-6jhm") && reason.contains("lodash@4.17.21"),
        "{reason}"
    );
    // A clean request is routed through `ccdeps run` instead.
    let (_, out) = hook_in(home.path(), &ev("npm install lodash@4.17.21"));
    assert!(out.contains("updatedInput"), "{out}");
    let log = std::fs::read_to_string(home.path().join("audit.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(
        log.lines().next().unwrap().contains("\"verdict\":\"deny\""),
        "{log}"
    );
}

#[test]
fn hook_exits_2_only_when_it_cannot_run() {
    assert_eq!(hook("not json").0, 2);
}
