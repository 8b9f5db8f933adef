//! Hand-verified matching cases on the real mirror: each row was checked by
//! reading the record's ranges (noted in the comment) and applying the OSV
//! evaluation rules by hand. `has` ids must be reported (as primary id or
//! alias), `not` ids must not.

use ccdeps::ecosystem::{Ecosystem, PackageName};

use super::advisories::mirror_db;

struct Case {
    eco: Ecosystem,
    name: &'static str,
    version: &'static str,
    has: &'static [&'static str],
    not: &'static [&'static str],
}

const fn c(
    eco: Ecosystem,
    name: &'static str,
    version: &'static str,
    has: &'static [&'static str],
    not: &'static [&'static str],
) -> Case {
    Case {
        eco,
        name,
        version,
        has,
        not,
    }
}

use Ecosystem::{CratesIo as C, Npm as N, PyPI as P};

#[rustfmt::skip]
const CASES: &[Case] = &[
    // --- PyPI ---
    // PYSEC-2021-66 jinja2: E introduced 0, fixed 2.11.3
    c(P, "jinja2", "2.11.2", &["PYSEC-2021-66"], &["PYSEC-2019-217", "PYSEC-2019-220"]),
    c(P, "jinja2", "2.11.3", &[], &["PYSEC-2021-66"]),                      // fixed is exclusive
    c(P, "jinja2", "2.11.3rc1", &["PYSEC-2021-66"], &[]),                   // pre-release before the fix
    c(P, "jinja2", "2.11.2+local", &["PYSEC-2021-66"], &[]),                // local sorts after 2.11.2, before 2.11.3
    c(P, "jinja2", "2.11.3+local", &[], &["PYSEC-2021-66"]),
    c(P, "Jinja2", "2.10", &["PYSEC-2019-217", "PYSEC-2021-66"], &["PYSEC-2019-220"]), // PEP 503 name; 2019-220 fixed 2.8.1
    // requests: PYSEC-2014-13 fixed 2.3.0; PYSEC-2023-74 introduced 2.3.0 fixed 2.31.0
    c(P, "requests", "2.2.1", &["PYSEC-2014-13"], &["PYSEC-2023-74"]),
    c(P, "requests", "2.3.0", &["PYSEC-2023-74"], &["PYSEC-2014-13"]),      // introduced is inclusive
    c(P, "requests", "2.30.0.post1", &["PYSEC-2023-74"], &[]),              // post-release still below 2.31.0
    c(P, "requests", "2.31.0", &[], &["PYSEC-2023-74", "PYSEC-2018-28"]),
    c(P, "requests", "1!0.1", &[], &["PYSEC-2023-74", "PYSEC-2018-28", "PYSEC-2014-13"]), // epoch 1 is after every epoch-0 version
    // urllib3 PYSEC-2023-192: one range i2.0.0 f2.0.6 i0 f1.26.17 (unsorted events)
    c(P, "urllib3", "1.26.16", &["PYSEC-2023-192", "PYSEC-2023-212"], &[]),
    c(P, "urllib3", "1.26.17", &["PYSEC-2023-212"], &["PYSEC-2023-192"]),
    c(P, "urllib3", "1.26.18", &[], &["PYSEC-2023-192", "PYSEC-2023-212"]),
    c(P, "urllib3", "2.0.5", &["PYSEC-2023-192", "PYSEC-2023-212"], &[]),
    c(P, "urllib3", "2.0.6", &["PYSEC-2023-212"], &["PYSEC-2023-192"]),
    c(P, "urllib3", "1.25.7", &["PYSEC-2020-149"], &[]),                    // i1.25.2 f1.25.8
    c(P, "urllib3", "1.25.8", &[], &["PYSEC-2020-149"]),
    // cryptography: 2023-112 i40.0.0 f41.0.2; 2023-254 i3.1 f41.0.6; 2021-62 f3.2.1; 2021-63 i3.1 f3.3.2
    c(P, "cryptography", "41.0.2", &["PYSEC-2023-254"], &["PYSEC-2023-112"]),
    c(P, "cryptography", "40.0.2.post1", &["PYSEC-2023-112", "PYSEC-2023-254"], &[]),
    c(P, "cryptography", "3.0", &["PYSEC-2021-62"], &["PYSEC-2023-254", "PYSEC-2021-63"]),
    c(P, "CRYPTOGRAPHY", "3.1", &["PYSEC-2021-62", "PYSEC-2021-63", "PYSEC-2023-254"], &[]),
    // matrix-synapse (published as Matrix_Synapse / matrix-synapse): 2023-67 f1.74.0
    c(P, "Matrix_Synapse", "1.74.0rc1", &["PYSEC-2023-67"], &[]),
    c(P, "matrix.synapse", "1.74.0", &[], &["PYSEC-2023-67"]),
    // twisted: 2019-129 f19.7.0rc1; 2020-259 f20.3.0rc1
    c(P, "twisted", "19.7.0rc1", &[], &["PYSEC-2019-129"]),
    c(P, "twisted", "19.7.0rc0", &["PYSEC-2019-129"], &[]),
    c(P, "Twisted", "20.3.0.dev0", &["PYSEC-2020-259"], &[]),               // dev sorts before rc1
    // pyyaml 2020-176: i5.1 f5.2b1
    c(P, "PyYAML", "5.1", &["PYSEC-2020-176"], &[]),
    c(P, "pyyaml", "5.2a1", &["PYSEC-2020-176"], &[]),
    c(P, "pyyaml", "5.2b1", &[], &["PYSEC-2020-176"]),
    c(P, "pyyaml", "5.1.post1", &["PYSEC-2020-176"], &[]),
    // pillow 2014-10: i0 f2.3.2 i2.5 f2.5.2 (two intervals)
    c(P, "pillow", "2.3.1", &["PYSEC-2014-10"], &[]),
    c(P, "pillow", "2.4.0", &[], &["PYSEC-2014-10"]),
    c(P, "Pillow", "2.5.1", &["PYSEC-2014-10"], &[]),
    c(P, "pillow", "9.2.0", &["PYSEC-2022-42980"], &["PYSEC-2022-42979"]),
    // django 2019-10: i2.1 f2.1.10 i2.2 f2.2.3 i1.11 f1.11.22; 2021-98: i0 f2.2.24 i3.0 f3.1.12 …
    c(P, "django", "1.11.0", &["PYSEC-2019-10", "PYSEC-2017-44", "PYSEC-2021-98"], &[]),
    c(P, "django", "3.0.5", &["PYSEC-2021-98"], &["PYSEC-2019-10"]),
    c(P, "django", "3.1.12", &[], &["PYSEC-2021-98"]),
    c(P, "Django", "1.11.22", &[], &["PYSEC-2019-10"]),
    c(P, "django", "2.0", &[], &["PYSEC-2019-10"]),
    // withdrawn records never match
    c(P, "ansible", "2.9.0", &[], &["PYSEC-2020-221", "PYSEC-2021-125"]),
    c(P, "aiohttp", "3.8.0", &[], &["PYSEC-2022-43059"]),
    c(P, "redis", "4.5.0", &[], &["PYSEC-2023-73"]),
    // malware: listed version only
    c(P, "0requests", "0.0.1", &["MAL-2026-15859"], &[]),
    c(P, "0requests", "0.0.2", &[], &["MAL-2026-15859"]),

    // --- crates.io ---
    c(C, "regex", "1.5.4", &["RUSTSEC-2022-0013"], &[]),                    // S i0.0.0-0 f1.5.5
    c(C, "regex", "1.5.5", &[], &["RUSTSEC-2022-0013"]),
    c(C, "regex", "0.1.0", &["RUSTSEC-2022-0013"], &[]),
    // time 2020-0071: many intervals, the last i0.2.7-0 f0.2.23
    c(C, "time", "0.1.45", &["RUSTSEC-2020-0071"], &[]),
    c(C, "time", "0.2.0", &[], &["RUSTSEC-2020-0071"]),
    c(C, "time", "0.2.22", &["RUSTSEC-2020-0071"], &[]),
    c(C, "time", "0.2.23", &[], &["RUSTSEC-2020-0071"]),
    c(C, "time", "0.3.46", &["RUSTSEC-2026-0009"], &["RUSTSEC-2020-0071"]), // i0.3.6 f0.3.47
    c(C, "time", "0.3.47", &[], &["RUSTSEC-2026-0009"]),
    c(C, "time", "0.3.5", &[], &["RUSTSEC-2026-0009"]),
    // smallvec: 2018-0003 (i0.6.0-0 f0.6.3), 2019-0012 (i0.6.3 f0.6.10), 2021-0003 (i1.0.0 f1.6.1)
    c(C, "smallvec", "0.6.2", &["RUSTSEC-2018-0003", "RUSTSEC-2018-0018"], &["RUSTSEC-2019-0012"]),
    c(C, "smallvec", "0.6.3", &["RUSTSEC-2019-0012", "RUSTSEC-2021-0003"], &["RUSTSEC-2018-0003"]),
    c(C, "smallvec", "1.6.0", &["RUSTSEC-2021-0003"], &[]),
    c(C, "smallvec", "1.6.1", &[], &["RUSTSEC-2021-0003"]),
    // hyper 2017-0002: i0.0.0-0 f0.9.18 i0.10.0 f0.10.2
    c(C, "hyper", "0.9.17", &["RUSTSEC-2017-0002"], &[]),
    c(C, "hyper", "0.9.18", &[], &["RUSTSEC-2017-0002"]),
    c(C, "hyper", "0.10.1", &["RUSTSEC-2017-0002"], &[]),
    // tokio 2021-0072: ... i1.8.0 f1.8.1; 2021-0124: i0.1.14 f1.8.4
    c(C, "tokio", "1.8.0", &["RUSTSEC-2021-0072", "RUSTSEC-2021-0124"], &[]),
    c(C, "tokio", "1.8.1", &["RUSTSEC-2021-0124"], &["RUSTSEC-2021-0072"]),
    c(C, "tokio", "1.23.1", &["RUSTSEC-2023-0005"], &["RUSTSEC-2023-0001"]),
    // pre-release boundaries: serde_yaml 2018-0005 i0.6.0-rc1 f0.8.4; crossbeam-channel 2025-0024 i0.5.12-0
    c(C, "serde_yaml", "0.6.0-rc1", &["RUSTSEC-2018-0005"], &[]),
    c(C, "serde-yaml", "0.6.0-beta", &[], &["RUSTSEC-2018-0005"]),        // `-` ≡ `_`; beta < rc1
    c(C, "crossbeam-channel", "0.5.12", &["RUSTSEC-2025-0024"], &[]),
    c(C, "crossbeam_channel", "0.5.11", &[], &["RUSTSEC-2025-0024"]),
    c(C, "openssl", "0.10.8", &["RUSTSEC-2018-0010"], &[]),                // i0.10.8 f0.10.9
    c(C, "h2", "0.4.1", &["RUSTSEC-2024-0003"], &[]),                      // i0.4.0-0 f0.4.2
    // withdrawn: spin 2019-0031, dirs 2020-0053, ring 2025-0007
    c(C, "spin", "0.4.0", &["RUSTSEC-2019-0013"], &["RUSTSEC-2019-0031"]),
    c(C, "dirs", "1.0.0", &[], &["RUSTSEC-2020-0053"]),
    c(C, "ring", "0.16.20", &[], &["RUSTSEC-2025-0007"]),
    // malware, and RustSec's copy of it (alias MAL-2025-49350)
    c(C, "replit_ruspty", "1.0.0", &["MAL-2025-49350", "RUSTSEC-2025-0154"], &[]),
    c(C, "rust_decimal", "1.0.0", &[], &["RUSTSEC-2022-0042"]),            // the real crate, not the squat

    // --- npm ---
    c(N, "minimist", "1.2.5", &["GHSA-xvch-5gv4-984h"], &[]),              // i1.0.0 f1.2.6
    c(N, "minimist", "1.2.6", &[], &["GHSA-xvch-5gv4-984h"]),
    c(N, "minimist", "0.2.1", &[], &["GHSA-xvch-5gv4-984h"]),
    c(N, "Minimist", "1.2.5", &[], &["GHSA-xvch-5gv4-984h"]),              // npm names are not case-folded
    c(N, "axios", "0.18.0", &["GHSA-42xw-2xvc-qx8m", "GHSA-4w2v-q235-vp99"], &[]), // last_affected 0.18.0 inclusive
    c(N, "axios", "0.18.1", &["GHSA-4w2v-q235-vp99"], &["GHSA-42xw-2xvc-qx8m"]),
    c(N, "axios", "0.21.1", &["GHSA-cph5-m8f7-6c5x"], &["GHSA-4w2v-q235-vp99"]),
    c(N, "axios", "0.21.2", &[], &["GHSA-cph5-m8f7-6c5x"]),
    c(N, "lodash", "4.17.15", &["NSWG-ECO-516"], &["NSWG-ECO-493", "NSWG-ECO-368"]),
    c(N, "lodash", "4.17.4", &["NSWG-ECO-368", "NSWG-ECO-493"], &["NSWG-ECO-516"]),
    c(N, "lodash", "4.17.19", &[], &["NSWG-ECO-516"]),
    c(N, "electron", "2.0.17", &["NSWG-ECO-495"], &["NSWG-ECO-466"]),
    c(N, "electron", "3.0.0-beta.6", &["NSWG-ECO-466"], &[]),
    c(N, "jquery", "3.0.0-rc.1", &["NSWG-ECO-330"], &[]),                  // listed version
    c(N, "jquery", "3.0.0", &[], &["NSWG-ECO-330"]),
    c(N, "jquery", "1.8.3", &["NSWG-ECO-328", "NSWG-ECO-329"], &[]),
    c(N, "jquery", "1.12.2", &[], &["NSWG-ECO-328"]),                      // gap between l1.11.3 and i1.12.3
    c(N, "yui", "3.10.2", &["NSWG-ECO-332"], &[]),                         // listed outside the range
    c(N, "yui", "3.10.0", &[], &["NSWG-ECO-332"]),
    c(N, "request", "2.51.0", &[], &["NSWG-ECO-309"]),
    c(N, "request", "2.60.0", &["NSWG-ECO-309"], &[]),
    c(N, "mqtt", "5.0.0", &["NSWG-ECO-357"], &[]),                         // open-ended introduced 2.0.0
    c(N, "fibjs", "99.999.99999-alpha.1", &["NSWG-ECO-217"], &[]),
    c(N, "fibjs", "99.999.100000", &[], &["NSWG-ECO-217"]),                // numeric, not lexical, compare
    c(N, "node.extend", "2.0.0", &["NSWG-ECO-490"], &[]),
    c(N, "node.extend", "2.0.1", &[], &["NSWG-ECO-490"]),
    c(N, "semver", "v4.3.1", &["NSWG-ECO-31"], &[]),                       // loose `v` prefix
    c(N, "decamelize", "1.1.2", &[], &["NSWG-ECO-308"]),
    c(N, "000webhost-admin", "999.9.9", &["MAL-2024-11848"], &[]),
    c(N, "02-echo", "0.0.7", &["MAL-2025-191025", "GHSA-q2q8-5wg4-g6jq"], &[]),
];

