//! npm packuments. The abbreviated document (`application/vnd.npm.install-v1+json`)
//! drives resolution: dist-tags, and per version the dependency maps,
//! `hasInstallScript`, `deprecated`, `engines`. Versions stay raw JSON until the
//! resolver picks one, so a packument with thousands of versions costs one
//! scan, not thousands of maps. The full document is read only for facts the
//! abbreviated one lacks (`time`, `scripts`, `gypfile`), keeping just the
//! versions asked for.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

pub const ABBREVIATED: &str =
    "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
pub const FULL: &str = "application/json";

/// An abbreviated packument. Each version's manifest stays unparsed in the
/// fetched body (only its byte range is kept) until the resolver picks it.
#[derive(Debug)]
pub struct Packument {
    pub name: String,
    pub dist_tags: BTreeMap<String, String>,
    pub modified: Option<String>,
    versions: HashMap<String, std::ops::Range<usize>>,
    body: Arc<Vec<u8>>,
}

#[derive(Deserialize)]
struct Borrowed<'a> {
    #[serde(default)]
    name: String,
    #[serde(rename = "dist-tags", default)]
    dist_tags: BTreeMap<String, String>,
    #[serde(borrow, default)]
    versions: HashMap<String, &'a RawValue>,
    #[serde(default)]
    modified: Option<String>,
}

/// One version's manifest (the fields resolution and facts need).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    #[serde(default)]
    pub version: String,
    #[serde(default, deserialize_with = "lenient_map")]
    pub dependencies: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "lenient_map")]
    pub optional_dependencies: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "lenient_map")]
    pub peer_dependencies: BTreeMap<String, String>,
    #[serde(default)]
    pub peer_dependencies_meta: BTreeMap<String, PeerMeta>,
    #[serde(default)]
    pub has_install_script: bool,
    #[serde(default)]
    pub deprecated: Option<serde_json::Value>,
    #[serde(default)]
    pub engines: Option<serde_json::Value>,
    #[serde(default)]
    pub dist: Dist,
}

#[derive(Debug, Default, Deserialize)]
pub struct PeerMeta {
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct Dist {
    #[serde(default)]
    pub tarball: Option<String>,
}

impl Manifest {
    /// The deprecation message, if deprecated (npm uses a string; `false`/`""` mean no).
    pub fn deprecation(&self) -> Option<String> {
        match &self.deprecated {
            Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(serde_json::Value::Bool(true)) => Some("deprecated".into()),
            _ => None,
        }
    }

    /// `engines.node`, when it is a string.
    pub fn engine_node(&self) -> Option<&str> {
        self.engines.as_ref()?.get("node")?.as_str()
    }
}

impl Packument {
    /// Reads a packument body, indexing (not parsing) its versions.
    pub fn parse(body: Arc<Vec<u8>>) -> Result<Packument, serde_json::Error> {
        let b: Borrowed<'_> = serde_json::from_slice(&body)?;
        let start = body.as_ptr() as usize;
        let versions = b
            .versions
            .into_iter()
            .map(|(k, raw)| {
                let at = (raw.get().as_ptr() as usize).saturating_sub(start);
                (k, at..at + raw.get().len())
            })
            .collect();
        Ok(Packument {
            name: b.name,
            dist_tags: b.dist_tags,
            modified: b.modified,
            versions,
            body: Arc::clone(&body),
        })
    }

    /// Every published version string.
    pub fn version_keys(&self) -> impl Iterator<Item = &String> {
        self.versions.keys()
    }

    /// Parses one version's manifest; `None` if absent or malformed.
    pub fn manifest(&self, version: &str) -> Option<Manifest> {
        let range = self.versions.get(version)?;
        serde_json::from_slice(self.body.get(range.clone())?).ok()
    }
}

/// Maps whose values should be strings; anything else (npm has seen
/// `"dependencies": []` and numbers) is dropped instead of failing the document.
fn lenient_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    let mut out = BTreeMap::new();
    if let serde_json::Value::Object(m) = v {
        for (k, v) in m {
            if let serde_json::Value::String(s) = v {
                out.insert(k, s);
            }
        }
    }
    Ok(out)
}

/// Facts of one version from the full packument.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct FullFacts {
    pub published: Option<String>,
    /// The package's first publication and number of versions, from `time`.
    #[serde(skip)]
    pub history: Option<crate::package::History>,
    /// Lifecycle scripts that run on install (`preinstall`, `install`, `postinstall`),
    /// plus `node-gyp rebuild` when the package declares `gypfile`.
    pub install_scripts: Vec<String>,
}

