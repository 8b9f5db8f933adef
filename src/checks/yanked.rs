//! The yanked check: a version its maintainers withdrew from the registry
//! (crates.io yank, PyPI PEP 592). npm has no yanking (deprecation is the
//! deprecated check's business), so npm packages are not judged here.

use super::facts;
use super::{Check, Context, Sink};
use crate::codes;
use crate::ecosystem::Ecosystem;
use crate::finding::{CheckId, Finding};
use crate::package::{Package, Source};

pub struct YankedCheck;

impl Check for YankedCheck {
    fn id(&self) -> CheckId {
        CheckId::Yanked
    }

    fn codes(&self) -> &'static [&'static str] {
        &[codes::YANKED]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        if !facts::judged(pkg) || pkg.ecosystem() == Ecosystem::Npm {
            return;
        }
        match pkg.facts.yanked {
            Some(true) => sink.push(finding(pkg)),
            Some(false) => {}
            None => facts::absent(ctx, pkg, CheckId::Yanked, "yanked status", sink),
        }
    }
}

fn finding(pkg: &Package) -> Finding {
    let registry = match &pkg.source {
        Source::Registry { url: Some(u) } => u.clone(),
        _ => match pkg.ecosystem() {
            Ecosystem::PyPI => "PyPI".into(),
            _ => "crates.io".into(),
        },
    };
    let detail = match pkg.ecosystem() {
        Ecosystem::PyPI => {
            "Its maintainers withdrew it (PEP 592), usually because it is broken or unsafe; pip \
             installs a yanked release only when it is pinned exactly (`==`). Pick another version."
        }
        _ => {
            "Its maintainers withdrew it; cargo keeps a yanked version only where a Cargo.lock \
             already pins it and never picks it for a new requirement. Pick another version."
        }
    };
    Finding::new(
        CheckId::Yanked,
        codes::YANKED,
        format!("yanked from {registry}"),
    )
    .with_reason("yanked")
    .with_detail(detail)
}

#[cfg(test)]
mod tests {
    use super::super::facts::testing::run;
    use super::*;

    fn pkg(eco: Ecosystem, yanked: Option<bool>) -> Package {
        let mut p = Package::new(eco, "y", Some("1.0.0"));
        p.facts.yanked = yanked;
        p
    }

    #[test]
    fn yanked_versions_and_absent_facts() {
        for eco in [Ecosystem::PyPI, Ecosystem::CratesIo] {
            for rc in [false, true] {
                let (codes, errors, sink) = run(&YankedCheck, &pkg(eco, Some(true)), rc, None);
                assert_eq!(codes, [codes::YANKED]);
                assert!(errors.is_empty());
                assert!(sink.findings[0].detail.is_some());
                assert!(
                    run(&YankedCheck, &pkg(eco, Some(false)), rc, None)
                        .0
                        .is_empty()
                );
            }
            let (codes, errors, _) = run(&YankedCheck, &pkg(eco, None), false, None);
            assert!(codes.is_empty() && errors.is_empty());
            let (codes, errors, _) = run(&YankedCheck, &pkg(eco, None), true, None);
            assert!(codes.is_empty());
            assert_eq!(errors.len(), 1);
        }
        // npm has no yanking: nothing to say, even with registry facts requested.
        let (codes, errors, _) = run(&YankedCheck, &pkg(Ecosystem::Npm, None), true, None);
        assert!(codes.is_empty() && errors.is_empty());
    }
}
