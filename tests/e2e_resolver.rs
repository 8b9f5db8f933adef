//! Real-registry smoke tests (feature `e2e`, needs the network):
//! `cargo test --features e2e --test e2e_resolver`. The full comparison with
//! npm/pip/cargo is `scripts/resolver-truth.py` (see docs/BENCHMARKS.md).

use ccdeps::home::Home;
use ccdeps::intent::{Install, Manager, Request};
use ccdeps::package::Source;
use ccdeps::registry::Env;
use ccdeps::resolve::{self, ProjectState, ResolveConfig};

fn request(name: &str, requirement: Option<&str>) -> Request {
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

fn resolve_one(manager: Manager, name: &str) -> resolve::ProposedGraph {
    let home = tempfile::tempdir().expect("tmp");
    let mut install = Install::new(manager, "install");
    install.requests.push(request(name, None));
    let h = Home::new(home.path());
    let cfg = ResolveConfig::from_env(&h, home.path(), &Env::from_process(), &install, false);
    resolve::resolve(&install, &ProjectState::default(), &cfg).expect("resolver runs")
}

#[test]
fn npm_express_from_the_real_registry() {
    let g = resolve_one(Manager::Npm, "express");
    assert!(g.unresolved.is_empty(), "{:?}", g.unresolved);
    assert!(
        g.graph.node_count() > 40,
        "{} packages",
        g.graph.node_count()
    );
    assert!(
        g.all().iter().all(|p| p.facts.published.is_some()),
        "npm facts carry publish times"
    );
}

#[test]
fn pypi_requests_from_the_real_index() {
    let g = resolve_one(Manager::Pip, "requests");
    assert!(g.unresolved.is_empty(), "{:?}", g.unresolved);
    assert!(g.graph.node_count() >= 5);
}

#[test]
fn crates_serde_from_the_sparse_index() {
    let g = resolve_one(Manager::Cargo, "serde");
    assert!(g.unresolved.is_empty(), "{:?}", g.unresolved);
    assert!(g.all().iter().any(|p| p.name.normalized() == "serde-core"));
    // The index says nothing about build scripts: this comes from the .crate archive.
    let serde = g
        .all()
        .into_iter()
        .find(|p| p.name.normalized() == "serde")
        .expect("serde");
    assert_eq!(
        serde.facts.install_scripts.as_deref(),
        Some(&["build.rs".to_string()][..]),
        "{:?}",
        serde.facts
    );
}
