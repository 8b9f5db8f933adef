//! Lockfile and manifest parsers: every format ccdeps scans, one module each,
//! all producing [`Package`]s with the file and 1-based line of each entry.
//!
//! - npm: `package-lock.json` / `npm-shrinkwrap.json` v1–v3 (`npm`), `yarn.lock`
//!   classic and berry (`yarn`), `pnpm-lock.yaml` v5–v9 (`pnpm`);
//! - PyPI: `requirements.txt` (`requirements`), `poetry.lock`, `uv.lock`,
//!   `pylock.toml` (`pytoml`), `Pipfile.lock` (`pipfile`);
//! - crates.io: `Cargo.lock` v1–v4 (`cargo`).
//!
//! Container formats are read with maintained crates (`serde_json`, `toml`
//! and its event parser `toml_parser`, `serde-saphyr`, `cargo-lock`), except
//! the regular line formats tools write (yarn, requirements, and the YAML
//! subset of pnpm, which falls back to `serde-saphyr`); the corpus suite
//! checks the yarn berry and pnpm readers against a YAML parser. Line
//! numbers come from spans where the crate gives them and otherwise from one
//! forward scan of the text (`lines`).
//! Files are read through [`Files`] so `ccdeps review` can parse git blobs.

mod cargo;
mod collect;
mod detect;
mod lines;
mod npm;
mod pipfile;
mod pnpm;
mod pytoml;
mod requirements;
mod yarn;

use std::path::Path;

use crate::ecosystem::Ecosystem;
use crate::package::Package;

pub use self::detect::discover;

/// The largest lockfile ccdeps reads (the biggest real lockfiles are tens of MiB).
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// A lockfile or manifest format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LockfileKind {
    PackageLock,
    Shrinkwrap,
    YarnLock,
    PnpmLock,
    Requirements,
    PoetryLock,
    UvLock,
    PipfileLock,
    Pylock,
    CargoLock,
}

impl LockfileKind {
    /// Every kind, in a stable order.
    pub const ALL: [LockfileKind; 10] = [
        LockfileKind::PackageLock,
        LockfileKind::Shrinkwrap,
        LockfileKind::YarnLock,
        LockfileKind::PnpmLock,
        LockfileKind::Requirements,
        LockfileKind::PoetryLock,
        LockfileKind::UvLock,
        LockfileKind::PipfileLock,
        LockfileKind::Pylock,
        LockfileKind::CargoLock,
    ];

    /// Recognizes a lockfile by its name (a bare file name or a path: the
    /// parent folder matters for `requirements/*.txt`). See `detect`.
    pub fn detect(file_name: &str) -> Option<LockfileKind> {
        detect::detect(file_name)
    }

    pub fn ecosystem(self) -> Ecosystem {
        match self {
            LockfileKind::PackageLock
            | LockfileKind::Shrinkwrap
            | LockfileKind::YarnLock
            | LockfileKind::PnpmLock => Ecosystem::Npm,
            LockfileKind::Requirements
            | LockfileKind::PoetryLock
            | LockfileKind::UvLock
            | LockfileKind::PipfileLock
            | LockfileKind::Pylock => Ecosystem::PyPI,
            LockfileKind::CargoLock => Ecosystem::CratesIo,
        }
    }

    /// The canonical file name of the format (`requirements.txt` for every
    /// requirements file).
    pub fn name(self) -> &'static str {
        match self {
            LockfileKind::PackageLock => "package-lock.json",
            LockfileKind::Shrinkwrap => "npm-shrinkwrap.json",
            LockfileKind::YarnLock => "yarn.lock",
            LockfileKind::PnpmLock => "pnpm-lock.yaml",
            LockfileKind::Requirements => "requirements.txt",
            LockfileKind::PoetryLock => "poetry.lock",
            LockfileKind::UvLock => "uv.lock",
            LockfileKind::PipfileLock => "Pipfile.lock",
            LockfileKind::Pylock => "pylock.toml",
            LockfileKind::CargoLock => "Cargo.lock",
        }
    }
}

/// Reads files for a parser: the filesystem, or (for `ccdeps review`) blobs of a git revision.
pub trait Files {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// Reads files from disk, refusing any larger than [`MAX_FILE_SIZE`].
#[derive(Clone, Copy, Debug, Default)]
pub struct FsFiles;

impl Files for FsFiles {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let file = std::fs::File::open(path)?;
        let mut buf = Vec::new();
        file.take(MAX_FILE_SIZE + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > MAX_FILE_SIZE {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("larger than {MAX_FILE_SIZE} bytes"),
            ));
        }
        Ok(buf)
    }
}

/// One parsed lockfile: its kind, its name as reports show it, its packages
/// (in file order, one per distinct name/version/source, with every location).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lockfile {
    pub kind: LockfileKind,
    pub path: String,
    pub packages: Vec<Package>,
}

