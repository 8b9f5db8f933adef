//! Build-time code of the crates an install would add. The sparse index
//! tells only `links`, so each new version's `.crate` archive is inspected
//! through [`MetadataSource::crate_build`] (bounded, checksum-verified, the
//! answer remembered per version), a few at a time. Versions reused from the
//! project's Cargo.lock are not fetched: the install does not add them.
//!
//! A version whose archive cannot be read keeps what the index said (a
//! `links` crate still has a build script) and records why the rest is
//! unknown in `Facts::unavailable`, so the install-script check reports that
//! it could not run instead of passing it.

use futures_util::{StreamExt, stream};
use petgraph::stable_graph::NodeIndex;

use super::graph::ProposedGraph;
use crate::registry::MetadataSource;

/// Archives in flight at once (each up to 10 MiB).
const MAX_IN_FLIGHT: usize = 8;

/// One crate version whose archive is wanted.
pub(super) struct Wanted {
    pub node: NodeIndex,
    pub name: String,
    pub version: String,
    /// The index's SHA-256 of the archive.
    pub cksum: Option<String>,
    /// The index's `links`.
    pub links: Option<String>,
}

/// Fills `install_scripts` of the wanted nodes from their archives.
pub(super) async fn fill<S: MetadataSource>(
    src: &S,
    g: &mut ProposedGraph,
    wanted: Vec<Wanted>,
    concurrency: usize,
) {
    let got: Vec<_> = stream::iter(wanted)
        .map(|w| async move {
            let r = src
                .crate_build(&w.name, &w.version, w.cksum.as_deref())
                .await;
            (w, r)
        })
        .buffer_unordered(concurrency.clamp(1, MAX_IN_FLIGHT))
        .collect()
        .await;
    for (w, r) in got {
        let Some(p) = g.graph.node_weight_mut(w.node) else {
            continue;
        };
        match r {
            Ok(mut b) => {
                b.links = b.links.or(w.links);
                p.facts.install_scripts = Some(b.scripts());
            }
            Err(e) => {
                p.facts.unavailable = Some(format!("its .crate archive could not be read ({e})"));
            }
        }
    }
}
