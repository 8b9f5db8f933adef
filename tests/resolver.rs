//! Resolver and registry clients against a registry on 127.0.0.1 serving
//! recorded (trimmed) npm/PyPI/crates.io responses from `testdata/registry/`,
//! plus synthetic packages for edge cases and a misbehaving server for bad input.

#[path = "support/registry_server.rs"]
mod registry_server;

use std::path::Path;
use std::time::{Duration, Instant};

use ccdeps::http::HttpConfig;
use ccdeps::intent::{Install, Manager, Request};
use ccdeps::package::{Package, Source};
use ccdeps::registry::cargoconf::CargoConfig;
use ccdeps::registry::npmrc::NpmConfig;
use ccdeps::registry::pipconf::PypiConfig;
use ccdeps::registry::{FetchConfig, RegistryConfig};
use ccdeps::resolve::{
    self, EdgeKind, ProjectState, ProposedGraph, PythonSource, Reason, ResolveConfig, TargetPython,
};
use registry_server::Server;

fn config(server: &Server, prefix: &str, cache: &Path, offline: bool) -> ResolveConfig {
    let base = format!("{}{prefix}", server.base);
    ResolveConfig {
        fetch: FetchConfig {
            offline,
            concurrency: 8,
            deadline: Duration::from_secs(2),
            http: HttpConfig {
                connect_timeout: Duration::from_secs(1),
                read_timeout: Duration::from_secs(1),
                retries: 1,
                backoff: Duration::from_millis(10),
            },
            cache_dir: Some(cache.to_path_buf()),
        },
        registries: RegistryConfig {
            npm: NpmConfig::with_registry(&format!("{base}/npm/")),
            pypi: PypiConfig::with_index(&format!("{base}/pypi/simple/")),
            cargo: CargoConfig::with_index(&format!("{base}/crates/")),
        },
        npm_facts: false,
        crate_facts: false,
        shallow: false,
        node_version: Some("20.11.0".into()),
        python: PythonSource::Given(TargetPython::example()),
        only_binary: false,
        home: None,
    }
}

fn req(name: &str, requirement: Option<&str>) -> Request {
    Request {
        raw: name.to_string(),
        name: Some(name.to_string()),
        requirement: requirement.map(str::to_string),
        source: Source::DEFAULT_REGISTRY,
        extras: Vec::new(),
        marker: None,
        alias: None,
    }
}

fn install(manager: Manager, requests: Vec<Request>) -> Install {
    let mut i = Install::new(manager, "install");
    i.requests = requests;
    i
}

fn run(i: &Install, cfg: &ResolveConfig) -> ProposedGraph {
    resolve::resolve(i, &ProjectState::default(), cfg).expect("resolver runs")
}

