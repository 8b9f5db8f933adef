//! pnpm, yarn (classic and berry) and bun command lines.
//!
//! Both take npm specs (`npm_spec`) and nopt-style options. Unknown commands
//! are scripts (`pnpm build`, `yarn test`): pass-through. `yarn workspace X
//! add y` and `yarn workspaces foreach … add y` are read as the inner command.

use super::args::{self, Item, Nopt};
use super::{Intent, Manager, npm};

#[rustfmt::skip]
const PNPM: Nopt = Nopt {
    takes_value: |n| {
        matches!(
            n,
            "dir" | "filter" | "filter-prod" | "reporter" | "loglevel" | "workspace-concurrency"
                | "test-pattern" | "changed-files-ignore-pattern" | "registry" | "store-dir"
                | "virtual-store-dir" | "modules-dir" | "lockfile-dir" | "package-import-method" | "node-linker"
                | "allow-build" | "package" | "depth" | "network-concurrency" | "child-concurrency"
                | "fetch-timeout" | "resolution-mode" | "cpu" | "os" | "libc" | "use-node-version"
                | "global-dir" | "cache-dir" | "state-dir" | "hoist-pattern" | "public-hoist-pattern"
                | "save-catalog-name" | "tag"
        )
    },
    short: |s| {
        Some(match s {
            "C" => "dir",
            "F" => "filter",
            "D" => "save-dev",
            "P" => "save-prod",
            "O" => "save-optional",
            "E" => "save-exact",
            "g" => "global",
            "r" => "recursive",
            "w" => "workspace-root",
            "s" => "silent",
            "h" => "help",
            "v" => "version",
            "c" => "shell-mode",
            _ => return None,
        })
    },
};

/// `pnpm ARGS…`.
pub(super) fn classify_pnpm(args: &[String]) -> Intent {
    // `dlx` passes everything after its command through: find it first.
    let first = args::scan_nopt(args, &PNPM, None);
    let word = args::positionals(&first).next();
    let stop = if matches!(word, Some("dlx" | "create")) {
        Some(2)
    } else {
        None
    };
    let items = if stop.is_some() {
        args::scan_nopt(args, &PNPM, stop)
    } else {
        first
    };
    pnpm_items(&items)
}

/// `pnpx ARGS…` = `pnpm dlx ARGS…`.
pub(super) fn classify_pnpx(args: &[String]) -> Intent {
    let items = args::scan_nopt(args, &PNPM, Some(1));
    if npm::asks_help(&items) {
        return Intent::PassThrough;
    }
    let rest: Vec<&str> = args::positionals(&items).collect();
    npm::exec(Manager::Pnpm, "dlx", &items, &rest)
}

