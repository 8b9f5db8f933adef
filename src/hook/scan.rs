//! What a simple command runs: through wrappers (`sudo`, `env`, `nice`,
//! `timeout`, `xargs`, `corepack`, …), shells (`bash -c '…'`, here-documents
//! and pipes into `sh`), `eval`, interpreters (`python3 -m pip`, `python -c`),
//! and finally the package manager, classified with [`crate::intent`].

use super::lex::Word;
use super::shell::{SimpleCmd, is_assignment};
use super::{Analysis, Edit, Found, analyze_depth, mentions_install};
use crate::intent::{self, Intent, Manager, Tool};

/// How deep `bash -c "sh -c '…'"` may nest before ccdeps gives up (and says so).
pub const MAX_DEPTH: usize = 6;

/// Words that make a manager call an install when its program name is unknown.
const INSTALL_VERBS: &[&str] = &[
    "install", "i", "add", "ci", "dlx", "exec", "x", "sync", "update", "up", "upgrade", "create",
    "init", "tool",
];

struct Wrapper {
    name: &'static str,
    /// Options that take the next word as their value.
    values: &'static [&'static str],
    /// Positional words before the command (`timeout 10 cmd`).
    positionals: usize,
    /// `-c CMD` runs a shell command string.
    script_flag: bool,
}

const fn w(
    name: &'static str,
    values: &'static [&'static str],
    positionals: usize,
    script_flag: bool,
) -> Wrapper {
    Wrapper {
        name,
        values,
        positionals,
        script_flag,
    }
}

const SUDO: &[&str] = &[
    "-u",
    "-g",
    "-h",
    "-p",
    "-C",
    "-D",
    "-r",
    "-t",
    "-T",
    "-U",
    "--user",
    "--group",
    "--host",
    "--prompt",
    "--chdir",
    "--role",
    "--type",
    "--close-from",
    "--other-user",
    "--command-timeout",
];
const WRAPPERS: &[Wrapper] = &[
    w("sudo", SUDO, 0, false),
    w("doas", &["-u", "-C"], 0, false),
    w(
        "env",
        &["-u", "-C", "-P", "-a", "--unset", "--chdir", "--argv0"],
        0,
        false,
    ),
    w("nice", &["-n", "--adjustment"], 0, false),
    w(
        "ionice",
        &["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"],
        0,
        false,
    ),
    w(
        "timeout",
        &["-s", "-k", "--signal", "--kill-after"],
        1,
        false,
    ),
    w(
        "stdbuf",
        &["-i", "-o", "-e", "--input", "--output", "--error"],
        0,
        false,
    ),
    w("nohup", &[], 0, false),
    w("time", &["-f", "-o", "--format", "--output"], 0, false),
    w("command", &[], 0, false),
    w("builtin", &[], 0, false),
    w("exec", &["-a"], 0, false),
    w("setsid", &[], 0, false),
    w("caffeinate", &["-t", "-w"], 0, false),
    w("unbuffer", &[], 0, false),
    w("chronic", &[], 0, false),
    w("catchsegv", &[], 0, false),
    w("chrt", &["-T", "-P", "-D"], 1, false),
    w("taskset", &[], 1, false),
    w(
        "strace",
        &["-o", "-e", "-p", "-s", "-u", "-E", "-P", "-I", "-a", "-X"],
        0,
        false,
    ),
    w(
        "ltrace",
        &["-o", "-e", "-p", "-s", "-u", "-n", "-a"],
        0,
        false,
    ),
    w(
        "flock",
        &["-w", "--timeout", "-E", "--conflict-exit-code"],
        1,
        true,
    ),
    w(
        "runuser",
        &[
            "-u",
            "-g",
            "-G",
            "--user",
            "--group",
            "--supp-group",
            "-s",
            "--shell",
            "-w",
        ],
        0,
        true,
    ),
    w(
        "su",
        &["-s", "--shell", "-g", "--group", "-G", "-w"],
        0,
        true,
    ),
    w(
        "script",
        &["-t", "-I", "-O", "-B", "-T", "-E", "-m"],
        0,
        true,
    ),
    w("proxychains", &["-f"], 0, false),
    w("proxychains4", &["-f"], 0, false),
    w("torsocks", &[], 0, false),
];

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
fn program(cmd: &SimpleCmd, mut k: usize, cx: &Cx<'_>, out: &mut Analysis) {
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
fn run_program(
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
        }
        return;
    }
    if base == "alias" {
        return flag_if_installs(&join(&words[k + 1..]), cx, out, "an alias runs it");
    }
    if base == "pipx" {
        if let Intent::Install(i) = intent::classify_pipx(&args) {
            push(cmd, k, k, Manager::Pip, args, Intent::Install(i), None, out);
        }
        return;
    }
    let Some((tool, exact)) = tool_for(base) else {
        return;
    };
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
fn push(
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
fn tool_for(base: &str) -> Option<(Tool, bool)> {
    if let Some(t) = Tool::parse(base) {
        return Some((t, true));
    }
    let rest = base.strip_prefix("pip")?;
    if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Tool::parse(if rest.starts_with('3') { "pip3" } else { "pip" }).map(|t| (t, false));
    }
    None
}

