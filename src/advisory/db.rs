//! The local advisory database: one SQLite file in WAL mode under
//! `$CCDEPS_HOME`. Readers never block on a running update (WAL snapshots);
//! an update is one transaction, so a failed or killed update leaves the
//! previous contents intact.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::finding::Severity;

use super::compiled;
use super::osv::Record;
use super::schema::{self, SchemaError};

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

/// Counts for `db status`.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct EcosystemStatus {
    pub ecosystem: String,
    pub records: u64,
    pub malware: u64,
    pub vulnerabilities: u64,
    pub withdrawn: u64,
    pub packages: u64,
}

/// A source row: where an ecosystem's data came from and when.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SourceStatus {
    pub origin: String,
    pub ecosystem: Option<String>,
    pub location: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub updated_at: String,
    pub records: u64,
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

    /// Per-ecosystem counts.
    pub fn status(&self) -> Result<(Vec<EcosystemStatus>, Vec<SourceStatus>), DbError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT f.ecosystem, COUNT(DISTINCT a.rowid), \
                 COUNT(DISTINCT CASE WHEN a.malware = 1 THEN a.rowid END), \
                 COUNT(DISTINCT f.name) \
                 FROM affected f JOIN advisory a ON a.rowid = f.advisory \
                 WHERE a.withdrawn = 0 GROUP BY f.ecosystem ORDER BY f.ecosystem",
            )
            .map_err(sqlite(&self.path))?;
        let mut ecos: Vec<EcosystemStatus> = stmt
            .query_map([], |r| {
                let records: u64 = r.get(1)?;
                let malware: u64 = r.get(2)?;
                Ok(EcosystemStatus {
                    ecosystem: r.get(0)?,
                    records,
                    malware,
                    vulnerabilities: records - malware,
                    withdrawn: 0,
                    packages: r.get(3)?,
                })
            })
            .map_err(sqlite(&self.path))?
            .collect::<Result<_, _>>()
            .map_err(sqlite(&self.path))?;
        let withdrawn: u64 = conn
            .query_row(
                "SELECT COUNT(*) FROM advisory WHERE withdrawn = 1",
                [],
                |r| r.get(0),
            )
            .map_err(sqlite(&self.path))?;
        if let Some(first) = ecos.first_mut() {
            // Withdrawn records have no affected rows; report them once, overall.
            first.withdrawn = withdrawn;
        }
        let mut stmt = conn
            .prepare("SELECT origin, ecosystem, location, etag, last_modified, updated_at, records FROM source ORDER BY origin")
            .map_err(sqlite(&self.path))?;
        let sources = stmt
            .query_map([], |r| {
                Ok(SourceStatus {
                    origin: r.get(0)?,
                    ecosystem: r.get(1)?,
                    location: r.get(2)?,
                    etag: r.get(3)?,
                    last_modified: r.get(4)?,
                    updated_at: r.get(5)?,
                    records: r.get(6)?,
                })
            })
            .map_err(sqlite(&self.path))?
            .collect::<Result<_, _>>()
            .map_err(sqlite(&self.path))?;
        Ok((ecos, sources))
    }

    /// The stored conditional-request validators of a source.
    pub fn source(&self, origin: &str) -> Result<Option<SourceStatus>, DbError> {
        let conn = self.conn();
        conn.query_row(
            "SELECT origin, ecosystem, location, etag, last_modified, updated_at, records FROM source WHERE origin = ?1",
            [origin],
            |r| {
                Ok(SourceStatus {
                    origin: r.get(0)?,
                    ecosystem: r.get(1)?,
                    location: r.get(2)?,
                    etag: r.get(3)?,
                    last_modified: r.get(4)?,
                    updated_at: r.get(5)?,
                    records: r.get(6)?,
                })
            },
        )
        .optional()
        .map_err(sqlite(&self.path))
    }

    /// Runs `f` inside one write transaction; commits only when it returns `Ok`.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self.conn();
        let out = {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(sqlite(&self.path))?;
            let mut w = Writer {
                tx,
                path: &self.path,
            };
            let out = f(&mut w)?;
            w.tx.commit().map_err(sqlite(&self.path))?;
            out
        };
        // Fold the write-ahead log back into the database so it does not stay
        // as large as the update; readers holding a snapshot make this a
        // partial checkpoint, which is fine.
        let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
        Ok(out)
    }
}

