//! `ccdeps init claude [--project DIR | --user] [--dry-run]`: install the
//! shims and wire them and the hook into Claude Code's settings.

use std::path::PathBuf;

use anyhow::Context as _;

use super::{Exit, Globals, emit, note};
use crate::cli::InitClaudeArgs;
use crate::home::write_atomic;
use crate::{init, shims};

pub fn claude(g: &Globals, a: InitClaudeArgs) -> anyhow::Result<Exit> {
    let file = if a.user {
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .context("HOME is not set; pass --project DIR")?;
        PathBuf::from(home).join(".claude").join("settings.json")
    } else {
        a.project
            .unwrap_or_else(|| PathBuf::from("."))
            .join(".claude")
            .join("settings.json")
    };
    let exe = std::env::current_exe().context("cannot tell where this ccdeps binary is")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let shown = file.display().to_string();
    let existing = match std::fs::read_to_string(&file) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
    };
    let merged = match init::merge(existing.as_deref(), &shown, &exe) {
        Ok(m) => m,
        Err(e) => {
            note(&format!("ccdeps: {e}"));
            return Ok(Exit::ERROR);
        }
    };
    let unchanged = existing.as_deref() == Some(merged.as_str());
    if a.dry_run {
        let diff = init::diff(existing.as_deref().unwrap_or(""), &merged);
        emit(&format!(
            "--- {shown}\n+++ {shown} (after ccdeps init claude)\n{diff}"
        ))?;
        if unchanged {
            note("ccdeps: already set up; nothing would change");
        }
        return Ok(Exit::OK);
    }
    let dir = shims::default_dir(&g.home);
    let written = shims::install(&dir, &exe)
        .with_context(|| format!("cannot install the shims in {}", dir.display()))?;
    if !unchanged {
        write_atomic(&file, merged.as_bytes()).with_context(|| format!("cannot write {shown}"))?;
    }
    emit(&format!(
        "{} {shown}: PreToolUse hook `ccdeps hook claude` (Bash) and SessionStart PATH entry for {} shims in {}\n",
        if unchanged { "unchanged" } else { "updated" },
        written.len(),
        dir.display()
    ))?;
    Ok(Exit::OK)
}
