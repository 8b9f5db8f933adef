//! cargo command lines.
//!
//! - `cargo add CRATE[@VER]…` (`--features`, `--dev`, `--build`, `--git`,
//!   `--path`, `--rename`, `--registry`) and `cargo install` are installs of
//!   the named crates; `cargo update [-p SPEC [--precise V]]` changes the
//!   project's lockfile.
//! - Commands that may write `Cargo.lock` (`build`, `check`, `run`, `test`,
//!   `bench`, `doc`, `clippy`, `fix`, `fetch`, `tree`, `metadata`, `rustc`,
//!   `rustdoc`, `package`, `publish`, `vendor`, `generate-lockfile`) are
//!   installs only when the lockfile would change: not with `--locked`,
//!   `--frozen`, `--offline` (or `CARGO_NET_OFFLINE`), otherwise when there
//!   is no `Cargo.lock` or a manifest is newer than it (`project`). Once a
//!   lockfile is written, later builds trust it, so every writer is checked.
//! - Unknown subcommands (`cargo foo` = `cargo-foo`, user aliases) pass through.

use super::args::{is_help, split_eq};
use super::project::{self, LockState};
use super::{Install, Intent, Manager, Request};
use crate::package::Source;

/// Options that take a value (long names; shorts map below).
#[rustfmt::skip]
fn takes_value(name: &str) -> bool {
    matches!(
        name,
        "features" | "rename" | "target" | "git" | "branch" | "tag" | "rev" | "path" | "base" | "registry"
            | "manifest-path" | "package" | "config" | "Z" | "color" | "C" | "version" | "vers" | "root"
            | "index" | "bin" | "example" | "target-dir" | "profile" | "jobs" | "precise" | "exclude"
            | "explain" | "message-format" | "lockfile-path" | "artifact-dir" | "test" | "bench" | "depth"
    )
}

fn short(c: char) -> Option<&'static str> {
    Some(match c {
        'F' => "features",
        'p' => "package",
        'j' => "jobs",
        'Z' => "Z",
        'C' => "C",
        'V' => "version-flag",
        'h' => "help",
        'v' => "verbose",
        'q' => "quiet",
        'f' => "force",
        'r' => "release",
        'w' => "workspace",
        _ => return None,
    })
}

/// Scanned cargo argv: options (name, value) and positionals, stopping at `--`.
struct Scan<'a> {
    opts: Vec<(&'a str, Option<&'a str>)>,
    pos: Vec<&'a str>,
}

fn scan(args: &[String]) -> Scan<'_> {
    let mut s = Scan {
        opts: Vec::new(),
        pos: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let w = args[i].as_str();
        i += 1;
        if w == "--" {
            break; // the rest belongs to the program (`cargo run -- --locked`)
        }
        if let Some(l) = w.strip_prefix("--") {
            let (name, value) = split_eq(l);
            // `--version` is a flag before the subcommand and a value option of `cargo install`.
            let value_opt = takes_value(name) && !(name == "version" && s.pos.is_empty());
            if value.is_none() && value_opt {
                s.opts.push((name, args.get(i).map(String::as_str)));
                i += 1;
            } else {
                s.opts.push((name, value));
            }
        } else if w.len() > 1 && w.starts_with('-') {
            let body = &w[1..];
            for (at, c) in body.char_indices() {
                let name = short(c).unwrap_or("unknown");
                if takes_value(name) {
                    let rest = &body[at + c.len_utf8()..];
                    if rest.is_empty() {
                        s.opts.push((name, args.get(i).map(String::as_str)));
                        i += 1;
                    } else {
                        s.opts
                            .push((name, Some(rest.strip_prefix('=').unwrap_or(rest))));
                    }
                    break;
                }
                s.opts.push((name, None));
            }
        } else {
            s.pos.push(w);
        }
    }
    s
}

impl Scan<'_> {
    fn has(&self, names: &[&str]) -> bool {
        self.opts.iter().any(|(n, _)| names.contains(n))
    }

    fn last(&self, names: &[&str]) -> Option<&str> {
        self.opts
            .iter()
            .rev()
            .find_map(|(n, v)| names.contains(n).then_some(*v).flatten())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.opts
            .iter()
            .filter(|(n, _)| *n == name)
            .filter_map(|(_, v)| *v)
            .collect()
    }
}

/// `cargo ARGS…`.
pub(super) fn classify(args: &[String]) -> Intent {
    let args = match args.first() {
        Some(t) if t.starts_with('+') => &args[1..], // `cargo +nightly …`
        _ => args,
    };
    let s = scan(args);
    if s.has(&["help", "version-flag", "list", "explain"])
        || (s.pos.is_empty() && s.has(&["version"]))
    {
        return Intent::PassThrough;
    }
    let Some(&word) = s.pos.first() else {
        return Intent::PassThrough;
    };
    let cmd = match word {
        "b" => "build",
        "c" => "check",
        "d" => "doc",
        "t" => "test",
        "r" => "run",
        other => other,
    };
    if args.iter().any(|a| is_help(a)) && !matches!(cmd, "run" | "test" | "bench") {
        return Intent::PassThrough;
    }
    match cmd {
        "add" if !s.has(&["dry-run"]) => add(&s, word),
        "install" => install(&s, word),
        "update" if !s.has(&["dry-run", "locked", "frozen"]) => update(&s, word),
        "generate-lockfile" if !offline(&s) => from_project(&s, word),
        "build" | "check" | "run" | "test" | "bench" | "doc" | "clippy" | "fix" | "fetch"
        | "tree" | "metadata" | "rustc" | "rustdoc" | "package" | "publish" | "vendor" => {
            if offline(&s) || s.has(&["locked", "frozen"]) {
                return Intent::PassThrough;
            }
            let start = match s.last(&["manifest-path"]) {
                Some(m) => project::start_dir(Some(m))
                    .parent()
                    .map(|p| p.to_path_buf())
                    .unwrap_or_default(),
                None => project::start_dir(s.last(&["C"])),
            };
            match project::lock_state(&start, "Cargo.toml", "Cargo.lock") {
                LockState::NoLock | LockState::Stale => from_project(&s, word),
                LockState::Fresh | LockState::NoProject => Intent::PassThrough,
            }
        }
        _ => Intent::PassThrough,
    }
}

