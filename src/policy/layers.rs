//! Merging policy layers: built-in < user < project < managed.
//!
//! Settings take the value of the highest layer that sets them. Lists
//! (`allow`, `deny`, `exceptions`, registries) accumulate, and deny beats
//! allow at every layer. The managed layer can lock keys: a lower layer that
//! tries to loosen a locked key is an error naming its file and line; a lower
//! layer may still make a locked key stricter, and the stricter value wins.

mod locks;

use std::collections::BTreeMap;

use crate::codes;
use crate::finding::{Action, CheckId, Severity};

use super::config::{ConfigError, Loaded};
use super::rules::{Exception, ListRule, known_checks};
use super::{Layer, Layered, Origin, Policy};
use locks::{Merger, fixed_value, strictest_default, validate_lock_key};

fn parse_action(s: &str) -> Result<Action, String> {
    Action::parse(s).ok_or_else(|| format!("{s:?} is not an action (block, ask, warn, off)"))
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    match Severity::parse_label(s) {
        Some(sev) if sev != Severity::Unknown => Ok(sev),
        _ => Err(format!(
            "{s:?} is not a severity (low, medium, high, critical)"
        )),
    }
}

/// Merges the loaded files (any order) over the built-in policy.
pub fn merge(
    mut files: Vec<Loaded>,
    today: jiff::civil::Date,
    interactive: bool,
) -> Result<Policy, ConfigError> {
    files.sort_by_key(|f| f.layer);
    let base = Policy {
        today,
        interactive,
        ..Policy::default()
    };
    // Locks and the values they fix come from the managed layer alone.
    let mut lock_at = BTreeMap::new();
    for f in &files {
        if let Some(lock) = &f.file.lock {
            if f.layer != Layer::Managed {
                return Err(f.error(
                    lock.span(),
                    "`[lock]` is only allowed in the managed policy file",
                ));
            }
            for key in &lock.get_ref().keys {
                validate_lock_key(key.get_ref()).map_err(|e| f.error(key.span(), e))?;
                lock_at.insert(
                    key.get_ref().clone(),
                    format!("{}:{}", f.path, f.line(key.span())),
                );
            }
        }
    }
    let mut managed_only = Merger {
        policy: base.clone(),
        locks: BTreeMap::new(),
    };
    for f in files.iter().filter(|f| f.layer == Layer::Managed) {
        apply(&mut managed_only, f)?;
    }
    let locks = lock_at
        .into_iter()
        .map(|(key, at)| {
            let (strictness, shown) = fixed_value(&managed_only.policy, &key);
            (key, (strictness, shown, at))
        })
        .collect();
    let mut m = Merger {
        policy: base,
        locks,
    };
    for f in &files {
        apply(&mut m, f)?;
    }
    Ok(m.policy)
}

