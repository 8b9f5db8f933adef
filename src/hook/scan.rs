//! What a simple command runs: through wrappers (`sudo`, `env`, `nice`,
//! `timeout`, `xargs`, `corepack`, …), shells (`bash -c '…'`, here-documents
//! and pipes into `sh`), `eval`, interpreters (`python3 -m pip`, `python -c`),
//! and finally the package manager, classified with [`crate::intent`].

use super::interp::{flag_if_installs, nested_script, python, shell};
use super::lex::Word;
use super::shell::{SimpleCmd, is_assignment};
use super::wrappers::{WRAPPERS, per_item, script_arg, skip_options, xargs};
use super::{Analysis, Edit, Found, analyze_depth, mentions_install};
use crate::intent::{self, Intent, Manager, Tool};

/// How deep `bash -c "sh -c '…'"` may nest before ccdeps gives up (and says so).
pub const MAX_DEPTH: usize = 6;

/// Words that make a manager call an install when its program name is unknown.
#[rustfmt::skip]
const INSTALL_VERBS: &[&str] = &[
    "install", "i", "add", "ci", "dlx", "exec", "x", "sync", "update", "up", "upgrade", "create", "init",
    "tool",
];

#[rustfmt::skip]
const SHELLS: &[&str] = &[
    "bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "yash", "busybox",
];

/// Where we are: the source being analysed and how deep.
pub(super) struct Cx<'a> {
    pub src: &'a str,
    pub depth: usize,
}

/// Interprets one simple command into `out`.
pub(super) fn simple(cmd: &SimpleCmd, cx: &Cx<'_>, out: &mut Analysis) {
    for w in cmd
        .words
        .iter()
        .chain(cmd.redirects.iter().map(|(_, t, _)| t))
    {
        for sub in &w.substitutions {
            let inner = analyze_depth(sub, cx.depth + 1);
            if !inner.found.is_empty() || !inner.unanalysable.is_empty() || mentions_install(sub) {
                out.unanalysable.push(format!(
                    "an install inside a command substitution ($(…) or backquotes): `{}`",
                    clip(sub)
                ));
            }
        }
    }
    let words = &cmd.words;
    let Some(start) = words.iter().position(|w| !is_assignment(w)) else {
        return;
    };
    program(cmd, start, cx, out);
}

/// Dispatches on the command word at `k`, unwrapping wrappers.
pub(super) fn program(cmd: &SimpleCmd, mut k: usize, cx: &Cx<'_>, out: &mut Analysis) {
    let words = &cmd.words;
    // `corepack pnpm …`: both words name the program (and are rewritten together).
    let mut first = None;
    loop {
        let Some(word) = words.get(k) else {
            return;
        };
        let base = basename(&word.text);
        if base == "corepack" {
            match words
                .get(k + 1)
                .map(|w| w.text.split('@').next().unwrap_or(""))
            {
                Some("npm" | "npx" | "pnpm" | "pnpx" | "yarn") => {
                    first.get_or_insert(k);
                    k += 1;
                    continue;
                }
                _ => return,
            }
        }
        if base == "xargs" {
            return xargs(cmd, k, cx, out);
        }
        if base == "find" || base == "parallel" {
            return per_item(cmd, k, cx, out);
        }
        if base == "watch" {
            let rest = skip_options(words, k + 1, &["-n", "--interval"]);
            let joined = join(&words[rest.min(words.len())..]);
            flag_if_installs(&joined, cx, out, "`watch` runs it repeatedly");
            return;
        }
        if let Some(wr) = WRAPPERS.iter().find(|wr| wr.name == base) {
            if base == "command"
                && words
                    .get(k + 1)
                    .is_some_and(|w| w.text == "-v" || w.text == "-V")
            {
                return;
            }
            if wr.script_flag {
                if let Some(script) = script_arg(words, k + 1) {
                    return nested_script(script, cx, out, true);
                }
                if base == "su" {
                    return;
                }
            }
            let mut j = skip_options(words, k + 1, wr.values);
            j += wr.positionals;
            while words.get(j).is_some_and(is_assignment) {
                j += 1;
            }
            if base == "env"
                && words[k + 1..j.min(words.len())]
                    .iter()
                    .any(|w| w.text.starts_with("-S") || w.text.starts_with("--split-string"))
            {
                flag_if_installs(
                    &join(&words[k + 1..]),
                    cx,
                    out,
                    "`env -S` splits it at run time",
                );
                return;
            }
            k = j;
            continue;
        }
        let base = if first.is_some() {
            base.split('@').next().unwrap_or(base)
        } else {
            base
        };
        return run_program(cmd, first.unwrap_or(k), k, base, cx, out);
    }
}

