//! Command-line definitions (clap derive). Parsing only: no IO and no work
//! here, so `--help` and `--version` never pay for anything.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Output formats for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// A readable table (colour only on a terminal).
    #[default]
    Human,
    /// The `ccdeps.report/1` JSON document.
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// Markdown fit for a pull-request comment.
    Markdown,
}

#[derive(Parser, Debug)]
#[command(
    name = "ccdeps",
    version,
    about = "Checks npm, PyPI and crates.io installs before they run",
    long_about = "ccdeps stands in front of `npm install`, `pip install` and `cargo add`: it builds the \
                  dependency graph an install would bring in, checks every package (known \
                  vulnerabilities and malware from OSV, typosquats, install scripts, release age, \
                  non-registry sources) and allows, warns, asks or blocks before anything runs.\n\n\
                  Exit codes (check, scan, review, ci): 0 nothing at block level, 1 something \
                  blocked, 2 could not decide (usage, configuration, data or network).",
    after_help = "Data lives in $CCDEPS_HOME (default ~/.local/share/ccdeps). Start with `ccdeps db update`."
)]
pub struct Cli {
    /// Data folder (database, caches, audit log) [env: CCDEPS_HOME]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Project policy file to use instead of ./ccdeps.toml
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use only local data (database, caches); never touch the network
    #[arg(long, global = true)]
    pub offline: bool,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Manage the local advisory database (OSV exports) and popular-name lists
    #[command(subcommand)]
    Db(DbCommand),
    /// Check packages given as package URLs
    #[command(
        long_about = "Checks each package against the local database and the offline checks, and \
                      prints the report. Package URLs: pkg:npm/lodash@4.17.15, \
                      pkg:npm/%40scope/name@1.0.0, pkg:pypi/django@1.11, pkg:cargo/time@0.1.0.\n\n\
                      Exit codes: 0 nothing at block level, 1 something blocked, 2 could not decide."
    )]
    Check(CheckArgs),
    /// Check every package of lockfiles (files, or folders searched recursively)
    #[command(
        long_about = "Finds lockfiles (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, \
                      requirements*.txt, poetry.lock, uv.lock, Pipfile.lock, pylock.toml, Cargo.lock) \
                      under each PATH (default: the current folder), skipping node_modules, target, \
                      .git and virtualenvs, and checks every package they declare.\n\n\
                      Exit codes: 0 nothing at block level, 1 something blocked, 2 could not decide."
    )]
    Scan(ScanArgs),
    /// Check what a change adds or changes in the lockfiles of a git repository
    #[command(
        long_about = "Compares the lockfiles of two revisions (read with git plumbing, no checkout): \
                      --head defaults to the working tree, --base to the merge-base with the default \
                      branch. Per package name, versions new in head are `added` (name absent before) \
                      or `changed` (with the previous versions); names gone from head are `removed`. \
                      Only added and changed packages are checked.\n\n\
                      Exit codes: 0 nothing at block level, 1 something blocked, 2 could not decide."
    )]
    Review(ReviewArgs),
    /// Review for CI: base from the CI environment, SARIF and a step summary
    #[command(
        long_about = "A review with CI defaults: the base is --base, else $GITHUB_BASE_REF (GitHub), \
                      else $CI_MERGE_REQUEST_TARGET_BRANCH_NAME (GitLab), else the default branch. \
                      Writes SARIF 2.1.0 to --sarif FILE (GitHub code scanning), appends a Markdown \
                      summary to $GITHUB_STEP_SUMMARY when set, and prints the report.\n\n\
                      Exit codes: 0 nothing at block level, 1 something blocked, 2 could not decide."
    )]
    Ci(CiArgs),
    /// Show every check's evidence for one package and which policy layer decided
    Explain(ExplainArgs),
    /// Wire ccdeps into an agent: `init claude` merges the shims and the hook into .claude/settings.json
    #[command(subcommand)]
    Init(InitCommand),
    /// Show the audit log of `run` and `hook` decisions
    Log(LogArgs),
    /// Run a package manager through ccdeps (what the PATH shims exec)
    #[command(
        long_about = "Runs MANAGER (npm, npx, pnpm, pnpx, yarn, pip, pip3, uv, uvx, cargo) with ARGS. \
                      Anything that is not an install (npm run, pip list, cargo build with an \
                      unchanged Cargo.lock, --help, --version) runs the real tool at once; installs \
                      are checked first. The real tool is found on PATH, skipping ccdeps's shims.\n\n\
                      Exit codes: the real manager's own code; 77 blocked by policy (nothing \
                      installed); 75 could not decide (nothing installed); 78 bad configuration; \
                      127 the real manager is not on PATH."
    )]
    Run(RunArgs),
    /// Install the PATH shims, or print the line that puts them on PATH
    #[command(subcommand)]
    Shims(ShimsCommand),
    /// Agent integrations: `hook claude` is a Claude Code PreToolUse hook
    #[command(subcommand)]
    Hook(HookCommand),
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// [--shim-dir DIR] [--python INTERP | --real PATH] MANAGER, then its arguments, untouched
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "MANAGER [ARGS]"
    )]
    pub argv: Vec<std::ffi::OsString>,
}

