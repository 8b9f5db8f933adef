//! The [`subset`](super::subset) tree into the same [`Doc`] serde builds.
//!
//! Each function mirrors what the serde derive (through serde-saphyr) does
//! with the same YAML: unknown keys ignored, `null` where an `Option` is
//! allowed, and `None` (give up, let serde parse and explain) wherever serde
//! would fail: a wrong type, a missing `version`, a null where a value is due.

use std::borrow::Cow;

use super::subset::Node;
use super::{DepRef, Deps, Doc, Lined, Pkg, Resolution, Scalar, Snapshot};
use crate::lockfile::collect::Entries;

type Map<'a> = Vec<(Cow<'a, str>, u32, Node<'a>)>;

/// One document: `Some(None)` for an empty one.
pub(super) fn doc(node: Node<'_>) -> Option<Option<Doc>> {
    let map = match node {
        Node::Null => return Some(None),
        Node::Map(m) => m,
        _ => return None,
    };
    let mut d = Doc::default();
    for (key, _, value) in map {
        match key.as_ref() {
            "lockfileVersion" => {
                d.lockfile_version = match value {
                    Node::Scalar(t, true) => Some(Scalar::Text(t.into_owned())),
                    Node::Scalar(t, false) => Some(match t.parse::<f64>() {
                        Ok(n) if n.is_finite() => Scalar::Number(n),
                        Ok(_) => return None, // `.inf`, `nan`: let serde decide
                        Err(_) => Scalar::Text(t.into_owned()),
                    }),
                    Node::Null => None,
                    _ => return None,
                }
            }
            "importers" => d.importers = entries(value, |v| opt(v, deps))?,
            "dependencies" => d.dependencies = entries(value, dep_ref)?,
            "devDependencies" => d.dev_dependencies = entries(value, dep_ref)?,
            "optionalDependencies" => d.optional_dependencies = entries(value, dep_ref)?,
            "packages" => d.packages = packages(value)?,
            "snapshots" => d.snapshots = entries(value, |v| opt(v, snapshot))?,
            _ => {}
        }
    }
    Some(Some(d))
}

/// An optional map in file order (`null` is `None`, as serde reads an `Option`).
fn entries<'a, V>(node: Node<'a>, f: impl Fn(Node<'a>) -> Option<V>) -> Option<Option<Entries<V>>> {
    match node {
        Node::Null => Some(None),
        Node::Map(m) => m
            .into_iter()
            .map(|(k, _, v)| Some((k.into_owned(), f(v)?)))
            .collect::<Option<Vec<_>>>()
            .map(|v| Some(Entries(v))),
        _ => None,
    }
}

fn opt<'a, T>(node: Node<'a>, f: impl Fn(Map<'a>) -> Option<T>) -> Option<Option<T>> {
    match node {
        Node::Null => Some(None),
        Node::Map(m) => f(m).map(Some),
        _ => None,
    }
}

fn string(node: Node<'_>) -> Option<String> {
    match node {
        Node::Scalar(t, _) => Some(t.into_owned()),
        _ => None,
    }
}

fn optional_string(node: Node<'_>) -> Option<Option<String>> {
    match node {
        Node::Null => Some(None),
        n => string(n).map(Some),
    }
}

fn boolean(node: Node<'_>) -> Option<Option<bool>> {
    match node {
        Node::Null => Some(None),
        Node::Scalar(t, false) if t == "true" => Some(Some(true)),
        Node::Scalar(t, false) if t == "false" => Some(Some(false)),
        _ => None,
    }
}

fn deps(map: Map<'_>) -> Option<Deps> {
    let mut d = Deps::default();
    for (key, _, value) in map {
        match key.as_ref() {
            "dependencies" => d.dependencies = entries(value, dep_ref)?,
            "devDependencies" => d.dev_dependencies = entries(value, dep_ref)?,
            "optionalDependencies" => d.optional_dependencies = entries(value, dep_ref)?,
            _ => {}
        }
    }
    Some(d)
}

fn dep_ref(node: Node<'_>) -> Option<DepRef> {
    match node {
        Node::Scalar(t, _) => Some(DepRef::Plain(t.into_owned())),
        Node::Map(m) => m
            .into_iter()
            .find(|(k, ..)| k == "version")
            .and_then(|(_, _, v)| string(v))
            .map(|version| DepRef::Spec { version }),
        _ => None,
    }
}

fn packages(node: Node<'_>) -> Option<Option<Entries<Option<Pkg>, Lined<String>>>> {
    let m = match node {
        Node::Null => return Some(None),
        Node::Map(m) => m,
        _ => return None,
    };
    m.into_iter()
        .map(|(k, line, v)| {
            let key = Lined {
                value: k.into_owned(),
                line: u64::from(line),
            };
            Some((key, opt(v, pkg)?))
        })
        .collect::<Option<Vec<_>>>()
        .map(|v| Some(Entries(v)))
}

fn pkg(map: Map<'_>) -> Option<Pkg> {
    let mut p = Pkg::default();
    for (key, line, value) in map {
        match key.as_ref() {
            "resolution" => p.resolution = opt(value, resolution)?,
            "name" => {
                p.name = optional_string(value)?.map(|value| Lined {
                    value,
                    line: u64::from(line),
                })
            }
            "version" => p.version = optional_string(value)?,
            "dev" => p.dev = boolean(value)?,
            "optional" => p.optional = boolean(value)?,
            "requiresBuild" => p.requires_build = boolean(value)?,
            _ => {}
        }
    }
    Some(p)
}

fn resolution(map: Map<'_>) -> Option<Resolution> {
    let mut r = Resolution::default();
    for (key, _, value) in map {
        match key.as_ref() {
            "tarball" => r.tarball = optional_string(value)?,
            "repo" => r.repo = optional_string(value)?,
            "commit" => r.commit = optional_string(value)?,
            "directory" => r.directory = optional_string(value)?,
            _ => {}
        }
    }
    Some(r)
}

fn snapshot(map: Map<'_>) -> Option<Snapshot> {
    let mut s = Snapshot::default();
    for (key, _, value) in map {
        match key.as_ref() {
            "dependencies" => s.dependencies = entries(value, string)?,
            "optionalDependencies" => s.optional_dependencies = entries(value, string)?,
            "optional" => s.optional = boolean(value)?,
            _ => {}
        }
    }
    Some(s)
}
