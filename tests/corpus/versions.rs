//! Version-order vectors: every line of osv-scalibr's PyPI and SemVer files,
//! node-semver's comparison/equality fixtures, and pypa/packaging's ordered
//! VERSIONS list.

use std::cmp::Ordering;

use ccdeps::version::{PypiVersion, SemverVersion};

use crate::common;

/// Runs "a OP b" lines (`//` comments, blank lines skipped); returns failures.
fn run_lines<T: Ord + std::fmt::Debug>(
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> (usize, Vec<String>) {
    let mut n = 0;
    let mut bad = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [a, op, b] = parts[..] else {
            bad.push(format!("unreadable line {line:?}"));
            continue;
        };
        let want = match op {
            "<" => Ordering::Less,
            ">" => Ordering::Greater,
            "=" => Ordering::Equal,
            _ => {
                bad.push(format!("unknown op in {line:?}"));
                continue;
            }
        };
        n += 1;
        match (parse(a), parse(b)) {
            (Some(x), Some(y)) if x.cmp(&y) == want => {}
            (Some(x), Some(y)) => bad.push(format!("{line}: got {:?}", x.cmp(&y))),
            _ => bad.push(format!("{line}: does not parse")),
        }
    }
    (n, bad)
}

#[test]
fn scalibr_pypi_vectors() {
    for f in ["pypi-versions.txt", "pypi-versions-generated.txt"] {
        let text =
            std::fs::read_to_string(common::path(&format!("vectors/osv-scalibr-semantic/{f}")))
                .unwrap();
        let (n, bad) = run_lines(&text, |s| Some(PypiVersion::parse(s)));
        assert!(n > 30, "{f}: only {n} lines");
        assert!(
            bad.is_empty(),
            "{f}: {} of {n} lines fail, e.g. {:?}",
            bad.len(),
            &bad[..bad.len().min(10)]
        );
    }
}

#[test]
fn scalibr_semver_vectors() {
    let text = std::fs::read_to_string(common::path(
        "vectors/osv-scalibr-semantic/semver-versions.txt",
    ))
    .unwrap();
    let (n, bad) = run_lines(&text, |s| SemverVersion::parse(s).ok());
    assert!(n > 80, "only {n} lines");
    assert!(bad.is_empty(), "{} of {n} fail: {:?}", bad.len(), bad);
    // The order keys that compiled advisory entries compare sort the same.
    let (n, bad) = run_lines(&text, |s| SemverVersion::parse(s).ok()?.order_key());
    assert!(
        bad.is_empty(),
        "order keys: {} of {n} fail: {:?}",
        bad.len(),
        bad
    );
}

/// The quoted strings of each `[ 'a', 'b', … ]` row of a node-semver fixture.
fn js_pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with('[') {
            continue;
        }
        let quoted: Vec<String> = line
            .split('\'')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s.to_string())
            .collect();
        if quoted.len() >= 2 {
            out.push((quoted[0].clone(), quoted[1].clone()));
        }
    }
    out
}

#[test]
fn node_semver_comparisons_and_equality() {
    let cmp = std::fs::read_to_string(common::path("vectors/node-semver/comparisons.js")).unwrap();
    let pairs = js_pairs(&cmp);
    assert!(pairs.len() >= 30);
    for (a, b) in &pairs {
        let (x, y) = (
            SemverVersion::parse(a).unwrap(),
            SemverVersion::parse(b).unwrap(),
        );
        assert_eq!(x.cmp(&y), Ordering::Greater, "{a} > {b}");
        assert!(x.order_key() > y.order_key(), "order keys: {a} > {b}");
    }
    let eq = std::fs::read_to_string(common::path("vectors/node-semver/equality.js")).unwrap();
    let pairs = js_pairs(&eq);
    assert!(pairs.len() >= 30);
    for (a, b) in &pairs {
        let (x, y) = (
            SemverVersion::parse(a).unwrap(),
            SemverVersion::parse(b).unwrap(),
        );
        assert_eq!(x, y, "{a} == {b}");
        assert_eq!(x.order_key(), y.order_key(), "order keys: {a} == {b}");
    }
}

#[test]
fn pypa_versions_list_is_sorted() {
    let text =
        std::fs::read_to_string(common::path("vectors/pypa-packaging/test_version.py")).unwrap();
    let start = text.find("VERSIONS = [").expect("VERSIONS list");
    let end = start + text[start..].find("\n]").expect("end of VERSIONS");
    let versions: Vec<&str> = text[start..end]
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.trim()
                .strip_prefix('"')
                .and_then(|l| l.strip_suffix("\","))
        })
        .collect();
    assert!(versions.len() > 80, "only {} versions", versions.len());
    let parsed: Vec<PypiVersion> = versions.iter().map(|v| PypiVersion::parse(v)).collect();
    for (i, v) in parsed.iter().enumerate() {
        assert!(v.pep440().is_some(), "{} is valid PEP 440", versions[i]);
        for (j, w) in parsed.iter().enumerate().skip(i + 1) {
            assert!(v < w, "{} < {}", versions[i], versions[j]);
        }
    }
}
