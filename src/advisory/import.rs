//! Reading OSV data into the database: single `.json` records, folders of
//! them (recursively), and OSV `all.zip` exports.
//!
//! Bounded by design: a zip is read entry by entry (never extracted), every
//! entry and file is capped at [`MAX_RECORD_BYTES`] whatever its header
//! claims, and entry names that try to leave the archive (`../`, absolute
//! paths) are refused. A bad record is counted and skipped with its reason;
//! an unreadable archive aborts the whole import, so a truncated export never
//! replaces good data.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::db::{DbError, PutOutcome, Writer};
use super::osv::Record;

/// Largest single OSV record accepted (real records are a few KiB; the
/// biggest in OSV's exports are under 2 MiB).
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;
/// How many rejection reasons an import keeps for its summary.
const KEEP_REASONS: usize = 5;

/// Counts and the first reasons of an import.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ImportStats {
    /// Records read and valid.
    pub records: u64,
    pub inserted: u64,
    pub replaced: u64,
    /// Valid records not stored because the database holds a newer copy.
    pub kept_newer: u64,
    /// Valid records that affect none of npm, PyPI, crates.io.
    pub other_ecosystems: u64,
    pub withdrawn: u64,
    pub rejected: u64,
    /// The first few rejection reasons, each naming file/entry.
    pub reasons: Vec<String>,
}

impl ImportStats {
    fn reject(&mut self, reason: String) {
        self.rejected += 1;
        if self.reasons.len() < KEEP_REASONS {
            self.reasons.push(reason);
        }
    }

    pub fn stored(&self) -> u64 {
        self.inserted + self.replaced
    }
}

/// A failure that stops the import (the transaction is rolled back).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: not a readable zip archive (truncated or corrupt): {why}")]
    BadZip { path: PathBuf, why: String },
    #[error("{path}: neither an OSV .json file, a folder, nor a .zip export")]
    Unsupported { path: PathBuf },
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Feeds records to a database writer and keeps the counts.
pub struct Importer<'w, 'c> {
    writer: &'w mut Writer<'c>,
    origin: String,
    pub stats: ImportStats,
    /// Called after each zip entry with (entries done, entries total).
    pub progress: Option<Box<dyn FnMut(u64, u64) + 'w>>,
}

impl<'w, 'c> Importer<'w, 'c> {
    pub fn new(writer: &'w mut Writer<'c>, origin: &str) -> Importer<'w, 'c> {
        Importer {
            writer,
            origin: origin.to_string(),
            stats: ImportStats::default(),
            progress: None,
        }
    }

    /// Imports a file, a folder (recursively) or a zip export.
    pub fn import_path(&mut self, path: &Path) -> Result<(), ImportError> {
        let meta = std::fs::metadata(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.is_dir() {
            return self.import_dir(path);
        }
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("zip") => self.import_zip(path),
            Some("json") => self.import_json_file(path),
            _ => Err(ImportError::Unsupported {
                path: path.to_path_buf(),
            }),
        }
    }

    fn import_dir(&mut self, dir: &Path) -> Result<(), ImportError> {
        let io_err = |source| ImportError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io_err)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io_err)?;
        entries.sort();
        for p in entries {
            let ft = std::fs::symlink_metadata(&p).map_err(|source| ImportError::Io {
                path: p.clone(),
                source,
            })?;
            if ft.is_dir() {
                self.import_dir(&p)?;
            } else if ft.is_file() {
                match p
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("json") => self.import_json_file(&p)?,
                    Some("zip") => self.import_zip(&p)?,
                    _ => {}
                }
            }
            // Symlinks are not followed: a folder of records is data, not a map of the disk.
        }
        Ok(())
    }

    fn import_json_file(&mut self, path: &Path) -> Result<(), ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let label = path.display().to_string();
        match read_capped(file, MAX_RECORD_BYTES) {
            Ok(bytes) => self.offer(&label, &bytes),
            Err(CappedError::TooBig) => {
                self.stats.reject(format!(
                    "{label}: larger than {} MiB, skipped",
                    MAX_RECORD_BYTES >> 20
                ));
                Ok(())
            }
            Err(CappedError::Io(source)) => Err(ImportError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Reads an OSV export entry by entry.
    pub fn import_zip(&mut self, path: &Path) -> Result<(), ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let bad = |why: String| ImportError::BadZip {
            path: path.to_path_buf(),
            why,
        };
        let mut zip =
            zip::ZipArchive::new(io::BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
        let total = zip.len() as u64;
        let mut buf = Vec::with_capacity(64 * 1024);
        for i in 0..zip.len() {
            let mut entry = zip
                .by_index(i)
                .map_err(|e| bad(format!("entry {i}: {e}")))?;
            let name = match entry.name() {
                Ok(n) => n.into_owned(),
                Err(e) => {
                    self.stats.reject(format!(
                        "{}: entry {i}: unreadable name ({e}), skipped",
                        path.display()
                    ));
                    continue;
                }
            };
            let label = format!("{}:{}", path.display(), name);
            if entry.is_dir() {
                continue;
            }
            if entry.enclosed_name().is_none() || name.split(['/', '\\']).any(|c| c == "..") {
                self.stats.reject(format!(
                    "{label}: entry name leaves the archive (path traversal), skipped"
                ));
                continue;
            }
            if !name.to_ascii_lowercase().ends_with(".json") {
                continue;
            }
            if entry.size() > MAX_RECORD_BYTES {
                self.stats.reject(format!(
                    "{label}: declares {} bytes uncompressed, over the {} MiB cap, skipped",
                    entry.size(),
                    MAX_RECORD_BYTES >> 20
                ));
                continue;
            }
            buf.clear();
            match (&mut entry)
                .take(MAX_RECORD_BYTES + 1)
                .read_to_end(&mut buf)
            {
                Ok(n) if n as u64 > MAX_RECORD_BYTES => {
                    self.stats.reject(format!(
                        "{label}: inflates past the {} MiB cap (size header lies), skipped",
                        MAX_RECORD_BYTES >> 20
                    ));
                    continue;
                }
                Ok(_) => {}
                // A CRC or inflate error means the archive itself is damaged.
                Err(e) => return Err(bad(format!("{name}: {e}"))),
            }
            self.offer(&label, &buf)?;
            if let Some(p) = self.progress.as_mut() {
                p(i as u64 + 1, total);
            }
        }
        Ok(())
    }

    /// Validates one record and stores it.
    pub fn offer(&mut self, label: &str, bytes: &[u8]) -> Result<(), ImportError> {
        let rec = match Record::from_json(bytes) {
            Ok(r) => r,
            Err(e) => {
                self.stats.reject(format!("{label}: {e}"));
                return Ok(());
            }
        };
        self.stats.records += 1;
        if rec.affected.is_empty() && !rec.withdrawn {
            self.stats.other_ecosystems += 1;
            return Ok(());
        }
        if rec.withdrawn {
            self.stats.withdrawn += 1;
        }
        match self.writer.put(&rec, &self.origin)? {
            PutOutcome::Inserted => self.stats.inserted += 1,
            PutOutcome::Replaced => self.stats.replaced += 1,
            PutOutcome::KeptNewer => self.stats.kept_newer += 1,
        }
        Ok(())
    }
}

enum CappedError {
    TooBig,
    Io(io::Error),
}

fn read_capped(r: impl Read, cap: u64) -> Result<Vec<u8>, CappedError> {
    let mut buf = Vec::new();
    let n = r
        .take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(CappedError::Io)?;
    if n as u64 > cap {
        return Err(CappedError::TooBig);
    }
    Ok(buf)
}
