//! Managed-policy locks: the strictness order of settings, which keys can be
//! locked, the value a lock fixes, and the setter that enforces locks while
//! layers merge.

use std::collections::BTreeMap;

use crate::codes;
use crate::finding::{Action, CheckId, Severity};

use crate::policy::{Layer, Layered, Origin, Policy};

/// Strictness order of a setting's values: higher is stricter.
pub(super) trait Strictness {
    fn strictness(&self) -> i64;
}
impl Strictness for Action {
    fn strictness(&self) -> i64 {
        *self as i64
    }
}
impl Strictness for Severity {
    // A lower block threshold blocks more.
    fn strictness(&self) -> i64 {
        -(*self as i64)
    }
}
impl Strictness for u32 {
    fn strictness(&self) -> i64 {
        i64::from(*self)
    }
}

pub(super) struct Merger {
    pub(super) policy: Policy,
    /// Locked key → (strictness the managed layer fixes, shown value, lock location).
    pub(super) locks: BTreeMap<String, (i64, String, String)>,
}

impl Merger {
    /// Sets a layered value, enforcing locks: a lower layer may not go
    /// below the locked value; for a locked key the stricter value wins.
    pub(super) fn set<T: Strictness + Clone + std::fmt::Display>(
        locks: &BTreeMap<String, (i64, String, String)>,
        slot: &mut Layered<T>,
        key: &str,
        value: T,
        origin: Origin,
    ) -> Result<(), String> {
        if let Some((floor, shown, at)) = locks.get(key) {
            if origin.layer() < Layer::Managed && value.strictness() < *floor {
                return Err(format!(
                    "`{key}` is locked by managed policy ({at}) at {shown}; this layer cannot loosen it to {value}"
                ));
            }
            if value.strictness() < slot.value.strictness() && slot.origin.layer() > Layer::BuiltIn
            {
                return Ok(());
            }
        }
        *slot = Layered { value, origin };
        Ok(())
    }
}

/// The strictness and display of a lockable key's value in `p`.
pub(super) fn fixed_value(p: &Policy, key: &str) -> (i64, String) {
    fn of<T: Strictness + std::fmt::Display>(v: &T) -> (i64, String) {
        (v.strictness(), v.to_string())
    }
    match key.split_once('.') {
        Some(("settings", "block-severity")) => of(&p.block_severity.value),
        Some(("settings", "on-missing-data")) => of(&p.on_missing_data.value),
        Some(("settings", "ask-without-terminal")) => of(&p.ask_without_terminal.value),
        Some(("settings", "release-age-hours")) => of(&p.release_age_hours.value),
        Some(("checks", c)) => {
            let check = CheckId::parse(c);
            let a = check
                .and_then(|c| p.checks.get(&c).map(|l| l.value))
                .or(check.map(strictest_default));
            of(&a.unwrap_or(Action::Block))
        }
        Some(("codes", c)) => {
            let a = p
                .codes
                .get(c)
                .map(|l| l.value)
                .or(codes::info(c).map(|i| i.default_action));
            of(&a.unwrap_or(Action::Block))
        }
        // Whole lists and registries: locking forbids additions below managed.
        _ => (i64::MAX, "locked".into()),
    }
}

pub(super) fn validate_lock_key(key: &str) -> Result<(), String> {
    let ok = match key.split_once('.') {
        Some(("settings", s)) => [
            "block-severity",
            "on-missing-data",
            "ask-without-terminal",
            "release-age-hours",
            "allowed-registries",
        ]
        .contains(&s),
        Some(("checks", c)) => CheckId::parse(c).is_some(),
        Some(("codes", c)) => codes::info(c).is_some(),
        None => ["allow", "exceptions"].contains(&key),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("cannot lock unknown key `{key}`"))
    }
}

/// The built-in action of a check as a whole: its strictest code's default
/// (so a lock on `checks.X` compares against what the check does today).
pub(super) fn strictest_default(check: CheckId) -> Action {
    codes::ALL
        .iter()
        .filter(|c| c.check == check)
        .map(|c| c.default_action)
        .max()
        .unwrap_or(Action::Warn)
}
