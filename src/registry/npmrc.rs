//! npm configuration that decides where packuments come from and which
//! credentials go with them: `registry`, `@scope:registry` and
//! `//host/path/:_authToken` / `:_auth` / `:username`+`:_password` from the
//! project `.npmrc` (nearest folder with a `package.json`), the user file
//! (`NPM_CONFIG_USERCONFIG` or `~/.npmrc`) and `npm_config_*` variables,
//! highest first. Credentials are only ever turned into a header value.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Env, ini};

pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org/";

/// Credentials for one registry prefix (`//host/path/`).
#[derive(Clone, Default)]
struct Creds {
    token: Option<String>,
    basic: Option<String>,
    username: Option<String>,
    password_b64: Option<String>,
}

impl std::fmt::Debug for Creds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Creds(***)")
    }
}

/// The npm registry settings in force.
#[derive(Clone, Debug)]
pub struct NpmConfig {
    /// Default registry, always ending in `/`.
    pub registry: String,
    /// `@scope` → registry URL (ending in `/`).
    pub scopes: BTreeMap<String, String>,
    creds: BTreeMap<String, Creds>,
}

impl Default for NpmConfig {
    fn default() -> Self {
        NpmConfig::with_registry(DEFAULT_REGISTRY)
    }
}

fn slash(u: &str) -> String {
    if u.ends_with('/') {
        u.to_string()
    } else {
        format!("{u}/")
    }
}

/// npm's "nerf dart": `https://host/path/` → `//host/path/`.
fn nerf(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    slash(&format!("//{host}{path}"))
}

impl NpmConfig {
    /// Only a default registry (tests point this at 127.0.0.1).
    pub fn with_registry(url: &str) -> NpmConfig {
        NpmConfig {
            registry: slash(url),
            scopes: BTreeMap::new(),
            creds: BTreeMap::new(),
        }
    }

    /// `--registry URL` on the command line: the default registry, credentials kept.
    pub fn set_registry(&mut self, url: &str) {
        self.registry = slash(url);
    }

    /// Reads the user's configuration as npm would from `cwd`.
    pub fn load(cwd: &Path, env: &Env) -> NpmConfig {
        let mut cfg = NpmConfig::default();
        let home = env.get("HOME").map(Path::new);
        let user = env
            .get_ci("NPM_CONFIG_USERCONFIG")
            .map(Path::new)
            .map(Path::to_path_buf)
            .or_else(|| home.map(|h| h.join(".npmrc")));
        // Lowest precedence first; later files override earlier keys.
        if let Some(u) = user {
            cfg.apply_file(&u, env);
        }
        if let Some(project) = project_root(cwd) {
            cfg.apply_file(&project.join(".npmrc"), env);
        }
        for (k, v) in env.iter() {
            if let Some(key) = k.to_ascii_lowercase().strip_prefix("npm_config_") {
                cfg.apply(key, v);
            }
        }
        cfg
    }

    fn apply_file(&mut self, path: &Path, env: &Env) {
        if let Some(text) = super::read_small(path) {
            for e in ini::parse(&text, env) {
                self.apply(&e.key, &e.value);
            }
        }
    }

    fn apply(&mut self, key: &str, value: &str) {
        if key == "registry" {
            self.registry = slash(value);
        } else if let Some(scope) = key.strip_suffix(":registry").filter(|s| s.starts_with('@')) {
            self.scopes.insert(scope.to_string(), slash(value));
        } else if let Some((prefix, field)) =
            key.rsplit_once(':').filter(|(p, _)| p.starts_with("//"))
        {
            let c = self.creds.entry(slash(prefix)).or_default();
            let v = Some(value.to_string());
            match field {
                "_authToken" => c.token = v,
                "_auth" => c.basic = v,
                "username" => c.username = v,
                "_password" => c.password_b64 = v,
                _ => {}
            }
        }
    }

    /// The registry serving `name` (scoped registries first).
    pub fn registry_for(&self, name: &str) -> &str {
        name.split_once('/')
            .filter(|(s, _)| s.starts_with('@'))
            .and_then(|(s, _)| self.scopes.get(s))
            .unwrap_or(&self.registry)
    }

    /// The packument URL of `name`.
    pub fn packument_url(&self, name: &str) -> String {
        format!("{}{}", self.registry_for(name), name.replace('/', "%2f"))
    }

    /// The `Authorization` header for `url`, from the longest matching prefix.
    pub fn authorization(&self, url: &str) -> Option<String> {
        let target = nerf(url);
        let (_, c) = self
            .creds
            .iter()
            .filter(|(p, _)| target.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len())?;
        if let Some(t) = &c.token {
            return Some(format!("Bearer {t}"));
        }
        if let Some(b) = &c.basic {
            return Some(format!("Basic {b}"));
        }
        let (u, p) = (c.username.as_ref()?, c.password_b64.as_ref()?);
        let pass = super::b64_decode(p)?;
        Some(format!(
            "Basic {}",
            super::b64_encode(format!("{u}:{pass}").as_bytes())
        ))
    }

    /// True when `url` is under the public default registry.
    pub fn is_default(url: &str) -> bool {
        url.starts_with(DEFAULT_REGISTRY)
    }
}

/// The nearest folder at or above `cwd` holding a `package.json`.
fn project_root(cwd: &Path) -> Option<&Path> {
    cwd.ancestors().find(|d| d.join("package.json").is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_env_and_tokens() {
        let dir = tempfile::tempdir().expect("tmp");
        let rc = dir.path().join("user.npmrc");
        std::fs::write(
            &rc,
            "registry=https://mirror.example/npm/\n@corp:registry=https://corp.example/\n//corp.example/:_authToken=${CORP}\n",
        )
        .expect("write");
        let env = Env::from_pairs([
            ("NPM_CONFIG_USERCONFIG", rc.to_str().unwrap_or_default()),
            ("CORP", "s3cret"),
            ("npm_config_@other:registry", "https://other.example"),
        ]);
        let cfg = NpmConfig::load(dir.path(), &env);
        assert_eq!(cfg.registry_for("lodash"), "https://mirror.example/npm/");
        assert_eq!(
            cfg.packument_url("@corp/x"),
            "https://corp.example/@corp%2fx"
        );
        assert_eq!(cfg.registry_for("@other/y"), "https://other.example/");
        assert_eq!(
            cfg.authorization("https://corp.example/@corp%2fx")
                .as_deref(),
            Some("Bearer s3cret")
        );
        assert_eq!(cfg.authorization("https://mirror.example/npm/lodash"), None);
        assert!(!format!("{cfg:?}").contains("s3cret"));
    }
}
