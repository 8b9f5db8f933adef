//! Which package indexes pip (or uv) would read: `PIP_INDEX_URL`,
//! `PIP_EXTRA_INDEX_URL`, `PIP_NO_INDEX`, pip.conf files (`/etc/pip.conf`,
//! `~/.pip/pip.conf`, `~/.config/pip/pip.conf`, `PIP_CONFIG_FILE`; `[install]`
//! over `[global]`), and for uv `UV_INDEX_URL`/`UV_DEFAULT_INDEX`/`UV_EXTRA_INDEX_URL`/`UV_INDEX`.

use std::path::{Path, PathBuf};

use super::{Env, ini};

pub const DEFAULT_INDEX: &str = "https://pypi.org/simple/";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PypiConfig {
    /// Index URLs in priority order, each ending in `/` (may carry credentials).
    pub indexes: Vec<String>,
}

impl Default for PypiConfig {
    fn default() -> Self {
        PypiConfig::with_index(DEFAULT_INDEX)
    }
}

fn slash(u: &str) -> String {
    let u = u.trim();
    if u.ends_with('/') {
        u.to_string()
    } else {
        format!("{u}/")
    }
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace().filter(|w| !w.is_empty())
}

impl PypiConfig {
    pub fn with_index(url: &str) -> PypiConfig {
        PypiConfig {
            indexes: vec![slash(url)],
        }
    }

    /// pip's view (`uv` = false) or uv's (`uv` = true), before command-line overrides.
    pub fn load(env: &Env, uv: bool) -> PypiConfig {
        let (mut index, mut extra) = (None::<String>, Vec::<String>::new());
        if uv {
            index = env
                .get("UV_DEFAULT_INDEX")
                .or_else(|| env.get("UV_INDEX_URL"))
                .map(str::to_string);
            for var in ["UV_INDEX", "UV_EXTRA_INDEX_URL"] {
                extra.extend(env.get(var).into_iter().flat_map(words).map(|w| {
                    // `UV_INDEX` entries may be `name=url`.
                    w.split_once('=')
                        .filter(|(n, _)| !n.contains(':'))
                        .map_or(w, |(_, u)| u)
                        .to_string()
                }));
            }
        } else {
            let home = env.get("HOME").map(PathBuf::from);
            let mut files: Vec<PathBuf> =
                vec!["/etc/xdg/pip/pip.conf".into(), "/etc/pip.conf".into()];
            if let Some(h) = &home {
                files.push(h.join(".pip/pip.conf"));
                let xdg = env
                    .get("XDG_CONFIG_HOME")
                    .map_or_else(|| h.join(".config"), PathBuf::from);
                files.push(xdg.join("pip/pip.conf"));
            }
            if let Some(f) = env.get("PIP_CONFIG_FILE") {
                files.push(PathBuf::from(f));
            }
            for f in &files {
                apply_file(f, env, &mut index, &mut extra);
            }
            if let Some(i) = env.get("PIP_INDEX_URL") {
                index = Some(i.to_string());
            }
            if let Some(e) = env.get("PIP_EXTRA_INDEX_URL") {
                extra = words(e).map(str::to_string).collect();
            }
        }
        let mut indexes = vec![slash(index.as_deref().unwrap_or(DEFAULT_INDEX))];
        indexes.extend(extra.iter().map(|e| slash(e)));
        indexes.dedup();
        PypiConfig { indexes }
    }
}

fn apply_file(path: &Path, env: &Env, index: &mut Option<String>, extra: &mut Vec<String>) {
    let Some(text) = super::read_small(path) else {
        return;
    };
    let entries = ini::parse(&text, env);
    for section in ["global", "install"] {
        for e in entries.iter().filter(|e| e.section == section) {
            match e.key.as_str() {
                "index-url" | "index_url" => *index = Some(e.value.trim().to_string()),
                "extra-index-url" | "extra_index_url" => {
                    *extra = words(&e.value).map(str::to_string).collect()
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_then_env() {
        let dir = tempfile::tempdir().expect("tmp");
        let conf = dir.path().join("pip.conf");
        std::fs::write(&conf, "[global]\nindex-url = https://a.example/simple\n[install]\nextra-index-url = https://b.example/simple\n").expect("write");
        let path = conf.to_str().unwrap_or_default();
        let c = PypiConfig::load(&Env::from_pairs([("PIP_CONFIG_FILE", path)]), false);
        assert_eq!(
            c.indexes,
            ["https://a.example/simple/", "https://b.example/simple/"]
        );
        let c = PypiConfig::load(
            &Env::from_pairs([
                ("PIP_CONFIG_FILE", path),
                ("PIP_INDEX_URL", "https://u:p@c.example/s"),
            ]),
            false,
        );
        assert_eq!(c.indexes[0], "https://u:p@c.example/s/");
        let c = PypiConfig::load(
            &Env::from_pairs([("UV_INDEX_URL", "https://d.example/simple")]),
            true,
        );
        assert_eq!(c.indexes, ["https://d.example/simple/"]);
    }
}