fn apply(m: &mut Merger, f: &Loaded) -> Result<(), ConfigError> {
    let origin = |span: std::ops::Range<usize>| Origin::File {
        layer: f.layer,
        path: f.path.clone(),
        line: f.line(span),
    };
    let s = &f.file.settings;
    if let Some(v) = &s.block_severity {
        let sev = parse_severity(v.get_ref()).map_err(|e| f.error(v.span(), e))?;
        Merger::set(
            &m.locks,
            &mut m.policy.block_severity,
            "settings.block-severity",
            sev,
            origin(v.span()),
        )
        .map_err(|e| f.error(v.span(), e))?;
    }
    for (key, slot) in [
        ("on-missing-data", &s.on_missing_data),
        ("ask-without-terminal", &s.ask_without_terminal),
    ] {
        if let Some(v) = slot {
            let a = parse_action(v.get_ref()).map_err(|e| f.error(v.span(), e))?;
            if a == Action::Ask {
                return Err(f.error(
                    v.span(),
                    format!("`{key}` cannot be ask (nobody would answer)"),
                ));
            }
            let target = if key == "on-missing-data" {
                &mut m.policy.on_missing_data
            } else {
                &mut m.policy.ask_without_terminal
            };
            Merger::set(
                &m.locks,
                target,
                &format!("settings.{key}"),
                a,
                origin(v.span()),
            )
            .map_err(|e| f.error(v.span(), e))?;
        }
    }
    if let Some(v) = &s.release_age_hours {
        Merger::set(
            &m.locks,
            &mut m.policy.release_age_hours,
            "settings.release-age-hours",
            *v.get_ref(),
            origin(v.span()),
        )
        .map_err(|e| f.error(v.span(), e))?;
    }
    if let Some(v) = &s.allowed_registries {
        if f.layer < Layer::Managed
            && m.locks.contains_key("settings.allowed-registries")
            && !v.get_ref().is_empty()
        {
            return Err(f.error(v.span(), "`settings.allowed-registries` is locked by managed policy; this layer cannot add registries"));
        }
        for r in v.get_ref() {
            m.policy.allowed_registries.push(Layered {
                value: r.trim_end_matches('/').to_string(),
                origin: origin(v.span()),
            });
        }
    }
    if let Some(v) = &s.private_names {
        for n in v.get_ref() {
            m.policy.private_names.push(Layered {
                value: n.clone(),
                origin: origin(v.span()),
            });
        }
    }
    for (k, v) in &f.file.checks {
        let check = CheckId::parse(k.get_ref()).ok_or_else(|| {
            f.error(
                k.span(),
                format!(
                    "unknown check `{}` (known: {})",
                    k.get_ref(),
                    known_checks()
                ),
            )
        })?;
        let a = parse_action(v.get_ref()).map_err(|e| f.error(v.span(), e))?;
        let key = format!("checks.{}", check.as_str());
        let slot = m
            .policy
            .checks
            .entry(check)
            .or_insert_with(|| Layered::built_in(strictest_default(check)));
        Merger::set(&m.locks, slot, &key, a, origin(v.span())).map_err(|e| f.error(v.span(), e))?;
    }
    for (k, v) in &f.file.codes {
        let info = codes::info(k.get_ref()).ok_or_else(|| {
            f.error(
                k.span(),
                format!("unknown finding code `{}` (see docs/CODES.md)", k.get_ref()),
            )
        })?;
        let a = parse_action(v.get_ref()).map_err(|e| f.error(v.span(), e))?;
        if info.code == codes::ADVISORY_MALWARE && a != Action::Block {
            return Err(f.error(v.span(), "`advisory-malware` always blocks; use an exact-version [[exceptions]] entry instead"));
        }
        let key = format!("codes.{}", info.code);
        let slot = m
            .policy
            .codes
            .entry(info.code.to_string())
            .or_insert_with(|| Layered::built_in(info.default_action));
        Merger::set(&m.locks, slot, &key, a, origin(v.span())).map_err(|e| f.error(v.span(), e))?;
    }
    for (list, entries) in [("allow", &f.file.allow), ("deny", &f.file.deny)] {
        for e in entries {
            if list == "allow" && f.layer < Layer::Managed && m.locks.contains_key("allow") {
                if f.layer == Layer::BuiltIn {
                    // The shipped allowlists give way to a managed lock.
                    continue;
                }
                return Err(f.error(
                    e.span(),
                    "`allow` is locked by managed policy; this layer cannot add allow entries",
                ));
            }
            let rule = ListRule::compile(e.get_ref(), origin(e.span()))
                .map_err(|msg| f.error(e.span(), msg))?;
            if list == "allow" {
                m.policy.allow.push(rule)
            } else {
                m.policy.deny.push(rule)
            }
        }
    }
    for e in &f.file.exceptions {
        if f.layer < Layer::Managed && m.locks.contains_key("exceptions") {
            return Err(f.error(
                e.span(),
                "`exceptions` is locked by managed policy; this layer cannot add exceptions",
            ));
        }
        let ex = Exception::compile(e.get_ref(), origin(e.span()))
            .map_err(|msg| f.error(e.span(), msg))?;
        if ex.advisories.iter().any(|a| a.starts_with("MAL-")) && !ex.package.is_exact() {
            return Err(f.error(
                e.span(),
                "a malware (MAL-) exception must name one exact version (pkg:…@1.2.3)",
            ));
        }
        m.policy.exceptions.push(ex);
    }
    Ok(())
}
