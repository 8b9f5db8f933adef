//! Parse throughput of every lockfile format on the real-world files of the
//! corpus (`CCDEPS_CORPUS=../shared/data cargo bench --bench lockfiles`).
//! Without `CCDEPS_CORPUS` there is nothing to measure: it says so and exits.
#![allow(clippy::print_stderr)]

use std::path::PathBuf;

use ccdeps::lockfile::{self, LockfileKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus_files() -> Vec<(String, LockfileKind, String)> {
    let Some(root) = std::env::var_os("CCDEPS_CORPUS").map(PathBuf::from) else {
        eprintln!(
            "lockfiles bench: CCDEPS_CORPUS is not set (CCDEPS_CORPUS=../shared/data); nothing to measure"
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root.join("realworld"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = file.file_name().to_string_lossy().into_owned();
            let Some(kind) = LockfileKind::detect(&name) else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(file.path()) {
                out.push((name, kind, text));
            }
        }
    }
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("lockfile");
    for (name, kind, text) in corpus_files() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(&name, |b| {
            b.iter(|| lockfile::parse_str(&text, &name, kind).map(|p| p.len()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2)).sample_size(20);
    targets = bench
}
criterion_main!(benches);