#[derive(Deserialize, Default)]
struct FullVersion {
    #[serde(default)]
    scripts: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    gypfile: Option<bool>,
}

/// Reads `time` and the wanted versions' scripts from a full packument,
/// skipping every other version without building it.
pub fn full_facts(
    body: &[u8],
    wanted: &HashSet<String>,
) -> Result<HashMap<String, FullFacts>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let out = FullSeed { wanted }.deserialize(&mut de)?;
    Ok(out)
}

struct FullSeed<'a> {
    wanted: &'a HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for FullSeed<'_> {
    type Value = HashMap<String, FullFacts>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FullSeed<'_> {
    type Value = HashMap<String, FullFacts>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a packument object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: HashMap<String, FullFacts> = HashMap::new();
        let mut history = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "time" => {
                    let times: HashMap<String, serde_json::Value> = map.next_value()?;
                    // `created` and `modified` sit beside the versions.
                    let versions = || {
                        times
                            .iter()
                            .filter(|(v, _)| !matches!(v.as_str(), "created" | "modified"))
                    };
                    history = crate::package::History::from_times(
                        versions().filter_map(|(_, t)| t.as_str()),
                        versions().count(),
                    );
                    for (v, t) in &times {
                        if let (true, Some(t)) = (self.wanted.contains(v), t.as_str()) {
                            out.entry(v.clone()).or_default().published = Some(t.to_string());
                        }
                    }
                }
                "versions" => {
                    let found = map.next_value_seed(VersionsSeed {
                        wanted: self.wanted,
                    })?;
                    for (v, fv) in found {
                        let e = out.entry(v).or_default();
                        for s in ["preinstall", "install", "postinstall"] {
                            if fv
                                .scripts
                                .get(s)
                                .and_then(|x| x.as_str())
                                .is_some_and(|x| !x.is_empty())
                            {
                                e.install_scripts.push(s.to_string());
                            }
                        }
                        if fv.gypfile == Some(true) && !fv.scripts.contains_key("install") {
                            e.install_scripts.push("node-gyp rebuild".into());
                        }
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        for f in out.values_mut() {
            f.history.clone_from(&history);
        }
        Ok(out)
    }
}

struct VersionsSeed<'a> {
    wanted: &'a HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for VersionsSeed<'_> {
    type Value = Vec<(String, FullVersion)>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for VersionsSeed<'_> {
    type Value = Vec<(String, FullVersion)>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a versions object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if self.wanted.contains(&key) {
                let v: FullVersion = map.next_value().unwrap_or_default();
                out.push((key, v));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviated_lazy_versions() {
        let body = r#"{"name":"x","dist-tags":{"latest":"1.0.0"},"versions":{
            "1.0.0":{"version":"1.0.0","dependencies":{"a":"^1"},"hasInstallScript":true,"deprecated":"old"},
            "2.0.0":{"version":"2.0.0","dependencies":[]}}}"#;
        let p = Packument::parse(Arc::new(body.as_bytes().to_vec())).expect("parse");
        let m = p.manifest("1.0.0").expect("1.0.0");
        assert_eq!(m.dependencies.get("a").map(String::as_str), Some("^1"));
        assert!(m.has_install_script);
        assert_eq!(m.deprecation().as_deref(), Some("old"));
        assert!(p.manifest("2.0.0").expect("2.0.0").dependencies.is_empty());
    }

    #[test]
    fn full_facts_keep_only_wanted() {
        let body =
            br#"{"name":"x","versions":{"1.0.0":{"scripts":{"postinstall":"node x.js","test":"t"}},
            "2.0.0":{"gypfile":true}},"time":{"created":"2019-12-31T00:00:00.000Z",
            "1.0.0":"2020-01-01T00:00:00.000Z","2.0.0":"2021-01-01T00:00:00.000Z","1.5.0":"bad",
            "modified":"2022-01-01T00:00:00.000Z"}}"#;
        let wanted: HashSet<String> = ["1.0.0".to_string(), "2.0.0".to_string()].into();
        let f = full_facts(body, &wanted).expect("parse");
        assert_eq!(f["1.0.0"].install_scripts, vec!["postinstall"]);
        assert_eq!(f["2.0.0"].install_scripts, vec!["node-gyp rebuild"]);
        assert_eq!(
            f["1.0.0"].published.as_deref(),
            Some("2020-01-01T00:00:00.000Z")
        );
        // The package's history: versions only (not `created`/`modified`);
        // an unreadable time counts as a release but not as a date.
        let h = f["2.0.0"].history.clone().expect("history");
        assert_eq!(h.first_published.to_string(), "2020-01-01T00:00:00Z");
        assert_eq!(h.releases, 3);
    }
}
