//! `ccdeps db update`: fetch `<base>/<ECOSYSTEM>/all.zip` for each ecosystem
//! (OSV's public bucket by default, or a mirror URL or folder with the same
//! layout) and replace that ecosystem's records in one transaction.
//!
//! An unchanged export is not fetched again (ETag / Last-Modified for URLs;
//! size and mtime for folders). A failed download or import leaves the
//! previous data as it was and names the URL or file.

use std::path::{Path, PathBuf};

use crate::ecosystem::Ecosystem;
use crate::home::Home;
use crate::http::{Download, Http, HttpConfig, HttpError, Validators};
use crate::redact;

use super::db::{AdvisoryDb, SourceStatus};
use super::import::{ImportError, ImportStats, Importer};

/// OSV's public export bucket.
pub const OSV_BASE: &str = "https://osv-vulnerabilities.storage.googleapis.com";
/// Largest export accepted (OSV's npm export is a few hundred MiB).
pub const MAX_EXPORT_BYTES: u64 = 4 << 30;

/// Where exports come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    Url(String),
    Dir(PathBuf),
}

impl Base {
    /// `http(s)://…` is a URL, `file://…` and anything else a folder.
    pub fn parse(s: &str) -> Base {
        if s.starts_with("http://") || s.starts_with("https://") {
            Base::Url(s.trim_end_matches('/').to_string())
        } else {
            Base::Dir(PathBuf::from(s.strip_prefix("file://").unwrap_or(s)))
        }
    }

    /// The export location of one ecosystem.
    pub fn export(&self, eco: Ecosystem) -> String {
        match self {
            Base::Url(u) => format!("{u}/{}/all.zip", eco.osv_name()),
            Base::Dir(d) => d.join(eco.osv_name()).join("all.zip").display().to_string(),
        }
    }

    /// The popular-name list of one ecosystem in the mirror layout.
    pub fn popular(&self, eco: Ecosystem) -> String {
        match self {
            Base::Url(u) => format!("{u}/popular/{}.txt", eco.osv_name()),
            Base::Dir(d) => d
                .join("popular")
                .join(format!("{}.txt", eco.osv_name()))
                .display()
                .to_string(),
        }
    }

    /// OSV's own bucket has advisories only; popular lists come from elsewhere.
    pub fn is_osv_bucket(&self) -> bool {
        matches!(self, Base::Url(u) if u == OSV_BASE)
    }
}

/// What happened to one ecosystem.
#[derive(Debug)]
pub enum Outcome {
    Updated {
        location: String,
        stats: ImportStats,
    },
    Unchanged {
        location: String,
    },
    Failed {
        location: String,
        error: String,
    },
}