fn versions(g: &ProposedGraph) -> Vec<String> {
    g.all()
        .iter()
        .map(|p| {
            format!(
                "{}@{}",
                p.name.report_name(),
                p.version.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

fn reasons(g: &ProposedGraph) -> Vec<(String, Reason)> {
    g.unresolved
        .iter()
        .map(|u| (u.name.clone(), u.reason.clone()))
        .collect()
}

#[test]
fn npm_real_tree_each_packument_once() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let g = run(
        &install(Manager::Npm, vec![req("debug", None)]),
        &config(&s, "", dir.path(), false),
    );
    assert_eq!(versions(&g), ["debug@4.4.3", "ms@2.1.3"]);
    assert!(g.unresolved.is_empty());
    let root = g.roots[0];
    let deps = g.dependencies(root);
    assert_eq!(deps[0].1.requirement, "^2.1.3");
    assert_eq!(g.all()[1].direct, Some(false));
    assert_eq!(s.hits("/npm/ms"), 1);
    assert_eq!(g.packages().len(), 2);
}

#[test]
fn npm_peers_optional_alias_git_and_missing() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let g = run(
        &install(Manager::Npm, vec![req("host", None)]),
        &config(&s, "", dir.path(), false),
    );
    let v = versions(&g);
    // peer installed (latest, not the prerelease); optional peer not; deprecated latest avoided.
    assert!(v.contains(&"peer-req@2.1.0".to_string()), "{v:?}");
    assert!(!v.iter().any(|x| x.starts_with("peer-opt")), "{v:?}");
    assert!(v.contains(&"opt-dep@1.0.0".to_string()), "{v:?}");
    assert!(
        v.contains(&"ms@2.1.3".to_string()),
        "alias resolves to the real package: {v:?}"
    );
    let git = g
        .all()
        .into_iter()
        .find(|p| p.name.normalized() == "gitdep")
        .expect("git node");
    assert!(matches!(git.source, Source::Git { .. }));
    assert_eq!(git.version, None);
    assert_eq!(reasons(&g), [("ghost".to_string(), Reason::UnknownPackage)]);
    let peer = g
        .all()
        .into_iter()
        .find(|p| p.name.normalized() == "peer-req")
        .expect("peer");
    assert_eq!(
        peer.facts.install_scripts,
        Some(vec!["install".to_string()])
    );
    let host = g.roots[0];
    let kinds: Vec<EdgeKind> = g.dependencies(host).iter().map(|(_, e)| e.kind).collect();
    assert!(kinds.contains(&EdgeKind::Peer) && kinds.contains(&EdgeKind::Optional));
}

#[test]
fn npm_cycle_tags_engines_and_no_match() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = config(&s, "", dir.path(), false);
    let g = run(&install(Manager::Npm, vec![req("cyc-a", None)]), &cfg);
    assert_eq!(versions(&g), ["cyc-a@1.0.0", "cyc-b@1.0.0"]);
    assert_eq!(g.graph.edge_count(), 2);
    let g = run(
        &install(
            Manager::Npm,
            vec![
                req("peer-req", Some("next")),
                req("engine-picky", Some("*")),
                req("ms", Some("^9")),
            ],
        ),
        &cfg,
    );
    assert_eq!(
        versions(&g),
        ["engine-picky@1.0.0", "peer-req@3.0.0-beta.1"]
    );
    assert_eq!(
        reasons(&g),
        [("ms".to_string(), Reason::NoMatchingVersion { available: 3 })]
    );
}

#[test]
fn npm_lockfile_versions_are_reused_and_not_reported() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let project = ProjectState {
        dir: dir.path().to_path_buf(),
        locked: vec![Package::new(
            ccdeps::ecosystem::Ecosystem::Npm,
            "ms",
            Some("2.1.2"),
        )],
    };
    let i = install(Manager::Npm, vec![req("ms", Some("^2.1.0"))]);
    let g = resolve::resolve(&i, &project, &config(&s, "", dir.path(), false)).expect("runs");
    assert_eq!(versions(&g), ["ms@2.1.2"]);
    assert!(g.packages().is_empty(), "nothing added or changed");
}

#[test]
fn bad_registries_are_specific_outcomes_not_hangs() {
    let s = Server::start();
    for (prefix, expect) in [
        ("/500", "HTTP 500"),
        ("/garbage", "unreadable"),
        ("/huge", "cap"),
        ("/slow", "within"),
    ] {
        let dir = tempfile::tempdir().expect("tmp");
        let started = Instant::now();
        let g = run(
            &install(Manager::Npm, vec![req("ms", None)]),
            &config(&s, prefix, dir.path(), false),
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{prefix} took {:?}",
            started.elapsed()
        );
        assert!(g.graph.node_count() == 0);
        match &g.unresolved[0].reason {
            Reason::Registry(why) => assert!(why.contains(expect), "{prefix}: {why}"),
            other => panic!("{prefix}: {other:?}"),
        }
    }
}

