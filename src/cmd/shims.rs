//! `ccdeps shims install [--dir DIR]` and `ccdeps shims env [--dir DIR]`.

use anyhow::Context as _;

use super::{Exit, Globals, emit, note};
use crate::cli::ShimsCommand;
use crate::shims;

pub fn run(g: &Globals, c: ShimsCommand) -> anyhow::Result<Exit> {
    match c {
        ShimsCommand::Install(a) => {
            let dir = a.dir.unwrap_or_else(|| shims::default_dir(&g.home));
            let me = std::env::current_exe().context("cannot tell where this ccdeps binary is")?;
            let me = me.canonicalize().unwrap_or(me);
            let written = shims::install(&dir, &me)?;
            let mut out = String::new();
            for p in &written {
                out.push_str(&format!("{}\n", p.display()));
            }
            emit(&out)?;
            let shown = written.first().and_then(|p| p.parent()).unwrap_or(&dir);
            note(&format!(
                "ccdeps: wrote {} shims to {} (they run {}). Put them first on PATH: {}",
                written.len(),
                shown.display(),
                me.display(),
                shims::env_line(shown)
            ));
            Ok(Exit::OK)
        }
        ShimsCommand::Env(a) => {
            let dir = a.dir.unwrap_or_else(|| shims::default_dir(&g.home));
            let dir = dir.canonicalize().unwrap_or(dir);
            if !dir.join("npm").exists() {
                note(&format!(
                    "ccdeps: no shims in {} yet: run `ccdeps shims install` first",
                    dir.display()
                ));
            }
            emit(&format!("{}\n", shims::env_line(&dir)))?;
            Ok(Exit::OK)
        }
    }
}