#[derive(Subcommand, Debug)]
pub enum ShimsCommand {
    /// Write shims for npm, npx, pnpm, pnpx, yarn, pip, pip3, uv, uvx and cargo
    #[command(
        long_about = "Writes one small POSIX sh script per manager into DIR (default \
                      $CCDEPS_HOME/shims), each exec'ing this ccdeps binary as `ccdeps run \
                      MANAGER \"$@\"`. If the ccdeps binary is later missing or not executable, the \
                      shims refuse to run (exit 75) rather than run the real tool unchecked. \
                      Files are replaced atomically; running it again is safe."
    )]
    Install(ShimsDirArgs),
    /// Print the shell line that puts the shims first on PATH
    Env(ShimsDirArgs),
}

#[derive(Args, Debug)]
pub struct ShimsDirArgs {
    /// Shim folder (default: $CCDEPS_HOME/shims)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum HookCommand {
    /// Claude Code PreToolUse hook: hook JSON on stdin, decision JSON on stdout
    #[command(
        long_about = "Reads a Claude Code PreToolUse event on stdin. For Bash commands that install \
                      packages (npm/npx/pnpm/yarn, pip/pip3/python -m pip, uv/uvx, cargo, also \
                      behind sudo, env, bash -c, cd … &&), prints a decision: the command \
                      rewritten to run each install through `ccdeps run`, or a denial with a reason \
                      the agent can act on. Other tools and other commands get no output.\n\n\
                      Exit codes: 0 (with or without a decision); 2 only if the hook itself cannot \
                      run (Claude Code then blocks the call)."
    )]
    Claude,
}

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Download OSV exports (and popular-name lists) and replace the local copy
    #[command(
        long_about = "Downloads <base>/<ECOSYSTEM>/all.zip for npm, PyPI and crates.io (default base: \
                      OSV's public bucket https://osv-vulnerabilities.storage.googleapis.com) and \
                      replaces each ecosystem's records in one transaction. An unchanged export is \
                      not downloaded again (ETag / Last-Modified). With --mirror, the base is a URL \
                      or a folder in the same layout, which may also hold popular/<ECOSYSTEM>.txt \
                      lists for the typosquat check. On failure the previous database stays."
    )]
    Update(UpdateArgs),
    /// Import OSV records (.json files, folders of them, OSV all.zip exports) and popular-name lists
    Import(ImportArgs),
    /// Show what the database holds: records per ecosystem, sources, age
    Status,
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// A mirror URL (https://…) or folder with ECOSYSTEM/all.zip and popular/ECOSYSTEM.txt (ECOSYSTEM: npm, PyPI, crates.io)
    #[arg(long, value_name = "URL|DIR")]
    pub mirror: Option<String>,
    /// Update only these ecosystems (npm, PyPI, crates.io); repeatable
    #[arg(long = "ecosystem", value_name = "ECO")]
    pub ecosystems: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// OSV .json files, folders (searched recursively) or all.zip exports;
    /// popular-name lists (`npm.txt`, `PyPI.txt`, `crates.io.txt`, or a
    /// folder named `popular` holding them) replace the typosquat check's lists
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Package URLs, e.g. pkg:pypi/django@1.11
    #[arg(required = true, value_name = "PURL")]
    pub purls: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Lockfiles or folders (default: the current folder)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// The revision before the change (default: merge-base with the default branch)
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The revision after the change (default: the working tree)
    #[arg(long, value_name = "REV")]
    pub head: Option<String>,
    /// Repository (or a folder inside it, to review only its lockfiles)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CiArgs {
    /// The revision to compare against (default: from the CI environment)
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Write a SARIF 2.1.0 log here (for GitHub code scanning)
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Package URL, e.g. pkg:npm/lodash@4.17.20
    #[arg(value_name = "PURL")]
    pub purl: String,
}

#[derive(Subcommand, Debug)]
pub enum InitCommand {
    /// Install the shims and merge the PreToolUse hook and the shims' PATH entry into Claude Code settings
    #[command(
        long_about = "Installs the PATH shims (in $CCDEPS_HOME/shims) and merges two entries into \
                      .claude/settings.json (of --project DIR, default the current folder) or the \
                      user's ~/.claude/settings.json (--user): a PreToolUse hook on Bash running \
                      `ccdeps hook claude`, and a SessionStart hook that puts the shims first on PATH \
                      for the session (through $CLAUDE_ENV_FILE). Existing settings are kept, in \
                      order; running it again changes nothing. --dry-run prints the diff only."
    )]
    Claude(InitClaudeArgs),
}

#[derive(Args, Debug)]
pub struct InitClaudeArgs {
    /// The project whose .claude/settings.json to update (default: the current folder)
    #[arg(long, value_name = "DIR", conflicts_with = "user")]
    pub project: Option<PathBuf>,
    /// Update the user's ~/.claude/settings.json instead
    #[arg(long)]
    pub user: bool,
    /// Show the change without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args, Debug)]
pub struct LogArgs {
    /// Only decisions since a duration ago (30m, 2h, 7d) or a date (2026-11-25)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
}
