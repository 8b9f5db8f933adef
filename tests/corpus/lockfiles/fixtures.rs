//! The osv-scalibr fixtures of `lockfiles/`, with the expectations of the
//! copied `*_test.go` files transcribed into [`CASES`] (name, version, line
//! where the Go test checks one, dependency groups where it checks them).
//!
//! How ccdeps reads these expectations (deliberate differences from
//! osv-scalibr, each also noted at its case):
//! - ccdeps merges entries naming the same package version from the same
//!   source into one package with several locations, so expected lists are
//!   compared as sets of (name, version).
//! - Names compare per ecosystem: PyPI names normalized (PEP 503), npm and
//!   crates.io as written.
//! - A git package without a recorded version (package-lock v1 `version:
//!   "git+…"`) has version `None`; osv-scalibr writes `""`. Both compare as "".
//! - Groups: `dev` in the Go groups means ccdeps reports `dev: true`; no
//!   groups means `dev: false`; `optional` alone means `optional: true`.
//! - [`EXTRA`] lists what ccdeps reports beyond osv-scalibr, and [`MISSING`]
//!   what it deliberately does not report, each with the reason.

use super::*;

struct W {
    name: &'static str,
    version: &'static str,
    line: Option<u32>,
    groups: Option<&'static [&'static str]>,
}

struct Case {
    rel: &'static str,
    kind: LockfileKind,
    /// osv-scalibr expects an error.
    error: bool,
    want: &'static [W],
}

fn key(p: &Package) -> (String, String) {
    let name = match p.ecosystem() {
        ccdeps::ecosystem::Ecosystem::PyPI => p.name.normalized().to_string(),
        _ => p.name.display().to_string(),
    };
    (name, p.version.clone().unwrap_or_default())
}

fn want_key(kind: LockfileKind, w: &W) -> (String, String) {
    let name = ccdeps::ecosystem::PackageName::new(kind.ecosystem(), w.name);
    let name = match kind.ecosystem() {
        ccdeps::ecosystem::Ecosystem::PyPI => name.normalized().to_string(),
        _ => w.name.to_string(),
    };
    (name, w.version.to_string())
}

/// Compares one case; returns the differences.
fn check(case: &Case) -> Vec<String> {
    let path = common::path(case.rel);
    let mut problems = Vec::new();
    let result = lockfile::parse(&FsFiles, &path, case.kind);
    let wanted_error = case.error || ERRORS.iter().any(|(rel, _)| *rel == case.rel);
    let lock = match (result, wanted_error) {
        (Err(e), true) => {
            // The error names the fixture and a line in it (for an include
            // cycle, the file that closes it: other-loop.txt).
            let file = case.rel.rsplit('/').next().unwrap_or(case.rel);
            let shown = e.to_string();
            let names_line = shown.match_indices(file).any(|(i, _)| {
                let rest = &shown[i + file.len()..];
                rest.strip_prefix(':')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            });
            if e.path().is_empty() || !names_line {
                problems.push(format!(
                    "{}: error does not name file and line: {e}",
                    case.rel
                ));
            }
            return problems;
        }
        (Err(e), false) => return vec![format!("{}: unexpected error: {e}", case.rel)],
        (Ok(l), true) => {
            return vec![format!(
                "{}: expected an error, got {:?}",
                case.rel,
                names(&l)
            )];
        }
        (Ok(l), false) => l,
    };
    let extra: Vec<(String, String)> = EXTRA
        .iter()
        .filter(|(rel, ..)| *rel == case.rel)
        .map(|(_, n, v, _)| (n.to_string(), v.to_string()))
        .collect();
    let missing: Vec<(String, String)> = MISSING
        .iter()
        .filter(|(rel, ..)| *rel == case.rel)
        .map(|(_, n, v, _)| (n.to_string(), v.to_string()))
        .collect();
    let mut want: Vec<(String, String)> =
        case.want.iter().map(|w| want_key(case.kind, w)).collect();
    want.retain(|k| !missing.contains(k));
    want.extend(extra);
    want.sort();
    want.dedup();
    let mut got: Vec<(String, String)> = lock.packages.iter().map(key).collect();
    got.sort();
    // The same version from two git commits is two packages for ccdeps too.
    got.dedup();
    if got != want {
        problems.push(format!(
            "{}: packages\n  got:  {got:?}\n  want: {want:?}",
            case.rel
        ));
    }
    for w in case.want {
        let k = want_key(case.kind, w);
        let Some(p) = lock.packages.iter().find(|p| key(p) == k) else {
            continue;
        };
        if let Some(line) = w.line {
            let ours = LINE_DIFFERS
                .iter()
                .find(|(rel, n, theirs, _)| *rel == case.rel && *n == w.name && *theirs == line);
            let line = ours.map_or(line, |d| d.3);
            if !p.locations.iter().any(|l| l.line == line) {
                problems.push(format!(
                    "{}: {p} at {:?}, want line {line}",
                    case.rel, p.locations
                ));
            }
        }
        if let Some(groups) = w.groups {
            let dev = groups.contains(&"dev");
            let optional = groups == ["optional"];
            if p.dev != dev && !DEV_DIFFERS.iter().any(|(rel, _)| *rel == case.rel) {
                problems.push(format!(
                    "{}: {p} dev={} want {dev} ({groups:?})",
                    case.rel, p.dev
                ));
            }
            if optional && !p.optional {
                problems.push(format!(
                    "{}: {p} optional={} want {optional}",
                    case.rel, p.optional
                ));
            }
        }
    }
    problems
}

