//! The default public sources of popular-package names, used by `ccdeps db
//! update` when no `--mirror` is given. Each is turned into the mirror
//! layout's list (one name a line, most popular first, `TAB downloads`
//! where known):
//!
//! - npm: the `npm-high-impact` package (wooorm/npm-high-impact, MIT) from
//!   the npm registry: its `lib/top.js` lists the most-downloaded and
//!   most-depended-upon packages, most popular first; then, from the
//!   `download-counts` package (nice-registry/download-counts, MIT: one
//!   month's downloads of every npm package), every other name with
//!   [`NPM_MIN_MONTHLY`] downloads or more, most downloaded first;
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
/// The `download-counts` archive (28 MB in 2026) and its JSON (95 MB).
const MAX_COUNTS_ARCHIVE: u64 = 128 << 20;
const MAX_COUNTS_JSON: u64 = 512 << 20;

/// npm names taken from `download-counts` beyond npm-high-impact: at least
/// this many downloads in its month (about 40,000 names in 2026). Nothing
/// lower: mistyped names collect downloads too (`loadsh` 37,000 a month,
/// `crossenv` 10,000), and a popular name is never flagged.
pub const NPM_MIN_MONTHLY: u64 = 100_000;

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

/// What a fetch found.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    /// A list in the mirror layout.
    List(String),
    /// The list in place was built from the same published packages.
    Unchanged,
}

/// Fetches one ecosystem's list, in the mirror layout. `current` is the
/// list in place, if any: npm's lists start with a `# sources:` comment
/// naming the two package tarballs they were built from, and when those
/// are still the latest the 28 MB download is skipped.
pub async fn fetch(
    http: &Http,
    src: &Sources,
    eco: Ecosystem,
    current: Option<&str>,
) -> Result<Fetched, SourceError> {
    match eco {
        Ecosystem::Npm => npm(http, src, current).await,
        Ecosystem::PyPI => {
            let body = http.get_bytes(&src.pypi_top, MAX_BYTES).await?;
            pypi_list(&body)
                .map(Fetched::List)
                .map_err(|e| bad(&src.pypi_top, e))
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
            Ok(Fetched::List(out))
        }
    }
}

async fn npm(http: &Http, src: &Sources, current: Option<&str>) -> Result<Fetched, SourceError> {
    let high_impact = latest_tarball(http, src, "npm-high-impact").await?;
    let counts = latest_tarball(http, src, "download-counts").await?;
    let stamp = format!("# sources: {high_impact} {counts}");
    if current.and_then(|c| c.lines().next()) == Some(stamp.as_str()) {
        return Ok(Fetched::Unchanged);
    }
    let archive = http.get_bytes(&high_impact, MAX_BYTES).await?;
    let js = file_in_tarball(&archive, "package/lib/top.js").map_err(|e| bad(&high_impact, e))?;
    let mut list = npm_list(&js).map_err(|e| bad(&high_impact, e))?;
    let archive = http.get_bytes(&counts, MAX_COUNTS_ARCHIVE).await?;
    let above = counts_in_tarball(&archive, NPM_MIN_MONTHLY).map_err(|e| bad(&counts, e))?;
    append_by_downloads(&mut list, above);
    Ok(Fetched::List(format!("{stamp}\n{list}")))
}

/// The tarball URL of an npm package's latest version.
async fn latest_tarball(http: &Http, src: &Sources, name: &str) -> Result<String, SourceError> {
    let meta_url = format!("{}/{name}/latest", src.npm_registry.trim_end_matches('/'));
    let meta = http.get_bytes(&meta_url, MAX_BYTES).await?;
    let meta: serde_json::Value =
        serde_json::from_slice(&meta).map_err(|e| bad(&meta_url, e.to_string()))?;
    match meta.pointer("/dist/tarball").and_then(|v| v.as_str()) {
        Some(t) if !t.contains(char::is_whitespace) => Ok(t.to_string()),
        _ => Err(bad(&meta_url, "no dist.tarball")),
    }
}

