//! npm resolution, breadth-first like arborist: for each edge, reuse a
//! version already in the lockfile or already chosen in this run when it
//! satisfies the range; otherwise pick as npm-pick-manifest does — the
//! `latest` dist-tag when it satisfies, else the highest satisfying version,
//! preferring non-deprecated versions whose `engines.node` fits.
//! `dependencies`, `optionalDependencies` (all platforms, as
//! `package-lock.json` records them) and non-optional `peerDependencies`
//! (npm ≥ 7) are followed; `npm:` aliases resolve to the real package.

use std::collections::{HashMap, HashSet};

use futures_util::{StreamExt, stream};
use nodejs_semver::{Range, Version};
use petgraph::stable_graph::NodeIndex;

use super::graph::{Edge, EdgeKind, ProposedGraph, Reason, Unresolved};
pub use super::npm_pick::{Spec, classify};
use super::npm_pick::{Versions, pick};
use super::{ResolveConfig, reason};
use crate::ecosystem::Ecosystem;
use crate::intent::Install;
use crate::package::{Package, Source};
use crate::registry::MetadataSource;
use crate::registry::fetch::FetchError;
use crate::registry::npm::Manifest;

/// One edge waiting for a version.
struct Need {
    parent: Option<NodeIndex>,
    name: String,
    spec: String,
    kind: EdgeKind,
}

struct Run<'a, S> {
    src: &'a S,
    cfg: &'a ResolveConfig,
    locked: &'a [Package],
    dev: bool,
    docs: HashMap<String, Result<Versions, FetchError>>,
    chosen: HashMap<String, Vec<Version>>,
    node: Option<Version>,
    g: ProposedGraph,
}

/// Resolves an npm install.
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
        dev: install.dev,
        docs: HashMap::new(),
        chosen: HashMap::new(),
        node: cfg
            .node_version
            .as_deref()
            .and_then(|v| Version::parse(v).ok()),
        g: ProposedGraph::new(locked),
    };
    let mut queue = Vec::new();
    for r in &install.requests {
        let Some(name) = r.name.clone() else {
            run.g.add(other_node(&r.raw, r.source.clone()), None);
            continue;
        };
        if !r.source.is_registry() {
            run.g.add(other_node(&name, r.source.clone()), None);
            continue;
        }
        let spec = r.requirement.clone().unwrap_or_default();
        queue.push(Need {
            parent: None,
            name,
            spec,
            kind: EdgeKind::Normal,
        });
    }
    while !queue.is_empty() {
        run.fetch(&queue).await;
        let mut next = Vec::new();
        for need in queue {
            run.place(need, &mut next);
        }
        if cfg.shallow {
            break;
        }
        queue = next;
    }
    if cfg.npm_facts {
        run.facts().await;
    }
    run.g
}

fn other_node(name: &str, source: Source) -> Package {
    let mut p = Package::new(Ecosystem::Npm, name, None);
    p.source = source;
    p.direct = Some(true);
    p
}

