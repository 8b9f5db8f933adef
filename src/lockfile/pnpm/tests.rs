//! Unit tests of the pnpm lockfile reader.

use super::*;

type Row = (
    String,
    Option<String>,
    u32,
    Option<bool>,
    bool,
    bool,
    String,
);

fn summary(text: &str) -> Vec<Row> {
    match parse(text, "pnpm-lock.yaml") {
        Ok(p) => p
            .iter()
            .map(|p| {
                let name = p.name.display().to_string();
                (
                    name,
                    p.version.clone(),
                    p.locations[0].line,
                    p.direct,
                    p.dev,
                    p.optional,
                    p.source.to_string(),
                )
            })
            .collect(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn v5_keys_peers_and_flags() {
    let text = "lockfileVersion: 5.4

specifiers:
  a: ^1.0.0

dependencies:
  a: 1.0.0_react@17.0.2

packages:

  /a/1.0.0_react@17.0.2:
    resolution: {integrity: sha512-x}
    requiresBuild: true
    dev: false

  /@s/b/2.0.0:
    resolution: {integrity: sha512-y}
    dev: true
    optional: true

  github.com/o/r/0123456:
    resolution: {tarball: https://codeload.github.com/o/r/tar.gz/0123456}
    name: r
    version: 0.1.0
";
    assert_eq!(
        summary(text),
        [
            (
                "a".into(),
                Some("1.0.0".into()),
                11,
                Some(true),
                false,
                false,
                "registry".into()
            ),
            (
                "@s/b".into(),
                Some("2.0.0".into()),
                16,
                Some(false),
                true,
                true,
                "registry".into()
            ),
            (
                "r".into(),
                Some("0.1.0".into()),
                21,
                Some(false),
                false,
                false,
                "git https://github.com/o/r#0123456".into()
            ),
        ]
    );
    let p = parse(text, "p").unwrap_or_default();
    assert_eq!(
        p[0].facts.install_scripts,
        Some(vec!["install".to_string()])
    );
}

#[test]
fn v9_multi_document_dev_from_graph() {
    let text = "---
lockfileVersion: '9.0'

importers:
  .:
    packageManagerDependencies:
      pnpm:
        specifier: 9.0.0
        version: 9.0.0

packages:
  pnpm@9.0.0:
    resolution: {integrity: sha512-p}

snapshots:
  pnpm@9.0.0: {}

---
lockfileVersion: '9.0'

importers:
  .:
    dependencies:
      a:
        specifier: ^1
        version: 1.0.0(b@2.0.0)
    devDependencies:
      '@s/c':
        specifier: ^3
        version: 3.0.0
  packages/x:
    dependencies:
      b:
        specifier: ^2
        version: 2.0.0

packages:

  a@1.0.0:
    resolution: {integrity: sha512-a}

  b@2.0.0:
    resolution: {integrity: sha512-b}

  '@s/c@3.0.0':
    resolution: {integrity: sha512-c}

  d@4.0.0:
    resolution: {integrity: sha512-d}

snapshots:
  a@1.0.0(b@2.0.0):
    dependencies:
      b: 2.0.0
  b@2.0.0: {}
  '@s/c@3.0.0':
    dependencies:
      d: 4.0.0
  d@4.0.0:
    optional: true
";
    assert_eq!(
        summary(text),
        [
            (
                "pnpm".into(),
                Some("9.0.0".into()),
                12,
                Some(false),
                false,
                false,
                "registry".into()
            ),
            (
                "a".into(),
                Some("1.0.0".into()),
                39,
                Some(true),
                false,
                false,
                "registry".into()
            ),
            (
                "b".into(),
                Some("2.0.0".into()),
                42,
                Some(true),
                false,
                false,
                "registry".into()
            ),
            (
                "@s/c".into(),
                Some("3.0.0".into()),
                45,
                Some(true),
                true,
                false,
                "registry".into()
            ),
            (
                "d".into(),
                Some("4.0.0".into()),
                48,
                Some(false),
                true,
                true,
                "registry".into()
            ),
        ]
    );
}

#[test]
fn bad_yaml_names_a_line() {
    let err = parse(
        "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n",
        "p.yaml",
    )
    .err();
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.starts_with("p.yaml:"), "{msg}");
}
