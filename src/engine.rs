//! The engine: packages → checks → policy → [`Report`]. Shared by `check`,
//! `scan`, `review`, `ci` and `run`, so every entry point judges alike.

use std::collections::{BTreeMap, BTreeSet};

use crate::checks::{self, Context};
use crate::finding::Action;
use crate::package::Package;
use crate::policy::Policy;
use crate::report::{Change, Notice, PackageReport, Report, ReportError, Verdict};

/// One package to judge, with its place in a review.
#[derive(Clone, Debug)]
pub struct Item {
    pub package: Package,
    pub change: Option<Change>,
    pub previous: Vec<String>,
}

impl From<Package> for Item {
    fn from(package: Package) -> Item {
        Item {
            package,
            change: None,
            previous: Vec::new(),
        }
    }
}

/// Merges items that name the same package version (several lockfiles, or
/// one lockfile listing it twice): their locations are kept together.
fn dedup(items: Vec<Item>) -> Vec<Item> {
    let mut map: BTreeMap<(String, Option<Change>), Item> = BTreeMap::new();
    for it in items {
        let (eco, name, ver) = it.package.key();
        let key = (
            format!("{eco}\0{name}\0{ver}\0{}", it.package.source),
            it.change,
        );
        match map.get_mut(&key) {
            Some(existing) => {
                for l in it.package.locations {
                    if !existing.package.locations.contains(&l) {
                        existing.package.locations.push(l);
                    }
                }
                existing.package.direct = match (existing.package.direct, it.package.direct) {
                    (Some(a), Some(b)) => Some(a || b),
                    (a, b) => a.or(b),
                };
                existing.package.dev &= it.package.dev;
                for p in it.previous {
                    if !existing.previous.contains(&p) {
                        existing.previous.push(p);
                    }
                }
            }
            None => {
                map.insert(key, it);
            }
        }
    }
    map.into_values().collect()
}

/// Judges every item. Removed packages are listed but not checked.
/// `report_unused_exceptions`: say which exceptions matched nothing (for
/// whole-project views: scan, review, ci).
pub fn judge(
    ctx: &Context<'_>,
    policy: &Policy,
    items: Vec<Item>,
    extra_errors: Vec<ReportError>,
    report_unused_exceptions: bool,
) -> Report {
    let mut errors = extra_errors;
    let mut used_exceptions = BTreeSet::new();
    let mut reports = Vec::new();
    let _snapshot = ctx.advisories.map(|db| db.read_session());
    for it in dedup(items) {
        if it.change == Some(Change::Removed) {
            reports.push(PackageReport {
                package: it.package,
                change: it.change,
                previous: it.previous,
                verdict: Verdict::Allow,
                findings: Vec::new(),
            });
            continue;
        }
        let mut sink = checks::run_all(ctx, &it.package, |c| policy.check_enabled(c));
        let (mut verdict, used) = policy.judge(&it.package, &mut sink.findings);
        used_exceptions.extend(used);
        if !sink.errors.is_empty()
            && policy.on_missing_data.value == Action::Block
            && verdict < Verdict::Block
        {
            verdict = Verdict::Undecided;
        }
        let purl = it.package.purl();
        for (check, why) in sink.errors {
            errors.push(ReportError {
                package: Some(purl.clone()),
                check: Some(check),
                why,
                blocking: policy.on_missing_data.value == Action::Block,
            });
        }
        sink.findings.sort_by(|a, b| {
            b.action
                .cmp(&a.action)
                .then_with(|| a.code.cmp(b.code))
                .then_with(|| a.id.cmp(&b.id))
        });
        reports.push(PackageReport {
            package: it.package,
            change: it.change,
            previous: it.previous,
            verdict,
            findings: sink.findings,
        });
    }
    let notices: Vec<Notice> = policy.exception_notices(&used_exceptions, report_unused_exceptions);
    Report::finish(reports, errors, notices)
}