fn pnpm_items(items: &[Item<'_>]) -> Intent {
    if npm::asks_help(items) {
        return Intent::PassThrough;
    }
    let mut pos = args::positionals(items);
    let Some(word) = pos.next() else {
        return Intent::PassThrough;
    };
    let rest: Vec<&str> = pos.collect();
    match word {
        // `pnpm install pkg` is refused by pnpm, but read it as `add` to be safe.
        "add" | "install" | "i" | "install-test" | "it" | "update" | "up" | "upgrade" | "fetch"
        | "dedupe" | "deploy" => {
            let mut inst = npm::install(
                Manager::Pnpm,
                word,
                items,
                if word == "deploy" { &[] } else { &rest },
            );
            inst.from_project = rest.is_empty() || !matches!(word, "add" | "install" | "i");
            if word == "deploy" || word == "fetch" {
                inst.requests.clear();
            }
            Intent::Install(inst)
        }
        "dlx" => npm::exec(Manager::Pnpm, word, items, &rest),
        "create" => npm::init(Manager::Pnpm, word, items, rest.first().copied()),
        _ => Intent::PassThrough,
    }
}

#[rustfmt::skip]
const YARN: Nopt = Nopt {
    takes_value: |n| {
        matches!(
            n,
            "cwd" | "modules-folder" | "cache-folder" | "mutex" | "network-timeout" | "registry" | "use-yarnrc"
                | "link-folder" | "global-folder" | "preferred-cache-folder" | "otp" | "network-concurrency"
                | "child-concurrency" | "mode" | "package" | "from" | "include" | "exclude" | "jobs" | "tag"
        )
    },
    short: |s| {
        Some(match s {
            "D" => "dev",
            "P" => "peer",
            "O" => "optional",
            "E" => "exact",
            "T" => "tilde",
            "W" => "ignore-workspace-root-check",
            "p" => "package",
            "j" => "jobs",
            "h" => "help",
            "v" => "version",
            "s" => "silent",
            "A" => "all",
            "R" => "recursive",
            _ => return None,
        })
    },
};

/// `yarn ARGS…`.
pub(super) fn classify_yarn(args: &[String]) -> Intent {
    let items = args::scan_nopt(args, &YARN, None);
    if npm::asks_help(&items) {
        return Intent::PassThrough;
    }
    let pos: Vec<&str> = args::positionals(&items).collect();
    let Some(&word) = pos.first() else {
        // Bare `yarn` installs the project.
        let mut inst = npm::install(Manager::Yarn, "install", &items, &[]);
        inst.from_project = true;
        return Intent::Install(inst);
    };
    match word {
        "workspace" if pos.len() > 2 => {
            // `yarn workspace NAME CMD…`: the inner command, from the word after NAME.
            inner(args, pos[1])
        }
        "workspaces" if pos.get(1) == Some(&"foreach") => match pos.get(2) {
            Some(cmd) => inner(args, cmd),
            None => Intent::PassThrough,
        },
        "plugin" if pos.get(1) == Some(&"import") => Intent::Opaque {
            why: "`yarn plugin import` downloads and runs plugin code ccdeps cannot check".into(),
        },
        "global" if pos.get(1) == Some(&"add") => {
            let mut inst = npm::install(Manager::Yarn, "global add", &items, &pos[2..]);
            inst.global = true;
            Intent::Install(inst)
        }
        "install" | "add" | "upgrade" | "up" => {
            let mut inst = npm::install(Manager::Yarn, word, &items, &pos[1..]);
            inst.dev = args::flag_set(&items, "dev");
            inst.from_project = pos.len() == 1 || matches!(word, "upgrade" | "up");
            Intent::Install(inst)
        }
        "dlx" => {
            let items = args::scan_nopt(args, &YARN, Some(2));
            let pos: Vec<&str> = args::positionals(&items).skip(1).collect();
            npm::exec(Manager::Yarn, word, &items, &pos)
        }
        "create" => npm::init(Manager::Yarn, word, &items, pos.get(1).copied()),
        _ => Intent::PassThrough,
    }
}

/// Re-reads argv from the word right after `anchor` (workspace name or `foreach`).
fn inner(args: &[String], anchor: &str) -> Intent {
    let Some(at) = args.iter().position(|a| a == anchor) else {
        return Intent::PassThrough;
    };
    // Skip the options that belong to `workspaces foreach` itself.
    let tail: Vec<String> = args[at + 1..].to_vec();
    let items = args::scan_nopt(&tail, &YARN, Some(1));
    match args::positionals(&items).next() {
        Some(cmd) => {
            let from = tail.iter().position(|a| a == cmd).unwrap_or(0);
            classify_yarn(&tail[from..])
        }
        None => Intent::PassThrough,
    }
}

#[rustfmt::skip]
const BUN: Nopt = Nopt {
    takes_value: |n| {
        matches!(
            n,
            "registry" | "cwd" | "cache-dir" | "backend" | "filter" | "omit" | "network-concurrency"
                | "concurrent-scripts" | "config" | "ca" | "cafile" | "linker" | "cpu" | "os" | "package"
        )
    },
    short: |s| {
        Some(match s {
            "c" => "config",
            "F" => "filter",
            "d" | "D" => "dev",
            "E" => "exact",
            "g" => "global",
            "p" => "package",
            "h" => "help",
            "v" => "version",
            _ => return None,
        })
    },
};

/// `bun ARGS…`: `add`/`a`, `install`/`i`
/// with packages (bare: the project's `bun.lock`), `update`, `x` (= `bunx`),
/// `create`/`c`. Scripts, `bun run`, `bun test` and files pass through.
pub(super) fn classify_bun(args: &[String]) -> Intent {
    let first = args::scan_nopt(args, &BUN, None);
    let word = args::positionals(&first).next();
    let items = match word {
        Some("x" | "create" | "c") => args::scan_nopt(args, &BUN, Some(2)),
        _ => first,
    };
    if npm::asks_help(&items) {
        return Intent::PassThrough;
    }
    let pos: Vec<&str> = args::positionals(&items).collect();
    let Some((&word, rest)) = pos.split_first() else {
        return Intent::PassThrough;
    };
    match word {
        "add" | "a" | "install" | "i" | "update" => {
            if args::flag_set(&items, "dry-run") {
                return Intent::PassThrough;
            }
            let mut inst = npm::install(Manager::Bun, word, &items, rest);
            inst.from_project = rest.is_empty();
            Intent::Install(inst)
        }
        "x" => npm::exec(Manager::Bun, word, &items, rest),
        "create" | "c" => npm::init(Manager::Bun, word, &items, rest.first().copied()),
        _ => Intent::PassThrough,
    }
}

/// `bunx ARGS…` = `bun x ARGS…`.
pub(super) fn classify_bunx(args: &[String]) -> Intent {
    let items = args::scan_nopt(args, &BUN, Some(1));
    if npm::asks_help(&items) {
        return Intent::PassThrough;
    }
    let rest: Vec<&str> = args::positionals(&items).collect();
    npm::exec(Manager::Bun, "x", &items, &rest)
}