/// What happened to one record offered to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Inserted,
    Replaced,
    /// The stored copy is newer (or the same): kept.
    KeptNewer,
}

/// A write transaction.
pub struct Writer<'c> {
    tx: rusqlite::Transaction<'c>,
    path: &'c Path,
}

impl Writer<'_> {
    /// Inserts a record, or replaces the stored copy when this one is at least
    /// as new (`modified`). Withdrawn records are stored without affected rows,
    /// so they never match and block an older live copy from coming back.
    pub fn put(&mut self, rec: &Record, origin: &str) -> Result<PutOutcome, DbError> {
        let err = sqlite(self.path);
        let existing: Option<(i64, String)> = self
            .tx
            .prepare_cached("SELECT rowid, modified FROM advisory WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([&rec.id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(&err)?;
        let outcome = match &existing {
            Some((_, stored)) if newer(stored, &rec.modified) => return Ok(PutOutcome::KeptNewer),
            Some((rowid, _)) => {
                self.tx
                    .prepare_cached("DELETE FROM advisory WHERE rowid = ?1")
                    .and_then(|mut s| s.execute([rowid]))
                    .map_err(&err)?;
                PutOutcome::Replaced
            }
            None => PutOutcome::Inserted,
        };
        let aliases = serde_json::to_string(&rec.aliases).unwrap_or_else(|_| "[]".into());
        self.tx
            .prepare_cached(
                "INSERT INTO advisory (id, modified, published, withdrawn, malware, severity, summary, aliases, origin) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    rec.id,
                    rec.modified,
                    rec.published,
                    rec.withdrawn,
                    rec.is_malware(),
                    rec.severity.as_str(),
                    rec.summary,
                    aliases,
                    origin
                ])
            })
            .map_err(&err)?;
        if rec.withdrawn {
            return Ok(outcome);
        }
        let rowid = self.tx.last_insert_rowid();
        let mut stmt = self
            .tx
            .prepare_cached(
                "INSERT INTO affected (advisory, seq, ecosystem, name, compiled, spec, id, aliases, summary, malware, severity, informational, fixed) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .map_err(&err)?;
        for (seq, a) in rec.affected.iter().enumerate() {
            let spec = serde_json::to_string(&a.spec).unwrap_or_else(|_| "{}".into());
            stmt.execute(params![
                rowid,
                seq as i64,
                a.ecosystem.osv_name(),
                a.name,
                compiled::compile(a.ecosystem, &a.spec),
                spec,
                rec.id,
                aliases,
                rec.summary,
                rec.is_malware(),
                a.severity.unwrap_or(rec.severity).as_str(),
                a.informational,
                serde_json::to_string(&a.spec.fixed()).unwrap_or_else(|_| "[]".into()),
            ])
            .map_err(&err)?;
        }
        Ok(outcome)
    }

    /// Removes every record that came from `origin` (before re-importing a full export).
    pub fn clear_origin(&mut self, origin: &str) -> Result<u64, DbError> {
        self.tx
            .execute("DELETE FROM advisory WHERE origin = ?1", [origin])
            .map(|n| n as u64)
            .map_err(sqlite(self.path))
    }

    /// Records where an origin's data came from.
    pub fn set_source(&mut self, s: &SourceStatus) -> Result<(), DbError> {
        self.tx
            .execute(
                "INSERT INTO source (origin, ecosystem, location, etag, last_modified, updated_at, records) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(origin) DO UPDATE SET \
                 ecosystem = excluded.ecosystem, location = excluded.location, etag = excluded.etag, \
                 last_modified = excluded.last_modified, updated_at = excluded.updated_at, records = excluded.records",
                params![s.origin, s.ecosystem, s.location, s.etag, s.last_modified, s.updated_at, s.records],
            )
            .map(drop)
            .map_err(sqlite(self.path))
    }
}

/// Is timestamp `a` strictly newer than `b`? RFC 3339 values compare as
/// instants (offsets and fractions differ between feeds); anything that does
/// not parse compares as text.
fn newer(a: &str, b: &str) -> bool {
    match (a.parse::<jiff::Timestamp>(), b.parse::<jiff::Timestamp>()) {
        (Ok(x), Ok(y)) => x > y,
        (Ok(_), Err(_)) => true,
        (Err(_), Ok(_)) => false,
        (Err(_), Err(_)) => a > b,
    }
}
