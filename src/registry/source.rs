//! The [`MetadataSource`] trait the resolver consumes, and [`Registries`],
//! its implementation over HTTP with the cache: URLs, `Accept` headers,
//! credentials, TTLs and size caps per kind of document.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::OnceCell;

use super::cargoconf::CargoConfig;
use super::crate_archive::{self, BuildFacts};
use super::crates::{self, CrateIndex, IndexConfig};
use super::fetch::{FetchError, Fetcher, Request};
use super::npm::{self, FullFacts, Packument};
use super::npmrc::NpmConfig;
use super::pipconf::PypiConfig;
use super::pypi::{self, CoreMetadata, SimpleFile, SimpleProject};
use crate::ecosystem::{Ecosystem, normalize_pypi};
use crate::package::Source;
use crate::redact;

const MIB: u64 = 1 << 20;
/// Index files, project pages and packuments are served from the cache this long.
const FRESH: Duration = Duration::from_secs(300);
/// Wheel metadata files never change once published.
const IMMUTABLE: Duration = Duration::from_secs(30 * 24 * 3600);

/// A PyPI project's files across every configured index (URLs made absolute).
#[derive(Debug, Default)]
pub struct PypiProject {
    pub files: Vec<SimpleFile>,
}

impl PypiProject {
    /// The project's first upload and number of versions (from its files;
    /// read once per resolution: a large project lists thousands).
    pub fn history(&self) -> Option<crate::package::History> {
        let versions: rustc_hash::FxHashSet<&str> = self
            .files
            .iter()
            .filter_map(|f| super::pypi::file_version(&f.filename))
            .collect();
        crate::package::History::from_times(
            self.files.iter().filter_map(|f| f.upload_time.as_deref()),
            versions.len(),
        )
    }
}

