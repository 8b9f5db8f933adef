//! Shells and interpreters: `bash -c SCRIPT` (analysed recursively and
//! rewritten inside the script), `python -m pip`, and code or here-documents
//! fed to them, which can only be refused when they mention an install.

use super::lex::Word;
use super::scan::{Cx, clip, push};
use super::shell::SimpleCmd;
use super::{Analysis, Edit, analyze_depth, mentions_install};
use crate::intent::{self, Intent, Manager};

/// `bash [opts] -c SCRIPT`, `sh FILE`, `sh` reading a here-document or a pipe.
pub(super) fn shell(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
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
pub(super) fn python(cmd: &SimpleCmd, k: usize, cx: &Cx<'_>, out: &mut Analysis) {
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
                        // `py -3.12 -m pip`: the launcher's version pick would
                        // be lost in `ccdeps run --python py`, so it is not routed.
                        let picks_version = words[k].text == "py"
                            && words[k + 1..j].iter().any(|w| {
                                w.text.len() > 1
                                    && w.text.starts_with('-')
                                    && w.text.as_bytes()[1].is_ascii_digit()
                            });
                        let rewrite = (!picks_version).then(|| format!("run --python {raw} pip"));
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
pub(super) fn stdin_fed(cmd: &SimpleCmd, cx: &Cx<'_>, out: &mut Analysis, how: &str) {
    if let Some(text) = cmd.stdin_text() {
        flag_if_installs(text, cx, out, how);
    } else if let Some(from) = &cmd.piped_from {
        // The feeding commands, and the here-documents they read (`cat <<EOF | sh`).
        let words = cx.src.get(from.clone()).unwrap_or_default();
        let text = format!("{words}\n{}", cmd.piped_bodies);
        if mentions_install(&text) {
            out.unanalysable.push(format!(
                "an install piped into an interpreter ({how}): `{}`",
                clip(&text)
            ));
        }
    }
}

/// `bash -c SCRIPT`: analyse the script; its installs are found (and rewritten) inside the word.
pub(super) fn nested_script(script: &Word, cx: &Cx<'_>, out: &mut Analysis, rewritable: bool) {
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
pub(super) fn flag_if_installs(text: &str, cx: &Cx<'_>, out: &mut Analysis, how: &str) {
    let inner = analyze_depth(text, cx.depth + 1);
    if !inner.found.is_empty() || !inner.unanalysable.is_empty() || mentions_install(text) {
        out.unanalysable.push(format!(
            "an install ccdeps cannot rewrite ({how}): `{}`",
            clip(text)
        ));
    }
}
