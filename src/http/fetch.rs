//! Reading responses: a capped GET into memory, the conditional GET and the
//! conditional download to a file (ETag / Last-Modified), and the bounded
//! body reader they share.

use std::path::Path;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use super::{Conditional, Download, Http, HttpError, Validators, describe};
use crate::redact;

impl Http {
    /// GETs a body into memory, refusing more than `limit` bytes.
    pub async fn get_bytes(&self, url: &str, limit: u64) -> Result<Vec<u8>, HttpError> {
        let resp = self.send(url, |r| r).await?;
        let shown = redact::url(url);
        if !resp.status().is_success() {
            return Err(HttpError::Status {
                url: shown,
                status: resp.status().as_u16(),
            });
        }
        read_body(resp, &shown, limit).await
    }

    /// Conditional download of `url` into `dest`, at most `limit` bytes;
    /// `progress(done, total)` after each chunk.
    pub async fn download(
        &self,
        url: &str,
        dest: &Path,
        previous: &Validators,
        limit: u64,
        mut progress: impl FnMut(u64, Option<u64>),
    ) -> Result<Download, HttpError> {
        let shown = redact::url(url);
        let resp = self
            .send(url, |mut r| {
                if let Some(e) = &previous.etag {
                    r = r.header(reqwest::header::IF_NONE_MATCH, e);
                }
                if let Some(lm) = &previous.last_modified {
                    r = r.header(reqwest::header::IF_MODIFIED_SINCE, lm);
                }
                r
            })
            .await?;
        if resp.status().as_u16() == 304 {
            return Ok(Download::NotModified);
        }
        if !resp.status().is_success() {
            return Err(HttpError::Status {
                url: shown,
                status: resp.status().as_u16(),
            });
        }
        let validators = validators(&resp);
        let total = resp.content_length();
        if total.is_some_and(|t| t > limit) {
            return Err(HttpError::TooLarge { url: shown, limit });
        }
        let io = |source| HttpError::Io {
            path: dest.display().to_string(),
            source,
        };
        let mut file = tokio::fs::File::create(dest).await.map_err(io)?;
        let mut resp = resp;
        let mut done = 0u64;
        loop {
            let chunk = resp.chunk().await.map_err(|e| HttpError::Interrupted {
                url: shown.clone(),
                why: describe(&e),
            })?;
            let Some(chunk) = chunk else { break };
            done += chunk.len() as u64;
            if done > limit {
                return Err(HttpError::TooLarge { url: shown, limit });
            }
            file.write_all(&chunk).await.map_err(io)?;
            progress(done, total);
        }
        if total.is_some_and(|t| t != done) {
            return Err(HttpError::Interrupted {
                url: shown,
                why: format!("got {done} of {} bytes", total.unwrap_or(0)),
            });
        }
        file.flush().await.map_err(io)?;
        Ok(Download::Fetched {
            bytes: done,
            validators,
        })
    }
}

impl Http {
    /// Conditional GET into memory with extra headers (`Accept`,
    /// `Authorization`), at most `limit` bytes, the whole exchange bounded by
    /// `deadline` so a registry that trickles bytes cannot stall a run. A
    /// 304 or a non-retryable status is a value, not an error.
    pub async fn get_conditional(
        &self,
        url: &str,
        headers: &[(reqwest::header::HeaderName, String)],
        previous: &Validators,
        limit: u64,
        deadline: Duration,
    ) -> Result<Conditional, HttpError> {
        let shown = redact::url(url);
        let work = async {
            let resp = self
                .send(url, |mut r| {
                    for (k, v) in headers {
                        r = r.header(k, v);
                    }
                    if let Some(e) = &previous.etag {
                        r = r.header(reqwest::header::IF_NONE_MATCH, e);
                    }
                    if let Some(lm) = &previous.last_modified {
                        r = r.header(reqwest::header::IF_MODIFIED_SINCE, lm);
                    }
                    r
                })
                .await;
            let resp = match resp {
                Ok(r) => r,
                // 429/5xx still failing after the retries: report the status.
                Err(HttpError::Status { status, .. }) => return Ok(Conditional::Status(status)),
                Err(e) => return Err(e),
            };
            let status = resp.status().as_u16();
            if status == 304 {
                return Ok(Conditional::NotModified);
            }
            if !resp.status().is_success() {
                return Ok(Conditional::Status(status));
            }
            let validators = validators(&resp);
            let body = read_body(resp, &shown, limit).await?;
            Ok(Conditional::Fetched { body, validators })
        };
        match tokio::time::timeout(deadline, work).await {
            Ok(r) => r,
            Err(_) => Err(HttpError::Unreachable {
                url: shown,
                why: format!("no complete answer within {}s", deadline.as_secs()),
            }),
        }
    }
}

/// Reads a response body, refusing more than `limit` bytes.
pub async fn read_body(
    mut resp: reqwest::Response,
    shown: &str,
    limit: u64,
) -> Result<Vec<u8>, HttpError> {
    if resp.content_length().is_some_and(|t| t > limit) {
        return Err(HttpError::TooLarge {
            url: shown.to_string(),
            limit,
        });
    }
    let mut out = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| HttpError::Interrupted {
        url: shown.to_string(),
        why: describe(&e),
    })? {
        if (out.len() + chunk.len()) as u64 > limit {
            return Err(HttpError::TooLarge {
                url: shown.to_string(),
                limit,
            });
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// The conditional-request validators a response carries.
fn validators(resp: &reqwest::Response) -> Validators {
    let header = |name| {
        resp.headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    Validators {
        etag: header(reqwest::header::ETAG),
        last_modified: header(reqwest::header::LAST_MODIFIED),
    }
}
