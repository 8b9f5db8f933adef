//! Policy files (`ccdeps.toml`): the on-disk schema and its validation.
//!
//! Every table rejects unknown keys, and every error names the file and the
//! line (`ccdeps.toml:12: unknown field `foo`…`). Values are checked here
//! (check names, codes, actions, purls, ranges, dates) so the merged policy
//! never holds a value it cannot apply.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::Layer;

/// A configuration problem, always located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: u32,
    pub message: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct File {
    #[serde(default)]
    pub settings: Settings,
    /// Per-check action (`typosquat = "block"`).
    #[serde(default)]
    pub checks: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Per-code action (`typosquat-weak = "warn"`).
    #[serde(default)]
    pub codes: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub allow: Vec<Spanned<ListEntry>>,
    #[serde(default)]
    pub deny: Vec<Spanned<ListEntry>>,
    #[serde(default)]
    pub exceptions: Vec<Spanned<ExceptionEntry>>,
    /// Managed layer only: keys lower layers may not loosen.
    #[serde(default)]
    pub lock: Option<Spanned<Lock>>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// `low|medium|high|critical`: known vulnerabilities at or above block, below warn.
    pub block_severity: Option<Spanned<String>>,
    /// `block|warn|off`: what a check that could not run leads to.
    pub on_missing_data: Option<Spanned<String>>,
    /// `block|warn|off`: what `ask` becomes without a terminal.
    pub ask_without_terminal: Option<Spanned<String>>,
    /// Cooldown for new releases, in hours.
    pub release_age_hours: Option<Spanned<u32>>,
    /// Registries allowed besides each ecosystem's public one (base URLs).
    pub allowed_registries: Option<Spanned<Vec<String>>>,
    /// Names owned by private registries/scopes (dependency-confusion check):
    /// npm scopes (`@acme`) or package names.
    pub private_names: Option<Spanned<Vec<String>>>,
}

/// An `[[allow]]` or `[[deny]]` entry.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// A purl, with an optional exact version (`pkg:npm/esbuild@0.20.2`).
    pub package: String,
    /// A version range (`>=0.20, <0.30`), in the package's ecosystem order.
    pub version: Option<String>,
    pub reason: Option<String>,
    /// `[[allow]]`: only these checks are waived (default: every check but malware).
    pub checks: Option<Vec<String>>,
}

/// An `[[exceptions]]` entry: accepted advisories for a package.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ExceptionEntry {
    pub package: String,
    pub version: Option<String>,
    /// Advisory ids; any alias of a finding matches.
    pub advisories: Vec<String>,
    pub reason: String,
    /// `YYYY-MM-DD`: the exception stops applying after this day.
    pub expires: String,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// Dotted keys (`settings.block-severity`, `checks.typosquat`,
    /// `codes.typosquat-weak`) or whole lists (`allow`, `exceptions`).
    pub keys: Vec<Spanned<String>>,
}

/// A parsed file with its name, for locating later errors.
#[derive(Debug)]
pub struct Loaded {
    pub layer: Layer,
    pub path: String,
    text: String,
    pub file: File,
}

impl Loaded {
    /// The 1-based line of a byte span.
    pub fn line(&self, span: Range<usize>) -> u32 {
        line_of(&self.text, span.start)
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.clone(),
            line: self.line(span),
            message: message.into(),
        }
    }
}

fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

/// Largest policy file read.
const MAX_CONFIG_BYTES: u64 = 4 << 20;

/// Parses policy text.
pub fn parse(layer: Layer, path: &str, text: String) -> Result<Loaded, ConfigError> {
    match toml::from_str::<File>(&text) {
        Ok(file) => Ok(Loaded {
            layer,
            path: path.to_string(),
            text,
            file,
        }),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(&text, s.start));
            Err(ConfigError {
                path: path.to_string(),
                line,
                message: e.message().trim().to_string(),
            })
        }
    }
}

/// Reads and parses a policy file (bounded).
pub fn load(layer: Layer, path: &Path) -> Result<Loaded, ConfigError> {
    use std::io::Read;
    let shown = path.display().to_string();
    let io = |e: std::io::Error| ConfigError {
        path: shown.clone(),
        line: 0,
        message: format!("cannot read: {e}"),
    };
    let f = std::fs::File::open(path).map_err(io)?;
    let mut text = String::new();
    f.take(MAX_CONFIG_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(ConfigError {
            path: shown,
            line: 0,
            message: format!("larger than {} MiB", MAX_CONFIG_BYTES >> 20),
        });
    }
    parse(layer, &shown, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_file_and_line() {
        let e = parse(
            Layer::Project,
            "ccdeps.toml",
            "[settings]\nblock-severity = \"high\"\nbogus = 1\n".into(),
        )
        .unwrap_err();
        assert_eq!(e.path, "ccdeps.toml");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unknown field `bogus`"), "{}", e.message);
        let e = parse(Layer::Project, "p.toml", "\n\n[[exceptions]]\npackage = \"pkg:npm/x@1.0.0\"\nadvisories = []\nreason = \"r\"\nexpires = \"2030-01-01\"\nwhy = 1\n".into())
            .unwrap_err();
        assert_eq!(e.line, 8, "{e}");
        let e = parse(Layer::Project, "p.toml", "[[exceptions]]\npackage = \"pkg:npm/x@1.0.0\"\nadvisories = [\"A\"]\nexpires = \"2030-01-01\"\n".into())
            .unwrap_err();
        assert!(e.message.contains("missing field `reason`"), "{e}");
    }
}