/// One file of an npm package tarball (gzip'd tar), bounded.
fn file_in_tarball(archive: &[u8], path: &str) -> Result<String, String> {
    with_file_in_tarball(archive, path, MAX_BYTES * 4, |entry| {
        let mut text = String::new();
        entry
            .take(MAX_BYTES)
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        Ok(text)
    })
}

/// Calls `read` on the entry `path` of a gzip'd tar, at most `limit`
/// bytes of the archive decompressed.
fn with_file_in_tarball<T>(
    archive: &[u8],
    path: &str,
    limit: u64,
    read: impl FnOnce(&mut dyn Read) -> Result<T, String>,
) -> Result<T, String> {
    let gz = flate2::read::GzDecoder::new(archive).take(limit);
    let mut tar = tar::Archive::new(gz);
    for entry in tar.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let is_it = entry
            .path()
            .map(|p| p.to_string_lossy() == path)
            .unwrap_or(false);
        if is_it {
            return read(&mut entry);
        }
    }
    Err(format!("{path} is not in the package"))
}

/// The names of `download-counts`' `package/counts.json` (`{"name":
/// downloads, …}`, every npm package) with at least `min` downloads, read
/// as a stream: the file is ~95 MB and only a few thousand entries are kept.
fn counts_in_tarball(archive: &[u8], min: u64) -> Result<Vec<(String, u64)>, String> {
    with_file_in_tarball(archive, "package/counts.json", MAX_COUNTS_JSON, |entry| {
        let reader = std::io::BufReader::with_capacity(1 << 16, entry.take(MAX_COUNTS_JSON));
        counts_at_least(reader, min)
    })
}

/// `{"name": downloads, …}` → the entries with at least `min` downloads.
/// Values that are not counts are skipped; anything but an object is an error.
pub fn counts_at_least(reader: impl Read, min: u64) -> Result<Vec<(String, u64)>, String> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Count {
        N(u64),
        Other(IgnoredAny),
    }
    struct Keep(u64);
    impl<'de> Visitor<'de> for Keep {
        type Value = Vec<(String, u64)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of package names and download counts")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(name) = map.next_key::<String>()? {
                if let Count::N(n) = map.next_value::<Count>()?
                    && n >= self.0
                    && valid_name(&name)
                {
                    out.push((name, n));
                }
            }
            Ok(out)
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let out = de.deserialize_map(Keep(min)).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(out)
}

/// Appends `counts` to a list, most downloaded first, leaving out names
/// already on it.
pub fn append_by_downloads(list: &mut String, mut counts: Vec<(String, u64)>) {
    let have: std::collections::HashSet<String> =
        list.lines().map(|l| l.to_ascii_lowercase()).collect();
    counts.retain(|(n, _)| !have.contains(&n.to_ascii_lowercase()));
    counts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (name, n) in counts {
        list.push_str(&name);
        list.push('\t');
        list.push_str(&n.to_string());
        list.push('\n');
    }
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
    fn download_counts_keep_popular_names_after_the_list_most_downloaded_first() {
        let json = br#"{"zzz":3,"lodash":900,"left-pad":250,"typo":null,"odd":"x","bad name":500,"@scope/pkg":250,"neg":-1}"#;
        let counts = counts_at_least(&json[..], 100).unwrap();
        assert_eq!(
            counts,
            [
                ("lodash".to_string(), 900),
                ("left-pad".to_string(), 250),
                ("@scope/pkg".to_string(), 250)
            ]
        );
        let mut list = "semver\nLodash\n".to_string();
        append_by_downloads(&mut list, counts);
        assert_eq!(list, "semver\nLodash\n@scope/pkg\t250\nleft-pad\t250\n");
        assert!(counts_at_least(&b"[1, 2]"[..], 1).is_err());
        assert!(counts_at_least(&b"{\"a\": 1"[..], 1).is_err());
        assert!(counts_at_least(&b"{} trailing"[..], 1).is_err());
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
