//! The resolver: from an install intent to the proposed dependency graph,
//! using registry metadata only (no package code runs: no lifecycle
//! scripts, no sdist builds, no build scripts).
//!
//! Entry points:
//! - [`resolve`]: synchronous, builds its own tokio runtime and the real
//!   registry clients from [`ResolveConfig`]; what the command layer calls.
//! - [`resolve_with`]: async, over any [`MetadataSource`] (tests, reuse of a runtime).
//!
//! Per ecosystem: [`npm`] (node-semver ranges, dist-tags, peers, aliases),
//! [`pypi`] (PEP 508 markers for the target interpreter, PEP 440, yanked,
//! `requires-python`, wheels first), [`crates`] (cargo's semver, features,
//! one version per compatible range). Fetching is breadth-first with many
//! requests in flight; each document is fetched once per run.
//!
//! What the graph does not cover: lockfile-driven installs
//! (`Install::from_project`: `npm ci`, `uv sync`) are the lockfile's own
//! packages, read by the lockfile parsers, not resolved here; a manifest
//! without a lockfile (bare `npm install`) is not read; npm
//! `bundleDependencies` ship inside the tarball and are invisible until it
//! is inspected; pip `--find-links` directories are not searched.

mod candidates;
mod crate_facts;
pub mod crates;
mod features;
pub mod graph;
pub mod lookup;
pub mod npm;
mod npm_pick;
mod probe;
pub mod pypi;
pub mod python;
pub mod reqfile;

use std::path::PathBuf;

use crate::ecosystem::Ecosystem;
use crate::home::Home;
use crate::intent::Install;
use crate::package::Package;
use crate::registry::{
    Env, FetchConfig, FetchError, Fetcher, MetadataSource, Registries, RegistryConfig,
};

pub use graph::{Edge, EdgeKind, ProposedGraph, Reason, Unresolved};
pub use python::TargetPython;

/// The project the install runs in.
#[derive(Clone, Debug, Default)]
pub struct ProjectState {
    /// The working folder (where `.npmrc`, `.cargo/config.toml` are looked up).
    pub dir: PathBuf,
    /// Packages already in the project's lockfile(s); versions that satisfy a
    /// requirement are reused, as the package managers do.
    pub locked: Vec<Package>,
}

/// Where the target interpreter's markers and wheel tags come from.
#[derive(Clone, Debug)]
pub enum PythonSource {
    /// Run this interpreter once (result cached under the home).
    Detect { program: PathBuf },
    /// Given (tests, or a caller that already knows).
    Given(TargetPython),
}

/// Resolver settings.
#[derive(Clone, Debug)]
pub struct ResolveConfig {
    pub fetch: FetchConfig,
    pub registries: RegistryConfig,
    /// npm: read the full packument of each resolved package for publish
    /// times and the names of install scripts (costs one more request per package).
    pub npm_facts: bool,
    /// crates.io: read each new version's `.crate` archive for its build
    /// script and proc-macro (one download per version, the answer
    /// remembered; versions reused from Cargo.lock are not fetched).
    pub crate_facts: bool,
    /// Resolve only the requested packages, not their dependencies (`explain`).
    pub shallow: bool,
    /// npm: the Node.js version `engines.node` is checked against, as npm
    /// does when picking (`None` = ignore engines). [`ResolveConfig::from_env`]
    /// asks the `node` on PATH (cached).
    pub node_version: Option<String>,
    pub python: PythonSource,
    /// PyPI: consider wheels only (pip `--only-binary=:all:`).
    pub only_binary: bool,
    /// Where detected interpreter facts are cached.
    pub home: Option<Home>,
}

impl ResolveConfig {
    /// The user's configuration as the real managers would read it from `dir`
    /// and `env`, with the cache under `home`.
    pub fn from_env(
        home: &Home,
        dir: &std::path::Path,
        env: &Env,
        install: &Install,
        offline: bool,
    ) -> ResolveConfig {
        use crate::intent::Manager;
        use crate::registry::{cargoconf::CargoConfig, npmrc::NpmConfig, pipconf::PypiConfig};
        // Only the ecosystem at hand: the others' files are not read.
        let mut registries = RegistryConfig::default();
        match install.ecosystem() {
            Ecosystem::Npm => registries.npm = NpmConfig::load(dir, env),
            Ecosystem::PyPI => {
                registries.pypi = PypiConfig::load(env, install.manager == Manager::Uv)
            }
            Ecosystem::CratesIo => registries.cargo = CargoConfig::load(dir, env),
        }
        apply_overrides(&mut registries, install);
        ResolveConfig {
            fetch: FetchConfig::new(home, offline),
            registries,
            npm_facts: true,
            crate_facts: true,
            shallow: false,
            node_version: match install.ecosystem() {
                Ecosystem::Npm => probe::node_version(Some(home)),
                _ => None,
            },
            python: PythonSource::Detect {
                program: PathBuf::from("python3"),
            },
            only_binary: false,
            home: Some(home.clone()),
        }
    }
}

