//! `ccdeps hook claude`: the Claude Code PreToolUse hook.
//!
//! Reads the event from stdin (at most [`MAX_INPUT`] bytes kept), prints the
//! decision JSON (nothing for calls that need none) and exits 0. Exit 2 only
//! when the hook itself cannot run (unreadable stdin, invalid JSON): Claude
//! Code then blocks the call and shows the message. No home, configuration or
//! database is touched on the way: it runs before every Bash call.

use std::io::Read;

use anyhow::Context as _;

use super::{Exit, emit, note};
use crate::hook::claude::{self, Output, PreToolUseInput};

/// The largest event read (tool inputs beyond this are not Bash commands a person wrote).
pub const MAX_INPUT: usize = 1 << 20;

/// The fast-path entry: runs the hook and maps errors to exit 2.
pub fn claude_exit() -> u8 {
    match claude() {
        Ok(Exit::Code(c)) => c,
        Err(e) => {
            note(&format!("ccdeps hook claude: {e:#}"));
            2
        }
    }
}

pub fn claude() -> anyhow::Result<Exit> {
    let (bytes, truncated) = read_bounded(std::io::stdin().lock(), MAX_INPUT)
        .context("cannot read the hook event from stdin")?;
    let out = if truncated {
        oversized(&bytes)
    } else {
        let input: PreToolUseInput = serde_json::from_slice(&bytes)
            .context("the hook event on stdin is not valid PreToolUse JSON")?;
        let exe = std::env::current_exe().context("cannot tell where this ccdeps binary is")?;
        // The agent's working folder, not ours, decides what `cargo build` or `uv run` would do.
        if let Some(cwd) = input.cwd.as_deref().filter(|c| !c.is_empty()) {
            let _ = std::env::set_current_dir(cwd);
        }
        claude::decide(&input, &exe, claude::default_judge)
    };
    if !out.is_empty() {
        emit(&format!("{}\n", serde_json::to_string(&out)?))?;
    }
    Ok(Exit::OK)
}

/// Reads at most `cap` bytes, then drains the rest (so the writer never sees a broken pipe).
fn read_bounded(mut r: impl Read, cap: usize) -> std::io::Result<(Vec<u8>, bool)> {
    let mut buf = Vec::with_capacity(16 * 1024);
    r.by_ref().take(cap as u64 + 1).read_to_end(&mut buf)?;
    if buf.len() <= cap {
        return Ok((buf, false));
    }
    buf.truncate(cap);
    std::io::copy(&mut r, &mut std::io::sink())?;
    Ok((buf, true))
}

/// An event too large to read whole: another tool's passes, a Bash call is refused.
fn oversized(prefix: &[u8]) -> Output {
    let text = String::from_utf8_lossy(prefix);
    let tool = text.find("\"tool_name\"").and_then(|at| {
        let rest = text[at + 11..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        rest.split('"').next().map(str::to_string)
    });
    match tool.as_deref() {
        Some(t) if t != "Bash" => Output::default(),
        _ => Output::deny(format!(
            "ccdeps: the command is too large to check (over {} KiB). Run package installs as separate, plain commands.",
            MAX_INPUT / 1024
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_read_and_oversized_events() {
        let (b, t) = read_bounded(&b"abcdef"[..], 4).unwrap();
        assert_eq!((b.as_slice(), t), (&b"abcd"[..], true));
        let (_, t) = read_bounded(&b"abcd"[..], 4).unwrap();
        assert!(!t);
        assert!(oversized(br#"{"tool_name": "Write", "tool_input": {"content": "xx"#).is_empty());
        assert!(!oversized(br#"{"tool_name":"Bash","tool_input":{"command":"npm i"#).is_empty());
        assert!(!oversized(b"garbage").is_empty());
    }
}
