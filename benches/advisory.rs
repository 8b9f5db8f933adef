//! Advisory database benchmarks (issue 2 targets), run with
//! `cargo bench --bench advisory`:
//! - import: records per second for a synthetic 250,000-record npm export
//!   (the size of OSV's real npm export, malware included);
//! - lookup: p50/p90/p99 latency of one package's matching advisories
//!   against it (wall-clock and thread CPU time).
//!
//! The export is generated once (deterministically) under
//! `target/bench-data/osv-250k/`; its home is kept there too, so the
//! whole-process `ccdeps check` can be timed with hyperfine afterwards:
//! `hyperfine -N 'target/release/ccdeps --home target/bench-data/osv-250k/home --offline check pkg:npm/pkg-12345@1.2.3'`.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark reports on the terminal

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ccdeps::advisory::AdvisoryDb;
use ccdeps::advisory::import::Importer;
use ccdeps::ecosystem::{Ecosystem, PackageName};

const RECORDS: usize = 250_000;
const NAMES: usize = 120_000;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn name(i: u64) -> String {
    if i.is_multiple_of(10) {
        format!("@scope{}/pkg-{i}", i % 97)
    } else {
        format!("pkg-{i}")
    }
}

fn record(i: usize, rng: &mut Rng) -> String {
    // Names are skewed: a tenth of the records land on the first 1,000 names,
    // so popular packages carry dozens of advisories as in real data.
    let n = if rng.below(10) == 0 {
        rng.below(1_000)
    } else {
        rng.below(NAMES as u64)
    };
    let name = name(n);
    if !i.is_multiple_of(5) {
        // ~80% malware reports, like OSV's npm export: listed versions only.
        let v = format!("{}.{}.{}", rng.below(5), rng.below(20), rng.below(30));
        format!(
            r#"{{"id":"MAL-2025-{i}","modified":"2025-01-01T00:00:00Z","summary":"Malicious code in {name} (npm)","details":"{}","affected":[{{"package":{{"ecosystem":"npm","name":"{name}"}},"versions":["{v}","{v}-1"]}}],"database_specific":{{"malicious-packages-origins":[{{"source":"ossf-package-analysis","sha256":"{:016x}{:016x}"}}]}}}}"#,
            "x".repeat(400),
            rng.next(),
            rng.next()
        )
    } else {
        let (a, b, c) = (rng.below(5), rng.below(20), rng.below(30));
        format!(
            r#"{{"id":"GHSA-{i:04x}-bnch-mark","modified":"2025-01-01T00:00:00Z","aliases":["CVE-2025-{i}"],"summary":"A vulnerability in {name}","details":"{}","severity":[{{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}],"affected":[{{"package":{{"ecosystem":"npm","name":"{name}"}},"ranges":[{{"type":"SEMVER","events":[{{"introduced":"0"}},{{"fixed":"{a}.{b}.{c}"}},{{"introduced":"{}.0.0"}},{{"fixed":"{}.1.0"}}]}}]}}],"database_specific":{{"severity":"HIGH","cwe_ids":["CWE-79"]}}}}"#,
            "y".repeat(800),
            a + 1,
            a + 1
        )
    }
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/osv-250k")
}

fn ensure_export(dir: &Path) -> PathBuf {
    let zip_path = dir.join("mirror/npm/all.zip");
    if zip_path.exists() {
        return zip_path;
    }
    std::fs::create_dir_all(zip_path.parent().unwrap()).unwrap();
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..RECORDS {
        let rec = record(i, &mut rng);
        z.start_file(format!("R-{i}.json"), opts).unwrap();
        z.write_all(rec.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    zip_path
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run only when benchmarking.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = data_dir();
    let t = Instant::now();
    let zip = ensure_export(&dir);
    eprintln!("export: {} ({:.1?} to prepare)", zip.display(), t.elapsed());

    let home = dir.join("home");
    // `CCDEPS_BENCH_LOOKUPS_ONLY=1` keeps the database of the last run and
    // times lookups alone (for profiling them: `perf record` sees nothing else).
    let reuse = std::env::var_os("CCDEPS_BENCH_LOOKUPS_ONLY").is_some()
        && home.join("advisories.db").is_file();
    if !reuse {
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).unwrap();
    }
    let db = AdvisoryDb::open_or_create(&home.join("advisories.db")).unwrap();
    if !reuse {
        import(&db, &zip);
    }
    lookups(&db);
}

fn import(db: &AdvisoryDb, zip: &Path) {
    let t = Instant::now();
    let cpu = cpu_time::ProcessTime::now();
    let stats = db
        .write(|w| {
            w.clear_origin("osv:npm")?;
            let mut imp = Importer::new(w, "osv:npm");
            imp.import_zip(zip)?;
            Ok::<_, ccdeps::advisory::import::ImportError>(imp.stats)
        })
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    let cpu_secs = cpu.elapsed().as_secs_f64();
    println!(
        "import: {} records in {secs:.2} s wall = {:.0} records/s; {cpu_secs:.2} s CPU = {:.0} records/s per CPU-second (stored {}, rejected {})",
        stats.records,
        stats.records as f64 / secs,
        stats.records as f64 / cpu_secs,
        stats.stored(),
        stats.rejected
    );
}

/// Lookup latency of `AdvisoryDb::matches` for version 1.2.3, in two
/// classes: names among the first 1,000 (~27 advisories each, most of them
/// matching or nearly) and names drawn from twice the name space (half with
/// no advisory at all). Each class is run twice over the same names: the
/// first pass meets database pages for the first time, as a fresh process does.
fn lookups(db: &AdvisoryDb) {
    let mut rng = Rng(42);
    let popular: Vec<u64> = (0..10_000).map(|_| rng.below(1_000)).collect();
    let any: Vec<u64> = (0..10_000).map(|_| rng.below(NAMES as u64 * 2)).collect();
    let rows: usize = popular[..200]
        .iter()
        .map(|&n| db.lookup(Ecosystem::Npm, &name(n)).map_or(0, |v| v.len()))
        .sum();
    println!(
        "lookup: popular names carry {:.1} advisory entries on average",
        rows as f64 / 200.0
    );
    for (class, names) in [("popular names", &popular), ("any name", &any)] {
        for pass in ["first pass", "second pass"] {
            let (mut wall, mut cpu, mut hits) = (Vec::new(), Vec::new(), 0usize);
            for &n in names.iter() {
                let name = PackageName::new(Ecosystem::Npm, &name(n));
                let t = Instant::now();
                let c = cpu_time::ThreadTime::now();
                let m = db.matches(&name, "1.2.3").unwrap();
                cpu.push(c.elapsed().as_nanos() as u64);
                wall.push(t.elapsed().as_nanos() as u64);
                hits += usize::from(!m.is_empty());
            }
            println!(
                "lookup, {class}, {pass}: wall {}; thread CPU {} ({hits} of {} with matches)",
                percentiles(&mut wall),
                percentiles(&mut cpu),
                names.len()
            );
        }
    }
}

fn percentiles(v: &mut [u64]) -> String {
    v.sort_unstable();
    let at = |p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)] as f64 / 1000.0;
    format!(
        "p50 {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    )
}
