//! The command layer: each subcommand reads its inputs, calls the library
//! stages and writes the result. `anyhow` errors here carry the context a
//! user needs (file, URL, what to do); exit codes follow DESIGN.md.

pub mod check;
pub mod ci;
pub mod db;
pub mod explain;
pub mod hook;
pub mod init;
pub mod install;
pub mod judge;
pub mod log;
pub mod message;
pub mod policy;
pub mod review;
pub mod run;
pub mod scan;
pub mod scripts;
pub mod shims;

use std::io::{self, IsTerminal, Write};

use crate::cli::{Cli, Command, Format};
use crate::home::Home;
use crate::report::{self, Report};

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(u8),
}

impl Exit {
    pub const OK: Exit = Exit::Code(0);
    /// Could not decide / usage / data errors.
    pub const ERROR: Exit = Exit::Code(2);
}

/// Global options every command sees.
pub struct Globals {
    pub home: Home,
    pub config: Option<std::path::PathBuf>,
    pub offline: bool,
    pub format: Format,
}

/// Runs a parsed command line.
pub fn dispatch(cli: Cli) -> anyhow::Result<Exit> {
    let home = Home::resolve(cli.home.as_deref())?;
    let g = Globals {
        home,
        config: cli.config,
        offline: cli.offline,
        format: cli.format,
    };
    match cli.command {
        Command::Db(c) => db::run(&g, c),
        Command::Check(a) => check::run(&g, a),
        Command::Scan(a) => scan::run(&g, a),
        Command::Review(a) => review::run(&g, a),
        Command::Ci(a) => ci::run(&g, a),
        Command::Explain(a) => explain::run(&g, a),
        Command::Init(crate::cli::InitCommand::Claude(a)) => init::claude(&g, a),
        Command::Log(a) => log::run(&g, a),
        Command::Run(a) => match run::Invocation::parse(a.argv) {
            Ok(inv) => run::run(&inv, Some(g.home.root()), g.offline),
            Err(msg) => {
                note(&format!("ccdeps run: {msg}"));
                Ok(Exit::ERROR)
            }
        },
        Command::Shims(c) => shims::run(&g, c),
        Command::Hook(crate::cli::HookCommand::Claude) => hook::claude(Some(g.home.root())),
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Writes one line to stderr (messages for people; stdout carries reports).
pub fn note(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// Should human output use colour?
pub fn color_stdout() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Renders a report in the chosen format.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Human => report::human::render(report, color_stdout()),
        Format::Json => report::json::render(report),
        Format::Sarif => report::sarif::render(report),
        Format::Markdown => report::markdown::render(report),
    }
}
