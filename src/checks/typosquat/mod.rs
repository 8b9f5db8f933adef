//! The typosquat check: a name that imitates a much more popular package.
//!
//! The popular-name lists come from `ccdeps db update` (`popular/<ECO>.txt`
//! under `$CCDEPS_HOME`); each ecosystem's index is loaded on first use, once
//! per process ([`PopularSet`]), from the on-disk cache that `db update` and
//! `db import` fill (built and cached on the spot when it is missing). A name that is itself on the list is never
//! flagged; a pair on the shipped allowlist of legitimate look-alikes
//! (`allowlists/typosquat.txt`) is not either. Findings name the imitated
//! package (`similar_to`) and the transformation (`reason`); the strict tier
//! is `typosquat`, the weak one `typosquat-weak` (see `rules.rs`); with
//! registry history at hand, an established package is `typosquat-established`.

mod edits;
mod imports;
mod index;
mod names;
mod query;
mod relation;
mod renames;
mod rules;
mod store;
mod table;

use std::path::PathBuf;
use std::sync::OnceLock;

pub use index::{Kind, PopularIndex, Relation};
pub use rules::Tier;

use super::{Check, Context, Sink};
use crate::codes;
use crate::ecosystem::Ecosystem;
use crate::finding::{CheckId, Finding};
use crate::package::Package;
use crate::popular::Popular;

/// Legitimate look-alikes shipped with ccdeps: `ecosystem name looks-like reason…`.
const ALLOWLIST: &str = include_str!("../../../allowlists/typosquat.txt");

/// The popular-name indexes of one run, built lazily per ecosystem.
pub struct PopularSet {
    source: Source,
    cells: [OnceLock<Result<PopularIndex, String>>; 3],
}

enum Source {
    /// `popular/<ECO>.txt` files under this folder.
    Dir(PathBuf),
    /// In-memory lists (tests, benchmarks).
    Lists(Vec<(Ecosystem, Vec<Popular>)>),
}

fn slot(eco: Ecosystem) -> usize {
    match eco {
        Ecosystem::CratesIo => 0,
        Ecosystem::Npm => 1,
        Ecosystem::PyPI => 2,
    }
}

impl PopularSet {
    /// The lists stored by `db update` in a home.
    pub fn from_home(home: &crate::home::Home) -> PopularSet {
        PopularSet {
            source: Source::Dir(home.root().to_path_buf()),
            cells: Default::default(),
        }
    }

    /// Lists given directly.
    pub fn from_lists(lists: Vec<(Ecosystem, Vec<Popular>)>) -> PopularSet {
        PopularSet {
            source: Source::Lists(lists),
            cells: Default::default(),
        }
    }

