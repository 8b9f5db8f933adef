//! Parse throughput of every lockfile format on the real-world files of the
//! corpus (`CCDEPS_CORPUS=../shared/data cargo bench --bench lockfiles`).
//! Without `CCDEPS_CORPUS` there is nothing to measure: it says so and exits.
//!
//! Time is the parsing thread's CPU time (this machine is shared: wall-clock
//! time there includes waiting for a core), throughput in MB/s (10^6 bytes,
//! the unit of issue 3's target). `CCDEPS_BENCH_CLOCK=wall` measures
//! wall-clock time instead, in criterion's own units.
#![allow(clippy::print_stderr)]

use std::path::PathBuf;

use ccdeps::lockfile::{self, LockfileKind};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput};

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

/// CPU time of the calling thread, in nanoseconds.
struct ThreadCpu;

impl Measurement for ThreadCpu {
    type Intermediate = cpu_time::ThreadTime;
    type Value = u64;
    fn start(&self) -> cpu_time::ThreadTime {
        cpu_time::ThreadTime::now()
    }
    fn end(&self, i: cpu_time::ThreadTime) -> u64 {
        u64::try_from(i.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a.saturating_add(*b)
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (div, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e3, "µs cpu")
        } else {
            (1e6, "ms cpu")
        };
        values.iter_mut().for_each(|v| *v /= div);
        unit
    }
    fn scale_throughputs(&self, _typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let (n, unit) = match *t {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (b as f64 / 1e6, "MB/s cpu"),
            Throughput::Bits(b) => (b as f64 / 1e6, "Mbit/s cpu"),
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => {
                (e as f64, "elem/s cpu")
            }
        };
        values.iter_mut().for_each(|v| *v = n / (*v / 1e9));
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn bench<M: Measurement>(c: &mut Criterion<M>) {
    let mut group = c.benchmark_group("lockfile");
    for (name, kind, text) in corpus_files() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(&name, |b| {
            b.iter(|| lockfile::parse_str(&text, &name, kind).map(|p| p.len()))
        });
    }
    group.finish();
}

fn run<M: Measurement>(c: Criterion<M>) {
    let mut c = c
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    bench(&mut c);
    c.final_summary();
}

fn main() {
    if std::env::var("CCDEPS_BENCH_CLOCK").as_deref() == Ok("wall") {
        run(Criterion::default().with_measurement(WallTime));
    } else {
        run(Criterion::default().with_measurement(ThreadCpu));
    }
}
