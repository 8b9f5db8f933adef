//! `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1, 2 and 3.
//!
//! - v2/v3: the flat `packages` map, keyed by install path
//!   (`node_modules/a/node_modules/@s/b`). The name is the last
//!   `node_modules/` segment unless the entry sets `name` (aliases). The root
//!   `""` is the project itself and is skipped; `link: true` entries are
//!   symlinks to workspace folders and are skipped too. The workspace folders
//!   themselves (keys outside `node_modules`, e.g. `packages/app`) are
//!   reported as [`Source::Path`] packages, as Cargo workspace members are:
//!   they are the project's own code, never fetched from a registry.
//!   `direct` is known: a package installed at the top of the root or of a
//!   workspace (`node_modules/x`, `packages/app/node_modules/x`) that the root
//!   or that workspace declares in its dependency lists.
//! - v1: the nested `dependencies` tree; `version` holds `npm:real@1.2.3` for
//!   aliases and a git or `file:` spec for non-registry packages. v1 does not
//!   say which packages are direct (`direct: None`).
//!
//! Lines: keys of the `packages` map (or of each `dependencies` level) are
//! located with one scan ([`json_keys`]); an aliased entry points at its
//! `"name"` line, which is the line that names the real package.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::LockfileError;
use super::collect::{Collector, Entries, Entry, git_source, is_git_spec, npm_source};
use super::lines::json_keys;
use crate::ecosystem::Ecosystem;
use crate::package::{Package, Source};

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    packages: Option<Entries<Option<V2>>>,
    #[serde(default)]
    dependencies: Option<Entries<Option<V1>>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct V2 {
    name: Option<String>,
    version: Option<String>,
    resolved: Option<String>,
    link: Option<bool>,
    dev: Option<bool>,
    optional: Option<bool>,
    dev_optional: Option<bool>,
    has_install_script: Option<bool>,
    dependencies: Option<HashMap<String, IgnoredAny>>,
    dev_dependencies: Option<HashMap<String, IgnoredAny>>,
    optional_dependencies: Option<HashMap<String, IgnoredAny>>,
    peer_dependencies: Option<HashMap<String, IgnoredAny>>,
}

#[derive(Deserialize, Default)]
struct V1 {
    version: Option<String>,
    resolved: Option<String>,
    dev: Option<bool>,
    optional: Option<bool>,
    dependencies: Option<Entries<Option<V1>>>,
}

pub(super) fn parse(text: &str, path: &str) -> Result<Vec<Package>, LockfileError> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
        LockfileError::syntax(path, line, format!("invalid JSON: {e}"))
    })?;
    let mut out = Collector::new(Ecosystem::Npm, path);
    if let Some(packages) = raw.packages {
        v2(text, packages, &mut out);
    } else if let Some(deps) = raw.dependencies {
        let lines = v1_lines(text);
        v1(&deps, &mut Vec::new(), &lines, &mut out);
    }
    Ok(out.finish())
}