/// Why a lockfile could not be read. Every message names the file, and the
/// line when it is known (`path:line: why`).
#[derive(Debug, thiserror::Error)]
pub enum LockfileError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a lockfile ccdeps knows (by its name)")]
    UnknownKind { path: String },
    #[error("{path}: {size} bytes is over the {MAX_FILE_SIZE}-byte limit")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: not valid UTF-8 (at byte {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{}: {message}", at(path, *line))]
    Syntax {
        path: String,
        /// 1-based, when known.
        line: Option<u32>,
        message: String,
    },
    #[error("{path}:{line}: include cycle: {target} is already being read")]
    IncludeCycle {
        path: String,
        line: u32,
        target: String,
    },
    #[error("{path}:{line}: cannot read included file {target}: {source}")]
    Include {
        path: String,
        line: u32,
        target: String,
        #[source]
        source: std::io::Error,
    },
}

fn at(path: &str, line: Option<u32>) -> String {
    match line {
        Some(l) => format!("{path}:{l}"),
        None => path.to_string(),
    }
}

impl LockfileError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            LockfileError::Io { path, .. }
            | LockfileError::UnknownKind { path }
            | LockfileError::TooLarge { path, .. }
            | LockfileError::NotUtf8 { path, .. }
            | LockfileError::Syntax { path, .. }
            | LockfileError::IncludeCycle { path, .. }
            | LockfileError::Include { path, .. } => path,
        }
    }

    /// The 1-based line the error is about, when known.
    pub fn line(&self) -> Option<u32> {
        match self {
            LockfileError::Syntax { line, .. } => *line,
            LockfileError::IncludeCycle { line, .. } | LockfileError::Include { line, .. } => {
                Some(*line)
            }
            _ => None,
        }
    }

    pub(crate) fn syntax(path: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        LockfileError::Syntax {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Parses the lockfile at `path` as `kind`. `path` is how reports name the
/// file (as given, or relative to the repo root); includes (`-r`) are
/// resolved relative to it through `files`.
pub fn parse(
    files: &dyn Files,
    path: &Path,
    kind: LockfileKind,
) -> Result<Lockfile, LockfileError> {
    let name = path.to_string_lossy().into_owned();
    let packages = if kind == LockfileKind::Requirements {
        requirements::parse(files, path)?
    } else {
        let text = read_text(files, path, &name)?;
        parse_text(&text, &name, kind)?
    };
    Ok(Lockfile {
        kind,
        path: name,
        packages,
    })
}

/// Detects the kind from the file name and parses the file from disk.
pub fn parse_file(path: &Path) -> Result<Lockfile, LockfileError> {
    let kind = LockfileKind::detect(&path.to_string_lossy()).ok_or_else(|| {
        LockfileError::UnknownKind {
            path: path.to_string_lossy().into_owned(),
        }
    })?;
    parse(&FsFiles, path, kind)
}

/// Parses lockfile text already in memory. `name` is how locations and
/// errors name the file. Requirements includes (`-r`, `-c`) are not followed.
pub fn parse_str(
    text: &str,
    name: &str,
    kind: LockfileKind,
) -> Result<Vec<Package>, LockfileError> {
    parse_text(text, name, kind)
}

/// For the corpus suite: a `pnpm-lock.yaml` read by the subset reader (`None`
/// when the text leaves pnpm's subset) and by the full YAML parser.
#[cfg(feature = "corpus")]
#[doc(hidden)]
pub fn pnpm_both_readers(text: &str, name: &str) -> (Option<pnpm::Parsed>, pnpm::Parsed) {
    pnpm::parse_both(text, name)
}

fn parse_text(text: &str, name: &str, kind: LockfileKind) -> Result<Vec<Package>, LockfileError> {
    // A byte-order mark is not part of any of these formats' syntax.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // An empty lockfile (as tools leave them) declares nothing.
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    match kind {
        LockfileKind::PackageLock | LockfileKind::Shrinkwrap => npm::parse(text, name),
        LockfileKind::YarnLock => yarn::parse(text, name),
        LockfileKind::PnpmLock => pnpm::parse(text, name),
        LockfileKind::Requirements => requirements::parse_str(text, name),
        LockfileKind::PoetryLock => pytoml::parse_poetry(text, name),
        LockfileKind::UvLock => pytoml::parse_uv(text, name),
        LockfileKind::Pylock => pytoml::parse_pylock(text, name),
        LockfileKind::PipfileLock => pipfile::parse(text, name),
        LockfileKind::CargoLock => cargo::parse(text, name),
    }
}

/// Reads a file through `files` as UTF-8, with the size cap.
pub(crate) fn read_text(
    files: &dyn Files,
    path: &Path,
    name: &str,
) -> Result<String, LockfileError> {
    let bytes = files.read(path).map_err(|source| LockfileError::Io {
        path: name.to_string(),
        source,
    })?;
    into_text(bytes, name)
}

pub(crate) fn into_text(bytes: Vec<u8>, name: &str) -> Result<String, LockfileError> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(LockfileError::TooLarge {
            path: name.to_string(),
            size: bytes.len() as u64,
        });
    }
    String::from_utf8(bytes).map_err(|e| LockfileError::NotUtf8 {
        path: name.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The folders [`discover`] never enters.
pub(crate) fn skipped_dir(name: &str) -> bool {
    matches!(
        name,
        "node_modules" | "target" | ".git" | ".venv" | "venv" | "__pypackages__"
    )
}

#[cfg(test)]
mod tests;
