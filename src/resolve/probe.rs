//! Facts about the tools the shims would run (the target `python3`'s markers
//! and wheel tags, the `node` version npm checks `engines` against), learned
//! by running the tool once and cached under the home for a day, keyed by
//! the tool's path, size and mtime, so a warm run spawns nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::home::{self, Home};

const CACHE_TTL: Duration = Duration::from_secs(24 * 3600);
const MAX_OUTPUT: usize = 4 << 20;

/// Finds `program` on PATH (unless it is already a path).
fn locate(program: &Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return Some(program.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn cache_key(path: &Path, args: &[&str]) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_secs();
    let id = format!(
        "{}\n{}\n{mtime}\n{}",
        path.display(),
        meta.len(),
        args.join("\n")
    );
    Some(
        Sha256::digest(id.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// Runs `program args` (or reads its cached output) and returns stdout.
pub fn run(
    program: &Path,
    args: &[&str],
    home: Option<&Home>,
    bucket: &str,
) -> Result<Vec<u8>, String> {
    let path = locate(program).ok_or_else(|| format!("{} is not on PATH", program.display()))?;
    let cached = home
        .zip(cache_key(&path, args))
        .map(|(h, k)| h.cache(bucket, 1).join(format!("{k}.out")));
    if let Some(c) = &cached {
        let fresh = std::fs::metadata(c)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age < CACHE_TTL);
        if fresh && let Ok(out) = std::fs::read(c) {
            return Ok(out);
        }
    }
    let out = Command::new(&path)
        .args(args)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if !out.status.success() {
        return Err(format!("{} exited with {}", path.display(), out.status));
    }
    if out.stdout.len() > MAX_OUTPUT {
        return Err(format!(
            "{} printed more than {MAX_OUTPUT} bytes",
            path.display()
        ));
    }
    if let Some(c) = &cached {
        let _ = home::write_atomic(c, &out.stdout);
    }
    Ok(out.stdout)
}

/// The version `node --version` reports (`20.11.0`), or `None` without node.
pub fn node_version(home: Option<&Home>) -> Option<String> {
    let out = run(Path::new("node"), &["--version"], home, "node").ok()?;
    let v = String::from_utf8(out).ok()?;
    Some(v.trim().trim_start_matches('v').to_string()).filter(|v| !v.is_empty())
}
