//! Cached, bounded metadata fetches: every registry client goes through
//! [`Fetcher::get`]. Bodies live under `$CCDEPS_HOME/cache/registry-v1/`,
//! keyed by a SHA-256 digest of the `Accept` header and URL (so a URL with
//! credentials never appears in a file name), with validators for
//! ETag/Last-Modified revalidation and a freshness TTL. Offline mode serves
//! only the cache: a miss is [`FetchError::Offline`], never an empty answer.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::home::{self, Home};
use crate::http::{Conditional, Http, HttpConfig, HttpError, Validators};
use crate::redact;

/// Cache bucket and format version.
pub const CACHE_BUCKET: &str = "registry";
pub const CACHE_VERSION: u32 = 1;

/// Largest memoized value read back.
pub const MEMO_LIMIT: u64 = 64 * 1024;

/// How one request is made and cached.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub url: &'a str,
    pub accept: &'a str,
    /// A full `Authorization` header value; never logged, never in the key.
    pub authorization: Option<&'a str>,
    /// An HTTP `Range` header value (`bytes=-65536`); part of the cache key.
    pub range: Option<&'a str>,
    /// How long a stored body is served without asking the server.
    pub ttl: Duration,
    /// Largest body accepted.
    pub limit: u64,
}

/// Why metadata could not be had.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("{url}: not found (HTTP {status})")]
    NotFound { url: String, status: u16 },
    #[error("{url}: not in the cache and --offline forbids the network")]
    Offline { url: String },
    #[error("{0}")]
    Http(String),
    #[error("{url}: unreadable answer ({why})")]
    Garbage { url: String, why: String },
}

impl From<HttpError> for FetchError {
    fn from(e: HttpError) -> Self {
        FetchError::Http(e.to_string())
    }
}

/// Settings for a [`Fetcher`].
#[derive(Clone, Debug)]
pub struct FetchConfig {
    pub offline: bool,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Whole-request deadline (connect + headers + body).
    pub deadline: Duration,
    pub http: HttpConfig,
    /// Cache folder; `None` disables the disk cache.
    pub cache_dir: Option<PathBuf>,
}

