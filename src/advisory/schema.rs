//! The advisory database schema and its migrations.
//!
//! The schema version lives in SQLite's `user_version`. Each migration is a
//! batch of SQL run in one transaction; opening a database applies the ones
//! it lacks. A database from a newer ccdeps is refused rather than guessed at.

use rusqlite::Connection;

/// Migrations, oldest first; index + 1 is the version each one produces.
const MIGRATIONS: &[&str] = &[
    // 1: advisories, their affected packages, and the sources they came from.
    r#"
    CREATE TABLE advisory (
        rowid      INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        modified   TEXT NOT NULL,
        published  TEXT,
        withdrawn  INTEGER NOT NULL,
        malware    INTEGER NOT NULL,
        severity   TEXT NOT NULL,
        summary    TEXT NOT NULL,
        aliases    TEXT NOT NULL,
        origin     TEXT NOT NULL
    );
    CREATE TABLE affected (
        advisory      INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
        ecosystem     TEXT NOT NULL,
        name          TEXT NOT NULL,
        severity      TEXT,
        informational TEXT,
        spec          TEXT NOT NULL
    );
    CREATE INDEX affected_package ON affected(ecosystem, name);
    CREATE INDEX affected_advisory ON affected(advisory);
    CREATE INDEX advisory_origin ON advisory(origin);
    CREATE TABLE source (
        origin        TEXT PRIMARY KEY,
        ecosystem     TEXT,
        location      TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        updated_at    TEXT NOT NULL,
        records       INTEGER NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub const CURRENT: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "the advisory database has schema version {found}, newer than this ccdeps understands ({CURRENT}); upgrade ccdeps or remove the database and run `ccdeps db update`"
    )]
    TooNew { found: i64 },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// Brings the database to [`CURRENT`].
pub fn migrate(conn: &mut Connection) -> Result<(), SchemaError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > CURRENT {
        return Err(SchemaError::TooNew { found });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Reads the schema version without migrating.
pub fn version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}
