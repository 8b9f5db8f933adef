//! The large real-world lockfiles of `realworld/`: names are detected, every
//! package is counted and located, and a few packages are checked by hand.
//!
//! The counts were computed independently (a Python one-off with `json`,
//! `tomllib`, PyYAML and regexes, not committed): distinct (name, version,
//! source) per file, the root workspace and `link: true` entries left out.

use super::*;

struct Case {
    rel: &'static str,
    kind: LockfileKind,
    packages: usize,
    /// (name, version, line of the entry)
    spot: &'static [(&'static str, Option<&'static str>, u32)],
}

const CASES: &[Case] = &[
    Case {
        rel: "realworld/npm/lavamoat-root.package-lock.json",
        kind: LockfileKind::PackageLock,
        packages: 1265,
        spot: &[("lodash", Some("4.18.1"), 14071)],
    },
    Case {
        rel: "realworld/npm/salesforce-cli-2.143.6.npm-shrinkwrap.json",
        kind: LockfileKind::Shrinkwrap,
        packages: 1413,
        spot: &[
            ("lodash", Some("4.18.1"), 14270),
            ("semver", Some("7.8.5"), 19970),
        ],
    },
    Case {
        rel: "realworld/npm/salesforce-cli-2.146.3.npm-shrinkwrap.json",
        kind: LockfileKind::Shrinkwrap,
        packages: 1406,
        spot: &[("lodash", Some("4.18.1"), 14240)],
    },
    Case {
        rel: "realworld/yarn/lavamoat-fixture-yarn-berry-realistic.yarn.lock",
        kind: LockfileKind::YarnLock,
        packages: 3487,
        spot: &[
            ("lodash", Some("4.17.21"), 25266),
            ("@babel/core", Some("7.23.2"), 131),
        ],
    },
    Case {
        rel: "realworld/pnpm/socket-cli-repo.pnpm-lock.yaml",
        kind: LockfileKind::PnpmLock,
        packages: PNPM_PACKAGES,
        spot: &[
            ("@pnpm/exe", Some("11.10.0"), 18),
            ("semver", Some("7.8.5"), 8024),
            ("typescript", Some("5.9.3"), 8337),
        ],
    },
    Case {
        rel: "realworld/cargo/deno-2.9.7.Cargo.lock",
        kind: LockfileKind::CargoLock,
        packages: 1045,
        spot: &[("serde", Some("1.0.228"), 8599)],
    },
    Case {
        rel: "realworld/cargo/deno-2.9.8.Cargo.lock",
        kind: LockfileKind::CargoLock,
        packages: 1046,
        spot: &[("serde", Some("1.0.228"), 8613)],
    },
    Case {
        rel: "realworld/cargo/uv-repo.Cargo.lock",
        kind: LockfileKind::CargoLock,
        packages: 753,
        spot: &[
            ("serde", Some("1.0.229"), 4644),
            ("uv", Some("0.12.5"), 5907),
        ],
    },
    Case {
        rel: "realworld/python/osv.dev-root.poetry.lock",
        kind: LockfileKind::PoetryLock,
        packages: 63,
        spot: &[("requests", Some("2.34.2"), 1562)],
    },
    Case {
        rel: "realworld/python/uv-repo.uv.lock",
        kind: LockfileKind::UvLock,
        packages: 89,
        spot: &[
            ("requests", Some("2.34.2"), 1442),
            ("uv", Some("0.12.5"), 1721),
        ],
    },
    Case {
        rel: "realworld/python/uv-airflow.compiled.requirements.txt",
        kind: LockfileKind::Requirements,
        packages: 579,
        spot: &[
            ("aiohttp", Some("3.9.5"), 15),
            ("apache-airflow", Some("2.9.1"), 88),
        ],
    },
    Case {
        rel: "realworld/python/uv-home-assistant.requirements.in",
        kind: LockfileKind::Requirements,
        packages: 951,
        spot: &[
            ("aiohttp", Some("3.8.5"), 4),
            ("aiohttp", Some("3.9.0b0"), 5),
        ],
    },
];

/// 19 + 989 entries in the two YAML documents; `detect-libc@2.1.2` is in
/// both, so it is one package with two locations.
const PNPM_PACKAGES: usize = 1007;

#[test]
fn every_real_world_file_is_detected_counted_and_located() {
    let mut seen = 0;
    for dir in std::fs::read_dir(common::path("realworld"))
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
            if name.starts_with("LICENSE") {
                continue;
            }
            let rel = format!("realworld/{}/{name}", dir.file_name().to_string_lossy());
            let Some(case) = CASES.iter().find(|c| c.rel == rel) else {
                panic!("{rel} has no expectations in CASES");
            };
            assert_eq!(LockfileKind::detect(&name), Some(case.kind), "{name}");
            let lock = parse(&rel, case.kind);
            assert_eq!(lock.packages.len(), case.packages, "{rel}");
            assert_lines_name_packages(&lock);
            for &(name, version, line) in case.spot {
                let p = find(&lock, name, version);
                assert!(
                    p.locations.iter().any(|l| l.line == line),
                    "{rel}: {p} at {:?}, expected line {line}",
                    p.locations
                );
            }
            seen += 1;
        }
    }
    assert_eq!(seen, CASES.len());
}

#[test]
fn real_world_facts() {
    let lava = parse(
        "realworld/npm/lavamoat-root.package-lock.json",
        LockfileKind::PackageLock,
    );
    let scripts: Vec<String> = lava
        .packages
        .iter()
        .filter(|p| p.facts.install_scripts.is_some())
        .map(|p| p.name.to_string())
        .collect();
    assert_eq!(scripts.len(), 3, "{scripts:?}");
    assert!(scripts.iter().any(|n| n == "keccak"), "{scripts:?}");

    let uv = parse("realworld/python/uv-repo.uv.lock", LockfileKind::UvLock);
    assert_eq!(
        find(&uv, "uv", Some("0.12.5")).source,
        Source::Path { path: ".".into() }
    );
    assert_eq!(
        find(&uv, "requests", Some("2.34.2")).source,
        Source::DEFAULT_REGISTRY
    );

    let deno = parse(
        "realworld/cargo/deno-2.9.7.Cargo.lock",
        LockfileKind::CargoLock,
    );
    assert!(
        deno.packages
            .iter()
            .any(|p| p.source == Source::Path { path: ".".into() })
    );

    let ha = parse(
        "realworld/python/uv-home-assistant.requirements.in",
        LockfileKind::Requirements,
    );
    let unpinned = ha.packages.iter().filter(|p| p.version.is_none()).count();
    assert!(
        unpinned > 0
            && ha
                .packages
                .iter()
                .filter(|p| p.version.is_none())
                .all(|p| p.requirement.is_some())
    );
    // Listed twice (lines 5 and 179): one package, two locations.
    let lines: Vec<u32> = find(&ha, "aiohttp", Some("3.9.0b0"))
        .locations
        .iter()
        .map(|l| l.line)
        .collect();
    assert_eq!(lines, [5, 179]);
}
