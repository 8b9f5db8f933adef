//! Reading the database's bookkeeping: per-ecosystem counts for `db status`
//! and the `source` rows (where each origin's data came from, and when).

use rusqlite::OptionalExtension;

use super::{AdvisoryDb, DbError, sqlite};

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

impl AdvisoryDb {
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
            .prepare(&format!("{SOURCE_ROW} ORDER BY origin"))
            .map_err(sqlite(&self.path))?;
        let sources = stmt
            .query_map([], source_row)
            .map_err(sqlite(&self.path))?
            .collect::<Result<_, _>>()
            .map_err(sqlite(&self.path))?;
        Ok((ecos, sources))
    }

    /// The stored conditional-request validators of a source.
    pub fn source(&self, origin: &str) -> Result<Option<SourceStatus>, DbError> {
        let conn = self.conn();
        conn.query_row(
            &format!("{SOURCE_ROW} WHERE origin = ?1"),
            [origin],
            source_row,
        )
        .optional()
        .map_err(sqlite(&self.path))
    }
}

/// The columns `source_row` reads, in its order.
const SOURCE_ROW: &str =
    "SELECT origin, ecosystem, location, etag, last_modified, updated_at, records FROM source";

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceStatus> {
    Ok(SourceStatus {
        origin: r.get(0)?,
        ecosystem: r.get(1)?,
        location: r.get(2)?,
        etag: r.get(3)?,
        last_modified: r.get(4)?,
        updated_at: r.get(5)?,
        records: r.get(6)?,
    })
}
