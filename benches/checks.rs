//! Issue 5's speed targets, on the corpus (`CCDEPS_CORPUS=../shared/data
//! cargo bench --bench checks`):
//! - typosquat: building each ecosystem's index from the mirror's popular
//!   list, and judging one name against it (real squats and real lockfile
//!   names, mixed; reported per name);
//! - every check on a 1,500-package graph: the real packages of a
//!   shrinkwrap and a Cargo.lock, with registry facts filled in (as `run`
//!   has them from a warm cache), against the full mirror database.
//!
//! Without `CCDEPS_CORPUS` there is nothing to measure: it says so and exits.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};

use ccdeps::advisory::AdvisoryDb;
use ccdeps::advisory::import::Importer;
use ccdeps::checks::Context;
use ccdeps::checks::typosquat::{PopularIndex, PopularSet, judge};
use ccdeps::ecosystem::Ecosystem;
use ccdeps::engine::{self, Item};
use ccdeps::lockfile::{self, FsFiles, LockfileKind};
use ccdeps::package::Package;
use ccdeps::policy::Policy;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> Option<PathBuf> {
    let root = std::env::var_os("CCDEPS_CORPUS").map(PathBuf::from);
    if root.is_none() {
        eprintln!(
            "checks bench: CCDEPS_CORPUS is not set (CCDEPS_CORPUS=../shared/data); nothing to measure"
        );
    }
    root
}

fn list(root: &Path, eco: Ecosystem) -> Vec<ccdeps::popular::Popular> {
    let p = root.join(format!("mirror/popular/{}.txt", eco.osv_name()));
    ccdeps::popular::parse(&std::fs::read_to_string(p).expect("popular list"))
}

fn lock(root: &Path, rel: &str, kind: LockfileKind) -> Vec<Package> {
    lockfile::parse(&FsFiles, &root.join(rel), kind)
        .expect("lockfile")
        .packages
}

/// Names to judge: every labelled squat and the packages of two real lockfiles.
fn names(root: &Path) -> Vec<(Ecosystem, String)> {
    let pairs = std::fs::read_to_string(root.join("typosquat/dev-pairs.tsv")).expect("pairs");
    let mut out: Vec<(Ecosystem, String)> = pairs
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.split('\t');
            let eco = match c.next()? {
                "npm" => Ecosystem::Npm,
                "pypi" => Ecosystem::PyPI,
                _ => Ecosystem::CratesIo,
            };
            Some((eco, eco.normalize(c.next()?)))
        })
        .collect();
    for p in lock(
        root,
        "realworld/python/uv-home-assistant.requirements.in",
        LockfileKind::Requirements,
    )
    .into_iter()
    .chain(lock(
        root,
        "realworld/npm/lavamoat-root.package-lock.json",
        LockfileKind::PackageLock,
    )) {
        out.push((p.ecosystem(), p.name.normalized().to_string()));
    }
    out
}

fn typosquat(c: &mut Criterion) {
    let Some(root) = corpus() else { return };
    let mut group = c.benchmark_group("typosquat");
    for eco in Ecosystem::ALL {
        let l = list(&root, eco);
        group.throughput(Throughput::Elements(l.len() as u64));
        group.bench_function(BenchmarkId::new("index-build", eco.osv_name()), |b| {
            b.iter(|| PopularIndex::build(eco, &l).len())
        });
    }
    // What a run pays with the index cached on disk (read, validate, decode).
    let home_dir = tempfile::tempdir().expect("tmp");
    let home = ccdeps::home::Home::new(home_dir.path());
    for eco in Ecosystem::ALL {
        let list = std::fs::read(root.join(format!("mirror/popular/{}.txt", eco.osv_name())))
            .expect("list");
        ccdeps::home::write_atomic(&home.popular(eco), &list).expect("write list");
        let _ = PopularSet::from_home(&home).index(eco).map(|ix| ix.len());
        group.bench_function(BenchmarkId::new("index-load-cached", eco.osv_name()), |b| {
            b.iter(|| {
                let set = PopularSet::from_home(&home);
                set.index(eco).map_or(0, |ix| ix.len())
            })
        });
    }
    let ixs: Vec<(Ecosystem, PopularIndex)> = Ecosystem::ALL
        .iter()
        .map(|&e| (e, PopularIndex::build(e, &list(&root, e))))
        .collect();
    let names = names(&root);
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("judge-per-name", |b| {
        b.iter(|| {
            names
                .iter()
                .filter(|(eco, n)| {
                    let ix = &ixs.iter().find(|(e, _)| e == eco).expect("index").1;
                    judge(ix, n).is_some()
                })
                .count()
        })
    });
    group.finish();
}

fn all_checks(c: &mut Criterion) {
    let Some(root) = corpus() else { return };
    let home = tempfile::tempdir().expect("tmp");
    let db = AdvisoryDb::open_or_create(&home.path().join("advisories.db")).expect("db");
    db.write(|w| {
        let mut imp = Importer::new(w, "bench");
        for eco in Ecosystem::ALL {
            imp.import_path(&root.join(format!("mirror/{}/all.zip", eco.osv_name())))?;
        }
        Ok::<_, ccdeps::advisory::import::ImportError>(())
    })
    .expect("import");
    let popular = PopularSet::from_lists(
        Ecosystem::ALL
            .iter()
            .map(|&e| (e, list(&root, e)))
            .collect(),
    );
    let mut packages = lock(
        &root,
        "realworld/npm/salesforce-cli-2.146.3.npm-shrinkwrap.json",
        LockfileKind::Shrinkwrap,
    );
    packages.extend(lock(
        &root,
        "realworld/cargo/deno-2.9.8.Cargo.lock",
        LockfileKind::CargoLock,
    ));
    packages.truncate(1500);
    for p in &mut packages {
        // What `run` knows of each version from the registry (warm cache).
        p.facts.published = Some("2025-06-01T00:00:00Z".into());
        p.facts.install_scripts.get_or_insert_with(Vec::new);
        p.facts.yanked = Some(false);
        p.facts.deprecated = Some(None);
    }
    let policy = Policy::default();
    let ctx = Context {
        advisories: Some(&db),
        advisories_missing: None,
        policy: Some(&policy),
        now: jiff::Timestamp::now(),
        registry_checks: true,
        popular: Some(&popular),
    };
    // Build the indexes once, as the first package of a run would.
    for eco in Ecosystem::ALL {
        let _ = popular.index(eco);
    }
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(packages.len() as u64));
    group.bench_function("all-checks-1500-packages", |b| {
        b.iter(|| {
            let items: Vec<Item> = packages.iter().cloned().map(Item::from).collect();
            engine::judge(&ctx, &policy, items, Vec::new(), false)
                .packages
                .len()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3)).sample_size(20);
    targets = typosquat, all_checks
}
criterion_main!(benches);
