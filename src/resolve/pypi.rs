//! PyPI resolution as pip would for the target interpreter, without building
//! anything: PEP 508 requirements with extras and markers, PEP 440
//! specifiers, yanked files skipped unless pinned with `==`, file-level
//! `requires-python`, pre-releases only when asked for (or when nothing else
//! matches), one version per project (a later requirement the chosen version
//! fails moves the project to a version satisfying all). Dependencies come
//! from the best compatible wheel's core metadata (PEP 658); a version with
//! only an sdist is marked `install_scripts = ["sdist"]`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;

use pep440_rs::VersionSpecifiers;
use pep508_rs::{ExtraName, Requirement};
use petgraph::stable_graph::NodeIndex;

use super::candidates::Candidate;
use super::graph::{ProposedGraph, Reason, Unresolved};
use super::reqfile::{self, Line};
use super::{ResolveConfig, TargetPython};
use crate::ecosystem::Ecosystem;
use crate::intent::Install;
use crate::package::{History, Package, Source};
use crate::registry::fetch::FetchError;
use crate::registry::pypi::CoreMetadata;
use crate::registry::{MetadataSource, PypiProject};

mod fetch;
mod select;

struct PyReq {
    parent: Option<NodeIndex>,
    req: Requirement,
}

struct NodeState {
    name: String,
    candidate: Candidate,
    extras: BTreeSet<ExtraName>,
    reqs: Vec<VersionSpecifiers>,
    metadata: Option<Result<Option<CoreMetadata>, FetchError>>,
    emitted: HashSet<String>,
}

struct Run<'a, S> {
    src: &'a S,
    cfg: &'a ResolveConfig,
    target: &'a TargetPython,
    locked: &'a [Package],
    pre: bool,
    constraints: Vec<Requirement>,
    docs: HashMap<String, Result<Arc<PypiProject>, FetchError>>,
    /// Each project's registry history, read once (see `PypiProject::history`).
    histories: HashMap<String, Option<History>>,
    nodes: HashMap<NodeIndex, NodeState>,
    by_name: HashMap<String, NodeIndex>,
    g: ProposedGraph,
}

fn parse_req(s: &str) -> Result<Requirement, String> {
    Requirement::from_str(s).map_err(|e| e.to_string())
}

/// Resolves a pip/uv install for `target`.
pub async fn resolve<S: MetadataSource>(
    src: &S,
    install: &Install,
    locked: &[Package],
    cfg: &ResolveConfig,
    target: &TargetPython,
) -> ProposedGraph {
    let mut run = Run {
        src,
        cfg,
        target,
        locked,
        pre: install.pre,
        constraints: Vec::new(),
        docs: HashMap::new(),
        histories: HashMap::new(),
        nodes: HashMap::new(),
        by_name: HashMap::new(),
        g: ProposedGraph::new(locked),
    };
    let mut lines: Vec<Line> = Vec::new();
    for r in &install.requests {
        if !r.source.is_registry() {
            lines.push(Line::Other(r.raw.clone()));
        } else if parse_req(&r.raw).is_ok() {
            lines.push(Line::Requirement(r.raw.clone()));
        } else {
            let extras = if r.extras.is_empty() {
                String::new()
            } else {
                format!("[{}]", r.extras.join(","))
            };
            let marker = r
                .marker
                .as_deref()
                .map(|m| format!("; {m}"))
                .unwrap_or_default();
            let name = r.name.clone().unwrap_or_else(|| r.raw.clone());
            lines.push(Line::Requirement(format!(
                "{name}{extras}{}{marker}",
                r.requirement.clone().unwrap_or_default()
            )));
        }
    }
    let mut files = reqfile::Parsed::default();
    for f in &install.requirement_files {
        reqfile::read(f, false, &mut files);
    }
    for f in &install.constraint_files {
        reqfile::read(f, true, &mut files);
    }
    lines.extend(files.requirements);
    for (path, why) in files.errors {
        run.g.unresolved(unresolved(
            &path.display().to_string(),
            "",
            None,
            Reason::Registry(why),
        ));
    }
    run.constraints = files
        .constraints
        .iter()
        .filter_map(|c| parse_req(c).ok())
        .collect();
    let mut queue = Vec::new();
    for l in lines {
        match l {
            Line::Other(s) => {
                let mut p = Package::new(Ecosystem::PyPI, &s, None);
                p.source = Source::Url {
                    url: crate::redact::url(&s),
                };
                run.g.add(p, None);
            }
            Line::Requirement(s) => match parse_req(&s) {
                Ok(req) if req.evaluate_markers(&target.markers, &[]) => {
                    queue.push(PyReq { parent: None, req })
                }
                Ok(_) => {}
                Err(e) => run
                    .g
                    .unresolved(unresolved(&s, &s, None, Reason::InvalidRequirement(e))),
            },
        }
    }
    while !queue.is_empty() {
        run.fetch_projects(&queue).await;
        let mut touched = Vec::new();
        for r in queue {
            if let Some(ix) = run.place(r)
                && !touched.contains(&ix)
            {
                touched.push(ix);
            }
        }
        if cfg.shallow {
            break;
        }
        run.fetch_metadata(&touched).await;
        queue = touched.into_iter().flat_map(|ix| run.expand(ix)).collect();
    }
    run.g.prune();
    run.g
}

fn unresolved(name: &str, req: &str, by: Option<String>, reason: Reason) -> Unresolved {
    Unresolved {
        ecosystem: Ecosystem::PyPI,
        name: name.to_string(),
        requirement: req.to_string(),
        required_by: by,
        reason,
    }
}
