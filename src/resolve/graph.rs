//! The proposed graph: package nodes (one per exact name+version), edges
//! carrying the requirement that chose them, and what could not be
//! resolved, each with a specific reason.

use std::collections::{BTreeSet, HashMap};

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{Bfs, EdgeRef};

use crate::ecosystem::Ecosystem;
use crate::package::Package;

/// What kind of dependency an edge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    Normal,
    Optional,
    Peer,
    Build,
    Dev,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Normal => "normal",
            EdgeKind::Optional => "optional",
            EdgeKind::Peer => "peer",
            EdgeKind::Build => "build",
            EdgeKind::Dev => "dev",
        }
    }
}

/// A dependency edge: the requirement as the dependent wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub requirement: String,
    pub kind: EdgeKind,
}

/// Why a requirement could not be turned into a package version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("no such package in the registry")]
    UnknownPackage,
    #[error("no version matches ({available} versions published)")]
    NoMatchingVersion { available: usize },
    #[error("not in the cache and offline")]
    Offline,
    #[error("registry error: {0}")]
    Registry(String),
    #[error("invalid requirement: {0}")]
    InvalidRequirement(String),
    #[error("not from a registry ({0}): its dependencies are not known before it is fetched")]
    NonRegistry(String),
    #[error("dependencies unknown: {0}")]
    MetadataUnknown(String),
}

/// One requirement that was not resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    pub ecosystem: Ecosystem,
    pub name: String,
    pub requirement: String,
    /// The dependent (`name@version`), `None` for a direct request.
    pub required_by: Option<String>,
    pub reason: Reason,
}

/// What the install would bring in.
#[derive(Clone, Debug, Default)]
pub struct ProposedGraph {
    pub graph: StableDiGraph<Package, Edge>,
    /// Nodes the user asked for.
    pub roots: Vec<NodeIndex>,
    pub unresolved: Vec<Unresolved>,
    /// (ecosystem, normalized name, version) already in the project's lockfile.
    pub(crate) locked: BTreeSet<(Ecosystem, String, String)>,
    index: HashMap<(String, String), NodeIndex>,
}

impl ProposedGraph {
    pub(crate) fn new(locked: &[Package]) -> ProposedGraph {
        ProposedGraph {
            locked: locked
                .iter()
                .filter_map(|p| {
                    Some((
                        p.ecosystem(),
                        p.name.normalized().to_string(),
                        p.version.clone()?,
                    ))
                })
                .collect(),
            ..ProposedGraph::default()
        }
    }

    /// The node of `name@version`, if resolved.
    pub fn find(&self, normalized: &str, version: &str) -> Option<NodeIndex> {
        self.index
            .get(&(normalized.to_string(), version.to_string()))
            .copied()
    }

    /// Adds `pkg` (or finds the node with its name and version); `parent` =
    /// `None` marks it a direct request.
    pub(crate) fn add(
        &mut self,
        pkg: Package,
        parent: Option<(NodeIndex, Edge)>,
    ) -> (NodeIndex, bool) {
        let key = (
            pkg.name.normalized().to_string(),
            pkg.version.clone().unwrap_or_default(),
        );
        let (ix, new) = match self.index.get(&key) {
            Some(ix) => (*ix, false),
            None => {
                let ix = self.graph.add_node(pkg);
                self.index.insert(key, ix);
                (ix, true)
            }
        };
        self.link(ix, parent);
        (ix, new)
    }

    pub(crate) fn link(&mut self, ix: NodeIndex, parent: Option<(NodeIndex, Edge)>) {
        match parent {
            Some((from, edge)) => {
                let dup = self
                    .graph
                    .edges_connecting(from, ix)
                    .any(|e| e.weight() == &edge);
                if !dup {
                    self.graph.add_edge(from, ix, edge);
                }
                if let Some(p) = self.graph.node_weight_mut(ix) {
                    p.direct.get_or_insert(false);
                }
            }
            None => {
                if !self.roots.contains(&ix) {
                    self.roots.push(ix);
                }
                if let Some(p) = self.graph.node_weight_mut(ix) {
                    p.direct = Some(true);
                }
            }
        }
    }

    /// Removes a node, handing its incoming edges to `replacement`.
    pub(crate) fn replace(&mut self, old: NodeIndex, replacement: NodeIndex) {
        let incoming: Vec<(NodeIndex, Edge)> = self
            .graph
            .edges_directed(old, Direction::Incoming)
            .map(|e| (e.source(), e.weight().clone()))
            .collect();
        let was_root = self.roots.contains(&old);
        if let Some(p) = self.graph.remove_node(old) {
            self.index.remove(&(
                p.name.normalized().to_string(),
                p.version.unwrap_or_default(),
            ));
        }
        self.roots.retain(|r| *r != old);
        for (from, e) in incoming {
            if from != old {
                self.link(replacement, Some((from, e)));
            }
        }
        if was_root {
            self.link(replacement, None);
        }
    }

    /// Drops nodes no root reaches (left behind by a replaced version).
    pub(crate) fn prune(&mut self) {
        let mut keep = std::collections::HashSet::new();
        for r in &self.roots {
            let mut bfs = Bfs::new(&self.graph, *r);
            while let Some(n) = bfs.next(&self.graph) {
                keep.insert(n);
            }
        }
        let drop: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|n| !keep.contains(n))
            .collect();
        for n in drop {
            if let Some(p) = self.graph.remove_node(n) {
                self.index.remove(&(
                    p.name.normalized().to_string(),
                    p.version.unwrap_or_default(),
                ));
            }
        }
    }

    pub(crate) fn unresolved(&mut self, u: Unresolved) {
        if !self.unresolved.contains(&u) {
            self.unresolved.push(u);
        }
    }

    /// Every node, sorted by (ecosystem, name, version).
    pub fn all(&self) -> Vec<&Package> {
        let mut v: Vec<&Package> = self.graph.node_weights().collect();
        v.sort_by(|a, b| a.key().cmp(&b.key()));
        v
    }

    /// The packages the install would add or change: every node whose exact
    /// version is not already in the project's lockfile.
    pub fn packages(&self) -> Vec<Package> {
        self.all()
            .into_iter()
            .filter(|p| !self.is_locked(p))
            .cloned()
            .collect()
    }

    /// Is this exact version already in the project's lockfile (reused, not added)?
    pub fn is_locked(&self, p: &Package) -> bool {
        let (e, n, v) = p.key();
        self.locked.contains(&(e, n.to_string(), v.to_string()))
    }

    /// `name@version` of a node, for `required_by`.
    pub fn label(&self, ix: NodeIndex) -> String {
        self.graph
            .node_weight(ix)
            .map(|p| p.to_string())
            .unwrap_or_default()
    }

    /// Dependencies of a node with their edges.
    pub fn dependencies(&self, ix: NodeIndex) -> Vec<(&Package, &Edge)> {
        self.graph
            .edges_directed(ix, Direction::Outgoing)
            .filter_map(|e| Some((self.graph.node_weight(e.target())?, e.weight())))
            .collect()
    }
}
