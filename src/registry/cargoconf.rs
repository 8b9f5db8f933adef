//! Where cargo would read the crates.io index from: source replacement in
//! `.cargo/config.toml` (the working folder and its ancestors, then
//! `$CARGO_HOME/config.toml`), named registries (`[registries.NAME] index`)
//! and `CARGO_REGISTRIES_<NAME>_INDEX` / `_TOKEN`.

use std::path::{Path, PathBuf};

use super::Env;

pub const DEFAULT_INDEX: &str = "https://index.crates.io/";
const CRATES_IO_GIT: &str = "https://github.com/rust-lang/crates.io-index";

/// The index cargo would use for crates.io packages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CargoConfig {
    /// Sparse index base URL, ending in `/`.
    pub index: String,
    /// A token for that index (only sent when it asks for auth).
    token: Option<String>,
    /// Why the configured source cannot be read (git index, local registry…).
    pub unsupported: Option<String>,
}

impl Default for CargoConfig {
    fn default() -> Self {
        CargoConfig::with_index(DEFAULT_INDEX)
    }
}

/// `sparse+https://x` → `https://x/`; the crates.io git index maps to its sparse twin.
pub fn sparse_base(index: &str) -> Result<String, String> {
    if let Some(u) = index.strip_prefix("sparse+") {
        return Ok(if u.ends_with('/') {
            u.to_string()
        } else {
            format!("{u}/")
        });
    }
    if index.trim_end_matches('/').trim_end_matches(".git") == CRATES_IO_GIT {
        return Ok(DEFAULT_INDEX.to_string());
    }
    Err(format!(
        "{} is a git index; ccdeps reads only sparse indexes",
        crate::redact::url(index)
    ))
}

impl CargoConfig {
    pub fn with_index(url: &str) -> CargoConfig {
        let index = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        CargoConfig {
            index,
            token: None,
            unsupported: None,
        }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Reads cargo's configuration as seen from `cwd`.
    pub fn load(cwd: &Path, env: &Env) -> CargoConfig {
        let mut files: Vec<PathBuf> = cwd.ancestors().map(|d| d.join(".cargo")).collect();
        let cargo_home = env
            .get("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| env.get("HOME").map(|h| Path::new(h).join(".cargo")));
        if let Some(h) = cargo_home {
            files.push(h);
        }
        // Nearest file first: the first definition of a key wins.
        let tables: Vec<toml::Table> = files
            .iter()
            .flat_map(|d| [d.join("config.toml"), d.join("config")])
            .filter_map(|p| super::read_small(&p))
            .filter_map(|t| t.parse::<toml::Table>().ok())
            .collect();
        let lookup = |path: &[&str]| -> Option<String> {
            tables.iter().find_map(|t| {
                let mut v: &toml::Value = t.get(path[0])?;
                for k in &path[1..] {
                    v = v.get(*k)?;
                }
                v.as_str().map(str::to_string)
            })
        };
        let Some(name) = lookup(&["source", "crates-io", "replace-with"]) else {
            return CargoConfig::default();
        };
        let env_key = format!(
            "CARGO_REGISTRIES_{}_",
            name.to_ascii_uppercase().replace('-', "_")
        );
        let index = env
            .get(&format!("{env_key}INDEX"))
            .map(str::to_string)
            .or_else(|| lookup(&["registries", &name, "index"]))
            .or_else(|| lookup(&["source", &name, "registry"]));
        let token = env
            .get(&format!("{env_key}TOKEN"))
            .map(str::to_string)
            .or_else(|| lookup(&["registries", &name, "token"]));
        match index.as_deref().map(sparse_base) {
            Some(Ok(base)) => CargoConfig {
                index: base,
                token,
                unsupported: None,
            },
            Some(Err(why)) => CargoConfig {
                unsupported: Some(why),
                ..CargoConfig::default()
            },
            None => CargoConfig {
                unsupported: Some(format!(
                    "crates.io is replaced by `{name}`, a local or vendored source"
                )),
                ..CargoConfig::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacement_and_env() {
        let dir = tempfile::tempdir().expect("tmp");
        let cargo = dir.path().join(".cargo");
        std::fs::create_dir_all(&cargo).expect("mkdir");
        std::fs::write(
            cargo.join("config.toml"),
            "[source.crates-io]\nreplace-with = \"corp\"\n[source.corp]\nregistry = \"sparse+https://corp.example/index\"\n",
        )
        .expect("write");
        let env = Env::from_pairs([("CARGO_HOME", "/nonexistent")]);
        let c = CargoConfig::load(dir.path(), &env);
        assert_eq!(c.index, "https://corp.example/index/");
        let env = Env::from_pairs([
            ("CARGO_HOME", "/nonexistent"),
            ("CARGO_REGISTRIES_CORP_INDEX", "sparse+https://env.example"),
        ]);
        assert_eq!(
            CargoConfig::load(dir.path(), &env).index,
            "https://env.example/"
        );
        assert!(sparse_base("https://github.com/foo/index").is_err());
        assert_eq!(
            sparse_base("https://github.com/rust-lang/crates.io-index").as_deref(),
            Ok(DEFAULT_INDEX)
        );
    }
}
