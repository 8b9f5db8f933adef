//! `ccdeps run [--shim-dir DIR] [--python INTERP | --real PATH] TOOL ARGS…`:
//! what the shims exec.
//!
//! The pass-through path is the hot path of every shimmed call: argv is read
//! without clap (see `crate::main`), classified without IO (bar the cargo/uv
//! lockfile stat), and the real tool is exec'd at once — no home, config or
//! database is touched. Installs go to [`decide_install`], the seam where the
//! resolve → checks → policy flow plugs in.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{Exit, note};
use crate::exec::{self, ExecError, Target};
use crate::intent::{Intent, Tool};

/// Exit code: could not decide (fail closed, nothing installed).
pub const COULD_NOT_DECIDE: u8 = 75;

/// One `ccdeps run` call, parsed.
#[derive(Clone, Debug)]
pub struct Invocation {
    pub tool: Tool,
    /// The user's arguments, untouched (passed to the real tool as is).
    pub args: Vec<OsString>,
    /// Shim folders to skip on PATH (from `--shim-dir`, plus `$CCDEPS_HOME/shims`).
    pub shim_dirs: Vec<PathBuf>,
    /// `--python INTERP`: run `INTERP -m pip ARGS…` (the hook's rewrite of `python3 -m pip`).
    pub python: Option<OsString>,
    /// `--real PATH`: run this program instead of searching PATH (`/usr/bin/npm`).
    pub real: Option<PathBuf>,
}

impl Invocation {
    /// Parses the words after `run`. Options are only read before TOOL.
    pub fn parse(argv: Vec<OsString>) -> Result<Invocation, String> {
        let mut it = argv.into_iter();
        let mut shim_dirs = Vec::new();
        let mut python = None;
        let mut real = None;
        let tool = loop {
            let Some(w) = it.next() else {
                return Err("usage: ccdeps run [--shim-dir DIR] [--python INTERP | --real PATH] MANAGER [ARGS…]".into());
            };
            let mut value = |flag: &str| it.next().ok_or_else(|| format!("{flag} needs a value"));
            match w.to_str() {
                Some("--shim-dir") => shim_dirs.push(PathBuf::from(value("--shim-dir")?)),
                Some("--python") => python = Some(value("--python")?),
                Some("--real") => real = Some(PathBuf::from(value("--real")?)),
                Some(name) => match Tool::parse(name) {
                    Some(t) => break t,
                    None => {
                        let known: Vec<&str> = Tool::ALL.iter().map(|t| t.program).collect();
                        return Err(format!(
                            "unknown manager `{name}` (one of: {})",
                            known.join(", ")
                        ));
                    }
                },
                None => return Err(format!("unknown manager `{}`", w.to_string_lossy())),
            }
        };
        if let Ok(home) = crate::home::Home::resolve(None) {
            shim_dirs.push(home.root().join("shims"));
        }
        Ok(Invocation {
            tool,
            args: it.collect(),
            shim_dirs,
            python,
            real,
        })
    }

    /// The argv as text for classification (non-UTF-8 bytes replaced).
    pub fn words(&self) -> Vec<String> {
        self.args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    /// The real program to run.
    pub fn target(&self) -> Result<Target, ExecError> {
        let path_var = std::env::var_os("PATH").unwrap_or_default();
        if let Some(py) = &self.python {
            let path = exec::find_real(&py.to_string_lossy(), &path_var, &self.shim_dirs)?;
            return Ok(Target {
                path,
                arg0: py.clone(),
                prefix: vec!["-m".into(), "pip".into()],
            });
        }
        let program = match &self.real {
            Some(p) => p.to_string_lossy().into_owned(),
            None => self.tool.program.to_string(),
        };
        let path = exec::find_real(&program, &path_var, &self.shim_dirs)?;
        Ok(Target {
            path,
            arg0: self.tool.program.into(),
            prefix: Vec::new(),
        })
    }
}

/// The whole of `ccdeps run` from raw argv (the words after `run`): the fast path.
pub fn fast(argv: Vec<OsString>) -> u8 {
    match Invocation::parse(argv) {
        Ok(inv) => match run(&inv, None, offline_env()) {
            Ok(Exit::Code(c)) => c,
            Err(e) => {
                note(&format!("ccdeps: {e:#}"));
                COULD_NOT_DECIDE
            }
        },
        Err(msg) => {
            note(&format!("ccdeps run: {msg}"));
            2
        }
    }
}

/// `CCDEPS_OFFLINE=1` (the shims' way to say `--offline`).
fn offline_env() -> bool {
    std::env::var_os("CCDEPS_OFFLINE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Classifies and either execs the real tool or hands the install to the checks.
pub fn run(inv: &Invocation, home: Option<&Path>, offline: bool) -> anyhow::Result<Exit> {
    let intent = inv.tool.classify(&inv.words());
    match intent {
        Intent::PassThrough => Ok(exec_real(inv)),
        other => decide_install(inv, other, home, offline || offline_env()),
    }
}

/// Execs the real tool; returns only when that fails.
pub fn exec_real(inv: &Invocation) -> Exit {
    let err = match inv.target() {
        Ok(t) => exec::exec(&t, &inv.args),
        Err(e) => e,
    };
    note(&format!("ccdeps: {err}"));
    Exit::Code(err.exit_code())
}

/// An install (or an opaque command that could install): resolved, checked
/// and judged by policy before the real tool runs (see `cmd::install`).
pub fn decide_install(
    inv: &Invocation,
    intent: Intent,
    home: Option<&Path>,
    offline: bool,
) -> anyhow::Result<Exit> {
    super::install::decide(inv, intent, &super::install::Options { home, offline })
}
