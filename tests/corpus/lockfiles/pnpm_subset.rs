//! `pnpm-lock.yaml` is read by a reader of the YAML subset pnpm writes
//! (`src/lockfile/pnpm/subset.rs`), falling back to serde-saphyr outside
//! it. On every pnpm lockfile of the corpus, whenever the subset reader
//! accepts the text, both readers must give the same packages (names,
//! versions, sources, flags, lines) or the same error.

use super::*;

/// The pnpm fixtures (malformed ones too), audit-ci's pnpm projects and the real lockfile.
fn pnpm_files() -> Vec<std::path::PathBuf> {
    let listing = |rel: &str| {
        std::fs::read_dir(common::path(rel))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect::<Vec<_>>()
    };
    let mut out = listing("lockfiles/pnpm-lock/testdata");
    out.extend(
        listing("realworld/pnpm")
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
    );
    out.extend(
        listing("lockfiles/audit-ci-fixtures")
            .into_iter()
            .map(|d| d.join("pnpm-lock.yaml"))
            .filter(|p| p.is_file()),
    );
    out.sort();
    out
}

#[test]
fn subset_reader_agrees_with_yaml() {
    let files = pnpm_files();
    assert_eq!(files.len(), 43, "pnpm files");
    let (mut fast, mut problems) = (Vec::new(), Vec::new());
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let name = f.display().to_string();
        let (subset, yaml) = lockfile::pnpm_both_readers(&text, &name);
        let Some(subset) = subset else {
            continue;
        };
        fast.push(
            f.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        );
        let show = |r: Result<Vec<Package>, lockfile::LockfileError>| match r {
            Ok(p) => Ok(p),
            Err(e) => Err(e.to_string()),
        };
        let (a, b) = (show(subset), show(yaml));
        if a != b {
            problems.push(format!("{name}:\n  subset: {a:?}\n  yaml:   {b:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The subset covers what pnpm writes: every file but the one that is not YAML.
    assert!(
        fast.iter().any(|f| f == "socket-cli-repo.pnpm-lock.yaml"),
        "{fast:?}"
    );
    assert_eq!(fast.len(), 42, "{fast:?}");
    assert!(
        fast.len() * 10 >= files.len() * 8,
        "only {} of {} files: {fast:?}",
        fast.len(),
        files.len()
    );
}
