//! The one HTTP layer: a rustls reqwest client with timeouts, retries with
//! backoff on connection errors, 429 and 5xx, a size cap on every body, and
//! conditional requests (ETag / Last-Modified). URLs are redacted in every
//! error message.

mod fetch;

pub use fetch::read_body;

use std::sync::Once;
use std::time::Duration;

use crate::redact;

/// Conditional-request validators from a previous response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Result of a conditional GET into memory ([`Http::get_conditional`]).
#[derive(Debug)]
pub enum Conditional {
    /// 304: the stored copy is current.
    NotModified,
    /// 2xx: the body (at most the cap) and its validators.
    Fetched {
        body: Vec<u8>,
        validators: Validators,
    },
    /// Any other final status (404, 410, 403…) after retries of 429/5xx.
    Status(u16),
}

/// Result of a conditional download.
#[derive(Debug)]
pub enum Download {
    /// 304: the stored copy is current.
    NotModified,
    /// The body was written; the new validators.
    Fetched { bytes: u64, validators: Validators },
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{url}: unreachable ({why})")]
    Unreachable { url: String, why: String },
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: body larger than the {limit} byte cap")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: download interrupted ({why})")]
    Interrupted { url: String, why: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the HTTP client: {0}")]
    Client(String),
}

/// Client settings; tests shorten the timeouts and backoff.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    pub connect_timeout: Duration,
    /// Longest pause between two chunks of a body.
    pub read_timeout: Duration,
    pub retries: u32,
    pub backoff: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
        }
    }
}

/// A shared client.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    config: HttpConfig,
}

fn install_crypto() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only if another provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Http {
    pub fn new(config: HttpConfig) -> Result<Http, HttpError> {
        install_crypto();
        let client = reqwest::Client::builder()
            .user_agent(concat!("ccdeps/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .build()
            .map_err(|e| HttpError::Client(e.to_string()))?;
        Ok(Http { client, config })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// Sends a GET (with `prepare` adding headers), retrying transient failures.
    pub async fn send(
        &self,
        url: &str,
        prepare: impl Fn(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, HttpError> {
        let shown = redact::url(url);
        let mut attempt = 0;
        loop {
            let result = prepare(self.client.get(url)).send().await;
            let retry_after = match &result {
                Ok(r) if r.status().as_u16() == 429 || r.status().is_server_error() => {
                    Some(format!("HTTP {}", r.status().as_u16()))
                }
                Ok(_) => None,
                Err(e) => Some(describe(e)),
            };
            match (retry_after, result) {
                (None, Ok(resp)) => return Ok(resp),
                (Some(why), result) => {
                    if attempt >= self.config.retries {
                        return match result {
                            Ok(resp) => Err(HttpError::Status {
                                url: shown,
                                status: resp.status().as_u16(),
                            }),
                            Err(_) => Err(HttpError::Unreachable { url: shown, why }),
                        };
                    }
                }
                (None, Err(e)) => {
                    return Err(HttpError::Unreachable {
                        url: shown,
                        why: describe(&e),
                    });
                }
            }
            attempt += 1;
            tokio::time::sleep(self.config.backoff * 2u32.saturating_pow(attempt - 1)).await;
        }
    }
}

/// A one-line cause without the URL (reqwest's Display repeats it, with credentials).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "body error"
    } else {
        "request failed"
    };
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    let mut last = None;
    while let Some(s) = src {
        last = Some(s.to_string());
        src = s.source();
    }
    match last {
        Some(cause) => format!("{kind}: {}", redact::url(&cause)),
        None => kind.to_string(),
    }
}

/// A runtime for commands that need the network (created on demand so the
/// pass-through path never pays for it).
pub fn runtime() -> Result<tokio::runtime::Runtime, HttpError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| HttpError::Client(e.to_string()))
}