/// The command word at `k` is no wrapper: a shell, eval, interpreter or manager.
pub(super) fn run_program(
    cmd: &SimpleCmd,
    first: usize,
    k: usize,
    base: &str,
    cx: &Cx<'_>,
    out: &mut Analysis,
) {
    let words = &cmd.words;
    let word = &words[k];
    let args: Vec<String> = words[k + 1..].iter().map(|w| w.text.clone()).collect();
    if word.dynamic && base.contains('$') {
        // `$PM install x`, `npm${IFS}install${IFS}x`.
        if args.iter().any(|a| INSTALL_VERBS.contains(&a.as_str()))
            || mentions_install(&join(&words[k..]))
        {
            out.unanalysable.push(format!(
                "the program is only known at run time: `{}`",
                clip(&join(&words[k..]))
            ));
        }
        return;
    }
    if SHELLS.contains(&base) {
        return shell(cmd, k, cx, out);
    }
    if base == "eval" {
        return flag_if_installs(
            &join(&words[k + 1..]),
            cx,
            out,
            "`eval` builds it at run time",
        );
    }
    if let Some(version) = base
        .strip_prefix("python")
        .or_else(|| base.strip_prefix("pypy"))
        .or_else(|| (base == "py").then_some(""))
        && version.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return python(cmd, k, cx, out);
    }
    if matches!(
        base,
        "node" | "nodejs" | "deno" | "bun" | "ruby" | "perl" | "php"
    ) {
        if let Some(code) = words
            .iter()
            .skip(k + 1)
            .position(|w| matches!(w.text.as_str(), "-e" | "--eval" | "-p" | "-r"))
            && let Some(c) = words.get(k + 2 + code)
        {
            flag_if_installs(&c.text, cx, out, "a script runs it");
            return;
        }
        if base != "bun" {
            return; // `bun` goes on as a package manager below
        }
    }

    if base == "alias" {
        return flag_if_installs(&join(&words[k + 1..]), cx, out, "an alias runs it");
    }
    // PyPI installers without a shim: judged here, never rewritten (so
    // refused unless plainly blocked, with the reason).
    let unshimmed: Option<fn(&[String]) -> Intent> = match base {
        "pipx" => Some(intent::classify_pipx),
        "poetry" => Some(intent::classify_poetry),
        _ => None,
    };
    if let Some(classify) = unshimmed {
        if let Intent::Install(i) = classify(&args) {
            push(cmd, k, k, Manager::Pip, args, Intent::Install(i), None, out);
        }
        return;
    }
    let Some((tool, exact)) = tool_for(base) else {
        return;
    };
    if matches!(tool.manager, Manager::Npm | Manager::Npx | Manager::Pnpm) {
        // `npx -c 'CMD'` / `npm exec --call CMD` / `pnpm dlx -c`: a shell command run with package bins.
        let call = args.iter().enumerate().find_map(|(i, a)| match a.as_str() {
            "-c" | "--call" => args.get(i + 1).map(String::as_str),
            other => other.strip_prefix("--call="),
        });
        if let Some(script) = call {
            flag_if_installs(script, cx, out, "`npx -c` runs it in a shell");
        }
    }
    let intent = tool.classify(&args);
    if intent == Intent::PassThrough {
        return;
    }
    // `ccdeps run` finds the tool on PATH unless the command named a path or a versioned name.
    let raw = &cx.src[word.span.clone()];
    let via = if word.text.contains('/') || !exact {
        Some(format!("--real {raw} "))
    } else {
        None
    };
    let rewrite = Some(format!("run {}{}", via.unwrap_or_default(), tool.program));
    push(cmd, first, k, tool.manager, args, intent, rewrite, out);
}

/// Records a found install; `rewrite` is what replaces words `k..=last` after the ccdeps path.
#[allow(clippy::too_many_arguments)]
pub(super) fn push(
    cmd: &SimpleCmd,
    k: usize,
    last: usize,
    manager: Manager,
    args: Vec<String>,
    intent: Intent,
    rewrite: Option<String>,
    out: &mut Analysis,
) {
    let words = &cmd.words;
    let span = cmd.span().unwrap_or(words[k].span.clone());
    let program = words[k..=last]
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let rewritable = rewrite.is_some()
        && !words[k..=last]
            .iter()
            .any(|w| w.dynamic && !w.text.contains('/'));
    if let (Some(r), true) = (rewrite, rewritable) {
        out.edits.push(Edit::Program {
            span: words[k].span.start..words[last].span.end,
            run: r,
        });
    }
    out.found.push(Found {
        manager,
        program,
        args,
        span,
        intent,
        nested: false,
        rewritable,
    });
}

/// `npm`, `/usr/bin/npm`, `pip3.11` → the tool; `exact` is false for versioned names.
pub(super) fn tool_for(base: &str) -> Option<(Tool, bool)> {
    if let Some(t) = Tool::parse(base) {
        return Some((t, true));
    }
    let rest = base.strip_prefix("pip")?;
    if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Tool::parse(if rest.starts_with('3') { "pip3" } else { "pip" }).map(|t| (t, false));
    }
    None
}

pub(super) fn basename(t: &str) -> &str {
    t.rsplit('/').next().unwrap_or(t)
}

pub(super) fn join(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most 120 characters of a command, for messages.
pub(super) fn clip(s: &str) -> String {
    let one_line = s.trim().replace('\n', "; ");
    if one_line.chars().count() > 120 {
        format!("{}…", one_line.chars().take(119).collect::<String>())
    } else {
        one_line
    }
}