#[test]
fn scalibr_fixtures() {
    let problems: Vec<String> = CASES.iter().flat_map(check).collect();
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Fixtures where ccdeps reports an error and osv-scalibr does not: pip
/// refuses these files (it installs nothing from them), so ccdeps says why
/// at the file and line instead of reporting part of the file.
const ERRORS: &[(&str, &str)] = &[
    (
        "lockfiles/requirements-txt/testdata/loop.txt",
        "include cycle: loop.txt -> other-loop.txt -> loop.txt",
    ),
    (
        "lockfiles/requirements-txt/testdata/example.txt",
        "-c constraints.txt names a file that is not there",
    ),
    (
        "lockfiles/requirements-txt/testdata/invalid.txt",
        "asdf== has no version",
    ),
    (
        "lockfiles/requirements-txt/testdata/per_req_options.txt",
        "foo7==1.0 followed by text is not a requirement",
    ),
];

/// Packages ccdeps reports that osv-scalibr does not: (fixture, name, version, why).
const EXTRA: &[(&str, &str, &str, &str)] = &[
    (
        "lockfiles/requirements-txt/testdata/env_var.txt",
        "qwert",
        "",
        "unpinned (==${MY_VARIABLE_1}) is still a requirement",
    ),
    (
        "lockfiles/requirements-txt/testdata/with_versions.txt",
        "newspaper3k",
        "",
        ">=0.2.2 pins nothing: version None, requirement kept",
    ),
    (
        "lockfiles/requirements-txt/testdata/with_versions.txt",
        "combination-also-valid",
        "",
        ">=3.5 pins nothing",
    ),
    (
        "lockfiles/requirements-txt/testdata/with_versions.txt",
        "pkg",
        "",
        "<=1.2.3 pins nothing",
    ),
    (
        "lockfiles/uv-lock/testdata/one-package.lock",
        "uv-lockfiles",
        "0.1.0",
        "workspace member, a Path source",
    ),
    (
        "lockfiles/uv-lock/testdata/two-packages.lock",
        "uv-lockfiles",
        "0.1.0",
        "workspace member",
    ),
    (
        "lockfiles/uv-lock/testdata/source-git.lock",
        "uv-lockfiles",
        "0.1.0",
        "workspace member",
    ),
    (
        "lockfiles/uv-lock/testdata/grouped-packages.lock",
        "uv-lockfiles",
        "0.1.0",
        "workspace member",
    ),
    (
        "lockfiles/pipfile-lock/testdata/no-version.json",
        "itsdangerous",
        "",
        "unpinned entries are reported",
    ),
    (
        "lockfiles/pipfile-lock/testdata/no-version.json",
        "markupsafe",
        "",
        "unpinned entries are reported",
    ),
    (
        "lockfiles/pylock-toml/testdata/commits.toml",
        "net-inf-eval",
        "",
        "a vcs package without version: a Git source",
    ),
    (
        "lockfiles/pylock-toml/testdata/pip-just-self.toml",
        "hspaans-github-io",
        "",
        "the project's own directory, a Path source",
    ),
    (
        "lockfiles/package-lock/testdata/both/package-lock.json",
        "wrappy",
        "1.0.2",
        "read even beside an npm-shrinkwrap.json: osv-scalibr skips it (npm installs from the shrinkwrap), ccdeps checks both",
    ),
    (
        "lockfiles/package-lock/testdata/both/package-lock.json",
        "supports-color",
        "5.5.0",
        "same",
    ),
];

/// Packages osv-scalibr reports that ccdeps deliberately does not (in that form).
const MISSING: &[(&str, &str, &str, &str)] = &[
    (
        "lockfiles/requirements-txt/testdata/with_versions.txt",
        "newspaper3k",
        "0.2.2",
        "osv-scalibr takes a lower bound as the version",
    ),
    (
        "lockfiles/requirements-txt/testdata/with_versions.txt",
        "combination-also-valid",
        "3.5",
        "same",
    ),
    (
        "lockfiles/requirements-txt/testdata/with_versions.txt",
        "pkg",
        "1.2.3",
        "same, for an upper bound",
    ),
];

/// Fixtures whose `dev` flags ccdeps decides differently.
const DEV_DIFFERS: &[(&str, &str)] = &[
    (
        "lockfiles/pnpm-lock/testdata/one-package-dev.v9.yaml",
        "v9 has no dev flag; ccdeps computes it from the importers: acorn is a devDependency",
    ),
    (
        "lockfiles/pnpm-lock/testdata/mixed-groups.v9.yaml",
        "same: is-number is a devDependency",
    ),
    (
        "lockfiles/uv-lock/testdata/grouped-packages.lock",
        "`dev` there is an extra (optional-dependencies), not a dev group: optional, not dev",
    ),
];

/// Lines ccdeps gives differently: (fixture, name, osv-scalibr's line, ccdeps's line).
/// pnpm entries whose key does not spell the name are located at their
/// `name:` line, so that the line names the package.
const LINE_DIFFERS: &[(&str, &str, u32, u32)] = &[
    (
        "lockfiles/pnpm-lock/testdata/commits.yaml",
        "my-bitbucket-package",
        14,
        16,
    ),
    (
        "lockfiles/pnpm-lock/testdata/commits.yaml",
        "@my-scope/my-package",
        20,
        22,
    ),
    (
        "lockfiles/pnpm-lock/testdata/commits.yaml",
        "@my-scope/my-other-package",
        28,
        30,
    ),
    (
        "lockfiles/pnpm-lock/testdata/files.yaml",
        "my-file-package",
        10,
        12,
    ),
    (
        "lockfiles/pnpm-lock/testdata/files.yaml",
        "a-nested-local-package",
        22,
        24,
    ),
    ("lockfiles/pnpm-lock/testdata/files.yaml", "one-up", 28, 30),
    (
        "lockfiles/pnpm-lock/testdata/files.yaml",
        "one-up-with-peer",
        34,
        36,
    ),
];

const CASES: &[Case] = &[
    // package-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/package-lock/testdata/not-json.txt",
        kind: LockfileKind::PackageLock,
        error: true,
        want: &[],
    },
    // TestExtractor_Extract_Shrinkwrap_JSON: `null` is not a lockfile.
    Case {
        rel: "lockfiles/package-lock/testdata/null.v2.jsontest",
        kind: LockfileKind::PackageLock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/package-lock-only/package-lock.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: Some(13),
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: Some(18),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/npm-shrinkwrap-only/npm-shrinkwrap.json",
        kind: LockfileKind::Shrinkwrap,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: Some(13),
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: Some(18),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/both/npm-shrinkwrap.json",
        kind: LockfileKind::Shrinkwrap,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: Some(13),
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: Some(18),
                groups: Some(&[]),
            },
        ],
    },
    // osv-scalibr skips a package-lock.json beside an npm-shrinkwrap.json
    // (npm installs from the shrinkwrap); ccdeps reads it anyway (see EXTRA).
    Case {
        rel: "lockfiles/package-lock/testdata/both/package-lock.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/empty.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/one-package.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[W {
            name: "wrappy",
            version: "1.0.2",
            line: None,
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/one-package-dev.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[W {
            name: "wrappy",
            version: "1.0.2",
            line: None,
            groups: Some(&["dev"]),
        }],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/two-packages.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/scoped-packages.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "@babel/code-frame",
                version: "7.0.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/nested-dependencies.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "postcss",
                version: "6.0.23",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss",
                version: "7.0.16",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-calc",
                version: "7.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "6.1.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/nested-dependencies-dup.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "supports-color",
                version: "2.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-display-values",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-timing-functions",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-string",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-whitespace",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "6.1.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "cssnano-preset-default",
                version: "4.0.7",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-merge-longhand",
                version: "4.0.11",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-discard-overridden",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-reduce-transforms",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-svgo",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-ordered-values",
                version: "4.1.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-minify-selectors",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "babel-code-frame",
                version: "6.26.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "css-declaration-sorter",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-url",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-minify-params",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-colormin",
                version: "4.0.3",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "autoprefixer",
                version: "9.5.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-charset",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-unique-selectors",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-reduce-initial",
                version: "4.0.3",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-positions",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-discard-duplicates",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-loader",
                version: "3.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "cssnano",
                version: "4.1.10",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-discard-empty",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-repeat-style",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-convert-values",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "friendly-errors-webpack-plugin",
                version: "1.7.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "@vue/component-compiler-utils",
                version: "2.6.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-merge-rules",
                version: "4.0.3",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-normalize-unicode",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-minify-font-values",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-minify-gradients",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "cssnano-util-raw-cache",
                version: "4.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-calc",
                version: "7.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-discard-comments",
                version: "4.0.2",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/commits.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "@segment/analytics.js-integration-facebook-pixel",
                version: "",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "ansi-styles",
                version: "1.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "babel-preset-php",
                version: "",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "is-number-1",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-1",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-2",
                version: "",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "is-number-2",
                version: "",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "is-number-3",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-3",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-4",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-5",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-6",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "postcss-calc",
                version: "7.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "raven-js",
                version: "",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "slick-carousel",
                version: "",
                line: None,
                groups: Some(&["dev"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/files.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "lodash",
                version: "1.3.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "other_package",
                version: "",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/alias.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "@babel/code-frame",
                version: "7.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "string-width",
                version: "4.2.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "string-width",
                version: "5.1.2",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/optional-package.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: None,
                groups: Some(&["dev", "optional"]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&["optional"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/same-package-different-groups.v1.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "eslint",
                version: "1.2.3",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "table",
                version: "1.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "ajv",
                version: "5.5.2",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/empty.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/one-package.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[W {
            name: "wrappy",
            version: "1.0.2",
            line: None,
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/one-package-dev.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[W {
            name: "wrappy",
            version: "1.0.2",
            line: None,
            groups: Some(&["dev"]),
        }],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/two-packages.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/scoped-packages.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "@babel/code-frame",
                version: "7.0.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/nested-dependencies.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "postcss",
                version: "6.0.23",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss",
                version: "7.0.16",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "postcss-calc",
                version: "7.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "6.1.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/nested-dependencies-dup.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "supports-color",
                version: "6.1.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "2.0.0",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/commits.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "@segment/analytics.js-integration-facebook-pixel",
                version: "2.4.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "ansi-styles",
                version: "1.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "babel-preset-php",
                version: "1.1.1",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-1",
                version: "3.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-1",
                version: "3.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-2",
                version: "2.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-2",
                version: "2.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-3",
                version: "2.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-3",
                version: "3.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-4",
                version: "3.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "is-number-5",
                version: "3.0.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "postcss-calc",
                version: "7.0.1",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "raven-js",
                version: "",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "slick-carousel",
                version: "1.7.1",
                line: None,
                groups: Some(&["dev"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/files.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "etag",
                version: "1.8.0",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "abbrev",
                version: "1.0.9",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "abbrev",
                version: "2.3.4",
                line: None,
                groups: Some(&["dev"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/alias.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "@babel/code-frame",
                version: "7.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "string-width",
                version: "4.2.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "string-width",
                version: "5.1.2",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/optional-package.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "wrappy",
                version: "1.0.2",
                line: None,
                groups: Some(&["optional"]),
            },
            W {
                name: "supports-color",
                version: "5.5.0",
                line: None,
                groups: Some(&["dev", "optional"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/same-package-different-groups.v2.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "eslint",
                version: "1.2.3",
                line: None,
                groups: Some(&["dev"]),
            },
            W {
                name: "table",
                version: "1.0.0",
                line: None,
                groups: Some(&[]),
            },
            W {
                name: "ajv",
                version: "5.5.2",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/package-lock/testdata/bundled-dependencies.v3.json",
        kind: LockfileKind::PackageLock,
        error: false,
        want: &[
            W {
                name: "ansi-regex",
                version: "6.2.2",
                line: None,
                groups: Some(&["bundled"]),
            },
            W {
                name: "semver",
                version: "7.7.2",
                line: None,
                groups: Some(&["bundled", "dev"]),
            },
            W {
                name: "strip-ansi",
                version: "7.1.2",
                line: None,
                groups: Some(&[]),
            },
        ],
    },
    // yarn-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/yarn-lock/testdata/empty.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/one-package.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[W {
            name: "balanced-match",
            version: "1.0.2",
            line: Some(5),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/no-version.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[W {
            name: "balanced-match",
            version: "1.0.2",
            line: Some(5),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/two-packages.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "concat-stream",
                version: "1.6.2",
                line: Some(10),
                groups: None,
            },
            W {
                name: "concat-map",
                version: "0.0.1",
                line: Some(5),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-quotes.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "concat-stream",
                version: "1.6.2",
                line: Some(10),
                groups: None,
            },
            W {
                name: "concat-map",
                version: "0.0.1",
                line: Some(5),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/multiple-versions.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "define-properties",
                version: "1.1.3",
                line: Some(5),
                groups: None,
            },
            W {
                name: "define-property",
                version: "0.2.5",
                line: Some(12),
                groups: None,
            },
            W {
                name: "define-property",
                version: "1.0.0",
                line: Some(19),
                groups: None,
            },
            W {
                name: "define-property",
                version: "2.0.2",
                line: Some(26),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/multiple-constraints.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@babel/code-frame",
                version: "7.12.13",
                line: Some(10),
                groups: None,
            },
            W {
                name: "domelementtype",
                version: "1.3.1",
                line: Some(5),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/scoped-packages.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@babel/code-frame",
                version: "7.12.11",
                line: Some(5),
                groups: None,
            },
            W {
                name: "@babel/compat-data",
                version: "7.14.0",
                line: Some(12),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-prerelease.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "css-tree",
                version: "1.0.0-alpha.37",
                line: Some(5),
                groups: None,
            },
            W {
                name: "gensync",
                version: "1.0.0-beta.2",
                line: Some(13),
                groups: None,
            },
            W {
                name: "node-fetch",
                version: "3.0.0-beta.9",
                line: Some(18),
                groups: None,
            },
            W {
                name: "resolve",
                version: "1.20.0",
                line: Some(26),
                groups: None,
            },
            W {
                name: "resolve",
                version: "2.0.0-next.3",
                line: Some(34),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-build-string.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "domino",
                version: "2.1.6+git",
                line: Some(5),
                groups: None,
            },
            W {
                name: "tslib",
                version: "2.6.2",
                line: Some(10),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/commits.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "mine1",
                version: "1.0.0-alpha.37",
                line: Some(5),
                groups: None,
            },
            W {
                name: "mine2",
                version: "0.0.1",
                line: Some(11),
                groups: None,
            },
            W {
                name: "mine3",
                version: "1.2.3",
                line: Some(17),
                groups: None,
            },
            W {
                name: "mine4",
                version: "0.0.2",
                line: Some(21),
                groups: None,
            },
            W {
                name: "mine4",
                version: "0.0.4",
                line: Some(25),
                groups: None,
            },
            W {
                name: "my-package",
                version: "1.8.3",
                line: Some(29),
                groups: None,
            },
            W {
                name: "@bower_components/angular-animate",
                version: "1.4.14",
                line: Some(33),
                groups: None,
            },
            W {
                name: "@bower_components/alertify",
                version: "0.0.0",
                line: Some(37),
                groups: None,
            },
            W {
                name: "minimist",
                version: "0.0.8",
                line: Some(41),
                groups: None,
            },
            W {
                name: "bats-assert",
                version: "2.0.0",
                line: Some(45),
                groups: None,
            },
            W {
                name: "bats-support",
                version: "0.3.0",
                line: Some(49),
                groups: None,
            },
            W {
                name: "bats",
                version: "1.5.0",
                line: Some(53),
                groups: None,
            },
            W {
                name: "vue",
                version: "2.6.12",
                line: Some(57),
                groups: None,
            },
            W {
                name: "kit",
                version: "1.0.0",
                line: Some(61),
                groups: None,
            },
            W {
                name: "casadistance",
                version: "1.0.0",
                line: Some(68),
                groups: None,
            },
            W {
                name: "babel-preset-php",
                version: "1.1.1",
                line: Some(72),
                groups: None,
            },
            W {
                name: "is-number",
                version: "2.0.0",
                line: Some(78),
                groups: None,
            },
            W {
                name: "is-number",
                version: "5.0.0",
                line: Some(82),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/files.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "etag",
                version: "1.8.1",
                line: Some(5),
                groups: None,
            },
            W {
                name: "filedep",
                version: "1.2.0",
                line: Some(9),
                groups: None,
            },
            W {
                name: "lodash",
                version: "1.3.1",
                line: Some(12),
                groups: None,
            },
            W {
                name: "other_package",
                version: "0.0.2",
                line: Some(16),
                groups: None,
            },
            W {
                name: "sprintf-js",
                version: "0.0.0",
                line: Some(24),
                groups: None,
            },
            W {
                name: "etag",
                version: "1.8.0",
                line: Some(27),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-aliases.v1.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@babel/helper-validator-identifier",
                version: "7.22.20",
                line: Some(15),
                groups: None,
            },
            W {
                name: "ansi-regex",
                version: "6.0.1",
                line: Some(10),
                groups: None,
            },
            W {
                name: "ansi-regex",
                version: "5.0.1",
                line: Some(5),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/empty.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/one-package.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[W {
            name: "balanced-match",
            version: "1.0.2",
            line: Some(8),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/two-packages.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "compare-func",
                version: "2.0.0",
                line: Some(8),
                groups: None,
            },
            W {
                name: "concat-map",
                version: "0.0.1",
                line: Some(18),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-quotes.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "compare-func",
                version: "2.0.0",
                line: Some(8),
                groups: None,
            },
            W {
                name: "concat-map",
                version: "0.0.1",
                line: Some(18),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/multiple-versions.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "debug",
                version: "4.3.3",
                line: Some(8),
                groups: None,
            },
            W {
                name: "debug",
                version: "2.6.9",
                line: Some(20),
                groups: None,
            },
            W {
                name: "debug",
                version: "3.2.7",
                line: Some(29),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/scoped-packages.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@babel/cli",
                version: "7.16.8",
                line: Some(8),
                groups: None,
            },
            W {
                name: "@babel/code-frame",
                version: "7.16.7",
                line: Some(35),
                groups: None,
            },
            W {
                name: "@babel/compat-data",
                version: "7.16.8",
                line: Some(44),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-prerelease.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@nicolo-ribaudo/chokidar-2",
                version: "2.1.8-no-fsevents.3",
                line: Some(8),
                groups: None,
            },
            W {
                name: "gensync",
                version: "1.0.0-beta.2",
                line: Some(15),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-build-string.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "domino",
                version: "2.1.6+git",
                line: Some(8),
                groups: None,
            },
            W {
                name: "tslib",
                version: "2.6.2",
                line: Some(15),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/commits.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@my-scope/my-first-package",
                version: "0.0.6",
                line: Some(8),
                groups: None,
            },
            W {
                name: "my-second-package",
                version: "0.2.2",
                line: Some(12),
                groups: None,
            },
            W {
                name: "@typegoose/typegoose",
                version: "7.2.0",
                line: Some(21),
                groups: None,
            },
            W {
                name: "vuejs",
                version: "2.5.0",
                line: Some(37),
                groups: None,
            },
            W {
                name: "my-third-package",
                version: "0.16.1-dev",
                line: Some(45),
                groups: None,
            },
            W {
                name: "my-node-sdk",
                version: "1.1.0",
                line: Some(50),
                groups: None,
            },
            W {
                name: "is-really-great",
                version: "1.0.0",
                line: Some(58),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/files.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[W {
            name: "my-package",
            version: "0.0.2",
            line: Some(8),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/with-aliases.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@babel/helper-validator-identifier",
                version: "7.22.20",
                line: Some(22),
                groups: None,
            },
            W {
                name: "ansi-regex",
                version: "6.0.1",
                line: Some(15),
                groups: None,
            },
            W {
                name: "ansi-regex",
                version: "5.0.1",
                line: Some(8),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/yarn-lock/testdata/exclude-root.v2.lock",
        kind: LockfileKind::YarnLock,
        error: false,
        want: &[
            W {
                name: "@ws/ansi-regex",
                version: "0.0.0-use.local",
                line: Some(8),
                groups: None,
            },
            W {
                name: "ansi-regex",
                version: "6.1.0",
                line: Some(16),
                groups: None,
            },
        ],
    },
    // pnpm-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/pnpm-lock/testdata/not-yaml.txt",
        kind: LockfileKind::PnpmLock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/invalid-path.yaml",
        kind: LockfileKind::PnpmLock,
        error: true,
        want: &[W {
            name: "acorn",
            version: "8.7.0",
            line: Some(11),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/invalid-paths.yaml",
        kind: LockfileKind::PnpmLock,
        error: true,
        want: &[W {
            name: "acorn",
            version: "8.7.0",
            line: Some(17),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/empty.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/no-packages.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/missing-packages.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/one-package.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "acorn",
            version: "8.7.0",
            line: Some(11),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/one-package-v6-lockfile.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "acorn",
            version: "8.7.0",
            line: Some(10),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/one-package-dev.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "acorn",
            version: "8.7.0",
            line: Some(11),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/scoped-packages.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "@typescript-eslint/types",
            version: "5.13.0",
            line: Some(11),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/scoped-packages-v6-lockfile.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "@typescript-eslint/types",
            version: "5.57.1",
            line: Some(10),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "acorn-jsx",
                version: "5.3.2",
                line: Some(13),
                groups: Some(&[]),
            },
            W {
                name: "acorn",
                version: "8.7.0",
                line: Some(21),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies-v6.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "js-tokens",
                version: "4.0.0",
                line: Some(14),
                groups: Some(&[]),
            },
            W {
                name: "loose-envify",
                version: "1.4.0",
                line: Some(18),
                groups: Some(&[]),
            },
            W {
                name: "react-dom",
                version: "18.2.0",
                line: Some(25),
                groups: Some(&[]),
            },
            W {
                name: "react",
                version: "18.2.0",
                line: Some(35),
                groups: Some(&[]),
            },
            W {
                name: "scheduler",
                version: "0.23.0",
                line: Some(42),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies-advanced.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "@typescript-eslint/eslint-plugin",
                version: "5.13.0",
                line: Some(17),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/parser",
                version: "5.13.0",
                line: Some(44),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/type-utils",
                version: "5.13.0",
                line: Some(64),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/types",
                version: "5.13.0",
                line: Some(83),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/typescript-estree",
                version: "5.13.0",
                line: Some(88),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/utils",
                version: "5.13.0",
                line: Some(109),
                groups: Some(&[]),
            },
            W {
                name: "eslint-utils",
                version: "3.0.0",
                line: Some(127),
                groups: Some(&[]),
            },
            W {
                name: "eslint",
                version: "8.10.0",
                line: Some(137),
                groups: Some(&[]),
            },
            W {
                name: "tsutils",
                version: "3.21.0",
                line: Some(181),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies-advanced-v6.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "js-tokens",
                version: "4.0.0",
                line: Some(14),
                groups: Some(&[]),
            },
            W {
                name: "loose-envify",
                version: "1.4.0",
                line: Some(18),
                groups: Some(&[]),
            },
            W {
                name: "react-dom",
                version: "18.3.0-canary-ab31a9ed2-20230824",
                line: Some(25),
                groups: Some(&[]),
            },
            W {
                name: "react",
                version: "18.3.0-canary-ab31a9ed2-20230824",
                line: Some(35),
                groups: Some(&[]),
            },
            W {
                name: "scheduler",
                version: "0.24.0-canary-ab31a9ed2-20230824",
                line: Some(42),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies-advanced-rc-v6.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "js-tokens",
                version: "4.0.0",
                line: Some(14),
                groups: Some(&[]),
            },
            W {
                name: "loose-envify",
                version: "1.4.0",
                line: Some(18),
                groups: Some(&[]),
            },
            W {
                name: "react-dom",
                version: "18.0.0-rc.3",
                line: Some(25),
                groups: Some(&[]),
            },
            W {
                name: "react",
                version: "18.2.0",
                line: Some(35),
                groups: Some(&[]),
            },
            W {
                name: "scheduler",
                version: "0.21.0",
                line: Some(42),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/multiple-packages.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "aws-sdk",
                version: "2.1087.0",
                line: Some(11),
                groups: Some(&[]),
            },
            W {
                name: "base64-js",
                version: "1.5.1",
                line: Some(26),
                groups: Some(&[]),
            },
            W {
                name: "buffer",
                version: "4.9.2",
                line: Some(30),
                groups: Some(&[]),
            },
            W {
                name: "events",
                version: "1.1.1",
                line: Some(38),
                groups: Some(&[]),
            },
            W {
                name: "ieee754",
                version: "1.1.13",
                line: Some(43),
                groups: Some(&[]),
            },
            W {
                name: "isarray",
                version: "1.0.0",
                line: Some(47),
                groups: Some(&[]),
            },
            W {
                name: "jmespath",
                version: "0.16.0",
                line: Some(51),
                groups: Some(&[]),
            },
            W {
                name: "punycode",
                version: "1.3.2",
                line: Some(56),
                groups: Some(&[]),
            },
            W {
                name: "querystring",
                version: "0.2.0",
                line: Some(60),
                groups: Some(&[]),
            },
            W {
                name: "sax",
                version: "1.2.1",
                line: Some(66),
                groups: Some(&[]),
            },
            W {
                name: "url",
                version: "0.10.3",
                line: Some(70),
                groups: Some(&[]),
            },
            W {
                name: "uuid",
                version: "3.3.2",
                line: Some(77),
                groups: Some(&[]),
            },
            W {
                name: "xml2js",
                version: "0.4.19",
                line: Some(83),
                groups: Some(&[]),
            },
            W {
                name: "xmlbuilder",
                version: "9.0.7",
                line: Some(90),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/multiple-versions.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "uuid",
                version: "3.3.2",
                line: Some(13),
                groups: Some(&[]),
            },
            W {
                name: "uuid",
                version: "8.3.2",
                line: Some(19),
                groups: Some(&[]),
            },
            W {
                name: "xmlbuilder",
                version: "9.0.7",
                line: Some(24),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/tarball.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "@my-org/my-package",
            version: "3.2.3",
            line: Some(10),
            groups: Some(&["dev"]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/exotic.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "foo",
                version: "1.0.0",
                line: Some(10),
                groups: Some(&[]),
            },
            W {
                name: "@foo/bar",
                version: "1.0.0",
                line: Some(11),
                groups: Some(&[]),
            },
            W {
                name: "foo",
                version: "1.1.0",
                line: Some(12),
                groups: Some(&[]),
            },
            W {
                name: "@foo/bar",
                version: "1.1.0",
                line: Some(13),
                groups: Some(&[]),
            },
            W {
                name: "foo",
                version: "1.2.0",
                line: Some(15),
                groups: Some(&[]),
            },
            W {
                name: "foo",
                version: "1.3.0",
                line: Some(16),
                groups: Some(&[]),
            },
            W {
                name: "foo",
                version: "1.4.0",
                line: Some(17),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/commits.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "my-bitbucket-package",
                version: "1.0.0",
                line: Some(14),
                groups: Some(&[]),
            },
            W {
                name: "@my-scope/my-package",
                version: "1.0.0",
                line: Some(20),
                groups: Some(&[]),
            },
            W {
                name: "@my-scope/my-other-package",
                version: "1.0.0",
                line: Some(28),
                groups: Some(&[]),
            },
            W {
                name: "faker-parser",
                version: "0.0.1",
                line: Some(34),
                groups: Some(&[]),
            },
            W {
                name: "mocks",
                version: "20.0.1",
                line: Some(42),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/files.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "my-file-package",
                version: "0.0.0",
                line: Some(10),
                groups: Some(&[]),
            },
            W {
                name: "a-local-package",
                version: "1.0.0",
                line: Some(16),
                groups: Some(&[]),
            },
            W {
                name: "a-nested-local-package",
                version: "1.0.0",
                line: Some(22),
                groups: Some(&[]),
            },
            W {
                name: "one-up",
                version: "1.0.0",
                line: Some(28),
                groups: Some(&[]),
            },
            W {
                name: "one-up-with-peer",
                version: "1.0.0",
                line: Some(34),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/no-packages.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/one-package.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "acorn",
            version: "8.11.3",
            line: Some(17),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/one-package-dev.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "acorn",
            version: "8.11.3",
            line: Some(17),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/scoped-packages.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[W {
            name: "@typescript-eslint/types",
            version: "5.62.0",
            line: Some(17),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "acorn-jsx",
                version: "5.3.2",
                line: Some(17),
                groups: Some(&[]),
            },
            W {
                name: "acorn",
                version: "8.11.3",
                line: Some(22),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/peer-dependencies-advanced.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "@eslint-community/eslint-utils",
                version: "4.4.0",
                line: Some(26),
                groups: Some(&[]),
            },
            W {
                name: "@eslint/eslintrc",
                version: "2.1.4",
                line: Some(32),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/eslint-plugin",
                version: "5.62.0",
                line: Some(36),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/parser",
                version: "5.62.0",
                line: Some(47),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/type-utils",
                version: "5.62.0",
                line: Some(57),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/typescript-estree",
                version: "5.62.0",
                line: Some(67),
                groups: Some(&[]),
            },
            W {
                name: "@typescript-eslint/utils",
                version: "5.62.0",
                line: Some(76),
                groups: Some(&[]),
            },
            W {
                name: "debug",
                version: "4.3.4",
                line: Some(82),
                groups: Some(&[]),
            },
            W {
                name: "eslint",
                version: "8.57.0",
                line: Some(91),
                groups: Some(&[]),
            },
            W {
                name: "has-flag",
                version: "4.0.0",
                line: Some(96),
                groups: Some(&[]),
            },
            W {
                name: "supports-color",
                version: "7.2.0",
                line: Some(100),
                groups: Some(&[]),
            },
            W {
                name: "tsutils",
                version: "3.21.0",
                line: Some(104),
                groups: Some(&[]),
            },
            W {
                name: "typescript",
                version: "4.9.5",
                line: Some(110),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/multiple-versions.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "uuid",
                version: "8.0.0",
                line: Some(20),
                groups: Some(&[]),
            },
            W {
                name: "uuid",
                version: "8.3.2",
                line: Some(24),
                groups: Some(&[]),
            },
            W {
                name: "xmlbuilder",
                version: "11.0.1",
                line: Some(28),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/commits.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "ansi-regex",
                version: "6.0.1",
                line: Some(20),
                groups: Some(&[]),
            },
            W {
                name: "is-number",
                version: "7.0.0",
                line: Some(25),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pnpm-lock/testdata/mixed-groups.v9.yaml",
        kind: LockfileKind::PnpmLock,
        error: false,
        want: &[
            W {
                name: "ansi-regex",
                version: "5.0.1",
                line: Some(25),
                groups: Some(&[]),
            },
            W {
                name: "uuid",
                version: "8.3.2",
                line: Some(33),
                groups: Some(&[]),
            },
            W {
                name: "is-number",
                version: "7.0.0",
                line: Some(29),
                groups: Some(&[]),
            },
        ],
    },
    // requirements-txt: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/requirements-txt/testdata/multiline_and_comments.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "pkgA",
                version: "1.0",
                line: Some(3),
                groups: None,
            },
            W {
                name: "pkgB",
                version: "2.0",
                line: Some(7),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/no_version.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "PyCrypto",
                version: "",
                line: Some(1),
                groups: None,
            },
            W {
                name: "GMPY2",
                version: "",
                line: Some(2),
                groups: None,
            },
            W {
                name: "SymPy",
                version: "",
                line: Some(3),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/loop.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/with_versions.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "nltk",
                version: "3.2.2",
                line: Some(1),
                groups: None,
            },
            W {
                name: "tabulate",
                version: "0.7.7",
                line: Some(2),
                groups: None,
            },
            W {
                name: "newspaper3k",
                version: "0.2.2",
                line: Some(3),
                groups: None,
            },
            W {
                name: "asdf",
                version: "",
                line: Some(4),
                groups: None,
            },
            W {
                name: "qwerty",
                version: "0.1",
                line: Some(5),
                groups: None,
            },
            W {
                name: "hy-phen",
                version: "1.2",
                line: Some(7),
                groups: None,
            },
            W {
                name: "under_score",
                version: "1.3",
                line: Some(8),
                groups: None,
            },
            W {
                name: "pkg.dot.name",
                version: "5.0.0",
                line: Some(9),
                groups: None,
            },
            W {
                name: "combination-._-.also_-._valid",
                version: "3.5",
                line: Some(10),
                groups: None,
            },
            W {
                name: "yolo",
                version: "1.0",
                line: Some(11),
                groups: None,
            },
            W {
                name: "pkg",
                version: "1.2.3",
                line: Some(12),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/comments.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "PyCrypto",
                version: "1.2-alpha",
                line: Some(2),
                groups: None,
            },
            W {
                name: "GMPY2",
                version: "1",
                line: Some(3),
                groups: None,
            },
            W {
                name: "SymPy",
                version: "1.2",
                line: Some(6),
                groups: None,
            },
            W {
                name: "requests",
                version: "1.0",
                line: Some(7),
                groups: None,
            },
            W {
                name: "six",
                version: "1.2",
                line: Some(8),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/example.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "pytest",
                version: "",
                line: Some(3),
                groups: None,
            },
            W {
                name: "pytest-cov",
                version: "",
                line: Some(4),
                groups: None,
            },
            W {
                name: "beautifulsoup4",
                version: "",
                line: Some(5),
                groups: None,
            },
            W {
                name: "docopt",
                version: "0.6.1",
                line: Some(8),
                groups: None,
            },
            W {
                name: "requests",
                version: "",
                line: Some(9),
                groups: None,
            },
            W {
                name: "keyring",
                version: "4.1.1",
                line: Some(13),
                groups: None,
            },
            W {
                name: "coverage",
                version: "",
                line: Some(15),
                groups: None,
            },
            W {
                name: "Mopidy-Dirble",
                version: "1.1",
                line: Some(17),
                groups: None,
            },
            W {
                name: "pandas",
                version: "2.2.3",
                line: None,
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/extras.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "pyjwt",
                version: "2.1.0",
                line: Some(1),
                groups: None,
            },
            W {
                name: "celery",
                version: "4.4.7",
                line: Some(2),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/env_var.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "asdf",
                version: "1.2",
                line: Some(1),
                groups: None,
            },
            W {
                name: "another",
                version: "1.0",
                line: Some(3),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/invalid.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/per_req_options.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[
            W {
                name: "foo1",
                version: "1.0",
                line: Some(1),
                groups: None,
            },
            W {
                name: "foo2",
                version: "1.0",
                line: Some(3),
                groups: None,
            },
            W {
                name: "foo3",
                version: "1.0",
                line: Some(5),
                groups: None,
            },
            W {
                name: "foo4",
                version: "1.0",
                line: Some(7),
                groups: None,
            },
            W {
                name: "foo5",
                version: "1.0",
                line: Some(9),
                groups: None,
            },
            W {
                name: "foo6",
                version: "1.0",
                line: Some(11),
                groups: None,
            },
            W {
                name: "foo7",
                version: "1.0 unexpected_text_before_options_stays_around",
                line: Some(13),
                groups: None,
            },
            W {
                name: "foo8",
                version: "1.0",
                line: Some(15),
                groups: None,
            },
            W {
                name: "foo9",
                version: "1.0",
                line: Some(17),
                groups: None,
            },
            W {
                name: "foo11",
                version: "1.0",
                line: Some(22),
                groups: None,
            },
            W {
                name: "foo12",
                version: "1.0",
                line: Some(24),
                groups: None,
            },
            W {
                name: "foo13",
                version: "1.0",
                line: Some(26),
                groups: None,
            },
            W {
                name: "foo14",
                version: "1.0",
                line: Some(28),
                groups: None,
            },
            W {
                name: "foo16-Client",
                version: "1.0",
                line: Some(32),
                groups: None,
            },
            W {
                name: "foo17--hash",
                version: "1.0",
                line: Some(34),
                groups: None,
            },
            W {
                name: "foo18-Client",
                version: "1.0",
                line: Some(36),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/requirements-txt/testdata/trailing_backslash.txt",
        kind: LockfileKind::Requirements,
        error: false,
        want: &[W {
            name: "pkg1",
            version: "1.0",
            line: Some(1),
            groups: None,
        }],
    },
    // poetry-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/poetry-lock/testdata/not-toml.txt",
        kind: LockfileKind::PoetryLock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/empty-file.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/empty.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/one-package.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[W {
            name: "numpy",
            version: "1.23.3",
            line: Some(2),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/two-packages.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[
            W {
                name: "proto-plus",
                version: "1.22.0",
                line: Some(2),
                groups: Some(&[]),
            },
            W {
                name: "protobuf",
                version: "4.21.5",
                line: Some(16),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/one-package-with-metadata.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[W {
            name: "emoji",
            version: "2.0.0",
            line: Some(2),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/source-git.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[W {
            name: "ike",
            version: "0.2.0",
            line: Some(2),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/source-legacy.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[W {
            name: "appdirs",
            version: "1.4.4",
            line: Some(2),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/optional-package.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[W {
            name: "numpy",
            version: "1.23.3",
            line: Some(2),
            groups: Some(&["optional"]),
        }],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/multiple-packages.v2.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[
            W {
                name: "async-timeout",
                version: "5.0.1",
                line: Some(4),
                groups: Some(&["optional"]),
            },
            W {
                name: "factory-boy",
                version: "3.3.1",
                line: Some(17),
                groups: Some(&["dev"]),
            },
            W {
                name: "faker",
                version: "33.3.0",
                line: Some(36),
                groups: Some(&["dev", "test"]),
            },
            W {
                name: "proto-plus",
                version: "1.22.0",
                line: Some(52),
                groups: Some(&[]),
            },
            W {
                name: "proto-plus",
                version: "1.23.0",
                line: Some(71),
                groups: Some(&[]),
            },
            W {
                name: "protobuf",
                version: "4.25.5",
                line: Some(90),
                groups: Some(&[]),
            },
            W {
                name: "python-dateutil",
                version: "2.9.0.post0",
                line: Some(111),
                groups: Some(&["dev", "test"]),
            },
            W {
                name: "six",
                version: "1.17.0",
                line: Some(146),
                groups: Some(&[]),
            },
            W {
                name: "typing-extensions",
                version: "4.12.2",
                line: Some(158),
                groups: Some(&["dev", "test"]),
            },
            W {
                name: "urllib3",
                version: "2.3.0",
                line: Some(170),
                groups: Some(&["dev"]),
            },
            W {
                name: "redis",
                version: "5.2.1",
                line: Some(126),
                groups: Some(&["optional"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/poetry-lock/testdata/names-outside-package-block.lock",
        kind: LockfileKind::PoetryLock,
        error: false,
        want: &[
            W {
                name: "first-pkg",
                version: "1.0.0",
                line: Some(5),
                groups: Some(&[]),
            },
            W {
                name: "second-pkg",
                version: "2.0.0",
                line: Some(18),
                groups: Some(&[]),
            },
        ],
    },
    // uv-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/uv-lock/testdata/not-toml.txt",
        kind: LockfileKind::UvLock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/uv-lock/testdata/empty.lock",
        kind: LockfileKind::UvLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/uv-lock/testdata/one-package.lock",
        kind: LockfileKind::UvLock,
        error: false,
        want: &[W {
            name: "emoji",
            version: "2.14.0",
            line: Some(5),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/uv-lock/testdata/two-packages.lock",
        kind: LockfileKind::UvLock,
        error: false,
        want: &[
            W {
                name: "emoji",
                version: "2.14.0",
                line: Some(5),
                groups: None,
            },
            W {
                name: "protobuf",
                version: "4.25.5",
                line: Some(14),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/uv-lock/testdata/source-git.lock",
        kind: LockfileKind::UvLock,
        error: false,
        want: &[W {
            name: "ruff",
            version: "0.8.1",
            line: Some(5),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/uv-lock/testdata/grouped-packages.lock",
        kind: LockfileKind::UvLock,
        error: false,
        want: &[
            W {
                name: "emoji",
                version: "2.14.0",
                line: Some(60),
                groups: None,
            },
            W {
                name: "click",
                version: "8.1.7",
                line: Some(39),
                groups: Some(&["cli"]),
            },
            W {
                name: "colorama",
                version: "0.4.6",
                line: Some(51),
                groups: None,
            },
            W {
                name: "black",
                version: "24.10.0",
                line: Some(5),
                groups: Some(&["dev", "test"]),
            },
            W {
                name: "flake8",
                version: "7.1.1",
                line: Some(69),
                groups: Some(&["test"]),
            },
            W {
                name: "mccabe",
                version: "0.7.0",
                line: Some(83),
                groups: None,
            },
            W {
                name: "mypy-extensions",
                version: "1.0.0",
                line: Some(92),
                groups: None,
            },
            W {
                name: "packaging",
                version: "24.2",
                line: Some(101),
                groups: None,
            },
            W {
                name: "pathspec",
                version: "0.12.1",
                line: Some(110),
                groups: None,
            },
            W {
                name: "platformdirs",
                version: "4.3.6",
                line: Some(119),
                groups: None,
            },
            W {
                name: "pycodestyle",
                version: "2.12.1",
                line: Some(128),
                groups: None,
            },
            W {
                name: "pyflakes",
                version: "3.2.0",
                line: Some(137),
                groups: None,
            },
            W {
                name: "tomli",
                version: "2.2.1",
                line: Some(146),
                groups: None,
            },
            W {
                name: "typing-extensions",
                version: "4.12.2",
                line: Some(185),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/uv-lock/testdata/names-outside-package-block.lock",
        kind: LockfileKind::UvLock,
        error: false,
        want: &[
            W {
                name: "first-pkg",
                version: "1.0.0",
                line: Some(5),
                groups: None,
            },
            W {
                name: "second-pkg",
                version: "2.0.0",
                line: Some(18),
                groups: None,
            },
        ],
    },
    // pipfile-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/pipfile-lock/testdata/not-json.txt",
        kind: LockfileKind::PipfileLock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/empty.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/empty-file",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/one-package.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[W {
            name: "markupsafe",
            version: "2.1.1",
            line: Some(19),
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/minified.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[W {
            name: "markupsafe",
            version: "2.1.1",
            line: None,
            groups: Some(&[]),
        }],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/one-package-dev.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[W {
            name: "markupsafe",
            version: "2.1.1",
            line: Some(20),
            groups: Some(&["dev"]),
        }],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/two-packages.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[
            W {
                name: "itsdangerous",
                version: "2.1.2",
                line: Some(19),
                groups: Some(&[]),
            },
            W {
                name: "markupsafe",
                version: "2.1.1",
                line: Some(29),
                groups: Some(&["dev"]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/two-packages-alt.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[
            W {
                name: "itsdangerous",
                version: "2.1.2",
                line: Some(19),
                groups: Some(&[]),
            },
            W {
                name: "markupsafe",
                version: "2.1.1",
                line: Some(27),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/multiple-packages.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[
            W {
                name: "itsdangerous",
                version: "2.1.2",
                line: Some(19),
                groups: Some(&[]),
            },
            W {
                name: "pluggy",
                version: "1.0.1",
                line: Some(27),
                groups: Some(&[]),
            },
            W {
                name: "pluggy",
                version: "1.0.0",
                line: Some(88),
                groups: Some(&["dev"]),
            },
            W {
                name: "markupsafe",
                version: "2.1.1",
                line: Some(32),
                groups: Some(&[]),
            },
        ],
    },
    Case {
        rel: "lockfiles/pipfile-lock/testdata/no-version.json",
        kind: LockfileKind::PipfileLock,
        error: false,
        want: &[],
    },
    // pylock-toml: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/pylock-toml/testdata/not-toml.txt",
        kind: LockfileKind::Pylock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/example.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[
            W {
                name: "attrs",
                version: "25.1.0",
                line: Some(7),
                groups: None,
            },
            W {
                name: "cattrs",
                version: "24.1.2",
                line: Some(20),
                groups: None,
            },
            W {
                name: "numpy",
                version: "2.2.3",
                line: Some(31),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/commits.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[
            W {
                name: "click",
                version: "8.2.1",
                line: Some(8),
                groups: None,
            },
            W {
                name: "mleroc",
                version: "0.1.0",
                line: Some(15),
                groups: None,
            },
            W {
                name: "packaging",
                version: "24.2",
                line: Some(24),
                groups: None,
            },
            W {
                name: "pathspec",
                version: "0.12.1",
                line: Some(31),
                groups: None,
            },
            W {
                name: "python-dateutil",
                version: "2.9.0.post0",
                line: Some(38),
                groups: None,
            },
            W {
                name: "scikit-learn",
                version: "1.6.1",
                line: Some(45),
                groups: None,
            },
            W {
                name: "tqdm",
                version: "4.67.1",
                line: Some(72),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/pip-just-self.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/pip-full.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[
            W {
                name: "annotated-types",
                version: "0.7.0",
                line: Some(5),
                groups: None,
            },
            W {
                name: "packaging",
                version: "25.0",
                line: Some(16),
                groups: None,
            },
            W {
                name: "pyproject-toml",
                version: "0.1.0",
                line: Some(27),
                groups: None,
            },
            W {
                name: "setuptools",
                version: "80.9.0",
                line: Some(38),
                groups: None,
            },
            W {
                name: "wheel",
                version: "0.45.1",
                line: Some(49),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/pdm-full.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[
            W {
                name: "certifi",
                version: "2025.1.31",
                line: Some(11),
                groups: None,
            },
            W {
                name: "chardet",
                version: "3.0.4",
                line: Some(24),
                groups: None,
            },
            W {
                name: "charset-normalizer",
                version: "2.0.12",
                line: Some(37),
                groups: None,
            },
            W {
                name: "colorama",
                version: "0.3.9",
                line: Some(50),
                groups: None,
            },
            W {
                name: "idna",
                version: "2.7",
                line: Some(63),
                groups: None,
            },
            W {
                name: "py",
                version: "1.4.34",
                line: Some(76),
                groups: None,
            },
            W {
                name: "pytest",
                version: "3.2.5",
                line: Some(89),
                groups: None,
            },
            W {
                name: "requests",
                version: "2.27.1",
                line: Some(102),
                groups: None,
            },
            W {
                name: "setuptools",
                version: "39.2.0",
                line: Some(115),
                groups: None,
            },
            W {
                name: "urllib3",
                version: "1.26.20",
                line: Some(128),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/names-outside-package-block.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[
            W {
                name: "first-pkg",
                version: "1.0.0",
                line: Some(7),
                groups: None,
            },
            W {
                name: "second-pkg",
                version: "2.0.0",
                line: Some(20),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/pylock-toml/testdata/empty.toml",
        kind: LockfileKind::Pylock,
        error: false,
        want: &[],
    },
    // cargo-lock: expected-go-tests/*_test.go
    Case {
        rel: "lockfiles/cargo-lock/testdata/not-toml.txt",
        kind: LockfileKind::CargoLock,
        error: true,
        want: &[],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/empty.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/one-package.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[W {
            name: "addr2line",
            version: "0.15.2",
            line: Some(6),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/two-packages.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[
            W {
                name: "addr2line",
                version: "0.15.2",
                line: Some(6),
                groups: None,
            },
            W {
                name: "syn",
                version: "1.0.73",
                line: Some(15),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/two-packages-with-local.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[
            W {
                name: "addr2line",
                version: "0.15.2",
                line: Some(6),
                groups: None,
            },
            W {
                name: "local-rust-pkg",
                version: "0.1.0",
                line: Some(15),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/package-with-build-string.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[W {
            name: "wasi",
            version: "0.10.2+wasi-snapshot-preview1",
            line: Some(6),
            groups: None,
        }],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/duplicate.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[
            W {
                name: "syn",
                version: "1.0.73",
                line: Some(6),
                groups: None,
            },
            W {
                name: "syn",
                version: "2.0.0",
                line: Some(12),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/package-with-comments.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[
            W {
                name: "addr2line",
                version: "0.15.2",
                line: Some(6),
                groups: None,
            },
            W {
                name: "syn",
                version: "1.0.73",
                line: Some(13),
                groups: None,
            },
        ],
    },
    Case {
        rel: "lockfiles/cargo-lock/testdata/many-packages.lock",
        kind: LockfileKind::CargoLock,
        error: false,
        want: &[
            W {
                name: "zstd",
                version: "0.11.2",
                line: Some(6),
                groups: None,
            },
            W {
                name: "aho-corasick",
                version: "0.7.18",
                line: Some(12),
                groups: None,
            },
            W {
                name: "memchr",
                version: "2.4.1",
                line: Some(21),
                groups: None,
            },
            W {
                name: "syn",
                version: "1.0.109",
                line: Some(27),
                groups: None,
            },
            W {
                name: "libc",
                version: "0.2.140",
                line: Some(33),
                groups: None,
            },
            W {
                name: "syn",
                version: "2.0.15",
                line: Some(39),
                groups: None,
            },
        ],
    },
];

/// Cargo.lock is read with a `toml` mirror (see `src/lockfile/cargo.rs`):
/// it must agree with `cargo_lock::Lockfile` on every complete lockfile.
#[test]
fn cargo_reader_agrees_with_cargo_lock() {
    let mut files: Vec<String> = ["deno-2.9.7", "deno-2.9.8", "uv-repo"]
        .iter()
        .map(|f| format!("realworld/cargo/{f}.Cargo.lock"))
        .collect();
    for ex in [
        "Cargo.lock",
        "Cargo.lock.v1",
        "Cargo.lock.v2",
        "Cargo.lock.v3",
        "Cargo.lock.v4",
        "Cargo.lock.git-ref",
        "Cargo.lock.same-git",
    ] {
        files.push(format!(
            "lockfiles/cargo-lock/rustsec-cargo-lock-examples/{ex}"
        ));
    }
    for rel in files {
        let ours = parse(&rel, LockfileKind::CargoLock);
        let text = std::fs::read_to_string(common::path(&rel)).unwrap_or_default();
        let theirs = match text.parse::<cargo_lock::Lockfile>() {
            Ok(l) => l,
            Err(e) => panic!("{rel}: cargo-lock: {e}"),
        };
        let mut a: Vec<(String, String, String)> = ours
            .packages
            .iter()
            .map(|p| {
                (
                    p.name.display().to_string(),
                    p.version.clone().unwrap_or_default(),
                    p.source.kind().to_string(),
                )
            })
            .collect();
        let mut b: Vec<(String, String, String)> = theirs
            .packages
            .iter()
            .map(|p| {
                let kind = match &p.source {
                    None => "path",
                    Some(s) if s.is_git() => "git",
                    Some(s) if s.is_path() => "path",
                    Some(_) => "registry",
                };
                (
                    p.name.as_str().to_string(),
                    p.version.to_string(),
                    kind.to_string(),
                )
            })
            .collect();
        a.sort();
        b.sort();
        b.dedup();
        assert_eq!(a, b, "{rel}");
    }
}

/// yarn berry is read by the line reader (see `src/lockfile/yarn.rs`): on the
/// real 3,500-entry berry lock, every block `serde-saphyr` sees (as YAML) has
/// the version and line the line reader found.
#[test]
fn berry_reader_agrees_with_yaml() {
    #[derive(serde::Deserialize)]
    struct Block {
        version: Option<String>,
        resolution: Option<String>,
    }
    let rel = "realworld/yarn/lavamoat-fixture-yarn-berry-realistic.yarn.lock";
    let text = std::fs::read_to_string(common::path(rel)).unwrap_or_default();
    let yaml: std::collections::HashMap<serde_saphyr::Spanned<String>, serde::de::IgnoredAny> =
        match serde_saphyr::from_str(&text) {
            Ok(y) => y,
            Err(e) => panic!("{e}"),
        };
    let blocks: std::collections::HashMap<String, Block> =
        serde_saphyr::from_str(&text).unwrap_or_default();
    let ours = parse(rel, LockfileKind::YarnLock);
    let mut checked = 0;
    for key in yaml.keys() {
        let Some(b) = blocks.get(&key.value) else {
            continue;
        };
        let (Some(res), Some(version)) = (&b.resolution, &b.version) else {
            continue;
        };
        if res.ends_with("@workspace:.") {
            continue;
        }
        let line = key.referenced.line() as u32;
        let found = ours.packages.iter().any(|p| {
            p.version.as_deref() == Some(version.as_str())
                && p.locations.iter().any(|l| l.line == line)
                && res.starts_with(p.name.display())
        });
        assert!(
            found,
            "{rel}:{line}: {res} {version} not found by the line reader"
        );
        checked += 1;
    }
    assert_eq!(checked, 3531);
}
