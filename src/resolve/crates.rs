//! crates.io resolution as `cargo generate-lockfile` would: the highest
//! non-yanked version matching each requirement (caret by default), one
//! version per semver-compatible range (a later, tighter requirement moves
//! the shared version to one satisfying both), unified features that turn on
//! optional dependencies, normal and build dependencies for every target
//! (dev dependencies only for the requested crates' dependents = the root),
//! renamed dependencies by their real crate name, and `Cargo.lock` versions reused.
//! Yanked versions are skipped, except for an exact `=` pin with nothing
//! else matching: that one is placed (marked yanked) so the check can say why.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use petgraph::stable_graph::NodeIndex;
use semver::VersionReq;

use super::ResolveConfig;
use super::features;
use super::graph::{EdgeKind, ProposedGraph, Reason, Unresolved};
use crate::ecosystem::Ecosystem;
use crate::intent::Install;
use crate::package::Package;
use crate::registry::MetadataSource;
use crate::registry::crates::{CrateIndex, IndexEntry};
use crate::registry::fetch::FetchError;

mod select;

/// A dependency edge waiting for a version.
struct DepReq {
    parent: Option<NodeIndex>,
    name: String,
    req: String,
    features: BTreeSet<String>,
    default_features: bool,
    all_features: bool,
    kind: EdgeKind,
}

/// What is enabled on a chosen crate version.
struct NodeState {
    entry: IndexEntry,
    features: BTreeSet<String>,
    default: bool,
    /// (dependency name as the crate uses it, features) already sent on.
    emitted: HashSet<(String, BTreeSet<String>)>,
}

/// A crate's chosen versions: compatibility slot → (node, requirements seen).
type Slots = HashMap<(u64, u64, u64), (NodeIndex, Vec<VersionReq>)>;

struct Run<'a, S> {
    src: &'a S,
    cfg: &'a ResolveConfig,
    locked: &'a [Package],
    docs: HashMap<String, Result<Arc<CrateIndex>, FetchError>>,
    nodes: HashMap<NodeIndex, NodeState>,
    /// normalized name → (slot → (node, requirements seen)).
    slots: HashMap<String, Slots>,
    g: ProposedGraph,
}

/// Resolves a cargo install/add.
pub async fn resolve<S: MetadataSource>(
    src: &S,
    install: &Install,
    locked: &[Package],
    cfg: &ResolveConfig,
) -> ProposedGraph {
    let mut run = Run {
        src,
        cfg,
        locked,
        docs: HashMap::new(),
        nodes: HashMap::new(),
        slots: HashMap::new(),
        g: ProposedGraph::new(locked),
    };
    let mut queue: Vec<DepReq> = install
        .requests
        .iter()
        .filter_map(|r| {
            Some(DepReq {
                parent: None,
                name: r.name.clone()?,
                req: r.requirement.clone().unwrap_or_else(|| "*".into()),
                features: install.features.features.iter().cloned().collect(),
                default_features: !install.features.no_default,
                all_features: install.features.all,
                kind: if install.dev {
                    EdgeKind::Dev
                } else {
                    EdgeKind::Normal
                },
            })
        })
        .collect();
    while !queue.is_empty() {
        run.fetch(&queue).await;
        let mut next = Vec::new();
        for d in queue {
            run.place(d, &mut next);
        }
        if cfg.shallow {
            break;
        }
        queue = next;
    }
    run.g.prune();
    if cfg.crate_facts {
        let wanted: Vec<_> = run
            .nodes
            .iter()
            .filter(|(ix, _)| {
                run.g
                    .graph
                    .node_weight(**ix)
                    .is_some_and(|p| !run.g.is_locked(p))
            })
            .map(|(ix, st)| super::crate_facts::Wanted {
                node: *ix,
                name: st.entry.name.clone(),
                version: st.entry.vers.clone(),
                cksum: st.entry.cksum.clone(),
                links: st.entry.links.clone(),
            })
            .collect();
        super::crate_facts::fill(src, &mut run.g, wanted, cfg.fetch.concurrency).await;
    }
    run.g
}

impl<S: MetadataSource> Run<'_, S> {
    async fn fetch(&mut self, queue: &[DepReq]) {
        let mut names: Vec<String> = queue.iter().map(|d| d.name.to_ascii_lowercase()).collect();
        names.sort();
        names.dedup();
        names.retain(|n| !self.docs.contains_key(n));
        let src = self.src;
        let got = super::fetch_each(names, self.cfg.fetch.concurrency, |n| async move {
            src.crate_index(&n).await
        })
        .await;
        self.docs.extend(got);
    }

    fn miss(&mut self, d: &DepReq, reason: Reason) {
        let required_by = d.parent.map(|p| self.g.label(p));
        self.g.unresolved(Unresolved {
            ecosystem: Ecosystem::CratesIo,
            name: d.name.clone(),
            requirement: d.req.clone(),
            required_by,
            reason,
        });
    }

    /// Adds the edge's features to the node and queues newly enabled dependencies.
    fn activate(&mut self, ix: NodeIndex, d: &DepReq, next: &mut Vec<DepReq>) {
        let Some(st) = self.nodes.get_mut(&ix) else {
            return;
        };
        let optional: BTreeSet<String> = st
            .entry
            .deps
            .iter()
            .filter(|x| x.optional)
            .map(|x| x.name.clone())
            .collect();
        let table = st.entry.all_features();
        st.features.extend(d.features.iter().cloned());
        if d.all_features {
            st.features.extend(features::all(&table, &optional));
        }
        st.default |= d.default_features;
        let act = features::activate(&table, &optional, &st.features, st.default, true);
        let root_dev = d.parent.is_none();
        for dep in &st.entry.deps {
            if (dep.optional && !act.deps.contains(&dep.name)) || (dep.is_dev() && !root_dev) {
                continue;
            }
            // Dev dependencies of the requested crates are not part of an install either.
            if dep.is_dev() {
                continue;
            }
            let mut feats: BTreeSet<String> = dep.features.iter().cloned().collect();
            if let Some(extra) = act.dep_features.get(&dep.name) {
                feats.extend(extra.iter().cloned());
            }
            let sig = (
                format!("{}\0{}\0{}", dep.name, dep.req, dep.default_features),
                feats.clone(),
            );
            if !st.emitted.insert(sig) {
                continue;
            }
            next.push(DepReq {
                parent: Some(ix),
                name: dep.crate_name().to_string(),
                req: dep.req.clone(),
                features: feats,
                default_features: dep.default_features,
                all_features: false,
                kind: if dep.kind.as_deref() == Some("build") {
                    EdgeKind::Build
                } else {
                    EdgeKind::Normal
                },
            });
        }
    }
}
