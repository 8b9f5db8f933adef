//! npm and npx command lines.
//!
//! npm resolves its command the way `npm/lib/utils/cmd-list.js` does: exact
//! name, then alias (`i`, `add`, `isntall`, `ci`, `x`, …), then a unique
//! prefix of a name or alias (`inst`, `install-t`). Options follow nopt (see
//! `args`). npx stops reading options at the package, like `npx-cli.js`.

use super::args::{self, Item, Nopt};
use super::{Install, Intent, Manager, npm_spec};
use crate::redact;

/// npm commands (npm 10/11).
#[rustfmt::skip]
const COMMANDS: &[&str] = &[
    "access", "adduser", "audit", "bugs", "cache", "ci", "completion", "config", "dedupe", "deprecate", "diff",
    "dist-tag", "docs", "doctor", "edit", "exec", "explain", "explore", "find-dupes", "fund", "get", "help",
    "help-search", "init", "install", "install-ci-test", "install-test", "link", "ll", "login", "logout", "ls",
    "org", "outdated", "owner", "pack", "ping", "pkg", "prefix", "profile", "prune", "publish", "query",
    "rebuild", "repo", "restart", "root", "run", "run-script", "sbom", "search", "set", "shrinkwrap", "star",
    "stars", "start", "stop", "team", "test", "token", "undeprecate", "uninstall", "unpublish", "unstar",
    "update", "version", "view", "whoami",
];

/// npm's aliases and typo aliases.
#[rustfmt::skip]
const ALIASES: &[(&str, &str)] = &[
    ("author", "owner"), ("home", "docs"), ("issues", "bugs"), ("info", "view"), ("show", "view"),
    ("find", "search"), ("add", "install"), ("unlink", "uninstall"), ("remove", "uninstall"),
    ("rm", "uninstall"), ("r", "uninstall"), ("un", "uninstall"), ("rb", "rebuild"), ("list", "ls"),
    ("ln", "link"), ("create", "init"), ("i", "install"), ("it", "install-test"), ("cit", "install-ci-test"),
    ("up", "update"), ("c", "config"), ("s", "search"), ("se", "search"), ("tst", "test"), ("t", "test"),
    ("ddp", "dedupe"), ("v", "view"), ("clean-install", "ci"), ("clean-install-test", "install-ci-test"),
    ("x", "exec"), ("why", "explain"), ("la", "ll"), ("verison", "version"), ("ic", "ci"), ("innit", "init"),
    ("in", "install"), ("ins", "install"), ("inst", "install"), ("insta", "install"), ("instal", "install"),
    ("isnt", "install"), ("isnta", "install"), ("isntal", "install"), ("isntall", "install"),
    ("install-clean", "ci"), ("isntall-clean", "ci"), ("hlep", "help"), ("dist-tags", "dist-tag"),
    ("upgrade", "update"), ("udpate", "update"), ("rum", "run-script"), ("sit", "install-ci-test"),
    ("urn", "run-script"), ("ogr", "org"), ("add-user", "adduser"),
];

/// Resolves what npm runs for a typed command word.
pub(super) fn deref(word: &str) -> Option<&'static str> {
    if let Some(c) = COMMANDS.iter().find(|c| **c == word) {
        return Some(c);
    }
    if let Some((_, to)) = ALIASES.iter().find(|(a, _)| *a == word) {
        return Some(to);
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        // npm turns camelCase into kebab-case (`installTest`); rare enough to allocate.
        let kebab: String = word
            .chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['-', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        return deref(&kebab);
    }
    // A unique prefix of a command or alias.
    let mut hit = None;
    for w in COMMANDS
        .iter()
        .copied()
        .chain(ALIASES.iter().map(|(a, _)| *a))
    {
        if w.starts_with(word) && !word.is_empty() {
            if hit.is_some() {
                return None;
            }
            hit = Some(w);
        }
    }
    let w = hit?;
    Some(
        ALIASES
            .iter()
            .find(|(a, _)| *a == w)
            .map_or(w, |(_, to)| to),
    )
}

