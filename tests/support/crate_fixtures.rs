//! Small real `.crate` archives (gzip'd tar) and their sparse-index lines,
//! committed under `testdata/registry/crates/`. Regenerate with
//! `cargo test --test registry_checks -- --ignored regenerate_crate_fixtures`;
//! `crate_fixtures_match_their_index` keeps archives and checksums in step.

use std::io::Write;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

/// `(name, version, yanked, files)` of one fixture crate.
pub type Fixture = (
    &'static str,
    &'static str,
    bool,
    &'static [(&'static str, &'static str)],
);

/// Every fixture crate.
pub const CRATES: &[Fixture] = &[
    // An older-style manifest: the build script is found by convention.
    (
        "buildy",
        "1.0.0",
        false,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"buildy\"\nversion = \"1.0.0\"\nedition = \"2021\"\n",
            ),
            (
                "build.rs",
                "fn main() { println!(\"cargo:rerun-if-changed=build.rs\"); }\n",
            ),
            ("src/lib.rs", "pub fn f() {}\n"),
        ],
    ),
    (
        "macroish",
        "1.0.0",
        false,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"macroish\"\nversion = \"1.0.0\"\nedition = \"2021\"\nbuild = false\n\n[lib]\nproc-macro = true\n",
            ),
            ("src/lib.rs", "\n"),
        ],
    ),
    (
        "yankedcrate",
        "1.0.0",
        true,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"yankedcrate\"\nversion = \"1.0.0\"\nedition = \"2021\"\nbuild = false\n",
            ),
            ("src/lib.rs", "\n"),
        ],
    ),
    (
        "yankedcrate",
        "1.1.0",
        false,
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"yankedcrate\"\nversion = \"1.1.0\"\nedition = \"2021\"\nbuild = false\n",
            ),
            ("src/lib.rs", "\n"),
        ],
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/registry/crates")
}

/// Where the archive of `name@version` is served from (`config.json` `dl`).
pub fn archive_path(name: &str, version: &str) -> PathBuf {
    root().join("dl").join(format!("{name}-{version}.crate"))
}

/// The sparse index file of `name` (names here are longer than 3 letters).
pub fn index_path(name: &str) -> PathBuf {
    root().join(&name[..2]).join(&name[2..4]).join(name)
}

pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A deterministic `.crate`: every path under `name-version/`, fixed metadata.
pub fn build(name: &str, version: &str, files: &[(&str, &str)]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (path, body) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_cksum();
        tar.append_data(&mut h, format!("{name}-{version}/{path}"), body.as_bytes())
            .expect("append");
    }
    let raw = tar.into_inner().expect("tar");
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(&raw).expect("gzip");
    gz.finish().expect("gzip")
}

/// One sparse-index line.
pub fn index_line(name: &str, version: &str, yanked: bool, cksum: &str) -> String {
    serde_json::json!({
        "name": name, "vers": version, "deps": [], "cksum": cksum, "features": {},
        "yanked": yanked, "pubtime": "2024-01-01T00:00:00Z", "v": 2
    })
    .to_string()
}
