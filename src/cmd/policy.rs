//! Finding and loading the policy layers for a command: built-in (the
//! shipped allowlists), user
//! (`$XDG_CONFIG_HOME/ccdeps/ccdeps.toml` or `~/.config/ccdeps/ccdeps.toml`),
//! project (`--config FILE`, else the nearest `ccdeps.toml` from the working
//! directory up to the repository root), managed (`CCDEPS_MANAGED_CONFIG`,
//! else `/etc/ccdeps/managed.toml`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::Globals;
use crate::policy::config::{self, ConfigError};
use crate::policy::{Layer, Policy, builtin, layers};

fn user_file() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("XDG_CONFIG_HOME")
        .or_else(|| var("HOME").map(|h| h.join(".config")))
        .map(|d| d.join("ccdeps").join("ccdeps.toml"))
}

/// The nearest `ccdeps.toml` from `start` upwards, stopping at a folder that holds `.git`.
pub fn find_project_file(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join("ccdeps.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

fn managed_file() -> PathBuf {
    std::env::var_os("CCDEPS_MANAGED_CONFIG")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("/etc/ccdeps/managed.toml"), PathBuf::from)
}

/// Loads and merges every layer that exists. `--config` must exist.
pub fn load(g: &Globals) -> Result<Policy, ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    load_from(
        g.config.as_deref(),
        &cwd,
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
    )
}

pub fn load_from(
    config: Option<&Path>,
    cwd: &Path,
    interactive: bool,
) -> Result<Policy, ConfigError> {
    // The shipped allowlists are the built-in layer's lists.
    let mut files = builtin::allowlists()?;
    if let Some(p) = user_file().filter(|p| p.is_file()) {
        files.push(config::load(Layer::User, &p)?);
    }
    match config {
        Some(p) => files.push(config::load(Layer::Project, p)?),
        None => {
            if let Some(p) = find_project_file(cwd) {
                // Name it as the user would: relative to where they stand.
                let shown = p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p);
                files.push(config::load(Layer::Project, &shown)?);
            }
        }
    }
    let managed = managed_file();
    if managed.is_file() {
        files.push(config::load(Layer::Managed, &managed)?);
    }
    layers::merge(files, jiff::Zoned::now().date(), interactive)
}