/// npm options that take a value (everything else is a boolean, as in nopt).
#[rustfmt::skip]
pub(super) fn takes_value(name: &str) -> bool {
    matches!(
        name,
        "access" | "allow-git" | "also" | "audit-level" | "auth-type" | "before" | "ca" | "cache" | "cafile"
            | "call" | "cert" | "cidr" | "depth" | "diff" | "diff-dst-prefix" | "diff-src-prefix"
            | "diff-unified" | "editor" | "expect-result-count" | "fetch-retries" | "fetch-retry-factor"
            | "fetch-retry-maxtimeout" | "fetch-retry-mintimeout" | "fetch-timeout" | "git" | "globalconfig"
            | "heading" | "https-proxy" | "include" | "init-author-email" | "init-author-name"
            | "init-author-url" | "init-license" | "init-module" | "init-version" | "install-strategy" | "key"
            | "libc" | "local-address" | "location" | "lockfile-version" | "loglevel" | "logs-dir" | "logs-max"
            | "maxsockets" | "message" | "node-gyp" | "node-options" | "noproxy" | "npm-version" | "omit"
            | "only" | "os" | "cpu" | "otp" | "pack-destination" | "package" | "preid" | "prefix"
            | "provenance-file" | "proxy" | "registry" | "replace-registry-host" | "save-prefix" | "sbom-format"
            | "sbom-type" | "scope" | "script-shell" | "searchexclude" | "searchlimit" | "searchopts"
            | "searchstaleness" | "shell" | "tag" | "tag-version-prefix" | "umask" | "user-agent" | "userconfig"
            | "viewer" | "which" | "workspace" | "min-release-age"
    )
}

/// npm shorthands (`npm/lib/utils/config/definitions` + nopt's abbreviations).
pub(super) fn short(s: &str) -> Option<&'static str> {
    Some(match s {
        "g" => "global",
        "D" => "save-dev",
        "S" => "save",
        "E" => "save-exact",
        "O" => "save-optional",
        "P" => "save-prod",
        "B" => "save-bundle",
        "C" => "prefix",
        "w" => "workspace",
        "ws" => "workspaces",
        "L" => "location",
        "c" => "call",
        "m" => "message",
        "f" => "force",
        "y" => "yes",
        "v" => "version",
        "h" | "?" | "H" => "usage",
        "reg" => "registry",
        "q" | "s" | "d" | "dd" | "ddd" | "verbose" | "silent" | "quiet" => "loglevel-short",
        "l" => "long",
        "p" => "parseable",
        "a" => "all",
        "iwr" => "include-workspace-root",
        _ => return None,
    })
}

pub(super) const NOPT: Nopt = Nopt { takes_value, short };