    /// The index of an ecosystem, or why there is none.
    pub fn index(&self, eco: Ecosystem) -> Result<&PopularIndex, &str> {
        self.cells[slot(eco)]
            .get_or_init(|| match &self.source {
                Source::Dir(root) => load(&crate::home::Home::new(root), eco),
                Source::Lists(lists) => Ok(PopularIndex::build(
                    eco,
                    lists
                        .iter()
                        .find(|(e, _)| *e == eco)
                        .map_or(&[][..], |(_, l)| l.as_slice()),
                )),
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

/// The index of a home's list: from the on-disk cache when it was built
/// from the same list, else built (and cached for the next run).
fn load(home: &crate::home::Home, eco: Ecosystem) -> Result<PopularIndex, String> {
    let list_path = home.popular(eco);
    let list = crate::popular::read_file(&list_path)
        .map_err(|e| format!("no popular-package list for {eco} ({e}): run `ccdeps db update`"))?;
    let key = store::digest(&list);
    let cached = home
        .cache("typosquat", 1)
        .join(format!("{}.idx", eco.osv_name()));
    if let Ok(bytes) = crate::home::read_bounded(&cached, store::MAX_BYTES)
        && let Some(ix) = store::decode(bytes, eco, &key)
    {
        return Ok(ix);
    }
    let ix = PopularIndex::build(eco, &crate::popular::parse(&String::from_utf8_lossy(&list)));
    // A cache that cannot be written only costs the next run a rebuild.
    let _ = crate::home::write_atomic(&cached, &store::encode(&ix, &key));
    Ok(ix)
}

/// Is the pair on the shipped allowlist? (`*` as the target: any.)
fn allowlisted(eco: Ecosystem, name: &str, target: &str) -> bool {
    static PAIRS: OnceLock<Vec<(&'static str, &'static str, &'static str)>> = OnceLock::new();
    PAIRS
        .get_or_init(|| {
            ALLOWLIST
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .filter_map(|l| {
                    let mut w = l.split_whitespace();
                    Some((w.next()?, w.next()?, w.next()?))
                })
                .collect()
        })
        .iter()
        .any(|&(e, n, t)| e == eco.osv_name() && n == name && (t == target || t == "*"))
}

/// The strongest alert for a normalized name, if any: (tier, relation).
pub fn judge(ix: &PopularIndex, name: &str) -> Option<(Tier, Relation)> {
    let name = name.to_ascii_lowercase();
    ix.relations(&name)
        .into_iter()
        .filter_map(|r| {
            let e = ix.entry(r.entry);
            let t = rules::tier(ix.ecosystem(), &r, e.rank)?;
            (!allowlisted(ix.ecosystem(), &name, &e.name)).then_some((t, r))
        })
        .max_by_key(|(t, r)| {
            (
                *t,
                std::cmp::Reverse(ix.entry(r.entry).rank),
                rules::specificity(r.kind),
            )
        })
}

pub struct TyposquatCheck;

impl Check for TyposquatCheck {
    fn id(&self) -> CheckId {
        CheckId::Typosquat
    }

    fn codes(&self) -> &'static [&'static str] {
        &[
            codes::TYPOSQUAT,
            codes::TYPOSQUAT_WEAK,
            codes::TYPOSQUAT_ESTABLISHED,
        ]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        if !pkg.source.is_registry() {
            return; // a git or path dependency's name is not looked up on a registry
        }
        let eco = pkg.ecosystem();
        let ix = match ctx.popular.map(|p| p.index(eco)) {
            Some(Ok(ix)) => ix,
            Some(Err(why)) => return sink.could_not_run(CheckId::Typosquat, why),
            None => {
                return sink.could_not_run(CheckId::Typosquat, "no popular-package lists loaded");
            }
        };
        if let Some((tier, rel)) = judge(ix, pkg.name.normalized()) {
            let mut f = finding(ix, pkg, tier, &rel);
            if let Some(h) = pkg
                .facts
                .history
                .as_ref()
                .filter(|h| established(h, ctx.now))
            {
                let since = h.to_string();
                f.code = codes::TYPOSQUAT_ESTABLISHED;
                f.summary = format!("{}, but is an established package ({since})", f.summary);
                f.detail = Some(format!(
                    "{} The registry shows an established package ({since}); typosquats are taken down within days.",
                    f.detail.as_deref().unwrap_or_default(),
                ));
            }
            sink.push(f);
        }
    }
}

/// How long a name must have been published, and how many versions it must
/// have, to count as established rather than a fresh squat.
const ESTABLISHED_DAYS: i64 = 730;
const ESTABLISHED_RELEASES: u32 = 5;

fn established(h: &crate::package::History, now: jiff::Timestamp) -> bool {
    h.releases >= ESTABLISHED_RELEASES
        && now.duration_since(h.first_published)
            >= jiff::SignedDuration::from_hours(24 * ESTABLISHED_DAYS)
}

fn finding(ix: &PopularIndex, pkg: &Package, tier: Tier, rel: &Relation) -> Finding {
    let target = ix.entry(rel.entry);
    let name = pkg.name.report_name();
    let rank = format!(
        "{} is #{} of the popular {} packages",
        target.display,
        target.rank + 1,
        ix.ecosystem()
    );
    let downloads = target
        .downloads
        .map(|d| format!(" ({} downloads in the list's period)", thousands(d)))
        .unwrap_or_default();
    let repeated = matches!(
        rel.kind,
        Kind::Edit(edits::Edit::Addition { repeated: true })
    );
    let mut f = Finding::new(
        CheckId::Typosquat,
        tier.code(),
        format!(
            "\"{name}\" looks like a typosquat of \"{}\" ({}; {rank})",
            target.display,
            rules::phrase(rel.kind),
        ),
    )
    .with_reason(rules::reason(rel.kind, repeated))
    .with_detail(format!(
        "{name} is not on the popular-package list; {rank}{downloads}. Strength: {}.",
        match tier {
            Tier::Strict => "strong (a typical typosquat transformation)",
            Tier::Weak => "weak (a looser resemblance; may be a legitimate package)",
        }
    ));
    f.similar_to = Some(target.display.clone());
    f
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