#[test]
fn cache_serves_repeat_runs_and_offline_miss_is_unknown() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let i = install(Manager::Npm, vec![req("debug", None)]);
    let first = run(&i, &config(&s, "", dir.path(), false));
    let before = s.total();
    let again = run(&i, &config(&s, "", dir.path(), false));
    assert_eq!(s.total(), before, "fresh cache: no requests");
    let offline = run(&i, &config(&s, "", dir.path(), true));
    assert_eq!(versions(&first), versions(&again));
    assert_eq!(versions(&first), versions(&offline));
    let empty = tempfile::tempdir().expect("tmp");
    let g = run(&i, &config(&s, "", empty.path(), true));
    assert_eq!(reasons(&g), [("debug".to_string(), Reason::Offline)]);

    // "Does not exist" is remembered too (a refused typo is not asked again),
    // and is still the answer offline.
    let ghost = install(Manager::Npm, vec![req("ghost", None)]);
    let g = run(&ghost, &config(&s, "", dir.path(), false));
    assert_eq!(reasons(&g), [("ghost".to_string(), Reason::UnknownPackage)]);
    let before = s.total();
    let g = run(&ghost, &config(&s, "", dir.path(), false));
    assert_eq!(s.total(), before, "a fresh 404 is not asked again");
    assert_eq!(reasons(&g), [("ghost".to_string(), Reason::UnknownPackage)]);
    let g = run(&ghost, &config(&s, "", dir.path(), true));
    assert_eq!(reasons(&g), [("ghost".to_string(), Reason::UnknownPackage)]);
}

#[test]
fn pypi_real_requests_with_extras() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let mut r = req("requests[socks]", None);
    r.raw = "requests[socks]>=2.30".into();
    let g = run(
        &install(Manager::Pip, vec![r]),
        &config(&s, "", dir.path(), false),
    );
    assert_eq!(
        versions(&g),
        [
            "certifi@2026.10.19.post1",
            "charset-normalizer@3.5.3",
            "idna@3.20",
            "pysocks@1.7.1",
            "requests@2.34.2",
            "urllib3@2.8.0"
        ]
    );
    assert!(g.unresolved.is_empty(), "{:?}", g.unresolved);
    let req_node = g
        .all()
        .into_iter()
        .find(|p| p.name.normalized() == "requests")
        .expect("requests");
    assert_eq!(req_node.facts.install_scripts, Some(vec![]));
    assert!(req_node.facts.published.is_some());
}

#[test]
fn pypi_yanked_python_prerelease_sdist_and_cycles() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = config(&s, "", dir.path(), false);
    let pep = |raw: &str| {
        let mut r = req(raw, None);
        r.raw = raw.to_string();
        r
    };
    let g = run(
        &install(
            Manager::Pip,
            vec![pep("yanky"), pep("newpy"), pep("loop-a")],
        ),
        &cfg,
    );
    assert_eq!(
        versions(&g),
        ["loop-a@1.0", "loop-b@1.0", "newpy@1.0", "yanky@1.0"]
    );
    let g = run(
        &install(Manager::Pip, vec![pep("yanky==2.0"), pep("newpy[src]>=1")]),
        &cfg,
    );
    assert_eq!(versions(&g), ["newpy@1.0", "sdistonly@1.0", "yanky@2.0"]);
    let all = g.all();
    assert_eq!(all[2].facts.yanked, Some(true));
    assert_eq!(
        all[1].facts.install_scripts,
        Some(vec!["sdist".to_string()])
    );
    let mut pre = install(Manager::Pip, vec![pep("newpy")]);
    pre.pre = true;
    assert_eq!(versions(&run(&pre, &cfg)), ["newpy@3.0rc1"]);
    let mut binary = cfg.clone();
    binary.only_binary = true;
    let g = run(
        &install(
            Manager::Pip,
            vec![pep("sdistonly"), pep("nope"), pep("bad spec!!")],
        ),
        &binary,
    );
    let r = reasons(&g);
    assert!(
        r.contains(&(
            "sdistonly".to_string(),
            Reason::NoMatchingVersion { available: 0 }
        )),
        "{r:?}"
    );
    assert!(
        r.contains(&("nope".to_string(), Reason::UnknownPackage)),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|(_, why)| matches!(why, Reason::InvalidRequirement(_))),
        "{r:?}"
    );
}