fn v2(text: &str, packages: Entries<Option<V2>>, out: &mut Collector) {
    let mut key_lines: HashMap<Cow<str>, u32> = HashMap::new();
    let mut name_lines: HashMap<Cow<str>, u32> = HashMap::new();
    json_keys(text, |path, key, line| match path {
        [p] if p == "packages" => {
            key_lines.insert(key.clone(), line);
        }
        [p, entry] if p == "packages" && key == "name" => {
            name_lines.insert(entry.clone(), line);
        }
        _ => {}
    });
    // What the root and each workspace folder declare: their direct dependencies.
    let mut declared: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (key, entry) in &packages.0 {
        let Some(e) = entry else { continue };
        if key.is_empty() || !key.contains("node_modules/") {
            let lists = [
                &e.dependencies,
                &e.dev_dependencies,
                &e.optional_dependencies,
                &e.peer_dependencies,
            ];
            let names = lists
                .into_iter()
                .flatten()
                .flat_map(|m| m.keys().map(String::as_str));
            declared.entry(key.as_str()).or_default().extend(names);
        }
    }
    for (key, entry) in &packages.0 {
        let Some(e) = entry else { continue };
        if key.is_empty() || e.link == Some(true) {
            continue;
        }
        let (parent, segment) = match key.rfind("node_modules/") {
            Some(at) => (
                key[..at].trim_end_matches('/'),
                &key[at + "node_modules/".len()..],
            ),
            None => (key.as_str(), ""),
        };
        let workspace = segment.is_empty();
        let name = match (&e.name, workspace) {
            (Some(n), _) => n.as_str(),
            (None, false) => segment,
            (None, true) => key.rsplit('/').next().unwrap_or(key),
        };
        // An alias or a workspace folder named differently: its `"name"` line names it.
        let line = match &e.name {
            Some(n) if !key.ends_with(n.as_str()) => name_lines.get(key.as_str()),
            _ => key_lines.get(key.as_str()),
        };
        let mut entry = Entry::new(name, e.version.as_deref(), line.copied().unwrap_or(1));
        entry.source = if workspace {
            Source::Path { path: key.clone() }
        } else {
            npm_source(e.resolved.as_deref(), name)
        };
        let top = !workspace && !parent.contains("node_modules");
        // A workspace's dependencies are hoisted to the root `node_modules`.
        let declared_here = |p: &str| declared.get(p).is_some_and(|d| d.contains(segment));
        let direct = if parent.is_empty() {
            declared.keys().any(|p| declared_here(p))
        } else {
            declared_here(parent)
        };
        entry.direct = Some(top && direct);
        // `devOptional`: needed by the dev tree and, optionally, by the prod tree.
        entry.dev = e.dev == Some(true) || e.dev_optional == Some(true);
        entry.optional = e.optional == Some(true) || e.dev_optional == Some(true);
        if e.has_install_script == Some(true) {
            entry.facts.install_scripts = Some(vec!["install".into()]);
        }
        out.push(entry);
    }
}

/// Lines of v1 entries, keyed by their path of names joined with `/`
/// (`a/b` is `b` nested in `a`'s `dependencies`).
fn v1_lines(text: &str) -> HashMap<String, u32> {
    let mut lines = HashMap::new();
    json_keys(text, |path, key, line| {
        // [dependencies, a, dependencies, b, dependencies] holds entry keys.
        if path.len() % 2 == 1 && path.iter().step_by(2).all(|p| p == "dependencies") {
            let names: Vec<&str> = path.iter().skip(1).step_by(2).map(|c| c.as_ref()).collect();
            let mut k = names.join("/");
            if !k.is_empty() {
                k.push('/');
            }
            k.push_str(key);
            lines.entry(k).or_insert(line);
        }
    });
    lines
}

