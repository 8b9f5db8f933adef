//! crates.io version selection: the semver-compatibility slot a version
//! occupies, choosing the highest acceptable version (locked first, stepping
//! past clashing pins), and placing a requirement's node in the graph.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use petgraph::stable_graph::NodeIndex;
use semver::{Version, VersionReq};

use super::{DepReq, NodeState, Run};
use crate::ecosystem::Ecosystem;
use crate::package::Package;
use crate::registry::MetadataSource;
use crate::registry::crates::{CrateIndex, IndexEntry};
use crate::resolve::graph::{Edge, EdgeKind, Reason};
use crate::resolve::reason;

/// The semver-compatibility slot: `1.x`, `0.3.x`, `0.0.7`.
fn slot(v: &Version) -> (u64, u64, u64) {
    match (v.major, v.minor) {
        (0, 0) => (0, 0, v.patch),
        (0, m) => (0, m, u64::MAX),
        (major, _) => (major, u64::MAX, u64::MAX),
    }
}

/// `=1.2.3`: one exact version.
fn exact_pin(r: &VersionReq) -> bool {
    matches!(r.comparators.as_slice(), [c] if c.op == semver::Op::Exact && c.patch.is_some())
}
impl<S: MetadataSource> Run<'_, S> {
    pub(super) fn place(&mut self, d: DepReq, next: &mut Vec<DepReq>) {
        let key = d.name.to_ascii_lowercase().replace('_', "-");
        let idx = match self.docs.get(&d.name.to_ascii_lowercase()) {
            Some(Ok(i)) => Arc::clone(i),
            Some(Err(e)) => {
                let r = reason(e);
                return self.miss(&d, r);
            }
            None => return self.miss(&d, Reason::Registry("not fetched".into())),
        };
        let Ok(req) = VersionReq::parse(&d.req) else {
            return self.miss(&d, Reason::InvalidRequirement(d.req.clone()));
        };
        let slots = self.slots.entry(key.clone()).or_default();
        // Reuse a chosen version that satisfies the requirement, highest first.
        let existing = slots
            .iter()
            .filter_map(|(s, (ix, _))| Some((s, *ix, self.nodes.get(ix)?)))
            .filter(|(_, _, n)| Version::parse(&n.entry.vers).is_ok_and(|v| req.matches(&v)))
            .max_by_key(|(s, _, _)| **s)
            .map(|(s, ix, _)| (*s, ix));
        let ix = match existing {
            Some((s, ix)) => {
                if let Some((_, reqs)) = slots.get_mut(&s) {
                    reqs.push(req.clone());
                }
                ix
            }
            None => {
                let Some(version) = self.choose(&idx, &key, std::slice::from_ref(&req)) else {
                    return self.miss(
                        &d,
                        Reason::NoMatchingVersion {
                            available: idx.lines.len(),
                        },
                    );
                };
                let s = slot(&version);
                match self.slots.get(&key).and_then(|m| m.get(&s)).cloned() {
                    // The slot is taken by a version this requirement rejects:
                    // move the slot to one that satisfies every requirement.
                    Some((old, mut reqs)) => {
                        reqs.push(req.clone());
                        match self.choose(&idx, &key, &reqs) {
                            Some(v) => {
                                let new = self.create(&idx, &v, reqs);
                                let st = self.nodes.remove(&old);
                                self.g.replace(old, new);
                                if let (Some(st), Some(n)) = (st, self.nodes.get_mut(&new)) {
                                    n.features = st.features;
                                    n.default = st.default;
                                }
                                new
                            }
                            // No version satisfies all: keep them apart (cargo would report a conflict).
                            None => self.create_unslotted(&idx, &version),
                        }
                    }
                    None => self.create(&idx, &version, vec![req.clone()]),
                }
            }
        };
        let edge = d.parent.map(|p| {
            (
                p,
                Edge {
                    requirement: d.req.clone(),
                    kind: d.kind,
                },
            )
        });
        self.g.link(ix, edge);
        if d.parent.is_none()
            && let Some(p) = self.g.graph.node_weight_mut(ix)
        {
            p.requirement = Some(d.req.clone());
            p.dev = d.kind == EdgeKind::Dev;
        }
        self.activate(ix, &d, next);
    }

    /// The highest acceptable version matching all `reqs` (locked first).
    fn choose(&self, idx: &CrateIndex, key: &str, reqs: &[VersionReq]) -> Option<Version> {
        let ok = |v: &Version| reqs.iter().all(|r| r.matches(v));
        let locked = self
            .locked
            .iter()
            .filter(|p| p.name.normalized() == key)
            .filter_map(|p| Version::parse(p.version.as_deref()?).ok())
            .filter(|v| ok(v) && idx.lines.iter().any(|l| &l.version == v))
            .max();
        if locked.is_some() {
            return locked;
        }
        let mut list: Vec<&Version> = idx
            .lines
            .iter()
            .filter(|l| !l.yanked && ok(&l.version))
            .map(|l| &l.version)
            .collect();
        if list.is_empty() && reqs.iter().all(exact_pin) {
            // cargo refuses a yanked version for a new requirement; an exact
            // pin on one is still placed, so the yanked check can say why.
            return idx
                .lines
                .iter()
                .filter(|l| l.yanked && ok(&l.version))
                .map(|l| l.version.clone())
                .max();
        }
        list.sort_by(|a, b| b.cmp(a));
        // Like cargo's backtracking, step down past versions whose own exact
        // pins clash with a version already chosen (looking a few deep only).
        list.iter()
            .take(8)
            .find(|v| !self.clashes(idx, v))
            .or(list.first())
            .map(|v| (*v).clone())
    }

    /// Does `v` require, for a crate already chosen, a version in the chosen
    /// one's compatible range that the chosen one does not satisfy?
    fn clashes(&self, idx: &CrateIndex, v: &Version) -> bool {
        let Some(entry) = idx.entry(v) else {
            return false;
        };
        entry
            .deps
            .iter()
            .filter(|d| !d.optional && !d.is_dev())
            .any(|d| {
                let key = d.crate_name().to_ascii_lowercase().replace('_', "-");
                let (Some(slots), Ok(req)) = (self.slots.get(&key), VersionReq::parse(&d.req))
                else {
                    return false;
                };
                slots
                    .values()
                    .filter_map(|(ix, _)| self.nodes.get(ix))
                    .any(|n| {
                        let Ok(have) = Version::parse(&n.entry.vers) else {
                            return false;
                        };
                        let targets = req.comparators.first().is_some_and(|c| {
                            c.major == have.major && (have.major > 0 || c.minor == Some(have.minor))
                        });
                        targets && !req.matches(&have)
                    })
            })
    }

    fn create(&mut self, idx: &CrateIndex, v: &Version, reqs: Vec<VersionReq>) -> NodeIndex {
        let ix = self.create_unslotted(idx, v);
        let key = self
            .g
            .graph
            .node_weight(ix)
            .map(|p| p.name.normalized().to_string())
            .unwrap_or_default();
        self.slots
            .entry(key)
            .or_default()
            .insert(slot(v), (ix, reqs));
        ix
    }

    fn create_unslotted(&mut self, idx: &CrateIndex, v: &Version) -> NodeIndex {
        let entry = idx.entry(v).unwrap_or_else(|| IndexEntry {
            name: String::new(),
            vers: v.to_string(),
            deps: Vec::new(),
            features: Default::default(),
            features2: None,
            yanked: false,
            links: None,
            pubtime: None,
            cksum: None,
        });
        let mut p = Package::new(Ecosystem::CratesIo, &entry.name, Some(&entry.vers));
        p.source = self.src.source(Ecosystem::CratesIo, &entry.name);
        p.facts.yanked = Some(entry.yanked);
        p.facts.published = entry.pubtime.clone();
        p.facts.history = idx.history();
        if let Some(l) = &entry.links {
            p.facts.install_scripts = Some(vec![format!("build.rs (links = \"{l}\")")]);
        }
        let (ix, _) = self.g.add(p, None);
        self.g.roots.retain(|r| *r != ix);
        if let Some(p) = self.g.graph.node_weight_mut(ix) {
            p.direct = None;
        }
        self.nodes.entry(ix).or_insert(NodeState {
            entry,
            features: BTreeSet::new(),
            default: false,
            emitted: HashSet::new(),
        });
        ix
    }
}
