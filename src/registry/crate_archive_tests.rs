//! `.crate` archives built in memory: manifests old and new, proc-macros,
//! stray paths, and archives that must be refused.

use std::io::Write;

use super::*;

/// A gzip'd tar of `(path, contents)`.
fn archive(files: &[(&str, &str)]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (path, body) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(body.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, path, body.as_bytes())
            .expect("append");
    }
    let raw = tar.into_inner().expect("tar");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&raw).expect("gzip");
    gz.finish().expect("gzip")
}

const PLAIN: &str = "[package]\nname = \"x\"\nversion = \"1.0.0\"\n";

#[test]
fn build_scripts_by_convention_and_by_manifest() {
    // Older crates: build.rs found by convention, before or after Cargo.toml.
    for files in [
        vec![
            ("x-1.0.0/Cargo.toml", PLAIN),
            ("x-1.0.0/build.rs", "fn main(){}"),
        ],
        vec![
            ("x-1.0.0/build.rs", "fn main(){}"),
            ("x-1.0.0/Cargo.toml", PLAIN),
        ],
    ] {
        let f = inspect(&archive(&files), "x-1.0.0").expect("inspect");
        assert_eq!(f.scripts(), ["build.rs"]);
    }
    // `build = false` (what `cargo package` writes now) wins over a stray file.
    let m = "[package]\nname = \"x\"\nbuild = false\n";
    let f = inspect(
        &archive(&[("x-1.0.0/Cargo.toml", m), ("x-1.0.0/build.rs", "")]),
        "x-1.0.0",
    )
    .expect("inspect");
    assert!(f.scripts().is_empty());
    let m = "[package]\nname = \"x\"\nbuild = \"tools/gen.rs\"\nlinks = \"z\"\n";
    let f = inspect(&archive(&[("x-1.0.0/Cargo.toml", m)]), "x-1.0.0").expect("inspect");
    assert_eq!(f.scripts(), ["build script tools/gen.rs (links = \"z\")"]);
    // Only the crate's own root counts.
    let f = inspect(
        &archive(&[("x-1.0.0/Cargo.toml", PLAIN), ("x-1.0.0/sub/build.rs", "")]),
        "x-1.0.0",
    )
    .expect("inspect");
    assert!(f.scripts().is_empty());
}

#[test]
fn proc_macros_in_both_spellings() {
    for lib in ["[lib]\nproc-macro = true\n", "[lib]\nproc_macro = true\n"] {
        let m = format!("{PLAIN}{lib}");
        let f = inspect(&archive(&[("x-1.0.0/Cargo.toml", &m)]), "x-1.0.0").expect("inspect");
        assert_eq!(f.scripts(), ["proc-macro"]);
    }
}

#[test]
fn bad_archives_are_errors_not_answers() {
    assert!(inspect(b"not gzip", "x-1.0.0").is_err());
    let e = inspect(&archive(&[("y-1.0.0/Cargo.toml", PLAIN)]), "x-1.0.0").unwrap_err();
    assert!(e.contains("no x-1.0.0/Cargo.toml"), "{e}");
    let e = inspect(&archive(&[("x-1.0.0/Cargo.toml", "[package\n")]), "x-1.0.0").unwrap_err();
    assert!(e.contains("Cargo.toml"), "{e}");
}

#[test]
fn unpacked_size_is_capped() {
    // A big entry before Cargo.toml: reading past it must stop at the cap.
    let big = "0".repeat(2 << 20);
    let a = archive(&[("x-1.0.0/data.bin", &big), ("x-1.0.0/Cargo.toml", PLAIN)]);
    assert!((a.len() as u64) < (64 << 10), "compresses well");
    let e = inspect_capped(&a, "x-1.0.0", 1 << 20).unwrap_err();
    assert!(e.contains("size cap"), "{e}");
    assert!(inspect_capped(&a, "x-1.0.0", 4 << 20).is_ok());
}

#[test]
fn download_urls_follow_cargo() {
    assert_eq!(
        download_url("https://static.crates.io/crates", "serde", "1.0.0", None),
        "https://static.crates.io/crates/serde/1.0.0/download"
    );
    assert_eq!(
        download_url(
            "https://r.example/{prefix}/{lowerprefix}/{crate}-{version}.crate?{sha256-checksum}",
            "Serde",
            "1.0.0",
            Some("abc")
        ),
        "https://r.example/Se/rd/se/rd/Serde-1.0.0.crate?abc"
    );
    assert_eq!(
        download_url("https://r/{prefix}/{crate}", "syn", "2.0.0", None),
        "https://r/3/s/syn"
    );
    assert_eq!(
        download_url("https://r/{prefix}/{crate}", "cc", "1.0.0", None),
        "https://r/2/cc"
    );
}

#[test]
fn facts_as_scripts() {
    let f = BuildFacts {
        build_script: None,
        proc_macro: false,
        links: Some("z".into()),
    };
    assert_eq!(f.scripts(), ["links = \"z\""]);
}
