//! Command wrappers: programs that run the rest of their arguments as a
//! command (`sudo`, `env`, `nice`, `timeout`, `flock -c`, …) and `xargs`,
//! which appends words read at run time.

use super::Analysis;
use super::interp::flag_if_installs;
use super::lex::Word;
use super::scan::{Cx, basename, clip, join, program, tool_for};
use super::shell::SimpleCmd;

pub(super) struct Wrapper {
    pub(super) name: &'static str,
    /// Options that take the next word as their value.
    pub(super) values: &'static [&'static str],
    /// Positional words before the command (`timeout 10 cmd`).
    pub(super) positionals: usize,
    /// `-c CMD` runs a shell command string.
    pub(super) script_flag: bool,
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

#[rustfmt::skip]
const SUDO: &[&str] = &[
    "-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-T", "-U", "--user", "--group", "--host", "--prompt",
    "--chdir", "--role", "--type", "--close-from", "--other-user", "--command-timeout",
];
#[rustfmt::skip]
pub(super) const WRAPPERS: &[Wrapper] = &[
    w("sudo", SUDO, 0, false),
    w("doas", &["-u", "-C"], 0, false),
    w("env", &["-u", "-C", "-P", "-a", "--unset", "--chdir", "--argv0"], 0, false),
    w("nice", &["-n", "--adjustment"], 0, false),
    w("ionice", &["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"], 0, false),
    w("timeout", &["-s", "-k", "--signal", "--kill-after"], 1, false),
    w("stdbuf", &["-i", "-o", "-e", "--input", "--output", "--error"], 0, false),
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
    w("strace", &["-o", "-e", "-p", "-s", "-u", "-E", "-P", "-I", "-a", "-X"], 0, false),
    w("ltrace", &["-o", "-e", "-p", "-s", "-u", "-n", "-a"], 0, false),
    w("flock", &["-w", "--timeout", "-E", "--conflict-exit-code"], 1, true),
    w("runuser", &["-u", "-g", "-G", "--user", "--group", "--supp-group", "-s", "--shell", "-w"], 0, true),
    w("su", &["-s", "--shell", "-g", "--group", "-G", "-w"], 0, true),
    w("script", &["-t", "-I", "-O", "-B", "-T", "-E", "-m"], 0, true),
    w("proxychains", &["-f"], 0, false),
    w("proxychains4", &["-f"], 0, false),
    w("torsocks", &[], 0, false),
];

/// `xargs [opts] CMD ARGS`: xargs appends words read at run time.
pub(super) fn xargs(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
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
pub(super) fn skip_options(words: &[Word], mut j: usize, values: &[&str]) -> usize {
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

/// The value of `-c CMD` / `--command CMD` among wrapper options, also with
/// `c` last in a bundle of short flags (`script -qc CMD`, `su -lc CMD`).
pub(super) fn script_arg(words: &[Word], from: usize) -> Option<&Word> {
    let is_c = |t: &str| {
        t == "--command"
            || t.strip_prefix('-')
                .is_some_and(|f| f.ends_with('c') && f.bytes().all(|b| b.is_ascii_alphabetic()))
    };
    let at = words[from.min(words.len())..]
        .iter()
        .position(|w| is_c(&w.text))?;
    words.get(from + at + 1)
}

/// `find … -exec CMD {} ;` (also `-execdir`, `-ok`, `-okdir`) and `parallel CMD ::: ARGS`:
/// the command runs once per file or argument found at run time, so an install there
/// cannot be routed through `ccdeps run` and is refused.
pub(super) fn per_item(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
    let words = &cmd.words;
    let base = basename(&words[k].text);
    let what = format!("`{base}` runs it for each item found at run time");
    let ends = |t: &str| matches!(t, ";" | "+" | ":::" | "::::" | ":::+" | "::::+");
    let mut j = k + 1;
    while j < words.len() {
        let t = words[j].text.as_str();
        let from = match base {
            "find" if matches!(t, "-exec" | "-execdir" | "-ok" | "-okdir") => j + 1,
            "parallel" if !t.starts_with('-') => j,
            _ => {
                j += 1;
                continue;
            }
        };
        let end = (from..words.len())
            .find(|&e| ends(&words[e].text))
            .unwrap_or(words.len());
        flag_if_installs(&join(&words[from..end]), cx, out, &what);
        if base == "parallel" {
            return;
        }
        j = end + 1;
    }
}
