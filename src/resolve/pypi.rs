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

use futures_util::{StreamExt, stream};
use pep440_rs::{Version, VersionSpecifiers};
use pep508_rs::{ExtraName, Requirement, VersionOrUrl};
use petgraph::stable_graph::NodeIndex;

use super::candidates::{Candidate, candidates, choose};
use super::graph::{Edge, EdgeKind, ProposedGraph, Reason, Unresolved};
use super::reqfile::{self, Line};
use super::{ResolveConfig, TargetPython, reason};
use crate::ecosystem::{Ecosystem, normalize_pypi};
use crate::intent::Install;
use crate::package::{History, Package, Source};
use crate::registry::fetch::FetchError;
use crate::registry::pypi::CoreMetadata;
use crate::registry::{MetadataSource, PypiProject};

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

fn specifiers(req: &Requirement) -> VersionSpecifiers {
    match &req.version_or_url {
        Some(VersionOrUrl::VersionSpecifier(s)) => s.clone(),
        _ => VersionSpecifiers::empty(),
    }
}

impl<S: MetadataSource> Run<'_, S> {
    async fn fetch_projects(&mut self, queue: &[PyReq]) {
        let mut names: Vec<String> = queue
            .iter()
            .map(|r| normalize_pypi(r.req.name.as_ref()))
            .collect();
        names.sort();
        names.dedup();
        names.retain(|n| !self.docs.contains_key(n));
        let src = self.src;
        let got: Vec<_> = stream::iter(names)
            .map(|n| async move {
                let r = src.pypi_project(&n).await;
                (n, r)
            })
            .buffer_unordered(self.cfg.fetch.concurrency.max(1))
            .collect()
            .await;
        self.docs.extend(got);
    }

    /// Chooses (or re-chooses) the version for one requirement; returns the
    /// node whose dependencies must be (re)expanded.
    fn place(&mut self, r: PyReq) -> Option<NodeIndex> {
        let name = normalize_pypi(r.req.name.as_ref());
        let by = r.parent.map(|p| self.g.label(p));
        let raw = r.req.to_string();
        if let Some(VersionOrUrl::Url(u)) = &r.req.version_or_url {
            let mut p = Package::new(Ecosystem::PyPI, &name, None);
            p.source = Source::Url {
                url: crate::redact::url(&u.to_string()),
            };
            let edge = r.parent.map(|p| {
                (
                    p,
                    Edge {
                        requirement: raw,
                        kind: EdgeKind::Normal,
                    },
                )
            });
            self.g.add(p, edge);
            return None;
        }
        let project = match self.docs.get(&name) {
            Some(Ok(p)) => Arc::clone(p),
            Some(Err(e)) => {
                let why = reason(e);
                self.g.unresolved(unresolved(&name, &raw, by, why));
                return None;
            }
            None => return None,
        };
        let spec = specifiers(&r.req);
        let extras: BTreeSet<ExtraName> = r.req.extras.iter().cloned().collect();
        let edge = r.parent.map(|p| {
            (
                p,
                Edge {
                    requirement: raw.clone(),
                    kind: EdgeKind::Normal,
                },
            )
        });
        if let Some(&ix) = self.by_name.get(&name) {
            let st = self.nodes.get_mut(&ix)?;
            st.reqs.push(spec.clone());
            let grew = extras.iter().any(|e| !st.extras.contains(e));
            st.extras.extend(extras);
            if spec.contains(&st.candidate.version) {
                self.g.link(ix, edge);
                return grew.then_some(ix);
            }
            // The chosen version fails this requirement: move to one that satisfies all.
            let reqs = st.reqs.clone();
            let Some(c) = self.choose(&project, &name, &reqs) else {
                self.g.link(ix, edge);
                self.g.unresolved(unresolved(
                    &name,
                    &raw,
                    by,
                    Reason::NoMatchingVersion { available: 0 },
                ));
                return None;
            };
            let old = self.nodes.remove(&ix)?;
            let new = self.create(&project, &name, c, old.reqs, old.extras, None);
            self.g.replace(ix, new);
            self.g.link(new, edge);
            return Some(new);
        }
        let Some(c) = self.choose(&project, &name, std::slice::from_ref(&spec)) else {
            let available = candidates(&project, &name, self.target, self.cfg.only_binary).len();
            self.g.unresolved(unresolved(
                &name,
                &raw,
                by,
                Reason::NoMatchingVersion { available },
            ));
            return None;
        };
        let ix = self.create(&project, &name, c, vec![spec], extras, edge);
        if r.parent.is_none()
            && let Some(p) = self.g.graph.node_weight_mut(ix)
        {
            p.requirement = Some(raw);
        }
        Some(ix)
    }

    fn create(
        &mut self,
        project: &PypiProject,
        name: &str,
        c: Candidate,
        reqs: Vec<VersionSpecifiers>,
        extras: BTreeSet<ExtraName>,
        edge: Option<(NodeIndex, Edge)>,
    ) -> NodeIndex {
        let mut p = Package::new(Ecosystem::PyPI, name, Some(&c.version.to_string()));
        p.source = self.src.source(Ecosystem::PyPI, name);
        p.facts.yanked = Some(c.yanked);
        p.facts.published = c.upload_time.clone();
        p.facts.history = self
            .histories
            .entry(name.to_string())
            .or_insert_with(|| project.history())
            .clone();
        p.facts.install_scripts = Some(if c.sdist_only() {
            vec!["sdist".into()]
        } else {
            vec![]
        });
        let (ix, _) = self.g.add(p, edge);
        self.by_name.insert(name.to_string(), ix);
        self.nodes.insert(
            ix,
            NodeState {
                name: name.to_string(),
                candidate: c,
                extras,
                reqs,
                metadata: None,
                emitted: HashSet::new(),
            },
        );
        ix
    }

    /// pip's pick: highest allowed version satisfying every specifier.
    fn choose(
        &self,
        project: &PypiProject,
        name: &str,
        reqs: &[VersionSpecifiers],
    ) -> Option<Candidate> {
        let constraints: Vec<VersionSpecifiers> = self
            .constraints
            .iter()
            .filter(|c| normalize_pypi(c.name.as_ref()) == name)
            .map(specifiers)
            .collect();
        let all: Vec<&VersionSpecifiers> = reqs.iter().chain(&constraints).collect();
        let locked: Vec<Version> = self
            .locked
            .iter()
            .filter(|p| p.name.normalized() == name)
            .filter_map(|p| Version::from_str(p.version.as_deref()?).ok())
            .collect();
        let list = candidates(project, name, self.target, self.cfg.only_binary);
        choose(list, &all, &locked, self.pre)
    }

    async fn fetch_metadata(&mut self, nodes: &[NodeIndex]) {
        let src = self.src;
        let jobs: Vec<(
            NodeIndex,
            String,
            String,
            Option<crate::registry::pypi::SimpleFile>,
        )> = nodes
            .iter()
            .filter_map(|ix| {
                let st = self.nodes.get(ix)?;
                st.metadata.is_none().then(|| {
                    (
                        *ix,
                        st.name.clone(),
                        st.candidate.version.to_string(),
                        st.candidate.metadata_file(),
                    )
                })
            })
            .collect();
        let got: Vec<_> = stream::iter(jobs)
            .map(|(ix, name, version, file)| async move {
                let r = src.pypi_metadata(&name, &version, file.as_ref()).await;
                (ix, r)
            })
            .buffer_unordered(self.cfg.fetch.concurrency.max(1))
            .collect()
            .await;
        for (ix, r) in got {
            if let Some(st) = self.nodes.get_mut(&ix) {
                st.metadata = Some(r);
            }
        }
    }

    /// The node's requirements that apply to the target and its extras, not yet sent on.
    fn expand(&mut self, ix: NodeIndex) -> Vec<PyReq> {
        let label = self.g.label(ix);
        let Some(st) = self.nodes.get_mut(&ix) else {
            return vec![];
        };
        let md = match &st.metadata {
            Some(Ok(Some(md))) => md.clone(),
            Some(Ok(None)) | None => {
                let u = unresolved(
                    &st.name,
                    "",
                    Some(label),
                    Reason::MetadataUnknown("no wheel metadata and no JSON API".into()),
                );
                self.g.unresolved(u);
                return vec![];
            }
            Some(Err(e)) => {
                let u = unresolved(
                    &st.name,
                    "",
                    Some(label),
                    Reason::MetadataUnknown(e.to_string()),
                );
                self.g.unresolved(u);
                return vec![];
            }
        };
        let extras: Vec<ExtraName> = st.extras.iter().cloned().collect();
        let mut out = Vec::new();
        for line in &md.requires_dist {
            let Ok(req) = parse_req(line) else { continue };
            if !req.evaluate_markers(&self.target.markers, &extras) {
                continue;
            }
            let key = req.to_string();
            if st.emitted.insert(key) {
                out.push(PyReq {
                    parent: Some(ix),
                    req,
                });
            }
        }
        out
    }
}