#[test]
fn hand_verified_cases() {
    for eco in [P, C, N] {
        let n = CASES.iter().filter(|c| c.eco == eco).count();
        assert!(n >= 30, "{eco}: only {n} cases");
    }
    let db = mirror_db();
    let mut failures = Vec::new();
    for case in CASES {
        let name = PackageName::new(case.eco, case.name);
        let matches = db.matches(&name, case.version).unwrap();
        let ids: Vec<&str> = matches
            .iter()
            .flat_map(|m| {
                std::iter::once(m.id.as_str()).chain(m.aliases.iter().map(String::as_str))
            })
            .collect();
        for want in case.has {
            if !ids.contains(want) {
                failures.push(format!(
                    "{} {}@{}: missing {want} (got {ids:?})",
                    case.eco, case.name, case.version
                ));
            }
        }
        for bad in case.not {
            if ids.contains(bad) {
                failures.push(format!(
                    "{} {}@{}: unexpected {bad}",
                    case.eco, case.name, case.version
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn malware_is_flagged_and_grouped() {
    let db = mirror_db();
    let m = db
        .matches(&PackageName::new(C, "replit-ruspty"), "1.0.0")
        .unwrap();
    assert_eq!(
        m.len(),
        1,
        "MAL and its RustSec copy are one finding: {m:?}"
    );
    assert_eq!(m[0].id, "MAL-2025-49350");
    assert!(m[0].malware);
    // The RustSec copy alone (a version the MAL record does not list) is still malware.
    let m = db
        .matches(&PackageName::new(C, "replit_ruspty"), "0.9.0")
        .unwrap();
    assert!(
        m.len() == 1 && m[0].malware && m[0].id == "RUSTSEC-2025-0154",
        "{m:?}"
    );
    let m = db
        .matches(&PackageName::new(N, "minimist"), "1.2.5")
        .unwrap();
    assert!(!m[0].malware);
}
