//! `$CCDEPS_HOME`: where the advisory database, popular-name lists, HTTP
//! cache and audit log live. Resolved once: `--home`, else `CCDEPS_HOME`,
//! else `$XDG_DATA_HOME/ccdeps`, else `~/.local/share/ccdeps`.

use std::path::{Path, PathBuf};

use crate::ecosystem::Ecosystem;

#[derive(Clone, Debug)]
pub struct Home {
    root: PathBuf,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot find a home for ccdeps's data: set CCDEPS_HOME or pass --home DIR")]
pub struct NoHome;

impl Home {
    pub fn new(root: impl Into<PathBuf>) -> Home {
        Home { root: root.into() }
    }

    /// Resolves the home from an explicit flag or the environment.
    pub fn resolve(flag: Option<&Path>) -> Result<Home, NoHome> {
        if let Some(p) = flag {
            return Ok(Home::new(p));
        }
        let var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if let Some(p) = var("CCDEPS_HOME") {
            return Ok(Home::new(p));
        }
        if let Some(p) = var("XDG_DATA_HOME") {
            return Ok(Home::new(p.join("ccdeps")));
        }
        var("HOME")
            .map(|h| Home::new(h.join(".local/share/ccdeps")))
            .ok_or(NoHome)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The advisory database file.
    pub fn db(&self) -> PathBuf {
        self.root.join(crate::advisory::db::DB_FILE)
    }

    /// Popular-package list of an ecosystem (`popular/<ECOSYSTEM>.txt`, the mirror layout).
    pub fn popular(&self, eco: Ecosystem) -> PathBuf {
        self.root
            .join("popular")
            .join(format!("{}.txt", eco.osv_name()))
    }

    /// A versioned cache bucket (`cache/<bucket>-v<N>/`).
    pub fn cache(&self, bucket: &str, version: u32) -> PathBuf {
        self.root.join("cache").join(format!("{bucket}-v{version}"))
    }

    /// Scratch space for downloads (same filesystem as the data, so renames are atomic).
    pub fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The audit log of `run` and `hook` decisions.
    pub fn audit_log(&self) -> PathBuf {
        self.root.join("audit.jsonl")
    }
}

/// Reads a whole file of at most `limit` bytes; a larger file is an
/// `InvalidData` error (never a silent truncation).
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut v = Vec::new();
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut v)?;
    if v.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} MiB", limit >> 20),
        ));
    }
    Ok(v)
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
