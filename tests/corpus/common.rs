//! Locating the corpus. Fails loudly when it is not there.

use std::path::PathBuf;

/// The corpus root from `CCDEPS_CORPUS` (panics when unset or missing).
pub fn corpus() -> PathBuf {
    let Some(v) = std::env::var_os("CCDEPS_CORPUS") else {
        panic!(
            "CCDEPS_CORPUS is not set: point it at the shared data (CCDEPS_CORPUS=../shared/data)"
        );
    };
    let p = PathBuf::from(v);
    let p = if p.is_relative() {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
    } else {
        p
    };
    assert!(p.is_dir(), "CCDEPS_CORPUS={} is not a folder", p.display());
    p
}

/// A file or folder inside the corpus (panics when missing).
pub fn path(rel: &str) -> PathBuf {
    let p = corpus().join(rel);
    assert!(p.exists(), "corpus file {} is missing", p.display());
    p
}
