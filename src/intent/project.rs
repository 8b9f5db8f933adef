//! The one cheap look at the project that build-like commands need: would
//! this `cargo build` / `uv run` change the lockfile?
//!
//! Rule (documented in docs/ARCHITECTURE.md): walking up from the starting
//! folder, find the nearest manifest (`Cargo.toml`, `pyproject.toml`) and the
//! nearest lockfile (`Cargo.lock`, `uv.lock`). No lockfile → the command will
//! resolve and write one: an install. A manifest modified after the lockfile
//! → the dependencies may have changed: an install. Otherwise the lockfile
//! stands and the command only fetches what it pins: a pass-through. Only
//! `stat` calls, at most a few per folder level; nothing is read.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the stat says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockState {
    /// No manifest above the folder: not a project (the tool will complain).
    NoProject,
    /// A manifest but no lockfile: the command would create one.
    NoLock,
    /// The manifest changed after the lockfile was written.
    Stale,
    /// The lockfile is newer than every manifest looked at.
    Fresh,
}

/// Looks for `manifest` and `lock` from `start` upwards.
pub fn lock_state(start: &Path, manifest: &str, lock: &str) -> LockState {
    let mut nearest_manifest: Option<SystemTime> = None;
    let mut found_manifest = false;
    let mut newest_manifest: Option<SystemTime> = None;
    let mut dir: Option<&Path> = Some(start);
    while let Some(d) = dir {
        if let Ok(m) = std::fs::metadata(d.join(manifest)) {
            found_manifest = true;
            let t = m.modified().ok();
            if nearest_manifest.is_none() {
                nearest_manifest = t;
            }
            newest_manifest = newest_manifest.max(t);
        }
        if let Ok(l) = std::fs::metadata(d.join(lock)) {
            if !found_manifest {
                // A lockfile with no manifest below it: someone else's project.
                return LockState::NoProject;
            }
            return match (l.modified().ok(), newest_manifest) {
                (Some(lt), Some(mt)) if mt > lt => LockState::Stale,
                _ => LockState::Fresh,
            };
        }
        dir = d.parent();
    }
    if found_manifest {
        LockState::NoLock
    } else {
        LockState::NoProject
    }
}

/// The folder a command works in: `-C DIR`/`--directory` etc. when given
/// (relative to the current folder), else the current folder.
pub fn start_dir(explicit: Option<&str>) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match explicit {
        Some(d) if !d.is_empty() => cwd.join(d),
        _ => cwd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::time::Duration;

    fn touch(p: &Path, age_secs: u64) {
        fs::write(p, "").unwrap();
        let t = SystemTime::now() - Duration::from_secs(age_secs);
        fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    #[test]
    fn states() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let sub = root.join("crates/a");
        fs::create_dir_all(&sub).unwrap();
        assert_eq!(
            lock_state(&sub, "Cargo.toml", "Cargo.lock"),
            LockState::NoProject
        );
        touch(&sub.join("Cargo.toml"), 100);
        assert_eq!(
            lock_state(&sub, "Cargo.toml", "Cargo.lock"),
            LockState::NoLock
        );
        touch(&root.join("Cargo.toml"), 100);
        touch(&root.join("Cargo.lock"), 50);
        assert_eq!(
            lock_state(&sub, "Cargo.toml", "Cargo.lock"),
            LockState::Fresh
        );
        touch(&sub.join("Cargo.toml"), 10);
        assert_eq!(
            lock_state(&sub, "Cargo.toml", "Cargo.lock"),
            LockState::Stale
        );
    }
}
