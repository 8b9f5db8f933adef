//! The listed check: packages on a `[[deny]]` list (`listed-deny`). Allow
//! entries are not findings; the policy applies them when it decides.

use super::{Check, Context, Sink};
use crate::codes;
use crate::finding::{CheckId, Finding};
use crate::package::Package;

pub struct ListedCheck;

impl Check for ListedCheck {
    fn id(&self) -> CheckId {
        CheckId::Listed
    }

    fn codes(&self) -> &'static [&'static str] {
        &[codes::LISTED_DENY]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        let Some(policy) = ctx.policy else { return };
        for rule in policy.deny.iter().filter(|r| r.package.matches(pkg)) {
            let why = rule.reason.as_deref().unwrap_or("no reason given");
            let mut f = Finding::new(
                CheckId::Listed,
                codes::LISTED_DENY,
                format!(
                    "{} is on a deny list ({}): {why}",
                    rule.package.describe(),
                    rule.origin
                ),
            );
            f.reason = Some("deny-list".into());
            f.decided_by = Some(format!("deny ({})", rule.origin));
            sink.push(f);
        }
    }
}
