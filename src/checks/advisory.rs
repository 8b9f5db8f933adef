//! The advisory check: known vulnerabilities and malware from the local OSV
//! database (`advisory-vulnerability`, `advisory-malware`, `advisory-informational`).

use super::{Check, Context, Sink};
use crate::codes;
use crate::finding::{CheckId, Finding, Severity};
use crate::package::Package;

pub struct AdvisoryCheck;

impl Check for AdvisoryCheck {
    fn id(&self) -> CheckId {
        CheckId::Advisory
    }

    fn codes(&self) -> &'static [&'static str] {
        &[
            codes::ADVISORY_MALWARE,
            codes::ADVISORY_VULNERABILITY,
            codes::ADVISORY_INFORMATIONAL,
        ]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        let Some(db) = ctx.advisories else {
            let why = ctx
                .advisories_missing
                .clone()
                .unwrap_or_else(|| "no advisory database".to_string());
            sink.could_not_run(CheckId::Advisory, why);
            return;
        };
        let Some(version) = pkg.version.as_deref() else {
            // Unpinned: only records that affect every version can be judged
            // exactly; say so rather than guessing.
            sink.could_not_run(
                CheckId::Advisory,
                "no exact version: pin one (e.g. `name==1.2.3`) so advisories can be matched",
            );
            return;
        };
        match db.matches(&pkg.name, version) {
            Ok(matches) => {
                for m in matches {
                    let code = if m.malware {
                        codes::ADVISORY_MALWARE
                    } else if m.informational.is_some() {
                        codes::ADVISORY_INFORMATIONAL
                    } else {
                        codes::ADVISORY_VULNERABILITY
                    };
                    let summary = if m.summary.is_empty() {
                        format!("{} affects {}", m.id, pkg)
                    } else {
                        m.summary.clone()
                    };
                    let mut f = Finding::new(CheckId::Advisory, code, summary);
                    f.id = Some(m.id);
                    f.aliases = m.aliases;
                    f.severity = Some(if m.malware {
                        Severity::Critical
                    } else {
                        m.severity
                    });
                    f.fixed = m.fixed;
                    f.reason = m.informational;
                    sink.push(f);
                }
            }
            Err(e) => sink.could_not_run(CheckId::Advisory, e.to_string()),
        }
    }
}
