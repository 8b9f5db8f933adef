//! Registry facts of one exact package version, for `explain`: the version
//! is resolved alone (an exact request, dependencies not followed) with the
//! same rules, clients and caches as an install, and the node's facts are
//! returned. Nothing is installed or run.

use super::{ProjectState, ResolveConfig, ResolveError, resolve};
use crate::ecosystem::Ecosystem;
use crate::intent::{Install, Manager, Request};
use crate::package::{Facts, Package, Source};

/// The install an exact lookup of `pkg` amounts to (`None` without a version).
pub fn exact_install(pkg: &Package) -> Option<Install> {
    let version = pkg.version.as_deref()?;
    let name = pkg.name.display();
    let (manager, raw, requirement) = match pkg.ecosystem() {
        Ecosystem::Npm => (
            Manager::Npm,
            format!("{name}@{version}"),
            version.to_string(),
        ),
        Ecosystem::PyPI => (
            Manager::Pip,
            format!("{name}=={version}"),
            format!("=={version}"),
        ),
        Ecosystem::CratesIo => (
            Manager::Cargo,
            format!("{name}@={version}"),
            format!("={version}"),
        ),
    };
    let mut install = Install::new(manager, "install");
    install.requests.push(Request {
        raw,
        name: Some(name.to_string()),
        requirement: Some(requirement),
        source: Source::DEFAULT_REGISTRY,
        extras: Vec::new(),
        marker: None,
        alias: None,
    });
    Some(install)
}

/// The registry facts of `pkg` (which needs an exact version), or why there are none.
pub fn facts_of(
    pkg: &Package,
    project: &ProjectState,
    cfg: &ResolveConfig,
) -> Result<Facts, String> {
    let install = exact_install(pkg).ok_or("no exact version to look up")?;
    let cfg = ResolveConfig {
        shallow: true,
        ..cfg.clone()
    };
    // The project's lockfile is not consulted: explain is about this version.
    let project = ProjectState {
        dir: project.dir.clone(),
        locked: Vec::new(),
    };
    let graph = resolve(&install, &project, &cfg).map_err(|e: ResolveError| e.to_string())?;
    // Dependencies are not followed: the one node of that name is the version asked for.
    if let Some(found) = graph
        .all()
        .into_iter()
        .find(|p| p.name.normalized() == pkg.name.normalized())
    {
        return Ok(found.facts.clone());
    }
    Err(match graph.unresolved.first() {
        Some(u) => u.reason.to_string(),
        None => format!("the registry has no {pkg}"),
    })
}
