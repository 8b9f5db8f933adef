//! Registry clients: npm packuments, the PyPI simple API with core metadata,
//! the crates.io sparse index. The resolver sees them through
//! [`MetadataSource`]; [`Registries`] is the real implementation, reading the
//! user's own configuration for where each registry lives (so tests point it
//! at a server on 127.0.0.1 and production at the public registries).

pub mod cargoconf;
pub mod crate_archive;
pub mod crates;
pub mod fetch;
pub mod ini;
pub mod npm;
pub mod npmrc;
pub mod pipconf;
pub mod pypi;
mod source;
pub mod wheel;

use std::collections::BTreeMap;
use std::path::Path;

pub use fetch::{FetchConfig, FetchError, Fetcher};
pub use source::{MetadataSource, PypiProject, Registries, RegistryConfig};

/// A snapshot of environment variables (tests build their own; nothing here
/// reads the process environment behind the caller's back).
#[derive(Clone, Default)]
pub struct Env(BTreeMap<String, String>);

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values may be tokens: show names only.
        f.debug_list().entries(self.0.keys()).finish()
    }
}

impl Env {
    pub fn from_process() -> Env {
        Env(std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect())
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Env {
        Env(pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect())
    }

    /// A non-empty variable.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A non-empty variable, name matched without regard to case (npm's rule).
    pub fn get_ci(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Reads a configuration file of at most 1 MiB; `None` when absent or unreadable.
pub(crate) fn read_small(path: &Path) -> Option<String> {
    use std::io::Read;
    let f = std::fs::File::open(path).ok()?;
    let mut s = String::new();
    f.take(1 << 20).read_to_string(&mut s).ok()?;
    Some(s)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (npm's `_auth` and `_password`).
pub(crate) fn b64_encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn b64_decode(input: &str) -> Option<String> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in input.trim().bytes().filter(|c| *c != b'=') {
        let v = B64.iter().position(|x| *x == c)? as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for s in ["", "a", "ab", "abc", "user:pass word"] {
            assert_eq!(b64_decode(&b64_encode(s.as_bytes())).as_deref(), Some(s));
        }
        assert_eq!(b64_encode(b"user:pass"), "dXNlcjpwYXNz");
    }

    #[test]
    fn env_debug_hides_values() {
        let e = Env::from_pairs([("NPM_TOKEN", "s3cret")]);
        assert!(!format!("{e:?}").contains("s3cret"));
        assert_eq!(e.get_ci("npm_token"), Some("s3cret"));
    }
}