/// Command-line registry overrides (`--registry`, `--index-url`, `--extra-index-url`).
fn apply_overrides(r: &mut RegistryConfig, install: &Install) {
    use crate::registry::{cargoconf, pipconf::PypiConfig};
    let o = &install.registry;
    match install.ecosystem() {
        Ecosystem::Npm => {
            if let Some(i) = &o.index {
                r.npm.set_registry(i);
            }
        }
        Ecosystem::PyPI => {
            if let Some(i) = &o.index {
                r.pypi = PypiConfig::with_index(i);
            }
            for e in &o.extra_indexes {
                r.pypi
                    .indexes
                    .push(PypiConfig::with_index(e).indexes.remove(0));
            }
            if o.no_index {
                r.pypi.indexes.clear();
            }
        }
        Ecosystem::CratesIo => {
            if let Some(Ok(base)) = o.index.as_deref().map(cargoconf::sparse_base) {
                r.cargo = cargoconf::CargoConfig::with_index(&base);
            }
        }
    }
}

/// A failure to run the resolver at all (per-package problems are
/// [`Unresolved`] values in the graph, never errors).
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error(transparent)]
    Http(#[from] crate::http::HttpError),
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("cannot learn the target Python's environment: {0}")]
    Python(String),
}

/// Resolves `install` synchronously with the real registries (see the module docs).
pub fn resolve(
    install: &Install,
    project: &ProjectState,
    cfg: &ResolveConfig,
) -> Result<ProposedGraph, ResolveError> {
    let rt = crate::http::runtime()?;
    rt.block_on(async {
        let fetcher = Fetcher::new(cfg.fetch.clone())?;
        let registries = Registries::new(fetcher, cfg.registries.clone());
        resolve_with(&registries, install, project, cfg).await
    })
}

/// Resolves `install` against any metadata source.
pub async fn resolve_with<S: MetadataSource>(
    src: &S,
    install: &Install,
    project: &ProjectState,
    cfg: &ResolveConfig,
) -> Result<ProposedGraph, ResolveError> {
    let locked: Vec<Package> = project
        .locked
        .iter()
        .filter(|p| p.ecosystem() == install.ecosystem())
        .cloned()
        .collect();
    // Requirement files are named relative to the project folder.
    let mut install = install.clone();
    for f in install
        .requirement_files
        .iter_mut()
        .chain(install.constraint_files.iter_mut())
    {
        *f = project.dir.join(&*f);
    }
    let install = &install;
    Ok(match install.ecosystem() {
        Ecosystem::Npm => npm::resolve(src, install, &locked, cfg).await,
        Ecosystem::CratesIo => crates::resolve(src, install, &locked, cfg).await,
        Ecosystem::PyPI => {
            let target = match &cfg.python {
                PythonSource::Given(t) => t.clone(),
                PythonSource::Detect { program } => {
                    python::detect(program, cfg.home.as_ref()).map_err(ResolveError::Python)?
                }
            };
            pypi::resolve(src, install, &locked, cfg, &target).await
        }
    })
}

/// Maps a fetch failure to the reason reported for a package.
pub(crate) fn reason(e: &FetchError) -> Reason {
    match e {
        FetchError::NotFound { .. } => Reason::UnknownPackage,
        FetchError::Offline { .. } => Reason::Offline,
        other => Reason::Registry(other.to_string()),
    }
}

/// Fetches one document per name with at most `limit` requests in flight
/// (at least one): `(name, answer)` pairs in completion order. The
/// resolvers fetch breadth-first, a whole layer of names at a time.
pub(crate) async fn fetch_each<T, F, Fut>(
    names: Vec<String>,
    limit: usize,
    fetch: F,
) -> Vec<(String, T)>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    use futures_util::{StreamExt, stream};
    stream::iter(names)
        .map(|n| {
            let answer = fetch(n.clone());
            async move { (n, answer.await) }
        })
        .buffer_unordered(limit.max(1))
        .collect()
        .await
}
