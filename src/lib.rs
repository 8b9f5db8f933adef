//! ccdeps: a supply-chain install interceptor.
//!
//! The pipeline, one module per stage (see `docs/ARCHITECTURE.md`):
//! argv → intent → proposed graph → findings → verdict → exec or report.
//! Lockfiles feed the same engine for `scan`, `review` and `ci`.
#![forbid(unsafe_code)]

pub mod advisory;
pub mod checks;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod ecosystem;
pub mod engine;
pub mod finding;
pub mod home;
pub mod http;
pub mod intent;
pub mod package;
pub mod policy;
pub mod popular;
pub mod progress;
pub mod purl;
pub mod redact;
pub mod registry;
pub mod report;
pub mod resolve;
pub mod version;

use std::process::ExitCode;

use clap::Parser;

/// Parses the command line and runs the command; the whole of `main`.
pub fn main() -> ExitCode {
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
