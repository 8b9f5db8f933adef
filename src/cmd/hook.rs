//! `ccdeps hook claude`: the Claude Code PreToolUse hook.
//!
//! Reads the event from stdin (at most [`MAX_INPUT`] bytes kept), prints the
//! decision JSON (nothing for calls that need none) and exits 0. Exit 2 only
//! when the hook itself cannot run (unreadable stdin, invalid JSON): Claude
//! Code then blocks the call and shows the message. No home, configuration or
//! database is touched on the way: it runs before every Bash call.

use std::io::Read;

use anyhow::Context as _;

use super::judge::Setup;
use super::{Exit, emit, note};
use crate::audit::{self, Entry};
use crate::ecosystem::Ecosystem;
use crate::engine::{self, Item};
use crate::hook::Found;
use crate::hook::claude::{self, HookVerdict, Output, PreToolUseInput};
use crate::intent::Intent;
use crate::package::Package;
use crate::report::Verdict;

/// The largest event read (tool inputs beyond this are not Bash commands a person wrote).
pub const MAX_INPUT: usize = 1 << 20;

/// The fast-path entry (`home`: the `--home` given, if any): runs the hook and maps errors to exit 2.
pub fn claude_exit(home: Option<&std::path::Path>) -> u8 {
    match claude(home) {
        Ok(Exit::Code(c)) => c,
        Err(e) => {
            note(&format!("ccdeps hook claude: {e:#}"));
            2
        }
    }
}

/// `home`: the `--home` given on the command line (else `CCDEPS_HOME` and the defaults).
pub fn claude(home: Option<&std::path::Path>) -> anyhow::Result<Exit> {
    let (bytes, truncated) = read_bounded(std::io::stdin().lock(), MAX_INPUT)
        .context("cannot read the hook event from stdin")?;
    let out = if truncated {
        oversized(&bytes)
    } else {
        let input: PreToolUseInput = serde_json::from_slice(&bytes)
            .context("the hook event on stdin is not valid PreToolUse JSON")?;
        let exe = std::env::current_exe().context("cannot tell where this ccdeps binary is")?;
        // Resolved before the change of folder below, so a relative home keeps its meaning.
        let home = crate::home::Home::resolve(home)
            .ok()
            .map(|h| std::path::absolute(h.root()).map_or(h, crate::home::Home::new));
        // The agent's working folder, not ours, decides what `cargo build` or `uv run` would do.
        if let Some(cwd) = input.cwd.as_deref().filter(|c| !c.is_empty()) {
            let _ = std::env::set_current_dir(cwd);
        }
        let mut checker = Checker {
            home,
            ..Checker::default()
        };
        let out = claude::decide(&input, &exe, |f| checker.judge(f));
        checker.audit(&out);
        out
    };
    if !out.is_empty() {
        emit(&format!("{}\n", serde_json::to_string(&out)?))?;
    }
    Ok(Exit::OK)
}

/// The hook's judge: installs whose requested names are refused by the
/// offline checks (typosquats, deny lists, known-bad pinned versions) are
/// denied at once with the reason; everything else is routed through
/// `ccdeps run`, which resolves and checks the whole graph when it runs.
/// The policy and database are loaded only when an install is found.
#[derive(Default)]
struct Checker {
    home: Option<crate::home::Home>,
    setup: Option<Option<Setup>>,
    seen: Vec<(Found, HookVerdict)>,
}

impl Checker {
    fn setup(&mut self) -> Option<&Setup> {
        if self.setup.is_none() {
            let loaded = self.home.clone().and_then(|home| {
                let g = super::Globals {
                    home,
                    config: None,
                    offline: true,
                    format: crate::cli::Format::Human,
                };
                Setup::load(&g).ok()
            });
            self.setup = Some(loaded);
        }
        self.setup.as_ref().and_then(Option::as_ref)
    }

    fn judge(&mut self, f: &Found) -> HookVerdict {
        let verdict = self.check(f).unwrap_or_else(|| claude::default_judge(f));
        self.seen.push((f.clone(), verdict.clone()));
        verdict
    }

    fn check(&mut self, f: &Found) -> Option<HookVerdict> {
        let Intent::Install(install) = &f.intent else {
            return None;
        };
        let eco = install.ecosystem();
        let items: Vec<Item> = install
            .requests
            .iter()
            .filter_map(|r| {
                let name = r.name.as_deref()?;
                let version = r
                    .requirement
                    .as_deref()
                    .and_then(|req| exact_version(eco, req));
                let mut p = Package::new(eco, name, version.as_deref());
                p.direct = Some(true);
                p.source = r.source.clone();
                Some(Item::from(p))
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        let setup = self.setup()?;
        let report = engine::judge(&setup.context(), &setup.policy, items, Vec::new(), false);
        (report.verdict == Verdict::Block)
            .then(|| HookVerdict::Deny(super::message::blocked(&claude::describe(f), &report)))
    }

    fn audit(&self, out: &Output) {
        if self.seen.is_empty() {
            return;
        }
        let Some(home) = &self.home else { return };
        let decision = out
            .hook_specific_output
            .as_ref()
            .map(|h| {
                serde_json::to_value(h.permission_decision)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            })
            .unwrap_or_else(|| "allow".into());
        for (f, v) in &self.seen {
            let mut e = Entry::new("hook", &f.program, &f.args, &decision);
            e.reason = match v {
                HookVerdict::Deny(r) | HookVerdict::Ask(r) => Some(r.clone()),
                HookVerdict::Rewrite => Some("routed through `ccdeps run`".into()),
                HookVerdict::Allow => None,
            };
            let _ = audit::append(&home.audit_log(), &e);
        }
    }
}

/// The exact version a requirement pins, if it pins one.
fn exact_version(eco: Ecosystem, req: &str) -> Option<String> {
    let r = req.trim();
    let v = match eco {
        Ecosystem::Npm => r.strip_prefix('=').unwrap_or(r).trim_start_matches('v'),
        Ecosystem::PyPI => r
            .strip_prefix("===")
            .or_else(|| r.strip_prefix("=="))?
            .trim(),
        Ecosystem::CratesIo => r.strip_prefix('=')?.trim(),
    };
    let plain = !v.is_empty()
        && v.starts_with(|c: char| c.is_ascii_digit())
        && !v.contains(['*', ',', ' ', '<', '>', '|', '^', '~'])
        && (eco != Ecosystem::Npm || v.split('.').count() >= 3)
        && !v.ends_with(".x");
    plain.then(|| v.to_string())
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
    fn exact_pins() {
        let rows = [
            (Ecosystem::Npm, "4.17.20", Some("4.17.20")),
            (Ecosystem::Npm, "=4.17.20", Some("4.17.20")),
            (Ecosystem::Npm, "^4.17.20", None),
            (Ecosystem::Npm, "4", None),
            (Ecosystem::Npm, "latest", None),
            (Ecosystem::PyPI, "==2.11.2", Some("2.11.2")),
            (Ecosystem::PyPI, ">=2", None),
            (Ecosystem::PyPI, "==2.*", None),
            (Ecosystem::CratesIo, "=1.5.4", Some("1.5.4")),
            (Ecosystem::CratesIo, "1.5.4", None),
        ];
        for (eco, req, want) in rows {
            assert_eq!(exact_version(eco, req).as_deref(), want, "{eco} {req}");
        }
    }

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