/// Registry metadata, as the resolver needs it. Every answer is a value:
/// "not found" and "offline" are [`FetchError`]s the resolver reports.
pub trait MetadataSource: Send + Sync {
    fn npm_packument(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<Arc<Packument>, FetchError>> + Send;
    /// Publish times and install scripts of `versions`, from the full packument.
    fn npm_facts(
        &self,
        name: &str,
        versions: &HashSet<String>,
    ) -> impl Future<Output = Result<HashMap<String, FullFacts>, FetchError>> + Send;
    fn pypi_project(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<Arc<PypiProject>, FetchError>> + Send;
    /// Core metadata of one release: from `file`'s `.metadata` when served,
    /// else the index's JSON API where there is one; `Ok(None)` = unknown.
    fn pypi_metadata(
        &self,
        name: &str,
        version: &str,
        file: Option<&SimpleFile>,
    ) -> impl Future<Output = Result<Option<CoreMetadata>, FetchError>> + Send;
    fn crate_index(
        &self,
        name: &str,
    ) -> impl Future<Output = Result<Arc<CrateIndex>, FetchError>> + Send;
    /// What a crate version's `.crate` archive says about build-time code
    /// (build script, proc-macro, `links`); `cksum` is the index's SHA-256
    /// of the archive, checked before it is read.
    fn crate_build(
        &self,
        name: &str,
        version: &str,
        cksum: Option<&str>,
    ) -> impl Future<Output = Result<BuildFacts, FetchError>> + Send;
    /// The `Source` to record for a package fetched from this registry.
    fn source(&self, ecosystem: Ecosystem, name: &str) -> Source;
}

/// Where each registry lives.
#[derive(Clone, Debug, Default)]
pub struct RegistryConfig {
    pub npm: NpmConfig,
    pub pypi: PypiConfig,
    pub cargo: CargoConfig,
}

/// The real registries over HTTP.
#[derive(Clone)]
pub struct Registries {
    fetcher: Fetcher,
    cfg: Arc<RegistryConfig>,
    crates_config: Arc<OnceCell<Result<IndexConfig, FetchError>>>,
}

fn garbage(url: &str, e: impl std::fmt::Display) -> FetchError {
    FetchError::Garbage {
        url: redact::url(url),
        why: e.to_string(),
    }
}

impl Registries {
    pub fn new(fetcher: Fetcher, cfg: RegistryConfig) -> Registries {
        Registries {
            fetcher,
            cfg: Arc::new(cfg),
            crates_config: Arc::new(OnceCell::new()),
        }
    }

    pub fn config(&self) -> &RegistryConfig {
        &self.cfg
    }

    async fn get(
        &self,
        url: &str,
        accept: &str,
        auth: Option<String>,
        ttl: Duration,
        limit: u64,
    ) -> Result<Arc<Vec<u8>>, FetchError> {
        let req = Request {
            url,
            accept,
            authorization: auth.as_deref(),
            range: None,
            ttl,
            limit,
        };
        self.fetcher.get(&req).await
    }

    /// The sparse index `config.json` (once per run): a registry that does not
    /// serve one is not a cargo registry.
    pub async fn crates_index_config(&self) -> Result<IndexConfig, FetchError> {
        let r = self
            .crates_config
            .get_or_init(|| async {
                let url = format!("{}config.json", self.cfg.cargo.index);
                let body = self.get(&url, "application/json", None, FRESH, MIB).await?;
                serde_json::from_slice::<IndexConfig>(&body).map_err(|e| garbage(&url, e))
            })
            .await;
        r.clone()
    }
}

impl MetadataSource for Registries {
    async fn npm_packument(&self, name: &str) -> Result<Arc<Packument>, FetchError> {
        let url = self.cfg.npm.packument_url(name);
        let auth = self.cfg.npm.authorization(&url);
        let body = self
            .get(&url, npm::ABBREVIATED, auth, FRESH, 256 * MIB)
            .await?;
        let p = Packument::parse(body).map_err(|e| garbage(&url, e))?;
        Ok(Arc::new(p))
    }

    async fn npm_facts(
        &self,
        name: &str,
        versions: &HashSet<String>,
    ) -> Result<HashMap<String, FullFacts>, FetchError> {
        let url = self.cfg.npm.packument_url(name);
        let auth = self.cfg.npm.authorization(&url);
        let body = self.get(&url, npm::FULL, auth, FRESH, 512 * MIB).await?;
        npm::full_facts(&body, versions).map_err(|e| garbage(&url, e))
    }

    async fn pypi_project(&self, name: &str) -> Result<Arc<PypiProject>, FetchError> {
        let norm = normalize_pypi(name);
        let mut files = Vec::new();
        let mut first_err = None;
        let mut found = false;
        for index in &self.cfg.pypi.indexes {
            let url = format!("{index}{norm}/");
            let page = match self
                .get(&url, pypi::SIMPLE_JSON, None, FRESH, 128 * MIB)
                .await
            {
                Ok(b) => b,
                Err(e) => {
                    first_err.get_or_insert(e);
                    continue;
                }
            };
            let project: SimpleProject =
                serde_json::from_slice(&page).map_err(|e| garbage(&url, e))?;
            found = true;
            let base = reqwest::Url::parse(&url).map_err(|e| garbage(&url, e))?;
            for mut f in project.files {
                if let Ok(abs) = base.join(&f.url) {
                    f.url = abs.to_string();
                    files.push(f);
                }
            }
        }
        match (found, first_err) {
            (false, Some(e)) => Err(e),
            _ => Ok(Arc::new(PypiProject { files })),
        }
    }

    async fn pypi_metadata(
        &self,
        name: &str,
        version: &str,
        file: Option<&SimpleFile>,
    ) -> Result<Option<CoreMetadata>, FetchError> {
        // PEP 658 metadata; some mirrors serve it without advertising it, so a
        // wheel's `.metadata` is tried either way (a 404 falls through).
        if let Some(f) = file.filter(|f| f.has_metadata() || f.filename.ends_with(".whl")) {
            let base = f.url.split('#').next().unwrap_or(&f.url);
            let url = format!("{base}.metadata");
            match self.get(&url, "*/*", None, IMMUTABLE, 16 * MIB).await {
                Ok(body) => return Ok(Some(pypi::parse_metadata(&String::from_utf8_lossy(&body)))),
                Err(FetchError::NotFound { .. }) => {}
                Err(e) if f.has_metadata() => return Err(e),
                Err(_) => {}
            }
            // No `.metadata`: read METADATA out of the wheel by range requests.
            if f.filename.ends_with(".whl")
                && let Some(text) = super::wheel::metadata(&self.fetcher, &f.url).await?
            {
                return Ok(Some(pypi::parse_metadata(&text)));
            }
        }
        // pypi.org (and mirrors of its layout) also serve the JSON API.
        let Some(index) = self
            .cfg
            .pypi
            .indexes
            .iter()
            .find(|i| i.ends_with("/simple/"))
        else {
            return Ok(None);
        };
        let root = index.trim_end_matches("simple/");
        let norm = normalize_pypi(name);
        for url in [
            format!("{root}pypi/{norm}/{version}/json"),
            format!("{root}pypi/{norm}/json"),
        ] {
            let body = match self
                .get(&url, "application/json", None, FRESH, 64 * MIB)
                .await
            {
                Ok(b) => b,
                Err(FetchError::NotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            let r: pypi::JsonRelease =
                serde_json::from_slice(&body).map_err(|e| garbage(&url, e))?;
            // The project document describes its latest release only.
            if r.info.version.as_deref().is_some_and(|v| v != version) {
                continue;
            }
            return Ok(r
                .info
                .requires_dist
                .map(|rd| CoreMetadata {
                    requires_dist: rd,
                    requires_python: r.info.requires_python,
                })
                .or(Some(CoreMetadata::default())));
        }
        Ok(None)
    }

    async fn crate_index(&self, name: &str) -> Result<Arc<CrateIndex>, FetchError> {
        if let Some(why) = &self.cfg.cargo.unsupported {
            return Err(FetchError::Http(why.clone()));
        }
        let ic = self.crates_index_config().await?;
        let url = format!("{}{}", self.cfg.cargo.index, crates::index_path(name));
        let auth = if ic.auth_required {
            self.cfg.cargo.token().map(str::to_string)
        } else {
            None
        };
        let body = self.get(&url, "*/*", auth, FRESH, 64 * MIB).await?;
        Ok(Arc::new(CrateIndex::parse(body)))
    }

    async fn crate_build(
        &self,
        name: &str,
        version: &str,
        cksum: Option<&str>,
    ) -> Result<BuildFacts, FetchError> {
        if let Some(why) = &self.cfg.cargo.unsupported {
            return Err(FetchError::Http(why.clone()));
        }
        let ic = self.crates_index_config().await?;
        let url = crate_archive::download_url(&ic.dl, name, version, cksum);
        let auth = if ic.auth_required {
            self.cfg.cargo.token().map(str::to_string)
        } else {
            None
        };
        crate_archive::build_facts(&self.fetcher, &url, auth.as_deref(), name, version, cksum).await
    }

    fn source(&self, ecosystem: Ecosystem, name: &str) -> Source {
        match ecosystem {
            Ecosystem::Npm => {
                let r = self.cfg.npm.registry_for(name);
                if NpmConfig::is_default(r) {
                    Source::DEFAULT_REGISTRY
                } else {
                    Source::registry(r)
                }
            }
            Ecosystem::PyPI => Source::registry(
                self.cfg
                    .pypi
                    .indexes
                    .first()
                    .map(String::as_str)
                    .unwrap_or(super::pipconf::DEFAULT_INDEX),
            ),
            Ecosystem::CratesIo => Source::registry(&self.cfg.cargo.index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pypi_projects_history_counts_versions_not_files() {
        let file = |name: &str, t: Option<&str>| SimpleFile {
            filename: name.into(),
            url: format!("https://files.example/{name}"),
            requires_python: None,
            core_metadata: None,
            data_dist_info_metadata: None,
            yanked: None,
            upload_time: t.map(str::to_string),
        };
        let p = PypiProject {
            files: vec![
                file("req-1.0.tar.gz", Some("2016-02-01T10:00:00.000000Z")),
                file(
                    "req-1.0-py3-none-any.whl",
                    Some("2016-02-01T10:05:00.000000Z"),
                ),
                file("req-2.0-py3-none-any.whl", None),
                file("req-2.0.zip", None),
            ],
        };
        let h = p.history().expect("history");
        assert_eq!(h.releases, 2);
        assert_eq!(h.first_published.to_string(), "2016-02-01T10:00:00Z");
        assert_eq!(PypiProject::default().history(), None);
    }
}
