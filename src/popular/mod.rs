//! Popular-package lists (`popular/<ECOSYSTEM>.txt`: one name a line, most
//! popular first, optionally `TAB downloads`), fetched by `db update` and
//! stored under `$CCDEPS_HOME/popular/`.

pub mod sources;

use std::path::Path;

use crate::advisory::update::Base;
use crate::ecosystem::Ecosystem;
use crate::home::{Home, write_atomic};
use crate::http::{Http, HttpConfig};
use crate::redact;

/// Largest list accepted.
pub const MAX_LIST_BYTES: u64 = 64 << 20;

/// One popular name with its rank (0 = most popular) and downloads when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Popular {
    pub name: String,
    pub rank: u32,
    pub downloads: Option<u64>,
}

/// Parses a list; blank lines and `#` comments are skipped.
pub fn parse(text: &str) -> Vec<Popular> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .enumerate()
        .map(|(i, l)| {
            let mut cols = l.split('\t');
            let name = cols.next().unwrap_or("").trim().to_string();
            let downloads = cols.next().and_then(|d| d.trim().parse().ok());
            Popular {
                name,
                rank: i as u32,
                downloads,
            }
        })
        .filter(|p| !p.name.is_empty())
        .collect()
}

/// Reads the stored list of an ecosystem (`None` when there is none).
pub fn load(home: &Home, eco: Ecosystem) -> Option<Vec<Popular>> {
    let bytes = read_file(&home.popular(eco)).ok()?;
    Some(parse(&String::from_utf8_lossy(&bytes)))
}

/// Number of names stored for an ecosystem.
pub fn count(home: &Home, eco: Ecosystem) -> Option<usize> {
    load(home, eco).map(|l| l.len())
}

fn validate(bytes: &[u8], from: &str) -> Result<usize, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{from}: not UTF-8 text"))?;
    let n = parse(text).len();
    if n == 0 {
        return Err(format!("{from}: no names in the list"));
    }
    Ok(n)
}

/// Validates a list and stores it as the ecosystem's list (atomically);
/// returns the number of names. `from` names the source in errors.
pub fn install(home: &Home, eco: Ecosystem, bytes: &[u8], from: &str) -> Result<usize, String> {
    let n = validate(bytes, from)?;
    write_atomic(&home.popular(eco), bytes)
        .map_err(|e| format!("{}: {e}", home.popular(eco).display()))?;
    Ok(n)
}

/// The ecosystem of a list file named like the mirror layout's
/// (`npm.txt`, `PyPI.txt`, `crates.io.txt`).
pub fn list_file_ecosystem(path: &Path) -> Option<Ecosystem> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".txt")?;
    Ecosystem::ALL.into_iter().find(|e| e.osv_name() == stem)
}

/// Reads a list file, bounded.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    crate::home::read_bounded(path, MAX_LIST_BYTES).map_err(|e| format!("{}: {e}", path.display()))
}

/// A runtime and HTTP client for list downloads.
fn network() -> Result<(tokio::runtime::Runtime, Http), crate::http::HttpError> {
    crate::http::runtime().and_then(|rt| Http::new(HttpConfig::default()).map(|h| (rt, h)))
}

/// Fetches the lists for `ecosystems` from the default public sources
/// ([`sources`]), in the mirror layout.
pub fn update_from_sources(
    home: &Home,
    src: &sources::Sources,
    ecosystems: &[Ecosystem],
) -> Vec<(Ecosystem, Result<Option<usize>, String>)> {
    let (rt, http) = match network() {
        Ok(n) => n,
        Err(e) => {
            return ecosystems
                .iter()
                .map(|&eco| (eco, Err(e.to_string())))
                .collect();
        }
    };
    ecosystems
        .iter()
        .map(|&eco| {
            let current = read_file(&home.popular(eco))
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            let bar = crate::progress::spinner(true, &format!("{eco} popular names"));
            let fetched = rt.block_on(sources::fetch(&http, src, eco, current.as_deref()));
            crate::progress::finish(&bar);
            let result = fetched
                .map_err(|e| e.to_string())
                .and_then(|fetched| match fetched {
                    sources::Fetched::List(text) => {
                        install(home, eco, text.as_bytes(), eco.osv_name()).map(Some)
                    }
                    sources::Fetched::Unchanged => {
                        Ok(Some(current.as_deref().map_or(0, |c| parse(c).len())))
                    }
                });
            (eco, result)
        })
        .collect()
}

/// Fetches the lists for `ecosystems` from a base: a mirror's
/// `popular/<ECO>.txt`, or the default public sources for OSV's bucket
/// (which holds no lists).
pub fn update(
    home: &Home,
    base: &Base,
    ecosystems: &[Ecosystem],
) -> Vec<(Ecosystem, Result<Option<usize>, String>)> {
    if base.is_osv_bucket() {
        return update_from_sources(home, &sources::Sources::default(), ecosystems);
    }
    let mut out = Vec::new();
    let mut net: Option<(tokio::runtime::Runtime, Http)> = None;
    for &eco in ecosystems {
        let loc = base.popular(eco);
        let bytes: Result<Option<Vec<u8>>, String> = match base {
            Base::Dir(_) => {
                let p = Path::new(&loc);
                if !p.exists() {
                    Ok(None)
                } else {
                    read_file(p).map(Some)
                }
            }
            Base::Url(_) => {
                if net.is_none() {
                    match network() {
                        Ok(n) => net = Some(n),
                        Err(e) => {
                            out.push((eco, Err(e.to_string())));
                            continue;
                        }
                    }
                }
                match &net {
                    Some((rt, http)) => match rt.block_on(http.get_bytes(&loc, MAX_LIST_BYTES)) {
                        Ok(b) => Ok(Some(b)),
                        Err(crate::http::HttpError::Status { status: 404, .. }) => Ok(None),
                        Err(e) => Err(e.to_string()),
                    },
                    None => continue,
                }
            }
        };
        let result = bytes.and_then(|b| match b {
            None => Ok(None),
            Some(b) => install(home, eco, &b, &redact::url(&loc)).map(Some),
        });
        out.push((eco, result));
    }
    out
}