/// `bash [opts] -c SCRIPT`, `sh FILE`, `sh` reading a here-document or a pipe.
fn shell(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
    let words = &cmd.words;
    let mut j = k + 1;
    let mut has_c = false;
    while let Some(w) = words.get(j) {
        let t = w.text.as_str();
        if t == "--" {
            j += 1;
            break;
        }
        if !(t.starts_with('-') || t.starts_with('+')) || t.len() < 2 {
            break;
        }
        if matches!(t, "-o" | "+o" | "-O" | "+O" | "--rcfile" | "--init-file") {
            j += 1;
        } else if !t.starts_with("--") && t[1..].contains('c') {
            has_c = true;
        }
        j += 1;
    }
    match (has_c, words.get(j)) {
        (true, Some(script)) => nested_script(script, cx, out, true),
        (false, None) => stdin_fed(cmd, cx, out, "a shell reads it on standard input"),
        _ => {} // a script file: its content is not ccdeps's to read
    }
}

/// `python [opts] -m pip ARGS`, `-c CODE`, or a script fed on stdin.
fn python(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
    let words = &cmd.words;
    let mut j = k + 1;
    while let Some(w) = words.get(j) {
        let t = w.text.as_str();
        if t == "-" {
            return stdin_fed(cmd, cx, out, "python reads it on standard input");
        }
        if !t.starts_with('-') {
            return; // a script file
        }
        let (module, code) = (t.strip_prefix("-m"), t.strip_prefix("-c"));
        if let Some(m) = module {
            let (name, m_idx) = if m.is_empty() {
                (words.get(j + 1).map(|w| w.text.as_str()), j + 1)
            } else {
                (Some(m), j)
            };
            let args: Vec<String> = words
                .get(m_idx + 1..)
                .unwrap_or(&[])
                .iter()
                .map(|w| w.text.clone())
                .collect();
            match name {
                Some("pip" | "pip3") => {
                    let intent = intent::classify(Manager::Pip, &args);
                    if intent != Intent::PassThrough {
                        let raw = &cx.src[words[k].span.clone()];
                        let rewrite = Some(format!("run --python {raw} pip"));
                        push(
                            cmd,
                            k,
                            m_idx.min(words.len() - 1),
                            Manager::Pip,
                            args,
                            intent,
                            rewrite,
                            out,
                        );
                    }
                }
                Some("pipx") => {
                    if let i @ Intent::Install(_) = intent::classify_pipx(&args) {
                        push(
                            cmd,
                            k,
                            m_idx.min(words.len() - 1),
                            Manager::Pip,
                            args,
                            i,
                            None,
                            out,
                        );
                    }
                }
                Some("uv") => {
                    let intent = intent::classify(Manager::Uv, &args);
                    if intent != Intent::PassThrough {
                        push(
                            cmd,
                            k,
                            m_idx.min(words.len() - 1),
                            Manager::Uv,
                            args,
                            intent,
                            Some("run uv".into()),
                            out,
                        );
                    }
                }
                _ => {}
            }
            return;
        }
        if let Some(c) = code {
            let code = if c.is_empty() {
                words.get(j + 1).map_or("", |w| w.text.as_str())
            } else {
                c
            };
            return flag_if_installs(code, cx, out, "python runs it");
        }
        j += if matches!(t, "-X" | "-W" | "-Q") {
            2
        } else {
            1
        };
    }
    stdin_fed(cmd, cx, out, "python reads it on standard input");
}

