//! Debug driver for the resolver: prints the proposed graph as JSON.
//!
//! ```text
//! cargo run --example resolve -- npm express 'react@^18' react-dom
//! cargo run --example resolve -- pypi requests 'fastapi[all]' --only-binary
//! cargo run --example resolve -- cargo tokio --features full
//! ```
//! Flags: `--offline`, `--no-facts` (npm: skip full packuments), `--only-binary`
//! (PyPI wheels only), `--node VERSION` (npm engines), `--features a,b`,
//! `--no-default-features` (cargo). The cache lives under `$CCDEPS_HOME`.
//! Requests are split here with simple rules; the real argv parsers live in
//! `ccdeps::intent`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use ccdeps::home::Home;
use ccdeps::intent::{Install, Manager, Request};
use ccdeps::package::Source;
use ccdeps::registry::Env;
use ccdeps::resolve::{self, ProjectState, ResolveConfig};
use serde_json::json;

fn request(manager: Manager, word: &str) -> Request {
    let mut r = Request {
        raw: word.to_string(),
        name: Some(word.to_string()),
        requirement: None,
        source: Source::DEFAULT_REGISTRY,
        extras: Vec::new(),
        marker: None,
        alias: None,
    };
    match manager {
        Manager::Npm => {
            let at = if let Some(rest) = word.strip_prefix('@') {
                rest.find('@').map(|i| i + 1)
            } else {
                word.find('@')
            };
            if let Some(i) = at {
                r.name = Some(word[..i].to_string());
                r.requirement = Some(word[i + 1..].to_string());
            }
        }
        Manager::Cargo => {
            if let Some((n, v)) = word.split_once('@') {
                r.name = Some(n.to_string());
                r.requirement = Some(v.to_string());
            }
        }
        _ => {
            // PEP 508: the resolver parses the whole string.
            r.requirement = None;
        }
    }
    r
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(eco) = args.first() else {
        eprintln!("usage: resolve npm|pypi|cargo REQUEST... [flags]");
        return ExitCode::from(2);
    };
    let manager = match eco.as_str() {
        "npm" => Manager::Npm,
        "pypi" | "pip" => Manager::Pip,
        "cargo" => Manager::Cargo,
        other => {
            eprintln!("unknown ecosystem {other}");
            return ExitCode::from(2);
        }
    };
    let mut install = Install::new(
        manager,
        if manager == Manager::Cargo {
            "add"
        } else {
            "install"
        },
    );
    let (mut offline, mut facts, mut only_binary, mut node) = (false, true, false, None);
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--offline" => offline = true,
            "--no-facts" => facts = false,
            "--only-binary" => only_binary = true,
            "--node" => node = it.next().cloned(),
            "--no-default-features" => install.features.no_default = true,
            "--all-features" => install.features.all = true,
            "--features" | "-F" => {
                if let Some(f) = it.next() {
                    install.features.features.extend(
                        f.split([',', ' '])
                            .filter(|s| !s.is_empty())
                            .map(str::to_string),
                    );
                }
            }
            w => install.requests.push(request(manager, w)),
        }
    }
    let home = match Home::resolve(None) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut cfg = ResolveConfig::from_env(&home, &cwd, &Env::from_process(), &install, offline);
    cfg.npm_facts = facts;
    cfg.only_binary = only_binary;
    if node.is_some() {
        cfg.node_version = node;
    }
    let project = ProjectState {
        dir: cwd,
        locked: Vec::new(),
    };
    let graph = match resolve::resolve(&install, &project, &cfg) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("resolve: {e}");
            return ExitCode::from(2);
        }
    };
    let packages: Vec<_> = graph
        .all()
        .iter()
        .map(|p| {
            json!({
                "name": p.name.report_name(),
                "version": p.version,
                "direct": p.direct,
                "optional": p.optional,
                "source": p.source.to_string(),
                "install_scripts": p.facts.install_scripts,
                "published": p.facts.published,
                "yanked": p.facts.yanked,
                "deprecated": p.facts.deprecated,
            })
        })
        .collect();
    let unresolved: Vec<_> = graph
        .unresolved
        .iter()
        .map(|u| json!({"name": u.name, "requirement": u.requirement, "required_by": u.required_by, "reason": u.reason.to_string()}))
        .collect();
    let edges = graph.graph.edge_count();
    let out = json!({"packages": packages, "edges": edges, "unresolved": unresolved});
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    if graph.unresolved.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
