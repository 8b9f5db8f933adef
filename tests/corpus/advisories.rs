//! The real OSV mirror imported whole, then matched: exactness against the
//! independent oracle in `osv-pins/expected.json`, and hand-verified cases.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use ccdeps::advisory::AdvisoryDb;
use ccdeps::advisory::import::Importer;
use ccdeps::ecosystem::{Ecosystem, PackageName};

use crate::common;

/// The mirror imported once per test run into a temp database.
pub fn mirror_db() -> &'static AdvisoryDb {
    static DB: OnceLock<(tempfile::TempDir, AdvisoryDb)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = AdvisoryDb::open_or_create(&dir.path().join("advisories.db")).unwrap();
        db.write(|w| {
            let mut imp = Importer::new(w, "test");
            for eco in ["PyPI", "crates.io", "npm"] {
                imp.import_path(&common::path(&format!("mirror/{eco}/all.zip")))?;
            }
            assert_eq!(imp.stats.rejected, 0, "{:?}", imp.stats.reasons);
            Ok::<_, ccdeps::advisory::import::ImportError>(())
        })
        .unwrap();
        (dir, db)
    })
    .1
}

/// The pins of the osv-pins lockfiles, read with plain string handling (the
/// lockfile parsers have their own tests).
fn pins(dir: &Path) -> Vec<(Ecosystem, String, String)> {
    let mut out = Vec::new();
    let req = std::fs::read_to_string(dir.join("requirements.txt")).unwrap();
    for l in req
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (n, v) = l.split_once("==").unwrap();
        out.push((Ecosystem::PyPI, n.to_string(), v.to_string()));
    }
    let cargo = std::fs::read_to_string(dir.join("Cargo.lock")).unwrap();
    let mut name = None;
    for l in cargo.lines() {
        if let Some(n) = l.strip_prefix("name = \"") {
            name = Some(n.trim_end_matches('"').to_string());
        } else if let (Some(v), Some(n)) = (l.strip_prefix("version = \""), name.take()) {
            out.push((Ecosystem::CratesIo, n, v.trim_end_matches('"').to_string()));
        }
    }
    let npm: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("package-lock.json")).unwrap())
            .unwrap();
    for (k, v) in npm["packages"].as_object().unwrap() {
        if let (Some(n), Some(ver)) = (
            k.rsplit("node_modules/").next().filter(|_| !k.is_empty()),
            v["version"].as_str(),
        ) {
            out.push((Ecosystem::Npm, n.to_string(), ver.to_string()));
        }
    }
    out
}

#[test]
fn osv_pins_exact() {
    let db = mirror_db();
    let dir = common::path("osv-pins");
    let expected: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let key = |e: &str, n: &str, v: &str| format!("{e}\0{n}\0{v}");
    let mut want: HashMap<String, BTreeSet<String>> = HashMap::new();
    for e in &expected {
        let (eco, name, ver, id) = (
            e["ecosystem"].as_str().unwrap(),
            e["name"].as_str().unwrap(),
            e["version"].as_str().unwrap(),
            e["id"].as_str().unwrap(),
        );
        want.entry(key(eco, name, ver))
            .or_default()
            .insert(id.to_string());
    }
    let pins = pins(&dir);
    assert!(pins.len() > 1400, "{} pins", pins.len());
    let (mut missed, mut extra, mut found) = (Vec::new(), Vec::new(), 0usize);
    let mut covered_keys = 0;
    for (eco, name, ver) in &pins {
        let pn = PackageName::new(*eco, name);
        let k = key(eco.osv_name(), pn.normalized(), ver);
        let matches = db.matches(&pn, ver).unwrap();
        let exp = want.get(&k).cloned().unwrap_or_default();
        if !exp.is_empty() {
            covered_keys += 1;
        }
        let mut covered = BTreeSet::new();
        for m in &matches {
            found += 1;
            let ids: BTreeSet<String> = std::iter::once(m.id.clone())
                .chain(m.aliases.iter().cloned())
                .collect();
            if ids.is_disjoint(&exp) {
                extra.push(format!("{k:?} {}", m.id));
            }
            covered.extend(ids);
        }
        for id in exp.difference(&covered) {
            missed.push(format!("{k:?} {id}"));
        }
    }
    assert!(
        covered_keys > 500,
        "only {covered_keys} pins have expectations"
    );
    assert!(found > 0);
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {} e.g. {:?}; extra {} e.g. {:?}",
        missed.len(),
        &missed[..missed.len().min(8)],
        extra.len(),
        &extra[..extra.len().min(8)]
    );
}
