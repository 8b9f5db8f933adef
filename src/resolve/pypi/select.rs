//! PyPI version selection: placing each requirement on one version per
//! project (moving it when a later requirement rejects the chosen one), and
//! creating the graph node with its registry facts.

use std::collections::{BTreeSet, HashSet};
use std::str::FromStr;
use std::sync::Arc;

use pep440_rs::{Version, VersionSpecifiers};
use pep508_rs::{ExtraName, Requirement, VersionOrUrl};
use petgraph::stable_graph::NodeIndex;

use super::{NodeState, PyReq, Run, unresolved};
use crate::ecosystem::{Ecosystem, normalize_pypi};
use crate::package::{Package, Source};
use crate::registry::{MetadataSource, PypiProject};
use crate::resolve::candidates::{Candidate, candidates, choose};
use crate::resolve::graph::{Edge, EdgeKind, Reason};
use crate::resolve::reason;

fn specifiers(req: &Requirement) -> VersionSpecifiers {
    match &req.version_or_url {
        Some(VersionOrUrl::VersionSpecifier(s)) => s.clone(),
        _ => VersionSpecifiers::empty(),
    }
}
impl<S: MetadataSource> Run<'_, S> {
    /// Chooses (or re-chooses) the version for one requirement; returns the
    /// node whose dependencies must be (re)expanded.
    pub(super) fn place(&mut self, r: PyReq) -> Option<NodeIndex> {
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
}
