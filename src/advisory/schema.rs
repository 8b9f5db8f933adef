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
    // 2: affected rows clustered by package, each carrying what a match
    // reports. A lookup reads one package's rows; in a rowid table behind an
    // index they were scattered over the file, and each match cost a second
    // read of its advisory (p99 of 140 µs for a popular npm name among
    // 250,000 records). Keyed by (ecosystem, name) they sit side by side and
    // one statement reads them. Withdrawn records have no rows, as before.
    // `compiled`: the spec ready to evaluate (advisory/compiled.rs); rows
    // carried over from version 1 have none and are evaluated from JSON.
    // `fixed`: the ranges' fixed versions, a JSON array, for the report.
    r#"
    CREATE TABLE affected_v2 (
        ecosystem     TEXT NOT NULL,
        name          TEXT NOT NULL,
        advisory      INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        compiled      BLOB,
        spec          TEXT NOT NULL,
        id            TEXT NOT NULL,
        aliases       TEXT NOT NULL,
        summary       TEXT NOT NULL,
        malware       INTEGER NOT NULL,
        severity      TEXT NOT NULL,
        informational TEXT,
        fixed         TEXT NOT NULL,
        PRIMARY KEY (ecosystem, name, advisory, seq)
    ) WITHOUT ROWID;
    INSERT INTO affected_v2
        SELECT f.ecosystem, f.name, f.advisory, f.rowid, NULL, f.spec, a.id, a.aliases, a.summary,
               a.malware, COALESCE(f.severity, a.severity), f.informational,
               (SELECT json_group_array(json_extract(e.value, '$.f'))
                FROM json_each(f.spec, '$.r') r, json_each(r.value, '$.e') e
                WHERE json_extract(e.value, '$.f') IS NOT NULL)
        FROM affected f JOIN advisory a ON a.rowid = f.advisory WHERE a.withdrawn = 0;
    DROP TABLE affected;
    ALTER TABLE affected_v2 RENAME TO affected;
    CREATE INDEX affected_advisory ON affected(advisory);
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

/// Brings the database to [`CURRENT`], one migration per transaction.
/// Several processes may open an old database at once: each step takes the
/// write lock first and looks at the version again, so a step another
/// process has just applied is not applied twice.
pub fn migrate(conn: &mut Connection) -> Result<(), SchemaError> {
    loop {
        let found = version(conn)?;
        let step = match usize::try_from(found) {
            Ok(n) if n < MIGRATIONS.len() => n,
            Ok(n) if n == MIGRATIONS.len() => return Ok(()),
            _ => return Err(SchemaError::TooNew { found }),
        };
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if version(&tx)? == found {
            tx.execute_batch(MIGRATIONS[step])?;
            tx.pragma_update(None, "user_version", found + 1)?;
        }
        tx.commit()?;
    }
}

/// Reads the schema version without migrating.
pub fn version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version-1 database (affected rows in a rowid table) keeps its rows
    /// when opened by this build, now clustered by package.
    #[test]
    fn version_1_migrates_with_its_rows() -> Result<(), SchemaError> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch(MIGRATIONS[0])?;
        conn.pragma_update(None, "user_version", 1)?;
        conn.execute_batch(
            "INSERT INTO advisory VALUES (7, 'GHSA-x', '2024-01-01T00:00:00Z', NULL, 0, 0, 'HIGH', 's', '[]', 'osv:npm');
             INSERT INTO affected VALUES (7, 'npm', 'left-pad', NULL, NULL, '{\"v\":[\"1.0.0\"]}');
             INSERT INTO affected VALUES (7, 'npm', 'left-pad', 'LOW', NULL, '{\"r\":[{\"k\":\"S\",\"e\":[{\"i\":\"0\"},{\"f\":\"2.0.1\"}]}]}');",
        )?;
        migrate(&mut conn)?;
        assert_eq!(version(&conn)?, CURRENT);
        let rows: Vec<(String, String, String)> = conn
            .prepare("SELECT id, severity, fixed FROM affected WHERE ecosystem = 'npm' AND name = 'left-pad'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let row =
            |sev: &str, fixed: &str| ("GHSA-x".to_string(), sev.to_string(), fixed.to_string());
        assert_eq!(rows, [row("HIGH", "[]"), row("LOW", "[\"2.0.1\"]")]);
        // Clustered: no rowid any more; deleting the advisory still cascades.
        assert!(conn.prepare("SELECT rowid FROM affected").is_err());
        conn.execute_batch("PRAGMA foreign_keys=ON; DELETE FROM advisory WHERE rowid = 7;")?;
        let left: i64 = conn.query_row("SELECT COUNT(*) FROM affected", [], |r| r.get(0))?;
        assert_eq!(left, 0);
        Ok(())
    }

    #[test]
    fn a_newer_schema_is_refused() -> Result<(), SchemaError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "user_version", CURRENT + 1)?;
        assert!(matches!(
            migrate(&mut conn),
            Err(SchemaError::TooNew { found }) if found == CURRENT + 1
        ));
        Ok(())
    }
}
