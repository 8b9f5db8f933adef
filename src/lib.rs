//! ccdeps: a supply-chain install interceptor.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//! argv → intent → proposed graph → findings → verdict → exec or report.
//! Lockfiles feed the same engine for `scan`, `review` and `ci`.
#![forbid(unsafe_code)]

pub mod advisory;
pub mod audit;
pub mod checks;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod ecosystem;
pub mod engine;
pub mod exec;
pub mod finding;
pub mod home;
pub mod hook;
pub mod http;
pub mod init;
pub mod intent;
pub mod lockfile;
pub mod package;
pub mod policy;
pub mod popular;
pub mod progress;
pub mod purl;
pub mod redact;
pub mod registry;
pub mod report;
pub mod resolve;
pub mod review;
pub mod shims;
pub mod version;

use std::process::ExitCode;

use clap::Parser;

/// Parses the command line and runs the command; the whole of `main`.
pub fn main() -> ExitCode {
    // Fast paths that skip clap: `ccdeps run …` is what every shimmed call
    // execs, and `ccdeps hook claude` runs before every Bash call of an agent.
    let mut argv = std::env::args_os();
    if argv.nth(1).is_some_and(|w| w == "run") {
        let rest: Vec<std::ffi::OsString> = argv.collect();
        if !rest.first().is_some_and(|w| w == "-h" || w == "--help") {
            return ExitCode::from(cmd::run::fast(rest));
        }
    }
    if let Some(home) = hook_claude_args(std::env::args_os().skip(1)) {
        return ExitCode::from(cmd::hook::claude_exit(home.as_deref()));
    }
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help/--version print and exit 0; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cmd::dispatch(cli) {
        Ok(cmd::Exit::Code(c)) => ExitCode::from(c),
        Err(e) => {
            cmd::note(&format!("ccdeps: {e:#}"));
            ExitCode::from(2)
        }
    }
}

/// `[--home DIR] [--config FILE] [--offline] [--format F] hook claude`, exactly:
/// `Some(the --home given)` for the hook's fast path, `None` for anything else.
fn hook_claude_args(
    mut words: impl Iterator<Item = std::ffi::OsString>,
) -> Option<Option<std::path::PathBuf>> {
    let mut rest = Vec::with_capacity(2);
    let mut home = None;
    while let Some(w) = words.next() {
        match w.to_str() {
            Some("--home") => home = words.next().map(std::path::PathBuf::from),
            Some("--config" | "--format") => {
                words.next();
            }
            Some(o) if o.starts_with("--home=") => home = Some(o["--home=".len()..].into()),
            Some(o)
                if o == "--offline" || o.starts_with("--config=") || o.starts_with("--format=") => {
            }
            _ => rest.push(w),
        }
        if rest.len() > 2 {
            return None;
        }
    }
    (rest.len() == 2 && rest[0] == "hook" && rest[1] == "claude").then_some(home)
}