fn v1(
    deps: &Entries<Option<V1>>,
    stack: &mut Vec<String>,
    lines: &HashMap<String, u32>,
    out: &mut Collector,
) {
    for (key, dep) in &deps.0 {
        let Some(d) = dep else { continue };
        stack.push(key.clone());
        let line = lines.get(&stack.join("/")).copied().unwrap_or(1);
        let spec = d.version.as_deref().unwrap_or("");
        let mut entry = if let Some(alias) = spec.strip_prefix("npm:") {
            // `npm:real@1.2.3` (the real name may be scoped: split at the last `@`).
            let (name, version) = match alias.rfind('@') {
                Some(at) if at > 0 => (&alias[..at], &alias[at + 1..]),
                _ => (alias, ""),
            };
            let mut e = Entry::new(name, Some(version).filter(|v| !v.is_empty()), line);
            e.source = npm_source(d.resolved.as_deref(), name);
            e
        } else if is_git_spec(spec) {
            let mut e = Entry::new(key, None, line);
            e.source = git_source(spec);
            e
        } else if let Some(p) = spec.strip_prefix("file:") {
            let mut e = Entry::new(key, None, line);
            e.source = Source::Path {
                path: p.to_string(),
            };
            e
        } else if spec.starts_with("https://") || spec.starts_with("http://") {
            let mut e = Entry::new(key, None, line);
            e.source = npm_source(Some(spec), key);
            e
        } else {
            let mut e = Entry::new(key, Some(spec).filter(|v| !v.is_empty()), line);
            e.source = npm_source(d.resolved.as_deref(), key);
            e
        };
        entry.dev = d.dev == Some(true);
        entry.optional = d.optional == Some(true);
        out.push(entry);
        if let Some(children) = &d.dependencies {
            v1(children, stack, lines, out);
        }
        stack.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Vec<Package> {
        match parse(text, "package-lock.json") {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn v2_names_lines_direct_and_scripts() {
        let text = r#"{
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "app", "dependencies": { "a": "^1", "sw": "npm:string-width@^4" } },
    "node_modules/a": { "version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "hasInstallScript": true },
    "node_modules/a/node_modules/@s/b": { "version": "2.0.0", "dev": true },
    "node_modules/sw": {
      "name": "string-width",
      "version": "4.2.3"
    },
    "node_modules/ws": { "resolved": "packages/ws", "link": true },
    "packages/ws": { "name": "ws", "version": "0.1.0", "dependencies": { "c": "1" } },
    "node_modules/c": { "version": "3.0.0", "devOptional": true }
  }
}"#;
        let p = parse_ok(text);
        let summary: Vec<_> = p
            .iter()
            .map(|p| {
                (
                    p.name.display(),
                    p.version.as_deref(),
                    p.locations[0].line,
                    p.direct,
                    p.dev,
                    p.source.kind(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("a", Some("1.0.0"), 5, Some(true), false, "registry"),
                ("@s/b", Some("2.0.0"), 6, Some(false), true, "registry"),
                (
                    "string-width",
                    Some("4.2.3"),
                    8,
                    Some(true),
                    false,
                    "registry"
                ),
                ("ws", Some("0.1.0"), 12, Some(false), false, "path"),
                ("c", Some("3.0.0"), 13, Some(true), true, "registry"),
            ]
        );
        assert_eq!(
            p[0].facts.install_scripts,
            Some(vec!["install".to_string()])
        );
        assert_eq!(p[1].facts.install_scripts, None);
        assert!(p[4].optional);
    }

    #[test]
    fn v1_tree_aliases_git_and_files() {
        let text = r#"{
  "lockfileVersion": 1,
  "dependencies": {
    "sw": { "version": "npm:string-width@4.2.0" },
    "x": {
      "version": "1.0.0",
      "dependencies": {
        "x": { "version": "git+ssh://git@github.com/a/x.git#abc", "dev": true }
      }
    },
    "local": { "version": "file:deps/local" }
  }
}"#;
        let p = parse_ok(text);
        assert_eq!(p.len(), 4);
        assert_eq!(
            (
                p[0].name.display(),
                p[0].version.as_deref(),
                p[0].locations[0].line
            ),
            ("string-width", Some("4.2.0"), 4)
        );
        assert_eq!((p[1].name.display(), p[1].locations[0].line), ("x", 5));
        assert_eq!(
            p[2].source,
            Source::Git {
                url: "ssh://git@github.com/a/x.git".into(),
                rev: Some("abc".into())
            }
        );
        assert_eq!(p[2].locations[0].line, 8);
        assert!(p[2].dev);
        assert_eq!(
            p[3].source,
            Source::Path {
                path: "deps/local".into()
            }
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("{\n  \"packages\": {\n    \"x\": [\n", "p.json")
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.starts_with("p.json:4: invalid JSON")),
            "{err:?}"
        );
        assert!(parse("null", "p.json").is_err());
    }
}