impl FetchConfig {
    /// Production defaults with the cache under `home`.
    pub fn new(home: &Home, offline: bool) -> FetchConfig {
        FetchConfig {
            offline,
            concurrency: 48,
            deadline: Duration::from_secs(60),
            http: HttpConfig::default(),
            cache_dir: Some(home.cache(CACHE_BUCKET, CACHE_VERSION)),
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
struct Meta {
    /// The URL with credentials removed (for people inspecting the cache).
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    /// Unix seconds of the last successful exchange (200, 304, or a 404/410).
    checked: u64,
    /// The server said the document does not exist (404/410): remembered for
    /// the TTL like a body, so a refused typo does not ask again every time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_found: Option<u16>,
}

/// The shared fetcher: HTTP client, cache, concurrency bound.
#[derive(Clone)]
pub struct Fetcher {
    /// Built on the first request that needs the network: loading the TLS
    /// roots costs more than a whole warm (cache-only) run otherwise would.
    http: Arc<tokio::sync::OnceCell<Http>>,
    cfg: Arc<FetchConfig>,
    permits: Arc<Semaphore>,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn key(accept: &str, url: &str) -> String {
    let digest = Sha256::digest(format!("{accept}\n{url}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Fetcher {
    pub fn new(cfg: FetchConfig) -> Result<Fetcher, FetchError> {
        let http = Arc::new(tokio::sync::OnceCell::new());
        let permits = Arc::new(Semaphore::new(cfg.concurrency.max(1)));
        Ok(Fetcher {
            http,
            cfg: Arc::new(cfg),
            permits,
        })
    }

    pub fn offline(&self) -> bool {
        self.cfg.offline
    }

    fn paths(&self, req: &Request<'_>) -> Option<(PathBuf, PathBuf)> {
        let dir = self.cfg.cache_dir.as_ref()?;
        let k = match req.range {
            Some(r) => key(&format!("{}\n{r}", req.accept), req.url),
            None => key(req.accept, req.url),
        };
        let sub = dir.join(&k[..2]);
        Some((sub.join(format!("{k}.body")), sub.join(format!("{k}.meta"))))
    }

    fn memo_path(&self, key: &str) -> Option<PathBuf> {
        let k = self::key("memo", key);
        Some(
            self.cfg
                .cache_dir
                .as_ref()?
                .join("memo")
                .join(&k[..2])
                .join(k),
        )
    }

    /// A small value derived from immutable metadata (a crate version's
    /// build facts), stored under `key` by [`Fetcher::memo_write`]; at most
    /// [`MEMO_LIMIT`] bytes are read.
    pub fn memo_read(&self, key: &str) -> Option<Vec<u8>> {
        use std::io::Read;
        let f = std::fs::File::open(self.memo_path(key)?).ok()?;
        let mut out = Vec::new();
        f.take(MEMO_LIMIT + 1).read_to_end(&mut out).ok()?;
        (out.len() as u64 <= MEMO_LIMIT).then_some(out)
    }

    pub fn memo_write(&self, key: &str, bytes: &[u8]) {
        if let Some(p) = self.memo_path(key) {
            let _ = home::write_atomic(&p, bytes);
        }
    }

    /// The body of `req.url`: fresh cache, else a conditional GET, else (offline) an error.
    pub async fn get(&self, req: &Request<'_>) -> Result<Arc<Vec<u8>>, FetchError> {
        let shown = redact::url(req.url);
        let paths = self.paths(req);
        let stored = match &paths {
            Some((body, meta)) => read_stored(body, meta, req.limit),
            None => None,
        };
        let fresh = stored.as_ref().is_some_and(|(_, meta)| {
            self.cfg.offline || now().saturating_sub(meta.checked) < req.ttl.as_secs()
        });
        if fresh && let Some((body, meta)) = stored {
            return match meta.not_found {
                Some(status) => Err(FetchError::NotFound { url: shown, status }),
                None => Ok(Arc::new(body)),
            };
        }
        if stored.is_none() && self.cfg.offline {
            return Err(FetchError::Offline { url: shown });
        }
        let previous = stored
            .as_ref()
            .map(|(_, m)| Validators {
                etag: m.etag.clone(),
                last_modified: m.last_modified.clone(),
            })
            .unwrap_or_default();
        match self.exchange(req, &previous).await? {
            Conditional::NotModified => match (stored, paths) {
                (Some((body, mut meta)), Some((_, meta_path))) => {
                    meta.checked = now();
                    write_meta(&meta_path, &meta);
                    Ok(Arc::new(body))
                }
                // A 304 to a request without validators: the server is confused.
                _ => Err(FetchError::Garbage {
                    url: shown,
                    why: "304 without a stored copy".into(),
                }),
            },
            Conditional::Fetched { body, validators } => {
                let body = Arc::new(body);
                if let Some((body_path, meta_path)) = paths {
                    let meta = Meta {
                        url: shown,
                        etag: validators.etag,
                        last_modified: validators.last_modified,
                        checked: now(),
                        not_found: None,
                    };
                    let stored = Arc::clone(&body);
                    // A cache that cannot be written costs speed, never correctness.
                    let _ = tokio::task::spawn_blocking(move || {
                        if home::write_atomic(&body_path, &stored).is_ok() {
                            write_meta(&meta_path, &meta);
                        }
                    })
                    .await;
                }
                Ok(body)
            }
            Conditional::Status(status @ (404 | 410)) => {
                if let Some((body_path, meta_path)) = paths {
                    let meta = Meta {
                        url: shown.clone(),
                        checked: now(),
                        not_found: Some(status),
                        ..Meta::default()
                    };
                    let _ = tokio::task::spawn_blocking(move || {
                        if home::write_atomic(&body_path, b"").is_ok() {
                            write_meta(&meta_path, &meta);
                        }
                    })
                    .await;
                }
                Err(status_error(shown, status))
            }
            Conditional::Status(status) => Err(status_error(shown, status)),
        }
    }

    /// The body of `req.url`, fetched and not stored: for large immutable
    /// downloads (a `.crate` archive) whose small derived answer is
    /// memoized instead. Offline it is always [`FetchError::Offline`].
    pub async fn get_transient(&self, req: &Request<'_>) -> Result<Vec<u8>, FetchError> {
        let shown = redact::url(req.url);
        if self.cfg.offline {
            return Err(FetchError::Offline { url: shown });
        }
        match self.exchange(req, &Validators::default()).await? {
            Conditional::Fetched { body, .. } => Ok(body),
            Conditional::NotModified => Err(FetchError::Garbage {
                url: shown,
                why: "304 to an unconditional request".into(),
            }),
            Conditional::Status(status) => Err(status_error(shown, status)),
        }
    }

    /// One bounded exchange with the server, under the concurrency bound.
    async fn exchange(
        &self,
        req: &Request<'_>,
        previous: &Validators,
    ) -> Result<Conditional, FetchError> {
        let mut headers = vec![(reqwest::header::ACCEPT, req.accept.to_string())];
        if let Some(a) = req.authorization {
            headers.push((reqwest::header::AUTHORIZATION, a.to_string()));
        }
        if let Some(r) = req.range {
            headers.push((reqwest::header::RANGE, r.to_string()));
        }
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| FetchError::Http(e.to_string()))?;
        let http = self
            .http
            .get_or_try_init(|| async { Http::new(self.cfg.http.clone()) })
            .await?;
        Ok(http
            .get_conditional(req.url, &headers, previous, req.limit, self.cfg.deadline)
            .await?)
    }
}

fn status_error(shown: String, status: u16) -> FetchError {
    match status {
        404 | 410 => FetchError::NotFound { url: shown, status },
        _ => FetchError::Http(format!("{shown}: HTTP {status}")),
    }
}

/// Reads a stored body and its validators. Synchronous on purpose: these are
/// small local files (usually in the page cache), and a warm run reads a
/// hundred of them; handing each to tokio's blocking pool costs more than the read.
fn read_stored(
    body: &std::path::Path,
    meta: &std::path::Path,
    limit: u64,
) -> Option<(Vec<u8>, Meta)> {
    use std::io::Read;
    let meta_bytes = std::fs::read(meta).ok()?;
    let meta: Meta = serde_json::from_slice(&meta_bytes).ok()?;
    let f = std::fs::File::open(body).ok()?;
    let len = f.metadata().ok()?.len();
    if len > limit {
        return None;
    }
    let mut out = Vec::with_capacity(usize::try_from(len).ok()?.saturating_add(1));
    f.take(limit).read_to_end(&mut out).ok()?;
    Some((out, meta))
}

fn write_meta(path: &std::path::Path, meta: &Meta) {
    if let Ok(bytes) = serde_json::to_vec(meta) {
        let _ = home::write_atomic(path, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hide_urls() {
        let k = key("application/json", "https://user:secret@host/x");
        assert_eq!(k.len(), 64);
        assert!(!k.contains("secret"));
        assert_ne!(k, key("text/html", "https://user:secret@host/x"));
    }
}