impl<S: MetadataSource> Run<'_, S> {
    /// Fetches every packument the queue names that is not known yet.
    async fn fetch(&mut self, queue: &[Need]) {
        let mut names: Vec<String> = Vec::new();
        for n in queue {
            let real = match classify(&n.spec) {
                Spec::Alias { name, .. } => name,
                _ => n.name.clone(),
            };
            if !self.docs.contains_key(&real) && !names.contains(&real) {
                names.push(real);
            }
        }
        let src = self.src;
        let got = super::fetch_each(names, self.cfg.fetch.concurrency, |n| async move {
            src.npm_packument(&n).await
        })
        .await;
        for (n, r) in got {
            self.docs.insert(n, r.map(Versions::new));
        }
    }

    fn miss(&mut self, need: &Need, reason: Reason) {
        let required_by = need.parent.map(|p| self.g.label(p));
        self.g.unresolved(Unresolved {
            ecosystem: Ecosystem::Npm,
            name: need.name.clone(),
            requirement: need.spec.clone(),
            required_by,
            reason,
        });
    }

    /// Chooses a version for one edge and queues the new node's dependencies.
    fn place(&mut self, need: Need, next: &mut Vec<Need>) {
        let (name, spec) = match classify(&need.spec) {
            Spec::Alias { name, spec } => (name, classify(&spec)),
            s => (need.name.clone(), s),
        };
        let edge = need.parent.map(|p| {
            (
                p,
                Edge {
                    requirement: need.spec.clone(),
                    kind: need.kind,
                },
            )
        });
        if let Spec::Other(source) = spec {
            let mut p = other_node(&name, source);
            p.direct = None;
            self.g.add(p, edge);
            return;
        }
        let picked = match self.docs.get(&name) {
            None => return self.miss(&need, Reason::Registry("not fetched".into())),
            Some(Err(e)) => {
                let r = reason(e);
                return self.miss(&need, r);
            }
            Some(Ok(v)) => match &spec {
                Spec::Range(r) => match Range::parse(r) {
                    Ok(range) => self
                        .reuse(&name, &range)
                        .or_else(|| pick(v, &range, self.node.as_ref())),
                    Err(_) => return self.miss(&need, Reason::InvalidRequirement(r.clone())),
                },
                Spec::Tag(t) => v.doc.dist_tags.get(t).cloned(),
                Spec::Alias { .. } | Spec::Other(_) => {
                    return self.miss(
                        &need,
                        Reason::InvalidRequirement("nested npm: alias".into()),
                    );
                }
            },
        };
        let Some(version) = picked else {
            let available = match self.docs.get(&name) {
                Some(Ok(v)) => v.sorted.len(),
                _ => 0,
            };
            return self.miss(&need, Reason::NoMatchingVersion { available });
        };
        let manifest = match self.docs.get(&name) {
            Some(Ok(v)) => v.doc.manifest(&version).unwrap_or_default(),
            _ => Manifest::default(),
        };
        let mut pkg = Package::new(Ecosystem::Npm, &name, Some(&version));
        pkg.source = self.src.source(Ecosystem::Npm, &name);
        pkg.optional = need.kind == EdgeKind::Optional;
        pkg.dev = need.parent.is_none() && self.dev;
        if need.parent.is_none() {
            pkg.requirement = Some(need.spec.clone());
        }
        pkg.facts.install_scripts = Some(if manifest.has_install_script {
            vec!["install".into()]
        } else {
            vec![]
        });
        pkg.facts.deprecated = Some(manifest.deprecation());
        let (ix, new) = self.g.add(pkg, edge);
        if need.kind != EdgeKind::Optional
            && let Some(p) = self.g.graph.node_weight_mut(ix)
        {
            p.optional = false;
        }
        if !new {
            return;
        }
        if let Ok(v) = Version::parse(&version) {
            self.chosen.entry(name.clone()).or_default().push(v);
        }
        let deps = manifest
            .dependencies
            .iter()
            .map(|d| (d, EdgeKind::Normal))
            .chain(
                manifest
                    .optional_dependencies
                    .iter()
                    .map(|d| (d, EdgeKind::Optional)),
            )
            .chain(
                manifest
                    .peer_dependencies
                    .iter()
                    .filter(|(n, _)| {
                        !manifest
                            .peer_dependencies_meta
                            .get(*n)
                            .is_some_and(|m| m.optional)
                    })
                    .map(|d| (d, EdgeKind::Peer)),
            );
        let mut seen = HashSet::new();
        for ((dep, spec), kind) in deps {
            // `optionalDependencies` override `dependencies` of the same name.
            if kind == EdgeKind::Normal && manifest.optional_dependencies.contains_key(dep) {
                continue;
            }
            if !seen.insert(dep.clone()) {
                continue;
            }
            next.push(Need {
                parent: Some(ix),
                name: dep.clone(),
                spec: spec.clone(),
                kind,
            });
        }
    }

    /// A version already locked or chosen that satisfies `range` (highest first).
    fn reuse(&self, name: &str, range: &Range) -> Option<String> {
        let locked = self
            .locked
            .iter()
            .filter(|p| p.name.normalized() == name)
            .filter_map(|p| Version::parse(p.version.as_deref()?).ok());
        let chosen = self.chosen.get(name).into_iter().flatten().cloned();
        let best = locked.chain(chosen).filter(|v| range.satisfies(v)).max()?;
        // Report the version string as the registry spells it.
        match self.docs.get(name) {
            Some(Ok(v)) => v
                .sorted
                .iter()
                .find(|(x, _)| *x == best)
                .map(|(_, s)| s.clone()),
            _ => Some(best.to_string()),
        }
    }

    /// Publish times and install-script names from full packuments.
    async fn facts(&mut self) {
        let mut wanted: HashMap<String, HashSet<String>> = HashMap::new();
        for p in self.g.graph.node_weights() {
            if let (Some(v), true) = (&p.version, p.source.is_registry()) {
                wanted
                    .entry(p.name.normalized().to_string())
                    .or_default()
                    .insert(v.clone());
            }
        }
        let src = self.src;
        let got: Vec<_> = stream::iter(wanted)
            .map(|(n, vs)| async move {
                let r = src.npm_facts(&n, &vs).await;
                (n, r)
            })
            .buffer_unordered(self.cfg.fetch.concurrency.clamp(1, 16))
            .collect()
            .await;
        let facts: HashMap<String, _> = got.into_iter().collect();
        for p in self.g.graph.node_weights_mut() {
            let Some(version) = p.version.as_deref() else {
                continue;
            };
            let f = match facts.get(p.name.normalized()) {
                Some(Ok(m)) => m.get(version),
                Some(Err(e)) => {
                    // The full packument is where publish times live.
                    p.facts.unavailable = Some(format!("its full package document: {e}"));
                    continue;
                }
                None => None,
            };
            let Some(f) = f else {
                continue;
            };
            p.facts.published = f.published.clone();
            p.facts.history = f.history.clone();
            let had = p
                .facts
                .install_scripts
                .as_ref()
                .is_some_and(|s| !s.is_empty());
            if !f.install_scripts.is_empty() || !had {
                p.facts.install_scripts = Some(f.install_scripts.clone());
            }
        }
    }
}