#[derive(Debug, thiserror::Error)]
enum StepError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Db(#[from] super::db::DbError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Options for one update run.
pub struct Options {
    pub base: Base,
    pub ecosystems: Vec<Ecosystem>,
    pub http: HttpConfig,
    /// Show progress bars (only when stderr is a terminal).
    pub progress: bool,
}

fn origin(eco: Ecosystem) -> String {
    format!("osv:{}", eco.osv_name())
}

/// Updates every requested ecosystem; one failing does not stop the others.
pub fn update(db: &AdvisoryDb, home: &Home, opts: &Options) -> Vec<(Ecosystem, Outcome)> {
    let rt_and_http =
        crate::http::runtime().and_then(|rt| Http::new(opts.http.clone()).map(|h| (rt, h)));
    opts.ecosystems
        .iter()
        .map(|&eco| {
            let location = opts.base.export(eco);
            let shown = redact::url(&location);
            let result = match (&opts.base, &rt_and_http) {
                (Base::Dir(_), _) => update_from_file(db, eco, Path::new(&location)),
                (Base::Url(_), Ok((rt, http))) => rt.block_on(update_from_url(
                    db,
                    home,
                    http,
                    eco,
                    &location,
                    opts.progress,
                )),
                (Base::Url(_), Err(e)) => Err(StepError::Http(HttpError::Client(e.to_string()))),
            };
            let outcome = match result {
                Ok(Some(stats)) => Outcome::Updated {
                    location: shown,
                    stats,
                },
                Ok(None) => Outcome::Unchanged { location: shown },
                Err(e) => Outcome::Failed {
                    location: shown,
                    error: redact::url(&e.to_string()),
                },
            };
            (eco, outcome)
        })
        .collect()
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Replaces an ecosystem's records with the export at `zip`, in one transaction.
fn replace_from_zip(
    db: &AdvisoryDb,
    eco: Ecosystem,
    zip: &Path,
    location: &str,
    validators: &Validators,
    progress: Option<Box<dyn FnMut(u64, u64) + '_>>,
) -> Result<ImportStats, StepError> {
    let origin = origin(eco);
    db.write(|w| {
        w.clear_origin(&origin)?;
        let stats = {
            let mut imp = Importer::new(w, &origin);
            imp.progress = progress;
            imp.import_zip(zip)?;
            imp.stats
        };
        w.set_source(&SourceStatus {
            origin: origin.clone(),
            ecosystem: Some(eco.osv_name().to_string()),
            location: redact::url(location),
            etag: validators.etag.clone(),
            last_modified: validators.last_modified.clone(),
            updated_at: now(),
            records: stats.stored() + stats.kept_newer,
        })?;
        Ok::<_, StepError>(stats)
    })
}

fn file_validator(path: &Path) -> Result<Validators, StepError> {
    let meta = std::fs::metadata(path).map_err(|source| StepError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(Validators {
        etag: Some(format!("file:{}:{}", meta.len(), mtime)),
        last_modified: None,
    })
}

fn update_from_file(
    db: &AdvisoryDb,
    eco: Ecosystem,
    path: &Path,
) -> Result<Option<ImportStats>, StepError> {
    let validators = file_validator(path)?;
    let location = path.display().to_string();
    if let Some(prev) = db.source(&origin(eco))? {
        if prev.location == location && prev.etag == validators.etag {
            return Ok(None);
        }
    }
    replace_from_zip(db, eco, path, &location, &validators, None).map(Some)
}

async fn update_from_url(
    db: &AdvisoryDb,
    home: &Home,
    http: &Http,
    eco: Ecosystem,
    url: &str,
    progress: bool,
) -> Result<Option<ImportStats>, StepError> {
    let shown = redact::url(url);
    let previous = match db.source(&origin(eco))? {
        Some(s) if s.location == shown => Validators {
            etag: s.etag,
            last_modified: s.last_modified,
        },
        _ => Validators::default(),
    };
    let tmp_dir = home.tmp();
    std::fs::create_dir_all(&tmp_dir).map_err(|source| StepError::Io {
        path: tmp_dir.display().to_string(),
        source,
    })?;
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{}-", eco.osv_name()))
        .suffix(".zip")
        .tempfile_in(&tmp_dir)
        .map_err(|source| StepError::Io {
            path: tmp_dir.display().to_string(),
            source,
        })?;
    let bar = crate::progress::bytes_bar(progress, &format!("{eco} advisories"));
    let dl = http
        .download(
            url,
            tmp.path(),
            &previous,
            MAX_EXPORT_BYTES,
            |done, total| crate::progress::advance(&bar, done, total),
        )
        .await;
    crate::progress::finish(&bar);
    match dl? {
        Download::NotModified => Ok(None),
        Download::Fetched { validators, .. } => {
            let bar = crate::progress::count_bar(progress, &format!("{eco} import"));
            let b2 = bar.clone();
            let cb: Box<dyn FnMut(u64, u64)> =
                Box::new(move |done, total| crate::progress::advance(&b2, done, Some(total)));
            let stats = replace_from_zip(db, eco, tmp.path(), &shown, &validators, Some(cb));
            crate::progress::finish(&bar);
            stats.map(Some)
        }
    }
}
