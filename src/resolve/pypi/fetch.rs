//! PyPI fetching and expansion: project documents and core metadata read
//! many at a time, and a node's `Requires-Dist` narrowed by the target's
//! markers and the node's extras into further requirements.

use futures_util::{StreamExt, stream};
use pep508_rs::ExtraName;
use petgraph::stable_graph::NodeIndex;

use super::{PyReq, Run, parse_req, unresolved};
use crate::ecosystem::normalize_pypi;
use crate::registry::MetadataSource;
use crate::resolve::graph::Reason;

impl<S: MetadataSource> Run<'_, S> {
    pub(super) async fn fetch_projects(&mut self, queue: &[PyReq]) {
        let mut names: Vec<String> = queue
            .iter()
            .map(|r| normalize_pypi(r.req.name.as_ref()))
            .collect();
        names.sort();
        names.dedup();
        names.retain(|n| !self.docs.contains_key(n));
        let src = self.src;
        let got = crate::resolve::fetch_each(names, self.cfg.fetch.concurrency, |n| async move {
            src.pypi_project(&n).await
        })
        .await;
        self.docs.extend(got);
    }

    pub(super) async fn fetch_metadata(&mut self, nodes: &[NodeIndex]) {
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
    pub(super) fn expand(&mut self, ix: NodeIndex) -> Vec<PyReq> {
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
