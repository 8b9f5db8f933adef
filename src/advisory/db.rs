//! The local advisory database: one SQLite file in WAL mode under
//! `$CCDEPS_HOME`. Readers never block on a running update (WAL snapshots);
//! an update is one transaction, so a failed or killed update leaves the
//! previous contents intact.
//!
//! - this file: the handle, opening (WAL, migration) and errors;
//! - `status`: counts for `db status` and the stored source rows;
//! - `writer`: the write transaction and what it puts in.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::finding::Severity;

use super::schema::{self, SchemaError};

mod status;
mod writer;

pub use status::{EcosystemStatus, SourceStatus};
pub use writer::{PutOutcome, Writer};

/// File name of the database inside `$CCDEPS_HOME`.
pub const DB_FILE: &str = "advisories.db";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "no advisory database at {0}: run `ccdeps db update` (or `ccdeps db import PATH`) first"
    )]
    Missing(PathBuf),
    #[error("advisory database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("advisory database {path}: {source}")]
    Schema {
        path: PathBuf,
        #[source]
        source: SchemaError,
    },
    #[error("advisory database {path}: stored record {id} is corrupt: {why}")]
    Corrupt {
        path: PathBuf,
        id: String,
        why: String,
    },
}

/// One affected-package entry with what its advisory says.
#[derive(Clone, Debug)]
pub struct StoredAdvisory {
    pub id: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub malware: bool,
    pub severity: Severity,
    pub informational: Option<String>,
    /// The `fixed` versions of the entry's ranges, in record order.
    pub fixed: Vec<String>,
}

/// The database handle. `Sync`: one connection behind a mutex (lookups are
/// microseconds; checks run them in sequence).
pub struct AdvisoryDb {
    path: PathBuf,
    conn: Mutex<Connection>,
}

pub(super) fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> DbError + '_ {
    move |source| DbError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

fn configure(conn: &Connection, path: &Path) -> Result<(), DbError> {
    conn.busy_timeout(Duration::from_secs(30))
        .map_err(sqlite(path))?;
    conn.execute_batch(
        // WAL: readers never wait for an update. A generous page cache and a
        // memory map keep a 250,000-record import and busy lookups off pread().
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; \
         PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY; \
         PRAGMA journal_size_limit=67108864;",
    )
    .map_err(sqlite(path))
}

impl AdvisoryDb {
    /// Opens an existing database (for checks). A missing file is
    /// [`DbError::Missing`], never an empty database that would allow everything.
    pub fn open(path: &Path) -> Result<AdvisoryDb, DbError> {
        if !path.is_file() {
            return Err(DbError::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(sqlite(path))?;
        configure(&conn, path)?;
        schema::migrate(&mut conn).map_err(|source| DbError::Schema {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(AdvisoryDb {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
        })
    }

    /// Opens or creates the database (for imports and updates).
    pub fn open_or_create(path: &Path) -> Result<AdvisoryDb, DbError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| DbError::Sqlite {
                path: path.to_path_buf(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        let mut conn = Connection::open(path).map_err(sqlite(path))?;
        configure(&conn, path)?;
        schema::migrate(&mut conn).map_err(|source| DbError::Schema {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(AdvisoryDb {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}
