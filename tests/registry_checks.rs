//! The registry-fact checks through the compiled binary: `ccdeps run` and
//! `ccdeps explain` against recorded registries on 127.0.0.1
//! (`testdata/registry/`, publish times relative to the run), with fake
//! package managers on PATH that record whether they ran.
//!
//! Without a terminal, `ask` becomes `block` (the built-in
//! `ask-without-terminal`): install scripts, sdist builds and build scripts
//! stop the install (77) unless allowlisted — except npm, whose refused
//! scripts are skipped with `--ignore-scripts` while the install goes on.

#[path = "support/crate_fixtures.rs"]
mod crate_fixtures;
#[path = "support/registry_server.rs"]
#[allow(dead_code)]
mod registry_server;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use registry_server::Server;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("ccdeps")
}

/// A temp home with the sample advisories, fake managers, and a project
/// whose policy allows the test registries and whose cargo uses them.
struct World {
    _t: tempfile::TempDir,
    home: PathBuf,
    fake: PathBuf,
    project: PathBuf,
    server: Server,
}

impl World {
    fn new() -> World {
        let t = tempfile::tempdir().unwrap();
        let server = Server::start();
        let base = &server.base;
        let (home, fake, project) = (
            t.path().join("home"),
            t.path().join("fake"),
            t.path().join("project"),
        );
        for d in [&home, &fake, &project.join(".cargo"), &project.join(".git")] {
            std::fs::create_dir_all(d).unwrap();
        }
        for tool in ["npm", "bun", "pip", "cargo"] {
            let p = fake.join(tool);
            let log = fake.join(format!("{tool}.ran"));
            std::fs::write(
                &p,
                format!(
                    "#!/bin/sh\necho \"real {tool}: $*\"\necho \"$*\" >> '{}'\nexit 0\n",
                    log.display()
                ),
            )
            .unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::write(
            project.join("ccdeps.toml"),
            format!("[settings]\nallowed-registries = [\"{base}/npm/\", \"{base}/pypi/simple/\", \"{base}/crates/\"]\n"),
        )
        .unwrap();
        std::fs::write(
            project.join(".cargo/config.toml"),
            format!("[source.crates-io]\nreplace-with = \"fixtures\"\n[source.fixtures]\nregistry = \"sparse+{base}/crates/\"\n"),
        )
        .unwrap();
        Command::new(bin())
            .arg("--home")
            .arg(&home)
            .args(["db", "import"])
            .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/osv/sample"))
            .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/popular"))
            .assert()
            .success();
        World {
            home,
            fake,
            project,
            server,
            _t: t,
        }
    }

    /// `ccdeps ARGS` in the project, isolated from the user's own configuration.
    fn ccdeps(&self, args: &[&str]) -> Command {
        let t = self._t.path();
        let mut c = Command::new(bin());
        c.current_dir(&self.project)
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", self.fake.display()))
            .env("HOME", t.join("user"))
            .env("XDG_CONFIG_HOME", t.join("user/.config"))
            .env("CARGO_HOME", t.join("user/.cargo"))
            .env("CCDEPS_HOME", &self.home)
            .env("NPM_CONFIG_REGISTRY", format!("{}/npm/", self.server.base))
            .env(
                "PIP_INDEX_URL",
                format!("{}/pypi/simple/", self.server.base),
            )
            .env("PIP_CONFIG_FILE", "/dev/null")
            .env("NO_COLOR", "1")
            .args(args);
        c
    }

    /// The argument lines a fake manager ran with.
    fn ran(&self, tool: &str) -> Vec<String> {
        std::fs::read_to_string(self.fake.join(format!("{tool}.ran")))
            .map(|s| s.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    fn audit(&self) -> String {
        std::fs::read_to_string(self.home.join("audit.jsonl")).unwrap_or_default()
    }
}

#[test]
fn npm_install_scripts_run_only_when_allowed() {
    let w = World::new();
    // Refused (ask → block without a terminal): installed with --ignore-scripts.
    w.ccdeps(&["run", "npm", "install", "scripty"])
        .assert()
        .success()
        .stderr(contains("installing with --ignore-scripts").and(contains("scripty@1.0.0")));
    assert_eq!(w.ran("npm"), ["install scripty --ignore-scripts"]);
    let audit = w.audit();
    assert!(audit.contains("\"code\":\"install-script\""), "{audit}");
    // Allowlisted (the shipped list): its scripts run.
    w.ccdeps(&["run", "npm", "install", "esbuild"])
        .assert()
        .success();
    assert_eq!(w.ran("npm")[1], "install esbuild");
    // Scripts already disabled by the user: nothing to refuse.
    w.ccdeps(&["run", "npm", "install", "--ignore-scripts", "scripty"])
        .assert()
        .success()
        .stderr(contains("installing with").not());
    assert_eq!(w.ran("npm")[2], "install --ignore-scripts scripty");
}

#[test]
fn a_deprecated_npm_version_warns_with_the_maintainers_message() {
    let w = World::new();
    w.ccdeps(&["run", "npm", "install", "oldie"])
        .assert()
        .success()
        .stderr(contains("deprecated").and(contains("use newie instead")));
    assert_eq!(w.ran("npm"), ["install oldie"]);
}

#[test]
fn pypi_release_an_hour_old_is_blocked() {
    let w = World::new();
    w.ccdeps(&["run", "pip", "install", "freshpkg"])
        .assert()
        .code(77)
        .stderr(contains("freshpkg@1.0: published").and(contains("inside the 48 h cooldown")));
    assert!(w.ran("pip").is_empty());
}

#[test]
fn pypi_sdist_builds_and_yanked_pins_are_blocked() {
    let w = World::new();
    w.ccdeps(&["run", "pip", "install", "sdistonly"])
        .assert()
        .code(77)
        .stderr(contains("sdistonly@1.0: no wheel fits this Python"));
    w.ccdeps(&["run", "pip", "install", "yanky==2.0"])
        .assert()
        .code(77)
        .stderr(contains("yanky@2.0: yanked from"));
    assert!(w.ran("pip").is_empty());
}

#[test]
fn crate_build_scripts_come_from_the_archive_once() {
    let w = World::new();
    w.ccdeps(&["run", "cargo", "add", "buildy"])
        .assert()
        .code(77)
        .stderr(contains("buildy@1.0.0: runs code at build time: build.rs"));
    // The answer is remembered: offline, and without fetching the archive again.
    w.ccdeps(&["--offline", "run", "cargo", "add", "buildy"])
        .assert()
        .code(77)
        .stderr(contains("build.rs"));
    assert_eq!(w.server.hits("/crates/dl/buildy-1.0.0.crate"), 1);
    w.ccdeps(&["run", "cargo", "add", "macroish"])
        .assert()
        .code(77)
        .stderr(contains("proc-macro"));
    w.ccdeps(&["run", "cargo", "add", "yankedcrate@=1.1.0"])
        .assert()
        .success();
    assert_eq!(w.ran("cargo"), ["add yankedcrate@=1.1.0"]);
}

#[test]
fn versions_reused_from_cargo_lock_are_not_fetched() {
    let w = World::new();
    std::fs::write(
        w.project.join("Cargo.lock"),
        "version = 3\n\n[[package]]\nname = \"yankedcrate\"\nversion = \"1.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    w.ccdeps(&["run", "cargo", "add", "yankedcrate"])
        .assert()
        .success();
    assert_eq!(w.ran("cargo"), ["add yankedcrate"]);
    assert_eq!(
        w.server.hits("/crates/dl/"),
        0,
        "nothing new, nothing fetched"
    );
}

#[test]
fn a_yanked_crate_pinned_exactly_is_blocked() {
    let w = World::new();
    w.ccdeps(&["run", "cargo", "add", "yankedcrate@=1.0.0"])
        .assert()
        .code(77)
        .stderr(contains("yankedcrate@1.0.0: yanked from"));
    assert!(w.ran("cargo").is_empty());
}

#[test]
fn explain_shows_each_checks_evidence() {
    let w = World::new();
    let explain = |purl: &str| {
        let out = w.ccdeps(&["explain", purl]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = explain("pkg:npm/scripty@1.0.0");
    assert!(
        out.contains(
            "registry facts: published 2020-01-01 00:00 UTC; package: first published 2020-01-01, 1 release; install-time code: postinstall"
        ),
        "{out}"
    );
    assert!(
        out.contains("install-script  block  runs install scripts: postinstall"),
        "{out}"
    );
    assert!(
        out.contains("decided by: built-in; ask without a terminal → block"),
        "{out}"
    );
    let out = explain("pkg:npm/esbuild@0.25.0");
    assert!(
        out.contains("decided by: allow (built-in allowlists/install-scripts.toml:"),
        "{out}"
    );
    let out = explain("pkg:npm/oldie@1.0.0");
    assert!(out.contains("deprecated      warn   deprecated by its maintainers: \"oldie is unmaintained: use newie instead\""), "{out}");
    let out = explain("pkg:pypi/freshpkg@1.0");
    // 59 or 60 minutes: explain fixes its clock before it asks the registry.
    assert!(out.contains("release-age     block  published "), "{out}");
    assert!(out.contains("the cooldown ends"), "{out}");
    let out = explain("pkg:cargo/buildy@1.0.0");
    assert!(out.contains("build.rs"), "{out}");
    let out = explain("pkg:cargo/yankedcrate@1.0.0");
    assert!(out.contains("yanked          block  yanked from"), "{out}");
    assert!(out.contains("release-age     ok"), "{out}");
}

#[test]
fn offline_explain_uses_what_is_cached_and_says_what_is_not() {
    let w = World::new();
    w.ccdeps(&["explain", "pkg:cargo/yankedcrate@1.1.0"])
        .assert()
        .success();
    // Cached: same answer offline.
    w.ccdeps(&["--offline", "explain", "pkg:cargo/yankedcrate@1.1.0"])
        .assert()
        .success()
        .stdout(contains("install-time code: none"));
    // The index is cached but this version's archive never was: could not run.
    w.ccdeps(&["--offline", "explain", "pkg:cargo/yankedcrate@1.0.0"])
        .assert()
        .code(1)
        .stdout(contains("install-script  ?      could not run").and(contains("--offline")));
}

#[test]
fn crate_fixtures_match_their_index() {
    for (name, version, _, _) in crate_fixtures::CRATES {
        let archive = std::fs::read(crate_fixtures::archive_path(name, version)).unwrap();
        let index = std::fs::read_to_string(crate_fixtures::index_path(name)).unwrap();
        let want = crate_fixtures::sha256(&archive);
        assert!(
            index
                .lines()
                .any(|l| l.contains(&format!("\"vers\":\"{version}\"")) && l.contains(&want)),
            "{name}@{version}: the index does not carry the archive's checksum; regenerate the fixtures"
        );
    }
}

#[test]
#[ignore = "rewrites testdata/registry/crates: run by hand after changing crate_fixtures::CRATES"]
fn regenerate_crate_fixtures() {
    let mut index: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (name, version, yanked, files) in crate_fixtures::CRATES {
        let archive = crate_fixtures::build(name, version, files);
        let path = crate_fixtures::archive_path(name, version);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &archive).unwrap();
        let line =
            crate_fixtures::index_line(name, version, *yanked, &crate_fixtures::sha256(&archive));
        index.entry(name).or_default().push(line);
    }
    for (name, lines) in index {
        let path = crate_fixtures::index_path(name);
        std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).unwrap();
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
    }
}

#[test]
fn non_registry_sources_and_deny_lists_stop_installs() {
    let w = World::new();
    // A git dependency: `source-git` asks, and without a terminal that blocks.
    w.ccdeps(&["run", "npm", "install", "github:someone/left-pad"])
        .assert()
        .code(77)
        .stderr(contains("comes from git"));
    // A deny-listed package (project policy), whatever the registry says.
    let policy = std::fs::read_to_string(w.project.join("ccdeps.toml")).unwrap();
    std::fs::write(
        w.project.join("ccdeps.toml"),
        format!("{policy}\n[[deny]]\npackage = \"pkg:npm/debug\"\nversion = \"<3\"\nreason = \"team rule: debug 3 or later\"\n"),
    )
    .unwrap();
    w.ccdeps(&["run", "npm", "install", "debug@2.6.9"])
        .assert()
        .code(77)
        .stderr(contains("deny list").and(contains("team rule")));
    assert!(w.ran("npm").is_empty(), "{:?}", w.ran("npm"));
}

#[test]
fn a_private_scope_resolved_from_the_public_registry_is_dependency_confusion() {
    let w = World::new();
    std::fs::write(
        w.project.join("ccdeps.toml"),
        "[settings]\nprivate-names = [\"@acme\"]\n",
    )
    .unwrap();
    std::fs::write(
        w.project.join("package-lock.json"),
        r#"{"name":"p","lockfileVersion":3,"packages":{
  "":{"name":"p","dependencies":{"@acme/utils":"^1.0.0"}},
  "node_modules/@acme/utils":{"version":"1.0.1","resolved":"https://registry.npmjs.org/@acme/utils/-/utils-1.0.1.tgz"}}}"#,
    )
    .unwrap();
    w.ccdeps(&["--format", "json", "scan", "package-lock.json"])
        .assert()
        .code(1)
        .stdout(contains("\"code\": \"dependency-confusion\""));
}

#[test]
fn typosquats_are_blocked_unless_the_registry_shows_an_established_package() {
    let w = World::new();
    // Published days ago, one version: a fresh look-alike of lodash.
    w.ccdeps(&["run", "npm", "install", "lodahs"])
        .assert()
        .code(77)
        .stderr(contains("typosquat").and(contains("lodash")));
    assert!(w.ran("npm").is_empty());
    // Six releases since 2015: resembles commander, but is its own package.
    w.ccdeps(&["run", "npm", "install", "comander"])
        .assert()
        .success()
        .stderr(contains("established package").and(contains("commander")));
    assert_eq!(w.ran("npm"), ["install comander"]);
    assert!(w.audit().contains("\"code\":\"typosquat-established\""));
    let out = w
        .ccdeps(&["explain", "pkg:npm/comander@2.2.0"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.contains("first published 2015-03-01, 6 releases"),
        "{out}"
    );
}

#[test]
fn bun_installs_are_judged_like_npm_and_refused_scripts_refuse_the_install() {
    let w = World::new();
    w.ccdeps(&["run", "bun", "add", "lodahs"])
        .assert()
        .code(77)
        .stderr(contains("lodash"));
    // bun has no `rebuild` to run allowed scripts later: no --ignore-scripts plan.
    w.ccdeps(&["run", "bun", "add", "scripty"])
        .assert()
        .code(77)
        .stderr(contains("postinstall"));
    assert!(w.ran("bun").is_empty());
    w.ccdeps(&["run", "bun", "add", "oldie"])
        .assert()
        .success()
        .stderr(contains("use newie instead"));
    assert_eq!(w.ran("bun"), ["add oldie"]);
}
