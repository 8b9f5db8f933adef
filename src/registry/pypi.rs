//! PyPI: the JSON simple API (PEP 691) project pages, file-name parsing
//! (wheels and sdists), and core metadata (PEP 658/714 `.metadata` files)
//! for `Requires-Dist` and `Requires-Python`.

use serde::Deserialize;

use crate::ecosystem::normalize_pypi;

pub const SIMPLE_JSON: &str = "application/vnd.pypi.simple.v1+json";

/// A project page from one index.
#[derive(Debug, Deserialize)]
pub struct SimpleProject {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub files: Vec<SimpleFile>,
}

/// One distribution file.
#[derive(Clone, Debug, Deserialize)]
pub struct SimpleFile {
    pub filename: String,
    pub url: String,
    #[serde(default, rename = "requires-python")]
    pub requires_python: Option<String>,
    #[serde(default, rename = "core-metadata")]
    pub core_metadata: Option<serde_json::Value>,
    #[serde(default, rename = "data-dist-info-metadata")]
    pub data_dist_info_metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub yanked: Option<serde_json::Value>,
    #[serde(default, rename = "upload-time")]
    pub upload_time: Option<String>,
}

impl SimpleFile {
    /// PEP 592: `yanked` is `true` or a non-empty reason.
    pub fn is_yanked(&self) -> bool {
        match &self.yanked {
            Some(serde_json::Value::Bool(b)) => *b,
            Some(serde_json::Value::String(_)) => true,
            _ => false,
        }
    }

    /// PEP 658/714: the index serves `<url>.metadata`.
    pub fn has_metadata(&self) -> bool {
        let yes = |v: &Option<serde_json::Value>| match v {
            Some(serde_json::Value::Bool(b)) => *b,
            Some(serde_json::Value::Object(_)) => true,
            _ => false,
        };
        yes(&self.core_metadata) || yes(&self.data_dist_info_metadata)
    }
}

/// What a file name says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Expanded compatibility tags (`cp311-cp311-manylinux_2_17_x86_64`).
    Wheel {
        tags: Vec<String>,
    },
    Sdist,
}

/// Splits a distribution file name into (version, kind); `None` for eggs,
/// installers and names that do not belong to `project`.
pub fn parse_filename(project: &str, filename: &str) -> Option<(String, FileKind)> {
    let want = normalize_pypi(project);
    if let Some(stem) = filename.strip_suffix(".whl") {
        let parts: Vec<&str> = stem.split('-').collect();
        if !(parts.len() == 5 || parts.len() == 6) || normalize_pypi(parts[0]) != want {
            return None;
        }
        let n = parts.len();
        let mut tags = Vec::new();
        for py in parts[n - 3].split('.') {
            for abi in parts[n - 2].split('.') {
                for plat in parts[n - 1].split('.') {
                    tags.push(format!("{py}-{abi}-{plat}"));
                }
            }
        }
        return Some((parts[1].to_string(), FileKind::Wheel { tags }));
    }
    let stem = sdist_stem(filename)?;
    // The name part may itself hold `-`: find the split whose prefix normalizes to the project.
    stem.match_indices('-').find_map(|(i, _)| {
        (normalize_pypi(&stem[..i]) == want && i + 1 < stem.len())
            .then(|| (stem[i + 1..].to_string(), FileKind::Sdist))
    })
}

/// A source distribution's file name without its archive extension.
fn sdist_stem(filename: &str) -> Option<&str> {
    [".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz", ".tar"]
        .iter()
        .find_map(|ext| filename.strip_suffix(ext))
}

/// The version a distribution file name spells, without checking the
/// project name or reading wheel tags: for counting a project page's
/// releases (the page lists only that project's files).
pub fn file_version(filename: &str) -> Option<&str> {
    if let Some(stem) = filename.strip_suffix(".whl") {
        let mut parts = stem.split('-');
        return parts.nth(1);
    }
    let stem = sdist_stem(filename)?;
    stem.rsplit_once('-')
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// The fields of a core metadata file the resolver needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoreMetadata {
    pub requires_dist: Vec<String>,
    pub requires_python: Option<String>,
}

/// Reads RFC 822-style headers up to the first blank line (the description body).
pub fn parse_metadata(text: &str) -> CoreMetadata {
    let mut out = CoreMetadata::default();
    let mut current: Option<(String, String)> = None;
    let flush = |cur: Option<(String, String)>, out: &mut CoreMetadata| {
        if let Some((k, v)) = cur {
            match k.to_ascii_lowercase().as_str() {
                "requires-dist" => out.requires_dist.push(v.trim().to_string()),
                "requires-python" => out.requires_python = Some(v.trim().to_string()),
                _ => {}
            }
        }
    };
    for line in text.lines() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = current.as_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        flush(current.take(), &mut out);
        current = line
            .split_once(':')
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()));
    }
    flush(current, &mut out);
    out
}

/// `requires_dist` from the PyPI JSON API (`/pypi/<name>/<version>/json`).
#[derive(Debug, Deserialize)]
pub struct JsonRelease {
    pub info: JsonInfo,
}

#[derive(Debug, Deserialize)]
pub struct JsonInfo {
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub requires_dist: Option<Vec<String>>,
    #[serde(default)]
    pub requires_python: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames() {
        let (v, k) = parse_filename(
            "charset-normalizer",
            "charset_normalizer-3.4.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        )
        .expect("wheel");
        assert_eq!(v, "3.4.0");
        assert_eq!(
            k,
            FileKind::Wheel {
                tags: vec![
                    "cp311-cp311-manylinux_2_17_x86_64".into(),
                    "cp311-cp311-manylinux2014_x86_64".into()
                ]
            }
        );
        assert_eq!(
            parse_filename("zope.interface", "zope.interface-6.0.tar.gz"),
            Some(("6.0".into(), FileKind::Sdist))
        );
        assert_eq!(
            parse_filename("a-b", "a-b-1.0-1.tar.gz"),
            Some(("1.0-1".into(), FileKind::Sdist))
        );
        assert_eq!(parse_filename("x", "x-1.0-py2.7.egg"), None);
        assert_eq!(parse_filename("x", "y-1.0.tar.gz"), None);
        // The cheap reading used to count a project page's releases.
        assert_eq!(
            file_version("charset_normalizer-3.4.0-cp311-cp311-any.whl"),
            Some("3.4.0")
        );
        assert_eq!(file_version("zope.interface-6.0.tar.gz"), Some("6.0"));
        assert_eq!(file_version("x-1.0-py2.7.egg"), None);
        assert_eq!(file_version("README"), None);
        assert_eq!(file_version("x-.zip"), None);
    }

    #[test]
    fn metadata_headers() {
        let m = parse_metadata(
            "Metadata-Version: 2.1\nName: requests\nRequires-Python: >=3.8\nRequires-Dist: idna<4,>=2.5\nRequires-Dist: PySocks!=1.5.7,>=1.5.6; extra == \"socks\"\n\nRequires-Dist: not-a-header\n",
        );
        assert_eq!(m.requires_python.as_deref(), Some(">=3.8"));
        assert_eq!(m.requires_dist.len(), 2);
    }
}
