//! Reading one package's advisories: the lookup behind every advisory check.
//!
//! One statement reads the package's affected entries, which the schema
//! keeps side by side and which carry what a match reports (id, aliases,
//! summary, severity). Each entry is first evaluated in place, from its
//! compiled form or its JSON borrowed from the row ([`Stored`]); only the
//! entries that pass are copied out. A popular package has dozens of entries and a
//! lookup usually keeps few, so that first step is the one kept cheap.

use rusqlite::params;

use crate::ecosystem::Ecosystem;
use crate::finding::Severity;

use super::db::{AdvisoryDb, DbError, StoredAdvisory, sqlite};
use super::matcher::{Stored, StoredError};

/// An open read transaction over many lookups (see [`AdvisoryDb::read_session`]);
/// ends when dropped.
pub struct ReadSession<'a> {
    db: &'a AdvisoryDb,
    open: bool,
}

impl Drop for ReadSession<'_> {
    fn drop(&mut self) {
        if self.open {
            // A read transaction has nothing to lose: a failed end is only
            // a lock held until the connection closes.
            let _ = self.db.conn().execute_batch("COMMIT");
        }
    }
}

impl AdvisoryDb {
    /// Reads every lookup until the session is dropped from one snapshot,
    /// taking SQLite's read lock once instead of once per package (a scan
    /// of 3,500 packages made 7,000 lock calls). When a transaction cannot
    /// be opened, lookups simply run one by one.
    pub fn read_session(&self) -> ReadSession<'_> {
        let open = self.conn().execute_batch("BEGIN DEFERRED").is_ok();
        ReadSession { db: self, open }
    }

    /// Every live advisory entry for one package (normalized name).
    pub fn lookup(&self, ecosystem: Ecosystem, name: &str) -> Result<Vec<StoredAdvisory>, DbError> {
        self.lookup_matching(ecosystem, name, |_| Ok(true))
    }

    /// The live advisory entries for one package whose affected spec passes `keep`.
    pub fn lookup_matching(
        &self,
        ecosystem: Ecosystem,
        name: &str,
        mut keep: impl FnMut(&Stored<'_>) -> Result<bool, StoredError>,
    ) -> Result<Vec<StoredAdvisory>, DbError> {
        let conn = self.conn();
        let err = sqlite(self.path());
        let corrupt = |id: &str, why: String| DbError::Corrupt {
            path: self.path().to_path_buf(),
            id: id.to_string(),
            why,
        };
        let mut stmt = conn
            .prepare_cached(
                "SELECT compiled, spec, id, aliases, summary, malware, severity, informational, fixed \
                 FROM affected WHERE ecosystem = ?1 AND name = ?2",
            )
            .map_err(&err)?;
        let mut rows = stmt
            .query(params![ecosystem.osv_name(), name])
            .map_err(&err)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&err)? {
            let entry = Stored {
                compiled: r
                    .get_ref(0)
                    .and_then(|v| Ok(v.as_blob_or_null()?))
                    .map_err(&err)?,
                json: r.get_ref(1).and_then(|v| Ok(v.as_str()?)).map_err(&err)?,
            };
            match keep(&entry) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    return Err(corrupt(
                        &r.get::<_, String>(2).unwrap_or_default(),
                        e.to_string(),
                    ));
                }
            }
            let id: String = r.get(2).map_err(&err)?;
            let list = |col: usize| -> Result<Vec<String>, DbError> {
                let text = r.get_ref(col).and_then(|v| Ok(v.as_str()?)).map_err(&err)?;
                serde_json::from_str(text).map_err(|e| corrupt(&id, e.to_string()))
            };
            let aliases = list(3)?;
            let fixed = list(8)?;
            let severity = r.get_ref(6).and_then(|v| Ok(v.as_str()?)).map_err(&err)?;
            out.push(StoredAdvisory {
                severity: Severity::parse_label(severity).unwrap_or(Severity::Unknown),
                aliases,
                summary: r.get(4).map_err(&err)?,
                malware: r.get(5).map_err(&err)?,
                informational: r.get(7).map_err(&err)?,
                fixed,
                id,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::import::{ImportError, Importer};
    use super::*;
    use crate::ecosystem::PackageName;

    #[test]
    fn a_read_session_sees_the_same_answers_and_ends_when_dropped() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = AdvisoryDb::open_or_create(&dir.path().join("a.db")).expect("db");
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/osv/sample");
        let import = |db: &AdvisoryDb| {
            db.write(|w| Importer::new(w, "test").import_path(&sample))
                .map_err(|e: ImportError| e.to_string())
        };
        import(&db).expect("import");
        let lodash = PackageName::new(Ecosystem::Npm, "lodash");
        let ids = |db: &AdvisoryDb| -> Vec<String> {
            let m = db.matches(&lodash, "4.17.20").expect("lookup");
            m.into_iter().map(|m| m.id).collect()
        };
        let alone = ids(&db);
        assert!(!alone.is_empty());
        {
            let _s = db.read_session();
            assert_eq!(ids(&db), alone);
            assert_eq!(ids(&db), alone);
        }
        // The transaction is over: the same connection writes again.
        import(&db).expect("write after the session");
    }
}
