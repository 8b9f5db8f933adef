//! Agent hooks: find the package installs hidden in a shell command.
//!
//! [`analyze`] lexes a Bash command (`lex`), splits it into the simple
//! commands that will run (`shell`), and follows each through wrappers,
//! shells and interpreters to the package manager (`scan`), which
//! [`crate::intent::classify`] judges. [`rewrite`] turns the command into one
//! that runs every found install through `ccdeps run`. What cannot be read
//! (unbalanced quotes, installs inside `$(…)`, `eval`, here-documents fed to a
//! shell) is reported in [`Analysis::unanalysable`] so the hook can refuse
//! it: an install is never silently allowed. `claude` speaks Claude Code's
//! PreToolUse protocol on top.

pub mod claude;
mod interp;
mod lex;
mod scan;
mod shell;
#[cfg(test)]
mod tests;
mod wrappers;

use std::ops::Range;
use std::path::Path;

use crate::intent::{Intent, Manager};

/// One install found in a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub manager: Manager,
    /// The program words as typed (`npm`, `/usr/bin/npm`, `python3 -m pip`, `pipx`).
    pub program: String,
    /// The manager's arguments, unquoted (expansions kept as typed).
    pub args: Vec<String>,
    /// Byte span in the analysed command: the simple command, or for an
    /// install inside `bash -c '…'` the quoted script word holding it.
    pub span: Range<usize>,
    pub intent: Intent,
    /// Inside a `-c` script.
    pub nested: bool,
    /// [`rewrite`] can route it through `ccdeps run` (not for `pipx`, or a
    /// script built at run time).
    pub rewritable: bool,
}

/// What a command holds.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub found: Vec<Found>,
    /// Why parts of the command could not be read, when they contain an
    /// install-like word (or an install): the hook must not allow these.
    pub unanalysable: Vec<String>,
    edits: Vec<Edit>,
}

impl Analysis {
    /// Nothing to check: no install and nothing unreadable.
    pub fn is_clear(&self) -> bool {
        self.found.is_empty() && self.unanalysable.is_empty()
    }
}

/// A planned change for [`rewrite`].
#[derive(Clone, Debug)]
enum Edit {
    /// Replace the program words at `span` with `CCDEPS <run>`.
    Program { span: Range<usize>, run: String },
    /// Replace the script word at `span` with the quoted rewrite of its content.
    Script {
        span: Range<usize>,
        inner_src: String,
        inner: Box<Analysis>,
    },
}

/// Finds the installs in a Bash command.
pub fn analyze(command: &str) -> Analysis {
    analyze_depth(command, 0)
}

fn analyze_depth(command: &str, depth: usize) -> Analysis {
    let mut out = Analysis::default();
    if depth > scan::MAX_DEPTH {
        if mentions_install(command) {
            out.unanalysable.push(format!(
                "commands nested too deep: `{}`",
                scan::clip(command)
            ));
        }
        return out;
    }
    let tokens = match lex::lex(command) {
        Ok(t) => t,
        Err(e) => {
            if mentions_install(command) {
                out.unanalysable
                    .push(format!("cannot parse the command ({e})"));
            }
            return out;
        }
    };
    let cx = scan::Cx {
        src: command,
        depth,
    };
    for cmd in shell::commands(&tokens) {
        scan::simple(&cmd, &cx, &mut out);
    }
    out
}

/// The command with every rewritable install routed through `ccdeps run`
/// (`ccdeps` is the absolute path of the binary), or `None` when nothing
/// needs rewriting. Arguments keep their original text, so expansions still
/// happen in the user's shell.
pub fn rewrite(command: &str, analysis: &Analysis, ccdeps: &Path) -> Option<String> {
    if analysis.edits.is_empty() {
        return None;
    }
    let exe = crate::shims::sh_quote(&ccdeps.to_string_lossy());
    Some(apply(command, &analysis.edits, &exe))
}

fn apply(src: &str, edits: &[Edit], exe: &str) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(edit_span(e).start));
    let mut out = src.to_string();
    for e in sorted {
        let span = edit_span(e);
        if out.get(span.clone()).is_none() {
            continue;
        }
        let replacement = match e {
            Edit::Program { run, .. } => format!("{exe} {run}"),
            Edit::Script {
                inner_src, inner, ..
            } => crate::shims::sh_single_quote(&apply(inner_src, &inner.edits, exe)),
        };
        out.replace_range(span, &replacement);
    }
    out
}

fn edit_span(e: &Edit) -> Range<usize> {
    match e {
        Edit::Program { span, .. } | Edit::Script { span, .. } => span.clone(),
    }
}

/// A cheap lexical test: does the text name a package manager followed by an
/// install verb (`pip install`, `npm i`, `cargo add`), or `npx`/`uvx`/`pipx`?
/// Used only where the shell structure cannot be followed.
pub fn mentions_install(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '/')))
        .filter(|w| !w.is_empty())
        .collect();
    const VERBS: &[&str] = &[
        "install", "i", "in", "add", "ci", "dlx", "exec", "x", "sync", "update", "up", "upgrade",
        "create", "init",
    ];
    words.iter().enumerate().any(|(k, w)| {
        let base = w.rsplit('/').next().unwrap_or(w);
        let base = base.split('@').next().unwrap_or(base);
        match base {
            "npx" | "uvx" | "pnpx" | "pipx" => words.get(k + 1).is_some(),
            "npm" | "pnpm" | "yarn" | "pip" | "pip3" | "uv" | "cargo" | "corepack" => {
                words[k + 1..].iter().take(4).any(|v| VERBS.contains(v))
            }
            b if b.starts_with("pip") => words[k + 1..].iter().take(4).any(|v| *v == "install"),
            _ => false,
        }
    })
}
