//! Writing: one transaction per update ([`AdvisoryDb::write`]), records put
//! in (newest `modified` wins), origins cleared and source rows recorded.

use std::path::Path;

use rusqlite::{OptionalExtension, params};

use crate::advisory::compiled;
use crate::advisory::osv::Record;

use super::{AdvisoryDb, DbError, SourceStatus, sqlite};

impl AdvisoryDb {
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
