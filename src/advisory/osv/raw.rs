//! The private serde mirror of the OSV schema: only the fields ccdeps uses,
//! lenient where real data varies. Unknown fields are ignored, as the OSV
//! schema asks of consumers.

use std::borrow::Cow;

use serde::Deserialize;

#[derive(Deserialize)]
pub(super) struct RawRecord<'a> {
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) modified: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) published: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) withdrawn: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(super) aliases: Option<Vec<String>>,
    #[serde(default, borrow)]
    pub(super) summary: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) details: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) severity: Option<Vec<RawSeverity<'a>>>,
    #[serde(default, borrow)]
    pub(super) affected: Option<Vec<RawAffected<'a>>>,
    #[serde(default)]
    pub(super) database_specific: Option<RawSpecific>,
}

/// The parts of `database_specific` / `ecosystem_specific` ccdeps reads;
/// everything else in those free-form objects is skipped unparsed.
#[derive(Deserialize, Default)]
pub(super) struct RawSpecific {
    #[serde(default)]
    pub(super) severity: Lenient,
    #[serde(default)]
    pub(super) informational: Lenient,
}

/// A free-form value that is kept only when it is a string: feeds put
/// numbers, objects or `null` in the same keys, and none of those may reject
/// the record.
#[derive(Default)]
pub(super) struct Lenient(pub(super) Option<String>);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Lenient;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lenient, E> {
                Ok(Lenient(Some(v.to_string())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_none<E>(self) -> Result<Lenient, E> {
                Ok(Lenient(None))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Lenient, D::Error> {
                d.deserialize_any(V)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Lenient, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Lenient, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Lenient(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
pub(super) struct RawSeverity<'a> {
    #[serde(rename = "type", borrow)]
    pub(super) kind: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) score: Cow<'a, str>,
}

#[derive(Deserialize)]
pub(super) struct RawAffected<'a> {
    #[serde(borrow)]
    pub(super) package: Option<RawPackage<'a>>,
    #[serde(default, borrow)]
    pub(super) ranges: Option<Vec<RawRange<'a>>>,
    #[serde(default)]
    pub(super) versions: Option<Vec<String>>,
    #[serde(default, borrow)]
    pub(super) severity: Option<Vec<RawSeverity<'a>>>,
    #[serde(default)]
    pub(super) database_specific: Option<RawSpecific>,
    #[serde(default)]
    pub(super) ecosystem_specific: Option<RawSpecific>,
}

#[derive(Deserialize)]
pub(super) struct RawPackage<'a> {
    #[serde(borrow)]
    pub(super) ecosystem: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) name: Cow<'a, str>,
}

#[derive(Deserialize)]
pub(super) struct RawRange<'a> {
    #[serde(rename = "type", borrow)]
    pub(super) kind: Cow<'a, str>,
    #[serde(default)]
    pub(super) events: Vec<RawEvent>,
}

#[derive(Deserialize)]
pub(super) struct RawEvent {
    pub(super) introduced: Option<String>,
    pub(super) fixed: Option<String>,
    pub(super) last_affected: Option<String>,
    pub(super) limit: Option<String>,
}
