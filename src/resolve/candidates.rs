//! PyPI candidates: a project's files grouped by version, filtered to what the
//! target interpreter can install (compatible wheel tags, file-level
//! `requires-python`, sdists unless binary-only), with the file whose
//! metadata describes the version best.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use pep440_rs::{Operator, Version, VersionSpecifiers};

use super::TargetPython;
use crate::registry::PypiProject;
use crate::registry::pypi::{FileKind, SimpleFile, parse_filename};

/// One installable version.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub version: Version,
    /// Every installable file of the version is yanked.
    pub yanked: bool,
    pub upload_time: Option<String>,
    /// Compatible wheels, best tag first.
    pub wheels: Vec<SimpleFile>,
    pub sdists: Vec<SimpleFile>,
    /// Some wheel (maybe for another platform) whose metadata is served:
    /// dependencies rarely differ between a release's wheels.
    pub other_wheel: Option<SimpleFile>,
}

impl Candidate {
    /// pip would have to build this version from source.
    pub fn sdist_only(&self) -> bool {
        self.wheels.is_empty() && !self.sdists.is_empty()
    }

    /// The file to read core metadata from.
    pub fn metadata_file(&self) -> Option<SimpleFile> {
        self.wheels
            .iter()
            .find(|f| f.has_metadata())
            .or(self.other_wheel.as_ref())
            .or(self.wheels.first())
            .cloned()
    }
}

/// Per version: (compatible wheels with tag rank, sdists, a wheel with metadata).
type Files = (
    Vec<(usize, SimpleFile)>,
    Vec<SimpleFile>,
    Option<SimpleFile>,
);

/// The installable versions of `name` for `target`.
pub fn candidates(
    project: &PypiProject,
    name: &str,
    target: &TargetPython,
    only_binary: bool,
) -> Vec<Candidate> {
    let priority: HashMap<&str, usize> = target
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let python = target.python_full_version();
    let mut by_version: BTreeMap<Version, Files> = BTreeMap::new();
    for f in &project.files {
        let Some((v, kind)) = parse_filename(name, &f.filename) else {
            continue;
        };
        let Ok(version) = Version::from_str(&v) else {
            continue;
        };
        let python_ok = f
            .requires_python
            .as_deref()
            .and_then(|s| VersionSpecifiers::from_str(s).ok())
            .is_none_or(|s| s.contains(python));
        let slot = by_version.entry(version).or_default();
        match kind {
            FileKind::Wheel { tags } => {
                if slot.2.is_none() && f.has_metadata() {
                    slot.2 = Some(f.clone());
                }
                let best = if priority.is_empty() {
                    Some(0)
                } else {
                    tags.iter()
                        .filter_map(|t| priority.get(t.as_str()).copied())
                        .min()
                };
                if let (Some(p), true) = (best, python_ok) {
                    slot.0.push((p, f.clone()));
                }
            }
            FileKind::Sdist if python_ok && !only_binary => slot.1.push(f.clone()),
            FileKind::Sdist => {}
        }
    }
    by_version
        .into_iter()
        .filter(|(_, (w, s, _))| !w.is_empty() || !s.is_empty())
        .map(|(version, (mut wheels, sdists, other))| {
            wheels.sort_by_key(|(p, _)| *p);
            let wheels: Vec<SimpleFile> = wheels.into_iter().map(|(_, f)| f).collect();
            let yanked = wheels.iter().chain(&sdists).all(SimpleFile::is_yanked);
            let upload_time = wheels
                .iter()
                .chain(&sdists)
                .find_map(|f| f.upload_time.clone());
            Candidate {
                version,
                yanked,
                upload_time,
                wheels,
                sdists,
                other_wheel: other,
            }
        })
        .collect()
}

/// pip's pick among `list`: the highest version satisfying every specifier
/// in `all`; yanked only when pinned with `==`/`===` (PEP 592); a locked
/// version first; pre-releases only when `pre`, when a specifier names one,
/// or when nothing else matches.
pub fn choose(
    mut list: Vec<Candidate>,
    all: &[&VersionSpecifiers],
    locked: &[Version],
    pre: bool,
) -> Option<Candidate> {
    let pinned = all.iter().any(|s| {
        s.iter()
            .any(|x| matches!(x.operator(), Operator::Equal | Operator::ExactEqual))
    });
    let pre_named = all.iter().any(|s| s.iter().any(|x| x.any_prerelease()));
    list.retain(|c| all.iter().all(|s| s.contains(&c.version)) && (!c.yanked || pinned));
    list.sort_by(|a, b| b.version.cmp(&a.version));
    if let Some(c) = list.iter().find(|c| locked.contains(&c.version)) {
        return Some(c.clone());
    }
    if pre || pre_named {
        return list.into_iter().next();
    }
    let first_final = list
        .iter()
        .position(|c| !c.version.any_prerelease())
        .unwrap_or(0);
    list.into_iter().nth(first_final)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, rp: Option<&str>, yanked: bool) -> SimpleFile {
        SimpleFile {
            filename: name.into(),
            url: format!("https://files.example/{name}"),
            requires_python: rp.map(str::to_string),
            core_metadata: Some(serde_json::json!(true)),
            data_dist_info_metadata: None,
            yanked: Some(serde_json::json!(yanked)),
            upload_time: None,
        }
    }

    #[test]
    fn filters_by_tag_python_and_binary() {
        let project = PypiProject {
            files: vec![
                file("x-1.0-py3-none-any.whl", None, false),
                file("x-2.0-cp39-cp39-win_amd64.whl", None, false),
                file("x-2.0.tar.gz", None, false),
                file("x-3.0-py3-none-any.whl", Some(">=3.12"), false),
                file("x-4.0-py3-none-any.whl", None, true),
            ],
        };
        let t = TargetPython::example();
        let c = candidates(&project, "x", &t, false);
        let versions: Vec<String> = c.iter().map(|c| c.version.to_string()).collect();
        assert_eq!(versions, ["1.0", "2.0", "4.0"]);
        assert!(c[1].sdist_only());
        assert!(
            c[1].metadata_file().is_some(),
            "the Windows wheel's metadata stands in"
        );
        assert!(c[2].yanked);
        let c = candidates(&project, "x", &t, true);
        assert_eq!(c.len(), 2);
    }
}
