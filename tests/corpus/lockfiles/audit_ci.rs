//! The IBM/audit-ci fixtures of `lockfiles/audit-ci-fixtures/`: real
//! projects locked by npm (v1 and v2 lockfiles), pnpm and yarn 1 to 4, each
//! beside the real output of that tool's own `audit`. Every package version
//! the audit found vulnerable must be among the packages ccdeps reads from
//! the lockfile: an independent check that the parsers see what the package
//! managers install, across yarn berry generations and workspaces.

use std::collections::BTreeSet;

use super::*;

/// (package, version) pairs an audit output names, whatever its format:
/// npm 6 / pnpm / yarn 2–3 (`advisories.*.findings`), yarn 1 JSON lines
/// (`data.advisory`), yarn 4 JSON lines (`value` + `children."Tree Versions"`).
fn audited(text: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let add = |out: &mut BTreeSet<(String, String)>, adv: &serde_json::Value| {
        let name = adv["module_name"].as_str().unwrap_or_default();
        for f in adv["findings"].as_array().into_iter().flatten() {
            if let Some(v) = f["version"].as_str() {
                out.insert((name.to_string(), v.to_string()));
            }
        }
    };
    for value in serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>() {
        let Ok(value) = value else { break };
        for adv in value["advisories"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            add(&mut out, adv);
        }
        if value["type"] == "auditAdvisory" {
            add(&mut out, &value["data"]["advisory"]);
        }
        if let (Some(name), Some(versions)) = (
            value["value"].as_str(),
            value["children"]["Tree Versions"].as_array(),
        ) {
            for v in versions.iter().filter_map(|v| v.as_str()) {
                out.insert((name.to_string(), v.to_string()));
            }
        }
    }
    out
}

/// Audited versions the fixture's own lockfile does not hold: (scenario,
/// package, version, why). Checked to be absent, so a fix upstream shows.
const STALE: &[(&str, &str, &str, &str)] = &[(
    "pnpm-high",
    "qs",
    "6.10.2",
    "the lockfile still locks cryo 0.0.6; package.json and the audit output moved to qs",
)];

#[test]
fn audited_versions_are_in_the_parsed_lockfiles() {
    let root = common::path("lockfiles/audit-ci-fixtures");
    let mut scenarios: Vec<_> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    scenarios.sort();
    let (mut lockfiles, mut checked) = (0, 0);
    let mut problems = Vec::new();
    for dir in scenarios {
        let Some(lock) = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
        else {
            continue;
        };
        let name = lock.file_name().unwrap_or_default().to_string_lossy();
        let Some(kind) = LockfileKind::detect(&name) else {
            continue;
        };
        let parsed = match lockfile::parse(&FsFiles, &lock, kind) {
            Ok(l) => l,
            Err(e) => {
                problems.push(format!("{}: {e}", lock.display()));
                continue;
            }
        };
        lockfiles += 1;
        assert_lines_name_packages(&parsed);
        let have: BTreeSet<(String, String)> = parsed
            .packages
            .iter()
            .filter_map(|p| Some((p.name.display().to_string(), p.version.clone()?)))
            .collect();
        for out in [
            "npm-output.json",
            "pnpm-output.json",
            "output.json",
            "output.jsonl",
        ] {
            let text = std::fs::read_to_string(dir.join(out)).unwrap_or_default();
            let scenario = dir.file_name().unwrap_or_default().to_string_lossy();
            for pair in audited(&text) {
                checked += 1;
                let stale = STALE.iter().any(|(s, n, v, _)| {
                    *s == scenario && (*n, *v) == (pair.0.as_str(), pair.1.as_str())
                });
                if have.contains(&pair) == stale {
                    problems.push(format!(
                        "{}: {pair:?} {}",
                        lock.display(),
                        if stale {
                            "now found: remove it from STALE"
                        } else {
                            "not found"
                        }
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(lockfiles, 49, "every scenario with a lockfile was read");
    assert_eq!(checked, 54, "audited versions seen");
}