#[test]
fn crates_features_pins_and_errors() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = config(&s, "", dir.path(), false);
    // serde keeps serde_derive in lockstep through a never-true
    // `cfg(any())` dependency: Cargo.lock (all targets) holds it even without `derive`.
    let mut i = install(Manager::Cargo, vec![req("serde", None)]);
    i.features.no_default = true;
    let g = run(&i, &cfg);
    assert_eq!(
        versions(&g),
        [
            "proc-macro2@1.0.107",
            "quote@1.0.47",
            "serde@1.0.229",
            "serde_core@1.0.229",
            "serde_derive@1.0.229",
            "syn@3.0.10",
            "unicode-ident@1.0.27"
        ]
    );
    assert!(g.all().iter().all(|p| p.facts.yanked == Some(false)));
    let derive = g
        .all()
        .into_iter()
        .find(|p| p.name.normalized() == "serde-derive")
        .expect("derive");
    assert_eq!(derive.direct, Some(false));
    let g = run(
        &install(
            Manager::Cargo,
            vec![
                req("itoa", Some("=1.0.17")),
                req("nope", None),
                req("quote", Some("not a req")),
            ],
        ),
        &cfg,
    );
    assert_eq!(versions(&g), ["itoa@1.0.17"]);
    let r = reasons(&g);
    assert!(
        r.contains(&("nope".to_string(), Reason::UnknownPackage)),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|(_, why)| matches!(why, Reason::InvalidRequirement(_))),
        "{r:?}"
    );
}

#[test]
fn credentials_never_reach_errors_or_sources() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let with_creds = |prefix: &str| {
        let mut cfg = config(&s, prefix, dir.path(), false);
        let url = format!("{}{prefix}/npm/", s.base).replace("http://", "http://user:s3cret@");
        cfg.registries.npm = NpmConfig::with_registry(&url);
        cfg
    };
    let g = run(
        &install(Manager::Npm, vec![req("ms", None)]),
        &with_creds("/500"),
    );
    let shown = format!("{:?}", g.unresolved);
    assert!(
        shown.contains("HTTP 500") && !shown.contains("s3cret"),
        "{shown}"
    );
    let g = run(
        &install(Manager::Npm, vec![req("ms", None)]),
        &with_creds(""),
    );
    let ms = g.all()[0].clone();
    assert!(
        matches!(&ms.source, Source::Registry { url: Some(u) } if u.contains("***@") && !u.contains("s3cret"))
    );
}

#[test]
fn cargo_lock_versions_and_requirement_files_are_honoured() {
    let s = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = config(&s, "", dir.path(), false);
    let project = ProjectState {
        dir: dir.path().to_path_buf(),
        locked: vec![Package::new(
            ccdeps::ecosystem::Ecosystem::CratesIo,
            "itoa",
            Some("1.0.18"),
        )],
    };
    let i = install(Manager::Cargo, vec![req("itoa", Some("1"))]);
    let g = resolve::resolve(&i, &project, &cfg).expect("runs");
    assert_eq!(versions(&g), ["itoa@1.0.18"]);
    assert!(g.packages().is_empty());

    std::fs::write(
        dir.path().join("requirements.txt"),
        "yanky\n-c constraints.txt\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("constraints.txt"), "newpy<2\n").expect("write");
    let mut i = install(Manager::Pip, vec![]);
    i.requirement_files = vec!["requirements.txt".into()];
    let mut r = req("newpy", None);
    r.raw = "newpy".into();
    i.requests.push(r);
    let project = ProjectState {
        dir: dir.path().to_path_buf(),
        locked: vec![],
    };
    let g = resolve::resolve(&i, &project, &cfg).expect("runs");
    assert_eq!(versions(&g), ["newpy@1.0", "yanky@1.0"]);
}