/// What `--help`, `--version`, `--usage` look like after scanning.
pub(super) fn asks_help(items: &[Item<'_>]) -> bool {
    items
        .iter()
        .any(|i| matches!(i, Item::Flag("usage" | "help" | "version", v) if args::on(*v)))
}

/// `npm ARGS…`.
pub(super) fn classify(args: &[String]) -> Intent {
    let items = args::scan_nopt(args, &NOPT, None);
    if asks_help(&items) {
        return Intent::PassThrough;
    }
    let mut pos = args::positionals(&items);
    let Some(word) = pos.next() else {
        return Intent::PassThrough;
    };
    let Some(cmd) = deref(word) else {
        return Intent::PassThrough;
    };
    let rest: Vec<&str> = pos.collect();
    match cmd {
        "install" | "install-test" | "update" | "link" | "dedupe" => {
            if args::flag_set(&items, "dry-run") {
                return Intent::PassThrough;
            }
            let bare_is_project = cmd != "link";
            let mut inst = install(Manager::Npm, word, &items, &rest);
            inst.from_project =
                (rest.is_empty() && bare_is_project) || cmd == "update" || cmd == "dedupe";
            if cmd == "link" && rest.is_empty() {
                // `npm link` in a package: installs it (and its dependencies) globally.
                inst.global = true;
                inst.local_paths.push(".".into());
            }
            Intent::Install(inst)
        }
        "ci" | "install-ci-test" => {
            let mut inst = install(Manager::Npm, word, &items, &[]);
            inst.from_project = true;
            Intent::Install(inst)
        }
        "audit" if rest.first() == Some(&"fix") && !args::flag_set(&items, "dry-run") => {
            let mut inst = install(Manager::Npm, word, &items, &[]);
            inst.from_project = true;
            inst.may_fetch_unpredicted = true;
            Intent::Install(inst)
        }
        "exec" => exec(Manager::Npm, word, &items, &rest),
        "init" => init(Manager::Npm, word, &items, rest.first().copied()),
        _ => Intent::PassThrough,
    }
}

/// `npx ARGS…` (= `npm exec`, options end at the package).
pub(super) fn classify_npx(args: &[String]) -> Intent {
    let items = args::scan_nopt(args, &NPX, Some(1));
    if asks_help(&items) {
        return Intent::PassThrough;
    }
    let rest: Vec<&str> = args::positionals(&items).collect();
    exec(Manager::Npx, "exec", &items, &rest)
}

const NPX: Nopt = Nopt {
    takes_value: |n| takes_value(n) || matches!(n, "node-arg" | "shell"),
    short: |s| match s {
        "p" => Some("package"),
        "c" => Some("call"),
        "n" => Some("node-arg"),
        other => short(other),
    },
};

/// `npm exec` / `npx`: installs `--package` values, or else the command itself.
pub(super) fn exec(m: Manager, sub: &str, items: &[Item<'_>], rest: &[&str]) -> Intent {
    let packages = args::all_values(items, &["package"]);
    let mut inst = install(m, sub, items, &[]);
    inst.runs_package = true;
    let reg = registry(items);
    if !packages.is_empty() {
        inst.requests = packages
            .iter()
            .map(|p| npm_spec::parse(p, reg.as_deref()))
            .collect();
    } else if args::last_value(items, &["call"]).is_some() {
        // `--call` without `--package` runs local bins only.
        return Intent::PassThrough;
    } else if let Some(first) = rest.first() {
        inst.requests.push(npm_spec::parse(first, reg.as_deref()));
    } else {
        return Intent::PassThrough;
    }
    finish(&mut inst);
    Intent::Install(inst)
}

/// `npm init <initializer>` runs `create-<initializer>` (npm/pnpm/yarn create).
pub(super) fn init(m: Manager, sub: &str, items: &[Item<'_>], initializer: Option<&str>) -> Intent {
    let Some(init) = initializer else {
        return Intent::PassThrough;
    };
    let Some(spec) = create_package(init) else {
        return Intent::PassThrough;
    };
    let mut inst = install(m, sub, items, &[]);
    inst.runs_package = true;
    let reg = registry(items);
    let mut req = npm_spec::parse(&spec, reg.as_deref());
    req.raw = init.to_string();
    inst.requests.push(req);
    finish(&mut inst);
    Intent::Install(inst)
}

/// `foo` → `create-foo`, `@s` → `@s/create`, `@s/foo@1` → `@s/create-foo@1`.
pub(super) fn create_package(init: &str) -> Option<String> {
    if init.starts_with('.') || init.starts_with('/') || init.contains("://") {
        return None;
    }
    if let Some(rest) = init.strip_prefix('@') {
        let (scope_name, ver) = match rest.find('@') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        return Some(match scope_name.split_once('/') {
            Some((scope, name)) => format!("@{scope}/create-{name}{ver}"),
            None => format!("@{scope_name}/create{ver}"),
        });
    }
    Some(format!("create-{init}"))
}

/// An npm-family install with the flags every subcommand shares.
pub(super) fn install(m: Manager, sub: &str, items: &[Item<'_>], specs: &[&str]) -> Install {
    let mut inst = Install::new(m, sub);
    inst.registry.index = args::last_value(items, &["registry"])
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    inst.global =
        args::flag_set(items, "global") || args::last_value(items, &["location"]) == Some("global");
    inst.dev = args::flag_set(items, "save-dev") || args::flag_set(items, "dev");
    inst.scripts_disabled = args::flag_set(items, "ignore-scripts");
    let reg = registry(items);
    inst.requests = specs
        .iter()
        .map(|s| npm_spec::parse(s, reg.as_deref()))
        .collect();
    if let Some(tag) = args::last_value(items, &["tag"]).filter(|t| !t.is_empty()) {
        for r in inst
            .requests
            .iter_mut()
            .filter(|r| r.requirement.is_none() && r.source.is_registry())
        {
            r.requirement = Some(tag.to_string());
        }
    }
    finish(&mut inst);
    inst
}

/// The `--registry` override with credentials removed, as a request source.
fn registry(items: &[Item<'_>]) -> Option<String> {
    args::last_value(items, &["registry"])
        .filter(|v| !v.is_empty())
        .map(strip_credentials)
}

/// Removes URL userinfo (`https://u:tok@h/` → `https://h/`).
pub(super) fn strip_credentials(url: &str) -> String {
    let r = redact::url(url);
    r.replacen("***@", "", 1)
}

/// Git and URL dependencies can pull in anything.
pub(super) fn finish(inst: &mut Install) {
    if inst.requests.iter().any(|r| !r.source.is_registry()) {
        inst.may_fetch_unpredicted = true;
    }
}
