//! Lockfile parsers on real data: the osv-scalibr fixtures (expectations
//! transcribed from the copied `*_test.go`) and the large real-world lockfiles.

use ccdeps::lockfile::{self, FsFiles, Lockfile, LockfileKind};
use ccdeps::package::{Package, Source};

use crate::common;

fn parse(rel: &str, kind: LockfileKind) -> Lockfile {
    let path = common::path(rel);
    match lockfile::parse(&FsFiles, &path, kind) {
        Ok(l) => l,
        Err(e) => panic!("{rel}: {e}"),
    }
}

fn find<'a>(l: &'a Lockfile, name: &str, version: Option<&str>) -> &'a Package {
    let found = l.packages.iter().find(|p| {
        (p.name.display() == name || p.name.normalized() == name) && p.version.as_deref() == version
    });
    match found {
        Some(p) => p,
        None => panic!("{}: no {name} {version:?} among {:?}", l.path, names(l)),
    }
}

fn names(l: &Lockfile) -> Vec<String> {
    l.packages.iter().map(|p| p.to_string()).collect()
}

/// Every package has a location whose line mentions its name.
fn assert_lines_name_packages(l: &Lockfile) {
    let text = std::fs::read_to_string(&l.path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    for p in &l.packages {
        let ok = p.locations.iter().any(|loc| {
            let line = lines.get(loc.line as usize - 1).copied().unwrap_or("");
            let lower = line.to_ascii_lowercase();
            line.contains(p.name.display())
                || lower.contains(&p.name.display().to_ascii_lowercase())
                || lower.replace(['_', '.'], "-").contains(p.name.normalized())
        });
        assert!(
            ok,
            "{}: {} is located at {:?}, which does not name it",
            l.path, p, p.locations
        );
    }
}

mod audit_ci;
mod fixtures;
mod pnpm_subset;
mod realworld;
