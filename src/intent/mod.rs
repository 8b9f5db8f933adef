//! Intent: what a package manager's command line would add or change.
//!
//! `classify(manager, args)` (per-manager parsers in submodules) turns argv
//! into an [`Intent`]. Everything that is not an install is
//! [`Intent::PassThrough`] and must be decided with no IO and next to no
//! allocation: every shim call goes through here.

mod args;
mod cargo;
mod node;
mod npm;
mod npm_spec;
mod pep508;
mod pip;
mod poetry;
pub mod project;
#[cfg(test)]
mod tests;
mod uv;

use std::path::PathBuf;

use crate::ecosystem::Ecosystem;
use crate::package::Source;

/// Classifies a manager's argv (without the program name).
///
/// Pure except for the build-like commands of cargo and uv (`cargo build`,
/// `uv run`), which `stat` the project's manifest and lockfile (see
/// [`project`]). `--help`/`--version` anywhere are pass-throughs.
pub fn classify(manager: Manager, args: &[String]) -> Intent {
    match manager {
        Manager::Npm => npm::classify(args),
        Manager::Npx => npm::classify_npx(args),
        Manager::Pnpm => node::classify_pnpm(args),
        Manager::Yarn => node::classify_yarn(args),
        Manager::Bun => node::classify_bun(args),
        Manager::Pip | Manager::Pip3 => pip::classify(manager, args),
        Manager::Uv => uv::classify(args),
        Manager::Cargo => cargo::classify(args),
    }
}

/// `pipx install|run|inject|upgrade …`, read as a pip install (pipx has no
/// shim; the Claude hook uses this).
pub fn classify_pipx(args: &[String]) -> Intent {
    pip::classify_pipx(args)
}

/// `poetry add|install|sync|update|lock …`, read as a PyPI install (poetry
/// has no shim; the Claude hook uses this).
pub fn classify_poetry(args: &[String]) -> Intent {
    poetry::classify(args)
}

/// A program name ccdeps fronts: a manager, or an alias that is a manager
/// subcommand under another name (`uvx` = `uv tool run`, `pnpx` = `pnpm dlx`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tool {
    /// The program to find on PATH and exec.
    pub program: &'static str,
    pub manager: Manager,
}

impl Tool {
    /// Every program a shim is written for.
    pub const ALL: [Tool; 12] = [
        Tool {
            program: "npm",
            manager: Manager::Npm,
        },
        Tool {
            program: "npx",
            manager: Manager::Npx,
        },
        Tool {
            program: "pnpm",
            manager: Manager::Pnpm,
        },
        Tool {
            program: "pnpx",
            manager: Manager::Pnpm,
        },
        Tool {
            program: "yarn",
            manager: Manager::Yarn,
        },
        Tool {
            program: "bun",
            manager: Manager::Bun,
        },
        Tool {
            program: "bunx",
            manager: Manager::Bun,
        },
        Tool {
            program: "pip",
            manager: Manager::Pip,
        },
        Tool {
            program: "pip3",
            manager: Manager::Pip3,
        },
        Tool {
            program: "uv",
            manager: Manager::Uv,
        },
        Tool {
            program: "uvx",
            manager: Manager::Uv,
        },
        Tool {
            program: "cargo",
            manager: Manager::Cargo,
        },
    ];

    pub fn parse(program: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.program == program)
    }

    /// What this program's argv means (`uvx X` is read as `uv tool run X`).
    pub fn classify(self, args: &[String]) -> Intent {
        match self.program {
            "uvx" => uv::classify_uvx(args),
            "pnpx" => node::classify_pnpx(args),
            "bunx" => node::classify_bunx(args),
            _ => classify(self.manager, args),
        }
    }
}

/// The package managers ccdeps fronts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Manager {
    Npm,
    Npx,
    Pnpm,
    Yarn,
    Bun,
    Pip,
    Pip3,
    Uv,
    Cargo,
}

impl Manager {
    pub const ALL: [Manager; 9] = [
        Manager::Npm,
        Manager::Npx,
        Manager::Pnpm,
        Manager::Yarn,
        Manager::Bun,
        Manager::Pip,
        Manager::Pip3,
        Manager::Uv,
        Manager::Cargo,
    ];

