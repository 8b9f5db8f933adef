//! What a `.crate` archive says about build-time code: a build script
//! (`build.rs`, or `build = "…"` in its Cargo.toml), a proc-macro
//! (`[lib] proc-macro = true`), `links`. The sparse index records only
//! `links`, so the archive itself is read: downloaded once (at most 10 MiB,
//! crates.io's own cap), checked against the index's SHA-256, streamed
//! through gzip and tar without unpacking anything to disk, and the small
//! answer remembered per (archive URL, checksum) — a published version
//! never changes. The archive is not kept.

use std::io::Read;
use std::path::{Component, Path};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::fetch::{FetchError, Fetcher, Request};
use crate::redact;

/// Largest archive downloaded: crates.io refuses uploads above 10 MB.
pub const MAX_CRATE: u64 = 10 << 20;
/// Largest unpacked stream read (crates.io's own unpack limit is 512 MB).
const MAX_UNPACKED: u64 = 512 << 20;
/// Largest Cargo.toml read.
const MAX_MANIFEST: u64 = 1 << 20;
/// The memo format; bump when [`BuildFacts`] changes meaning.
const MEMO: &str = "crate-build-v1";

/// Build-time code of one crate version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildFacts {
    /// The build script's path (`build.rs` when found by convention).
    pub build_script: Option<String>,
    pub proc_macro: bool,
    /// The native library the crate declares it links (`links = "z"`).
    pub links: Option<String>,
}

impl BuildFacts {
    /// As `Facts::install_scripts` names them: `build.rs`,
    /// `build.rs (links = "z")`, `build script src/build.rs`, `proc-macro`.
    pub fn scripts(&self) -> Vec<String> {
        let mut out = Vec::new();
        let script = self.build_script.as_deref().map(|p| match p {
            "build.rs" => "build.rs".to_string(),
            other => format!("build script {other}"),
        });
        match (script, &self.links) {
            (Some(s), Some(l)) => out.push(format!("{s} (links = \"{l}\")")),
            (Some(s), None) => out.push(s),
            (None, Some(l)) => out.push(format!("links = \"{l}\"")),
            (None, None) => {}
        }
        if self.proc_macro {
            out.push("proc-macro".into());
        }
        out
    }
}

/// The download URL of a version from the index's `dl` template, by cargo's
/// rules: the markers `{crate}`, `{version}`, `{prefix}`, `{lowerprefix}`,
/// `{sha256-checksum}` are replaced; without any, `/{crate}/{version}/download`
/// is appended.
pub fn download_url(dl: &str, name: &str, version: &str, cksum: Option<&str>) -> String {
    const MARKERS: [&str; 5] = [
        "{crate}",
        "{version}",
        "{prefix}",
        "{lowerprefix}",
        "{sha256-checksum}",
    ];
    if !MARKERS.iter().any(|m| dl.contains(m)) {
        return format!("{}/{name}/{version}/download", dl.trim_end_matches('/'));
    }
    let prefix = match name.len() {
        0..=2 => name.len().to_string(),
        3 => format!("3/{}", name.get(..1).unwrap_or_default()),
        _ => format!(
            "{}/{}",
            name.get(..2).unwrap_or_default(),
            name.get(2..4).unwrap_or_default()
        ),
    };
    dl.replace("{crate}", name)
        .replace("{version}", version)
        .replace("{lowerprefix}", &prefix.to_ascii_lowercase())
        .replace("{prefix}", &prefix)
        .replace("{sha256-checksum}", cksum.unwrap_or_default())
}

/// The build facts of `name@version`, from the memo or the archive at `url`.
pub async fn build_facts(
    fetcher: &Fetcher,
    url: &str,
    authorization: Option<&str>,
    name: &str,
    version: &str,
    cksum: Option<&str>,
) -> Result<BuildFacts, FetchError> {
    let key = format!("{MEMO}\n{url}\n{}", cksum.unwrap_or_default());
    if let Some(known) = fetcher
        .memo_read(&key)
        .and_then(|b| serde_json::from_slice::<BuildFacts>(&b).ok())
    {
        return Ok(known);
    }
    let req = Request {
        url,
        accept: "application/gzip, application/octet-stream, */*",
        authorization,
        range: None,
        ttl: Duration::ZERO,
        limit: MAX_CRATE,
    };
    let body = fetcher.get_transient(&req).await?;
    let garbage = |why: String| FetchError::Garbage {
        url: redact::url(url),
        why,
    };
    if let Some(want) = cksum {
        let got: String = Sha256::digest(&body)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if !got.eq_ignore_ascii_case(want.trim()) {
            return Err(garbage(format!("checksum {got} is not the index's {want}")));
        }
    }
    let root = format!("{name}-{version}");
    let facts = tokio::task::spawn_blocking(move || inspect(&body, &root))
        .await
        .map_err(|e| garbage(e.to_string()))?
        .map_err(garbage)?;
    if let Ok(bytes) = serde_json::to_vec(&facts) {
        fetcher.memo_write(&key, &bytes);
    }
    Ok(facts)
}

