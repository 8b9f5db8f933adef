//! PATH shims: one POSIX sh script per program in [`Tool::ALL`], rendered
//! from `shims/shim.sh` (the source of truth) and written atomically.
//!
//! Each shim `exec`s this ccdeps binary as `ccdeps run --shim-dir DIR TOOL
//! "$@"` and refuses to run (exit 75) when that binary is missing or not
//! executable, so the real tool never runs unchecked. The marker line lets
//! `exec::find_real` recognise a shim wherever it sits on PATH.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::intent::Tool;

/// The template (see `shims/README.md`).
pub const TEMPLATE: &str = include_str!("../shims/shim.sh");

#[derive(Debug, thiserror::Error)]
pub enum ShimError {
    #[error("cannot create the shim folder {}: {source}", dir.display())]
    Dir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the shim {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The default shim folder: `$CCDEPS_HOME/shims`.
pub fn default_dir(home: &crate::home::Home) -> PathBuf {
    home.root().join("shims")
}

/// The shim script for one program.
pub fn render(program: &str, ccdeps: &Path, dir: &Path) -> String {
    TEMPLATE
        .replace("@CCDEPS@", &sh_single_quote(&ccdeps.to_string_lossy()))
        .replace(
            "@SHIM_DIR_TEXT@",
            &sh_double_quoted_text(&dir.to_string_lossy()),
        )
        .replace("@SHIM_DIR@", &sh_single_quote(&dir.to_string_lossy()))
        .replace("@TOOL@", program)
}

/// Writes every shim into `dir` (created if needed), pointing at `ccdeps`.
/// Each file is written to a temp file in `dir`, made executable, then renamed.
pub fn install(dir: &Path, ccdeps: &Path) -> Result<Vec<PathBuf>, ShimError> {
    std::fs::create_dir_all(dir).map_err(|source| ShimError::Dir {
        dir: dir.to_path_buf(),
        source,
    })?;
    // Absolute paths only: the shim must work from any working directory.
    let dir = dir.canonicalize().map_err(|source| ShimError::Dir {
        dir: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::with_capacity(Tool::ALL.len());
    for tool in Tool::ALL {
        let path = dir.join(tool.program);
        let body = render(tool.program, ccdeps, &dir);
        write_executable(&path, body.as_bytes()).map_err(|source| ShimError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

fn write_executable(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".ccdeps-shim")
        .permissions(std::fs::Permissions::from_mode(0o755))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The line that puts `dir` first on PATH, for `eval "$(ccdeps shims env)"`.
pub fn env_line(dir: &Path) -> String {
    format!(
        "export PATH=\"{}:$PATH\"",
        sh_double_quoted_text(&dir.to_string_lossy())
    )
}

/// `'…'` with embedded single quotes spelled `'\''`.
pub fn sh_single_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A word as is when it needs no quoting (`/opt/ccdeps`), else single-quoted.
pub fn sh_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'/' | b'.' | b'_' | b'-' | b'+' | b':' | b'@' | b'%' | b',' | b'='
                )
        });
    if plain {
        s.to_string()
    } else {
        sh_single_quote(s)
    }
}

/// Text safe inside `"…"`: `\`, `"`, `$` and backquote escaped.
fn sh_double_quoted_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_quotes_paths_and_keeps_the_marker_early() {
        let s = render(
            "npm",
            Path::new("/opt/it's/ccdeps"),
            Path::new("/h/$x/shims"),
        );
        assert!(s.contains(r"ccdeps='/opt/it'\''s/ccdeps'"), "{s}");
        assert!(
            s.contains(r#"exec "$ccdeps" run --shim-dir '/h/$x/shims' npm "$@""#),
            "{s}"
        );
        assert!(s.contains(r"take /h/\$x/shims off PATH"), "{s}");
        let pos = s.find(crate::exec::SHIM_MARKER).unwrap();
        assert!(pos + 40 < crate::exec::MARKER_WINDOW);
        for p in ["@TOOL@", "@CCDEPS@", "@SHIM_DIR@", "@SHIM_DIR_TEXT@"] {
            assert!(!s.contains(p), "{p} was left: {s}");
        }
    }

    #[test]
    fn env_line_escapes() {
        assert_eq!(
            env_line(Path::new("/a b/$s")),
            r#"export PATH="/a b/\$s:$PATH""#
        );
    }
}