    /// The program name on PATH.
    pub fn program(self) -> &'static str {
        match self {
            Manager::Npm => "npm",
            Manager::Npx => "npx",
            Manager::Pnpm => "pnpm",
            Manager::Yarn => "yarn",
            Manager::Bun => "bun",
            Manager::Pip => "pip",
            Manager::Pip3 => "pip3",
            Manager::Uv => "uv",
            Manager::Cargo => "cargo",
        }
    }

    pub fn parse(s: &str) -> Option<Manager> {
        Manager::ALL.into_iter().find(|m| m.program() == s)
    }

    pub fn ecosystem(self) -> Ecosystem {
        match self {
            Manager::Npm | Manager::Npx | Manager::Pnpm | Manager::Yarn | Manager::Bun => {
                Ecosystem::Npm
            }
            Manager::Pip | Manager::Pip3 | Manager::Uv => Ecosystem::PyPI,
            Manager::Cargo => Ecosystem::CratesIo,
        }
    }
}

/// What a command line means for ccdeps.
// One value per process: the size of the `Install` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Not an install (`npm run`, `pip list`, `cargo build` with an unchanged
    /// lockfile): exec the real tool at once.
    PassThrough,
    /// An install: what it would add or change.
    Install(Install),
    /// Looks like an install but cannot be analysed (an unknown flag that
    /// takes a value, an unsupported form): fail closed, saying why.
    Opaque { why: String },
}

/// One requested package, as the user typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The word as typed (`lodash@^4`, `requests[socks]>=2`, `serde@1.0.100`).
    pub raw: String,
    /// The registry name, when there is one (`None` for a bare URL/path/git spec).
    pub name: Option<String>,
    /// Version requirement in the ecosystem's syntax (`^4`, `>=2,<3`, `=1.5.4`),
    /// or an npm dist-tag (`latest`, `next`); `None` = the manager's default.
    pub requirement: Option<String>,
    /// Registry, git, URL or path.
    pub source: Source,
    /// PyPI extras (`requests[socks]` → `socks`).
    pub extras: Vec<String>,
    /// PEP 508 environment marker, when given.
    pub marker: Option<String>,
    /// npm alias: `alias@npm:real@range` installs `real` under the name `alias`.
    pub alias: Option<String>,
}

/// Registry/index overrides given on the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryOverride {
    /// npm `--registry`, pip/uv `--index-url`/`-i`, cargo `--registry`/`--index`.
    pub index: Option<String>,
    /// pip/uv `--extra-index-url` (repeatable).
    pub extra_indexes: Vec<String>,
    /// pip `--find-links`/`-f`, `--no-index`.
    pub find_links: Vec<String>,
    pub no_index: bool,
}

/// Cargo feature selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Features {
    pub features: Vec<String>,
    pub all: bool,
    pub no_default: bool,
}

/// An install.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Install {
    pub manager: Manager,
    /// The subcommand as typed (`install`, `add`, `ci`, `exec`, …).
    pub subcommand: String,
    pub requests: Vec<Request>,
    /// `-r` files (pip, uv pip), as given (relative to the working directory).
    pub requirement_files: Vec<PathBuf>,
    /// `-c` files (pip, uv pip).
    pub constraint_files: Vec<PathBuf>,
    /// Editable/local project installs (`pip install -e .`, `cargo install --path`).
    pub local_paths: Vec<PathBuf>,
    /// The install follows the project's manifest/lockfile (`npm ci`, bare
    /// `npm install`, `cargo build` when Cargo.lock would change, `uv sync`).
    pub from_project: bool,
    pub registry: RegistryOverride,
    /// Global/user installs (`npm -g`, `cargo install`, `pip --user`).
    pub global: bool,
    /// Dev dependency (`npm i -D`, `cargo add --dev`, `uv add --dev`).
    pub dev: bool,
    pub features: Features,
    /// The user already disabled install scripts (`--ignore-scripts`).
    pub scripts_disabled: bool,
    /// The package is run right after install (`npx`, `pnpm dlx`, `yarn dlx`, `uvx`).
    pub runs_package: bool,
    /// pip `--target DIR`.
    pub target: Option<PathBuf>,
    /// pip `--pre`, npm tags aside: pre-releases allowed.
    pub pre: bool,
    /// The manager may fetch more than the request says (pip sdists, git deps, `--no-binary`).
    pub may_fetch_unpredicted: bool,
}

impl Install {
    /// An empty install for a manager and subcommand.
    pub fn new(manager: Manager, subcommand: &str) -> Install {
        Install {
            manager,
            subcommand: subcommand.to_string(),
            requests: Vec::new(),
            requirement_files: Vec::new(),
            constraint_files: Vec::new(),
            local_paths: Vec::new(),
            from_project: false,
            registry: RegistryOverride::default(),
            global: false,
            dev: false,
            features: Features::default(),
            scripts_disabled: false,
            runs_package: false,
            target: None,
            pre: false,
            may_fetch_unpredicted: false,
        }
    }

    pub fn ecosystem(&self) -> Ecosystem {
        self.manager.ecosystem()
    }
}