/// A here-document, here-string or pipe feeding a shell or interpreter.
fn stdin_fed(cmd: &SimpleCmd, cx: &Cx<'_>, out: &mut Analysis, how: &str) {
    if let Some(text) = cmd.stdin_text() {
        flag_if_installs(text, cx, out, how);
    } else if let Some(from) = &cmd.piped_from
        && let Some(text) = cx.src.get(from.clone())
        && mentions_install(text)
    {
        out.unanalysable.push(format!(
            "an install piped into an interpreter ({how}): `{}`",
            clip(text)
        ));
    }
}

/// `bash -c SCRIPT`: analyse the script; its installs are found (and rewritten) inside the word.
fn nested_script(script: &Word, cx: &Cx<'_>, out: &mut Analysis, rewritable: bool) {
    let inner = analyze_depth(&script.text, cx.depth + 1);
    let can_rewrite = rewritable && !script.dynamic;
    for mut f in inner.found.iter().cloned() {
        f.span = script.span.clone();
        f.nested = true;
        f.rewritable &= can_rewrite;
        out.found.push(f);
    }
    out.unanalysable.extend(inner.unanalysable.iter().cloned());
    if can_rewrite && !inner.edits.is_empty() {
        out.edits.push(Edit::Script {
            span: script.span.clone(),
            inner_src: script.text.clone(),
            inner: Box::new(inner),
        });
    }
}

/// Unanalysable when `text` parses to installs or even mentions one.
fn flag_if_installs(text: &str, cx: &Cx<'_>, out: &mut Analysis, how: &str) {
    let inner = analyze_depth(text, cx.depth + 1);
    if !inner.found.is_empty() || !inner.unanalysable.is_empty() || mentions_install(text) {
        out.unanalysable.push(format!(
            "an install ccdeps cannot rewrite ({how}): `{}`",
            clip(text)
        ));
    }
}

/// `xargs [opts] CMD ARGS`: xargs appends words read at run time.
fn xargs(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
    let values = &[
        "-I",
        "-L",
        "-n",
        "-P",
        "-s",
        "-d",
        "-E",
        "-a",
        "--arg-file",
        "--delimiter",
        "--max-args",
        "--max-lines",
        "--max-procs",
        "--max-chars",
        "--eof",
        "--replace",
    ];
    let j = skip_options(&cmd.words, k + 1, values);
    let Some(w) = cmd.words.get(j) else {
        return;
    };
    let mut inner = Analysis::default();
    program(cmd, j, cx, &mut inner);
    let base = basename(&w.text);
    let bare_manager =
        tool_for(base).is_some() && !cmd.words[j + 1..].iter().any(|w| !w.text.starts_with('-'));
    if !inner.found.is_empty() || !inner.unanalysable.is_empty() || bare_manager {
        out.unanalysable.push(format!(
            "xargs adds arguments at run time: `{}`",
            clip(&join(&cmd.words[k..]))
        ));
    }
}

/// Index after the options that follow `from` (`--` ends them).
fn skip_options(words: &[Word], mut j: usize, values: &[&str]) -> usize {
    while let Some(w) = words.get(j) {
        let t = w.text.as_str();
        if t == "--" {
            return j + 1;
        }
        if !t.starts_with('-') || t.len() < 2 {
            break;
        }
        j += if values.contains(&t) { 2 } else { 1 };
    }
    j
}

/// The value of `-c CMD` / `--command CMD` / `--command=CMD` among wrapper options.
fn script_arg(words: &[Word], from: usize) -> Option<&Word> {
    let at = words[from.min(words.len())..]
        .iter()
        .position(|w| matches!(w.text.as_str(), "-c" | "--command"))?;
    words.get(from + at + 1)
}

fn basename(t: &str) -> &str {
    t.rsplit('/').next().unwrap_or(t)
}

fn join(words: &[Word]) -> String {
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
