//! Which files are lockfiles: detection by name, and discovery under a folder.
//!
//! A name matches a format when it is the format's file name, or ends with it
//! after a `.` or `-` (`deno-2.9.7.Cargo.lock`, `uv-repo.uv.lock`): projects
//! and archives keep several lockfiles side by side that way. Requirements
//! files are recognized by `requirements` in the name (`requirements-dev.txt`,
//! `dev.requirements.txt`, `requirements.in`) or by living in a
//! `requirements/` folder.

use std::path::{Path, PathBuf};

use super::{LockfileKind, skipped_dir};

/// Exact file names, matched case-insensitively, also as a suffix after `.` or `-`.
const NAMES: [(&str, LockfileKind); 9] = [
    ("package-lock.json", LockfileKind::PackageLock),
    ("npm-shrinkwrap.json", LockfileKind::Shrinkwrap),
    ("yarn.lock", LockfileKind::YarnLock),
    ("pnpm-lock.yaml", LockfileKind::PnpmLock),
    ("poetry.lock", LockfileKind::PoetryLock),
    ("uv.lock", LockfileKind::UvLock),
    ("pipfile.lock", LockfileKind::PipfileLock),
    ("pylock.toml", LockfileKind::Pylock),
    ("cargo.lock", LockfileKind::CargoLock),
];

pub(super) fn detect(path: &str) -> Option<LockfileKind> {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next()?.to_ascii_lowercase();
    let parent = parts.next().unwrap_or("");
    for (name, kind) in NAMES {
        if let Some(prefix) = file.strip_suffix(name)
            && (prefix.is_empty() || prefix.ends_with(['.', '-']))
        {
            return Some(kind);
        }
    }
    // PEP 751: `pylock.<name>.toml`.
    if file.starts_with("pylock.") && file.ends_with(".toml") {
        return Some(LockfileKind::Pylock);
    }
    let requirements_ext = file.ends_with(".txt") || file.ends_with(".in");
    if requirements_ext
        && (file.contains("requirements") || parent.eq_ignore_ascii_case("requirements"))
    {
        return Some(LockfileKind::Requirements);
    }
    None
}

/// Recursively finds lockfiles under `root`, skipping `node_modules`,
/// `target`, `.git`, virtualenvs (folders with `pyvenv.cfg`, `.venv`,
/// `venv`) and `__pypackages__`. Symbolic links are not followed. Sorted.
/// A `root` that is itself a lockfile is returned alone.
pub fn discover(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(root)?;
    if !meta.is_dir() {
        let is_lock = LockfileKind::detect(&root.to_string_lossy()).is_some();
        return Ok(if is_lock {
            vec![root.to_path_buf()]
        } else {
            Vec::new()
        });
    }
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if dir != root && dir.join("pyvenv.cfg").exists() {
            continue;
        }
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                if !skipped_dir(&name) {
                    stack.push(entry.path());
                }
            } else if kind.is_file() {
                let parent = dir
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                if detect(&format!("{parent}/{name}")).is_some() {
                    found.push(entry.path());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let cases = [
            ("package-lock.json", Some(LockfileKind::PackageLock)),
            ("a/b/npm-shrinkwrap.json", Some(LockfileKind::Shrinkwrap)),
            (
                "salesforce-cli-2.143.6.npm-shrinkwrap.json",
                Some(LockfileKind::Shrinkwrap),
            ),
            (
                "lavamoat-fixture-yarn-berry-realistic.yarn.lock",
                Some(LockfileKind::YarnLock),
            ),
            (
                "socket-cli-repo.pnpm-lock.yaml",
                Some(LockfileKind::PnpmLock),
            ),
            ("deno-2.9.7.Cargo.lock", Some(LockfileKind::CargoLock)),
            ("Cargo.lock", Some(LockfileKind::CargoLock)),
            ("osv.dev-root.poetry.lock", Some(LockfileKind::PoetryLock)),
            ("uv-repo.uv.lock", Some(LockfileKind::UvLock)),
            ("Pipfile.lock", Some(LockfileKind::PipfileLock)),
            ("pylock.toml", Some(LockfileKind::Pylock)),
            ("pylock.dev.toml", Some(LockfileKind::Pylock)),
            ("requirements.txt", Some(LockfileKind::Requirements)),
            ("requirements-dev.txt", Some(LockfileKind::Requirements)),
            ("dev.requirements.txt", Some(LockfileKind::Requirements)),
            (
                "uv-airflow.compiled.requirements.txt",
                Some(LockfileKind::Requirements),
            ),
            (
                "uv-home-assistant.requirements.in",
                Some(LockfileKind::Requirements),
            ),
            ("requirements.in", Some(LockfileKind::Requirements)),
            ("requirements/base.txt", Some(LockfileKind::Requirements)),
            ("notes.txt", None),
            ("myuv.lock", None),
            ("xpackage-lock.json", None),
            ("package.json", None),
            ("Cargo.toml", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(detect(name), want, "{name}");
        }
    }

    #[test]
    fn discovers_and_skips() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for d in [
            "app/node_modules/x",
            "target",
            ".venv",
            "env",
            "requirements",
            "crate",
        ] {
            std::fs::create_dir_all(root.join(d))?;
        }
        std::fs::write(root.join("env/pyvenv.cfg"), "")?;
        for f in [
            "package-lock.json",
            "app/node_modules/x/package-lock.json",
            "target/Cargo.lock",
            ".venv/requirements.txt",
            "env/requirements.txt",
            "requirements/dev.txt",
            "crate/Cargo.lock",
            "README.txt",
        ] {
            std::fs::write(root.join(f), "")?;
        }
        let found: Vec<String> = discover(root)?
            .iter()
            .filter_map(|p| p.strip_prefix(root).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(
            found,
            [
                "crate/Cargo.lock",
                "package-lock.json",
                "requirements/dev.txt"
            ]
        );
        Ok(())
    }
}
