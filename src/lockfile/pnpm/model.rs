//! The serde shape of a pnpm lockfile document: what `pnpm.rs` reads,
//! whether the fast subset reader (`convert.rs`) or serde-saphyr built it.

use serde::Deserialize;

use crate::lockfile::collect::Entries;

// No `#[serde(flatten)]` or `untagged` here: both make serde buffer the
// whole value before reading it, which made this parser ten times slower.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Doc {
    pub(super) lockfile_version: Option<Scalar>,
    pub(super) importers: Option<Entries<Option<Deps>>>,
    // A single-project v5/v6 lock keeps the root's lists at the top level.
    pub(super) dependencies: Option<Entries<DepRef>>,
    pub(super) dev_dependencies: Option<Entries<DepRef>>,
    pub(super) optional_dependencies: Option<Entries<DepRef>>,
    pub(super) packages: Option<Entries<Option<Pkg>, Lined<String>>>,
    pub(super) snapshots: Option<Entries<Option<Snapshot>>>,
}

/// A value and the line it is written on (read through serde-saphyr's `Spanned`).
pub(super) struct Lined<T> {
    pub(super) value: T,
    pub(super) line: u64,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lined<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Lined {
            value: s.value,
            line: s.referenced.line(),
        })
    }
}

/// `lockfileVersion`: `'9.0'` or `5.4`.
pub(super) enum Scalar {
    Text(String),
    Number(f64),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a version string or number")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Deps {
    pub(super) dependencies: Option<Entries<DepRef>>,
    pub(super) dev_dependencies: Option<Entries<DepRef>>,
    pub(super) optional_dependencies: Option<Entries<DepRef>>,
}

/// An importer's dependency: a version (v5) or `{specifier, version}` (v6+).
pub(super) enum DepRef {
    Plain(String),
    Spec { version: String },
}

impl<'de> Deserialize<'de> for DepRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = DepRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a version or a {specifier, version} map")
            }
            fn visit_str<E>(self, v: &str) -> Result<DepRef, E> {
                Ok(DepRef::Plain(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<DepRef, E> {
                Ok(DepRef::Plain(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<DepRef, E> {
                Ok(DepRef::Plain(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<DepRef, A::Error> {
                let mut version = None;
                while let Some(k) = m.next_key::<std::borrow::Cow<'de, str>>()? {
                    if k == "version" {
                        version = Some(m.next_value::<String>()?);
                    } else {
                        m.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                version
                    .map(|version| DepRef::Spec { version })
                    .ok_or_else(|| serde::de::Error::missing_field("version"))
            }
        }
        d.deserialize_any(V)
    }
}

impl DepRef {
    pub(super) fn version(&self) -> &str {
        match self {
            DepRef::Plain(v) | DepRef::Spec { version: v } => v,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Pkg {
    pub(super) resolution: Option<Resolution>,
    pub(super) name: Option<Lined<String>>,
    pub(super) version: Option<String>,
    pub(super) dev: Option<bool>,
    pub(super) optional: Option<bool>,
    pub(super) requires_build: Option<bool>,
}

#[derive(Deserialize, Default)]
pub(super) struct Resolution {
    pub(super) tarball: Option<String>,
    pub(super) repo: Option<String>,
    pub(super) commit: Option<String>,
    pub(super) directory: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Snapshot {
    pub(super) dependencies: Option<Entries<String>>,
    pub(super) optional_dependencies: Option<Entries<String>>,
    pub(super) optional: Option<bool>,
}
