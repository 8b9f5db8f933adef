//! The default public sources of popular-package names, used by `ccdeps db
//! update` when no `--mirror` is given. Each is turned into the mirror
//! layout's list (one name a line, most popular first, `TAB downloads`
//! where known):
//!
//! - npm: the `npm-high-impact` package (wooorm/npm-high-impact, MIT) from
//!   the npm registry: its `lib/top.js` lists the most-downloaded and
//!   most-depended-upon packages, most popular first;
//! - PyPI: hugovk/top-pypi-packages (`top-pypi-packages.min.json`): the
//!   15,000 most-downloaded projects of the last 30 days, with counts;
//! - crates.io: the crates.io API, crates sorted by downloads (the top 1,000).

use std::io::Read;

use crate::ecosystem::Ecosystem;
use crate::http::{Http, HttpError};

/// Where the default lists are fetched (overridable for tests and mirrors).
#[derive(Clone, Debug)]
pub struct Sources {
    /// npm registry base (the `npm-high-impact` package is read from it).
    pub npm_registry: String,
    /// URL of hugovk's `top-pypi-packages.min.json`.
    pub pypi_top: String,
    /// crates.io API listing, without the `page` parameter.
    pub crates_api: String,
    /// How many pages of 100 crates to read.
    pub crates_pages: u32,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            npm_registry: "https://registry.npmjs.org".into(),
            pypi_top: "https://hugovk.github.io/top-pypi-packages/top-pypi-packages.min.json"
                .into(),
            crates_api: "https://crates.io/api/v1/crates?sort=downloads&per_page=100".into(),
            crates_pages: 10,
        }
    }
}

/// Largest document or archive read from a source.
const MAX_BYTES: u64 = 32 << 20;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("{0}: {1}")]
    Format(String, String),
}

fn bad(from: &str, why: impl Into<String>) -> SourceError {
    SourceError::Format(from.to_string(), why.into())
}

/// Fetches one ecosystem's list, in the mirror layout.
pub async fn fetch(http: &Http, src: &Sources, eco: Ecosystem) -> Result<String, SourceError> {
    match eco {
        Ecosystem::Npm => npm(http, src).await,
        Ecosystem::PyPI => {
            let body = http.get_bytes(&src.pypi_top, MAX_BYTES).await?;
            pypi_list(&body).map_err(|e| bad(&src.pypi_top, e))
        }
        Ecosystem::CratesIo => {
            let mut out = String::new();
            for page in 1..=src.crates_pages {
                let url = format!("{}&page={page}", src.crates_api);
                let body = http.get_bytes(&url, MAX_BYTES).await?;
                let n = crates_page(&body, &mut out).map_err(|e| bad(&url, e))?;
                if n == 0 {
                    break;
                }
            }
            Ok(out)
        }
    }
}

async fn npm(http: &Http, src: &Sources) -> Result<String, SourceError> {
    let meta_url = format!(
        "{}/npm-high-impact/latest",
        src.npm_registry.trim_end_matches('/')
    );
    let meta = http.get_bytes(&meta_url, MAX_BYTES).await?;
    let meta: serde_json::Value =
        serde_json::from_slice(&meta).map_err(|e| bad(&meta_url, e.to_string()))?;
    let Some(tarball) = meta.pointer("/dist/tarball").and_then(|v| v.as_str()) else {
        return Err(bad(&meta_url, "no dist.tarball"));
    };
    let archive = http.get_bytes(tarball, MAX_BYTES).await?;
    let js = file_in_tarball(&archive, "package/lib/top.js").map_err(|e| bad(tarball, e))?;
    npm_list(&js).map_err(|e| bad(tarball, e))
}