/// Reads a `.crate` archive (gzip'd tar, every path under `root/`).
pub fn inspect(archive: &[u8], root: &str) -> Result<BuildFacts, String> {
    inspect_capped(archive, root, MAX_UNPACKED)
}

fn inspect_capped(archive: &[u8], root: &str, cap: u64) -> Result<BuildFacts, String> {
    let gz = flate2::read::GzDecoder::new(archive);
    let mut tar = tar::Archive::new(Capped {
        inner: gz,
        left: cap,
    });
    let mut manifest: Option<Manifest> = None;
    let mut build_rs = false;
    let entries = tar
        .entries()
        .map_err(|e| format!("not a tar archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("unreadable archive: {e}"))?;
        let path = entry
            .path()
            .map_err(|e| format!("unreadable archive path: {e}"))?
            .into_owned();
        let Some(rest) = under(&path, root) else {
            continue;
        };
        if rest == Path::new("Cargo.toml") {
            let mut text = String::new();
            (&mut entry)
                .take(MAX_MANIFEST + 1)
                .read_to_string(&mut text)
                .map_err(|e| format!("unreadable Cargo.toml: {e}"))?;
            if text.len() as u64 > MAX_MANIFEST {
                return Err("Cargo.toml is larger than 1 MiB".into());
            }
            let m: Manifest = toml::from_str(&text)
                .map_err(|e| format!("unreadable Cargo.toml: {}", e.message()))?;
            let explicit = m.package.as_ref().is_some_and(|p| p.build.is_some());
            manifest = Some(m);
            // An explicit `build` key (what `cargo package` writes today) or a
            // build.rs already seen settles it: no need to read further.
            if explicit || build_rs {
                break;
            }
        } else if rest == Path::new("build.rs") {
            build_rs = true;
            if manifest.is_some() {
                break;
            }
        }
    }
    let m = manifest.ok_or_else(|| format!("no {root}/Cargo.toml in the archive"))?;
    let package = m.package.unwrap_or_default();
    let build_script = match package.build {
        Some(toml::Value::String(p)) => Some(printable(&p)),
        Some(toml::Value::Boolean(false)) => None,
        Some(_) => Some("build.rs".into()),
        None => build_rs.then(|| "build.rs".into()),
    };
    let lib = m.lib.unwrap_or_default();
    Ok(BuildFacts {
        build_script,
        proc_macro: lib.proc_macro.or(lib.proc_macro_old).unwrap_or(false),
        links: package.links.as_deref().map(printable),
    })
}

/// Manifest text shown to people: no control characters (terminal escapes), bounded.
fn printable(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// `path` relative to `root/`, if it lies there.
fn under<'a>(path: &'a Path, root: &str) -> Option<&'a Path> {
    let mut parts = path.components();
    let mut first = parts.next();
    if first == Some(Component::CurDir) {
        first = parts.next();
    }
    match first {
        Some(Component::Normal(first)) if first == root => Some(parts.as_path()),
        _ => None,
    }
}

/// The parts of Cargo.toml that say what runs at build time.
#[derive(Deserialize, Default)]
struct Manifest {
    #[serde(default, alias = "project")]
    package: Option<PackageSection>,
    #[serde(default)]
    lib: Option<LibSection>,
}

#[derive(Deserialize, Default)]
struct PackageSection {
    /// A path, or `false`/`true`.
    #[serde(default)]
    build: Option<toml::Value>,
    #[serde(default)]
    links: Option<String>,
}

#[derive(Deserialize, Default)]
struct LibSection {
    #[serde(default, rename = "proc-macro")]
    proc_macro: Option<bool>,
    /// The old spelling cargo still accepts.
    #[serde(default, rename = "proc_macro")]
    proc_macro_old: Option<bool>,
}

/// A reader that fails once more than `left` bytes have been read (a gzip bomb guard).
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self
            .left
            .checked_sub(n as u64)
            .ok_or_else(|| std::io::Error::other("unpacks to more than the size cap"))?;
        Ok(n)
    }
}

#[cfg(test)]
#[path = "crate_archive_tests.rs"]
mod tests;
