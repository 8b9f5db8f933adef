//! The typosquat check on real data: the labelled squats of
//! `typosquat/dev-pairs.tsv` must be caught, and the packages of every
//! real-world lockfile (legitimate by construction) must stay quiet. The
//! popular lists are the mirror's (`mirror/popular/`), as `db update
//! --mirror` installs them. Prints the per-category table recorded in
//! docs/BENCHMARKS.md (`-- --nocapture`).
#![allow(clippy::print_stdout)] // the measurement table is this test's output

use std::collections::BTreeMap;

use ccdeps::checks::typosquat::{PopularIndex, judge};
use ccdeps::ecosystem::Ecosystem;
use ccdeps::lockfile::{self, FsFiles, LockfileKind};

use crate::common;

fn index(eco: Ecosystem) -> PopularIndex {
    let path = common::path(&format!("mirror/popular/{}.txt", eco.osv_name()));
    let text = std::fs::read_to_string(&path).expect("popular list");
    PopularIndex::build(eco, &ccdeps::popular::parse(&text))
}

/// The category of a labelled pair, from its source column.
fn category(source: &str) -> String {
    if let Some(c) = source.split("class: ").nth(1) {
        return c.trim_end_matches(')').to_string();
    }
    if source.contains("typogard_detected=yes") {
        return "historical (TypoGard found it)".into();
    }
    if source.contains("typogard_detected=no") {
        return "historical (TypoGard missed it)".into();
    }
    if source.contains("azure-developers") {
        return "scope confusion (@azure-rest, @autorest)".into();
    }
    if source.starts_with("ossf/malicious-packages") {
        return "crates.io malware".into();
    }
    "advisories and blogs".into()
}

#[derive(Default)]
struct Tally {
    in_list: usize,
    in_list_hit: usize,
    all: usize,
    hit: usize,
}

#[test]
fn labelled_squats_are_caught_and_real_lockfiles_stay_quiet() {
    let ixs: Vec<(Ecosystem, PopularIndex)> =
        Ecosystem::ALL.iter().map(|&e| (e, index(e))).collect();
    let ix = |e: Ecosystem| &ixs.iter().find(|(x, _)| *x == e).expect("index").1;

    let pairs = std::fs::read_to_string(common::path("typosquat/dev-pairs.tsv")).expect("pairs");
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut right_target = 0;
    let mut missed = Vec::new();
    for line in pairs.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [eco, squat, target, source] = cols[..] else {
            panic!("bad row {line:?}");
        };
        let eco = match eco {
            "npm" => Ecosystem::Npm,
            "pypi" => Ecosystem::PyPI,
            "crates.io" => Ecosystem::CratesIo,
            other => panic!("unknown ecosystem {other}"),
        };
        let ix = ix(eco);
        let target_norm = eco.normalize(target).to_ascii_lowercase();
        let in_list = ix.find(&target_norm).is_some();
        let found = judge(ix, &eco.normalize(squat));
        let hit = found.is_some();
        if found.is_some_and(|(_, r)| ix.entry(r.entry).name == target_norm) {
            right_target += 1;
        }
        for t in [&mut total, by_cat.entry(category(source)).or_default()] {
            t.all += 1;
            t.hit += usize::from(hit);
            t.in_list += usize::from(in_list);
            t.in_list_hit += usize::from(in_list && hit);
        }
        if in_list && !hit {
            missed.push(format!("{eco} {squat} → {target}"));
        }
    }
    let in_list_recall = total.in_list_hit as f64 / total.in_list as f64;
    println!(
        "typosquat recall: {}/{} = {in_list_recall:.3} of pairs whose target is in the list \
         (right target {right_target}), {}/{} = {:.3} of all pairs",
        total.in_list_hit,
        total.in_list,
        total.hit,
        total.all,
        total.hit as f64 / total.all as f64
    );
    println!("| category | pairs | caught | target in list | caught (in list) |");
    println!("|---|---:|---:|---:|---:|");
    for (cat, t) in &by_cat {
        println!(
            "| {cat} | {} | {} | {} | {} |",
            t.all, t.hit, t.in_list, t.in_list_hit
        );
    }
    println!("missed (target in list): {}", missed.join(", "));

    let mut packages = 0usize;
    let mut alerts = Vec::new();
    for dir in std::fs::read_dir(common::path("realworld"))
        .expect("realworld")
        .flatten()
    {
        for file in std::fs::read_dir(dir.path()).expect("dir").flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let Some(kind) = LockfileKind::detect(&name) else {
                continue;
            };
            let lock = lockfile::parse(&FsFiles, &file.path(), kind).expect("parses");
            for p in &lock.packages {
                packages += 1;
                if let Some((tier, r)) = judge(ix(p.ecosystem()), p.name.normalized()) {
                    let target = &ix(p.ecosystem()).entry(r.entry).name;
                    alerts.push(format!("{name}: {} ~ {target} ({tier:?})", p.name));
                }
            }
        }
    }
    let rate = alerts.len() as f64 / packages as f64;
    println!(
        "false alerts: {}/{packages} real-world packages = {rate:.4}: {}",
        alerts.len(),
        alerts.join("; ")
    );

    // Floors, a little under the measured figures (docs/BENCHMARKS.md):
    // a change that loses recall or adds false alarms must be looked at.
    assert!(packages > 13_000, "{packages} real-world packages");
    assert!(rate <= 0.001, "false alerts {rate:.4} > 0.1%");
    assert!(in_list_recall >= 0.92, "in-list recall {in_list_recall:.3}");
    assert!(total.hit >= 198, "{} of all pairs caught", total.hit);
}