/// One file of an npm package tarball (gzip'd tar), bounded.
fn file_in_tarball(archive: &[u8], path: &str) -> Result<String, String> {
    let gz = flate2::read::GzDecoder::new(archive).take(MAX_BYTES * 4);
    let mut tar = tar::Archive::new(gz);
    for entry in tar.entries().map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let is_it = entry
            .path()
            .map(|p| p.to_string_lossy() == path)
            .unwrap_or(false);
        if is_it {
            let mut text = String::new();
            entry
                .take(MAX_BYTES)
                .read_to_string(&mut text)
                .map_err(|e| e.to_string())?;
            return Ok(text);
        }
    }
    Err(format!("{path} is not in the package"))
}

/// The names of `export const top = ['a', 'b', …]`, in order.
pub fn npm_list(js: &str) -> Result<String, String> {
    let start = js.find('[').ok_or("no array in top.js")?;
    let end = js[start..]
        .find(']')
        .ok_or("unterminated array in top.js")?
        + start;
    let mut out = String::new();
    let mut rest = &js[start + 1..end];
    while let Some(open) = rest.find(['\'', '"']) {
        let quote = rest.as_bytes()[open] as char;
        let after = &rest[open + 1..];
        let close = after.find(quote).ok_or("unterminated string in top.js")?;
        let name = &after[..close];
        if !name.is_empty() && !name.contains(char::is_whitespace) {
            out.push_str(name);
            out.push('\n');
        }
        rest = &after[close + 1..];
    }
    if out.is_empty() {
        return Err("no names in top.js".into());
    }
    Ok(out)
}

/// `{"rows": [{"project": …, "download_count": …}]}` → `name TAB downloads` lines.
pub fn pypi_list(json: &[u8]) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    struct Doc {
        rows: Vec<Row>,
    }
    #[derive(serde::Deserialize)]
    struct Row {
        project: String,
        download_count: Option<u64>,
    }
    let doc: Doc = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for r in doc.rows.iter().filter(|r| valid_name(&r.project)) {
        out.push_str(&r.project);
        if let Some(d) = r.download_count {
            out.push('\t');
            out.push_str(&d.to_string());
        }
        out.push('\n');
    }
    Ok(out)
}

/// Appends one crates.io API page (`{"crates": [{"name", "downloads"}]}`);
/// returns how many crates it held.
pub fn crates_page(json: &[u8], out: &mut String) -> Result<usize, String> {
    #[derive(serde::Deserialize)]
    struct Page {
        crates: Vec<Krate>,
    }
    #[derive(serde::Deserialize)]
    struct Krate {
        name: String,
        downloads: Option<u64>,
    }
    let page: Page = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    for k in page.crates.iter().filter(|k| valid_name(&k.name)) {
        out.push_str(&k.name);
        if let Some(d) = k.downloads {
            out.push('\t');
            out.push_str(&d.to_string());
        }
        out.push('\n');
    }
    Ok(page.crates.len())
}

/// A name that can be written as one line of a list.
fn valid_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 214 && !n.contains(|c: char| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_high_impact_module_is_read_in_order() {
        let js = "export const top = [\n  'semver',\n  \"@babel/core\",\n  'debug'\n]\n";
        assert_eq!(npm_list(js).unwrap(), "semver\n@babel/core\ndebug\n");
        assert!(npm_list("export const top = []").is_err());
        assert!(npm_list("nothing").is_err());
    }

    #[test]
    fn pypi_and_crates_documents_become_lists_with_downloads() {
        let pypi = br#"{"last_update":"x","rows":[{"download_count":10,"project":"boto3"},{"download_count":5,"project":"bad name"},{"project":"six"}]}"#;
        assert_eq!(pypi_list(pypi).unwrap(), "boto3\t10\nsix\n");
        assert!(pypi_list(b"{}").is_err());
        let mut out = String::new();
        let page = br#"{"crates":[{"name":"syn","downloads":99},{"name":"serde"}],"meta":{}}"#;
        assert_eq!(crates_page(page, &mut out).unwrap(), 2);
        assert_eq!(out, "syn\t99\nserde\n");
    }
}