fn offline(s: &Scan<'_>) -> bool {
    s.has(&["offline", "frozen"])
        || std::env::var("CARGO_NET_OFFLINE").is_ok_and(|v| v == "true" || v == "1")
}

fn base(s: &Scan<'_>, word: &str) -> Install {
    let mut inst = Install::new(Manager::Cargo, word);
    inst.registry.index = s.last(&["index", "registry"]).map(str::to_string);
    inst.features.features = s
        .all("features")
        .iter()
        .flat_map(|f| f.split([',', ' ']))
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    inst.features.all = s.has(&["all-features"]);
    inst.features.no_default = s.has(&["no-default-features"]);
    inst
}

fn from_project(s: &Scan<'_>, word: &str) -> Intent {
    let mut inst = base(s, word);
    inst.from_project = true;
    Intent::Install(inst)
}

/// One crate word: `serde`, `serde@1.0.100`, `regex@=1.5.4`.
fn crate_request(word: &str, s: &Scan<'_>) -> Request {
    let (name, req) = match word.split_once('@') {
        Some((n, v)) => (n, Some(v.to_string()).filter(|v| !v.is_empty())),
        None => (word, None),
    };
    Request {
        raw: word.to_string(),
        name: Some(name.to_string()).filter(|n| !n.is_empty()),
        requirement: req,
        source: source(s),
        extras: Vec::new(),
        marker: None,
        alias: None,
    }
}

/// `--git URL [--rev|--tag|--branch X]`, `--path P`, `--registry NAME`, else crates.io.
fn source(s: &Scan<'_>) -> Source {
    if let Some(url) = s.last(&["git"]) {
        return Source::Git {
            url: url.to_string(),
            rev: s.last(&["rev", "tag", "branch"]).map(str::to_string),
        };
    }
    if let Some(p) = s.last(&["path"]) {
        return Source::Path {
            path: p.to_string(),
        };
    }
    s.last(&["index", "registry"])
        .map(super::npm::strip_credentials)
        .map_or(Source::DEFAULT_REGISTRY, |u| Source::registry(&u))
}

fn add(s: &Scan<'_>, word: &str) -> Intent {
    let mut inst = base(s, word);
    inst.dev = s.has(&["dev"]);
    let crates = &s.pos[1..];
    if crates.is_empty() {
        if s.has(&["git", "path"]) {
            inst.requests.push(Request {
                name: None,
                ..crate_request("", s)
            });
        } else {
            return Intent::PassThrough; // cargo refuses `cargo add` with nothing to add
        }
    }
    for c in crates {
        let mut r = crate_request(c, s);
        r.alias = s.last(&["rename"]).map(str::to_string);
        inst.requests.push(r);
    }
    inst.may_fetch_unpredicted = s.has(&["git"]);
    Intent::Install(inst)
}

fn install(s: &Scan<'_>, word: &str) -> Intent {
    if s.has(&["list"]) {
        return Intent::PassThrough;
    }
    let mut inst = base(s, word);
    inst.global = true;
    for c in &s.pos[1..] {
        let mut r = crate_request(c, s);
        if let Some(v) = s.last(&["version", "vers"]) {
            r.requirement = Some(v.to_string());
        }
        inst.requests.push(r);
    }
    if let Some(p) = s.last(&["path"]) {
        inst.requests
            .retain(|r| !matches!(r.source, Source::Path { .. }));
        inst.local_paths.push(p.into());
    } else if inst.requests.is_empty() && s.has(&["git"]) {
        inst.requests.push(Request {
            name: None,
            ..crate_request("", s)
        });
    }
    if inst.requests.is_empty() && inst.local_paths.is_empty() {
        return Intent::PassThrough; // cargo refuses it
    }
    inst.may_fetch_unpredicted = s.has(&["git"]);
    Intent::Install(inst)
}

fn update(s: &Scan<'_>, word: &str) -> Intent {
    let mut inst = base(s, word);
    inst.from_project = true;
    let precise = s.last(&["precise"]);
    for spec in s
        .all("package")
        .into_iter()
        .chain(s.pos[1..].iter().copied())
    {
        let mut r = crate_request(spec, s);
        r.source = Source::DEFAULT_REGISTRY;
        // `-p serde@1.0.100` selects the locked version to update; only `--precise` says where to.
        r.requirement = precise.map(|p| format!("={p}"));
        inst.requests.push(r);
    }
    Intent::Install(inst)
}
