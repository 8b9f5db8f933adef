//! Shared helpers for the integration tests: a temp home, the compiled
//! binary, and a tiny HTTP/1.1 server on 127.0.0.1 (std only).
#![allow(dead_code)]

pub mod repo;
pub mod server;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (for testdata paths).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn testdata(rel: &str) -> PathBuf {
    root().join("testdata").join(rel)
}

/// Asserts a process's exit status, showing its stderr when it differs.
pub fn assert_exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `ccdeps --home <home> …` with a clean environment for ccdeps's own variables.
pub fn ccdeps(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ccdeps").expect("binary");
    cmd.arg("--home").arg(home);
    cmd.env_remove("CCDEPS_HOME")
        .env_remove("CCDEPS_MANAGED_CONFIG")
        .env("NO_COLOR", "1");
    cmd
}

/// A home with the sample advisories imported.
pub fn sample_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("tempdir");
    ccdeps(home.path())
        .args(["db", "import"])
        .arg(testdata("osv/sample"))
        .arg(testdata("popular"))
        .assert()
        .success();
    home
}

/// Parses stdout as JSON.
pub fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

/// Writes a zip of `(name, bytes)` entries (deflated).
pub fn make_zip(path: &Path, entries: &[(&str, &[u8])]) {
    use std::io::Write;
    let f = std::fs::File::create(path).expect("create zip");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).expect("entry");
        z.write_all(bytes).expect("write entry");
    }
    z.finish().expect("finish zip");
}

/// The sample records as zip entries.
pub fn sample_entries() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(testdata("osv/sample"))
        .expect("sample dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}
