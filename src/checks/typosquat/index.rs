//! The index of one ecosystem's popular names (built here, queried in
//! `query.rs`, cached on disk by `store.rs`).
//!
//! No scan of the list per query: every lookup goes to a table keyed by
//! 64-bit hashes (`table.rs`; collisions are harmless: every hit is
//! verified). Tables:
//! - names, skeletons, words (sorted tokens), reversed two-word names, and
//!   the leading words of multi-word names (hosts of plugins);
//! - keys and affix-stripped forms, and their one-character deletions
//!   (symmetric-delete neighbourhoods: a one-edit match shares a deletion);
//! - for the most popular names only, deletions up to two characters (the
//!   two-edit rule only applies to them);
//! - sound codes of names of 7+ letters, and (PyPI) the cores of names under
//!   a binding affix (`py…`, `lib…`, `…lib`);
//! - npm scopes: bodies of scoped names, `scope+body` concatenations, scopes.

use super::names::{self, MAX_NAME};
use super::table::Table;
use crate::ecosystem::Ecosystem;

pub use super::relation::{Kind, Relation};

/// Names ranked above this get two-edit neighbourhoods.
pub const TOP_FOR_TWO_EDITS: u32 = 1000;

/// Shortest key compared by sound: short names share sounds by chance.
pub const PHONETIC_MIN: usize = 7;
/// Shortest core compared under two binding affixes (`libcurl`/`pycurl`).
pub const CORE_MIN: usize = 4;
/// Shortest core compared with its binding affix dropped (`smb` for `pysmb`).
pub const BARE_CORE_MIN: usize = 3;

/// One popular name.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Normalized, lower case.
    pub name: String,
    /// As the list spells it (`serde_json`), for messages.
    pub display: String,
    pub rank: u32,
    pub downloads: Option<u64>,
}

/// Calls `f` with every string one deletion away from `s`.
pub(super) fn for_each_deletion(s: &[u8], buf: &mut Vec<u8>, mut f: impl FnMut(&[u8])) {
    for i in 0..s.len() {
        if i > 0 && s[i] == s[i - 1] {
            continue; // same string as the previous deletion
        }
        buf.clear();
        buf.extend_from_slice(&s[..i]);
        buf.extend_from_slice(&s[i + 1..]);
        f(buf);
    }
}

/// Calls `f` with `s` and every string up to two deletions away (some more
/// than once; callers tolerate duplicates). No allocation per string.
pub(super) fn for_each_near(s: &[u8], f: &mut impl FnMut(&[u8])) {
    f(s);
    let mut one = Vec::with_capacity(s.len());
    let mut two = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        if i > 0 && s[i] == s[i - 1] {
            continue;
        }
        one.clear();
        one.extend_from_slice(&s[..i]);
        one.extend_from_slice(&s[i + 1..]);
        f(&one);
        for_each_deletion(&one, &mut two, |d| f(d));
    }
}

pub(super) struct TargetForm {
    pub(super) entry: u32,
    pub(super) text: Box<[u8]>,
    pub(super) affixed: bool,
}

/// The index of one ecosystem's popular names.
pub struct PopularIndex {
    pub(super) eco: Ecosystem,
    pub(super) entries: Vec<Entry>,
    pub(super) forms: Vec<TargetForm>,
    pub(super) names: Table,
    pub(super) form_exact: Table,
    pub(super) deletions: Table,
    pub(super) near_top: Table,
    pub(super) skeletons: Table,
    pub(super) words: Table,
    pub(super) reversed: Table,
    pub(super) bodies: Table,
    pub(super) scope_concat: Table,
    pub(super) scopes: Table,
    /// Leading words of multi-word names (`gulp` of `gulp-watch`): a popular
    /// name that other popular names extend is a "host" (plugins, add-ons).
    pub(super) prefixes: Table,
    /// Phonetic codes of keys (`names::phonetic`).
    pub(super) phonetic: Table,
    /// PyPI: cores under a binding affix (`names::binding_cores`).
    pub(super) cores: Table,
}

impl PopularIndex {
    /// Builds the index of a list in popularity order (duplicates keep their first rank).
    pub fn build(eco: Ecosystem, list: &[crate::popular::Popular]) -> PopularIndex {
        let mut ix = PopularIndex {
            eco,
            entries: Vec::with_capacity(list.len()),
            forms: Vec::new(),
            names: Table::default(),
            form_exact: Table::default(),
            deletions: Table::default(),
            near_top: Table::default(),
            skeletons: Table::default(),
            words: Table::default(),
            reversed: Table::default(),
            bodies: Table::default(),
            scope_concat: Table::default(),
            scopes: Table::default(),
            prefixes: Table::default(),
            phonetic: Table::default(),
            cores: Table::default(),
        };
        let mut seen = std::collections::HashSet::new();
        let mut buf = Vec::new();
        for p in list {
            let name = eco.normalize(&p.name).to_ascii_lowercase();
            if name.is_empty() || name.len() > MAX_NAME || !seen.insert(name.clone()) {
                continue;
            }
            let id = ix.entries.len() as u32;
            let rank = id;
            ix.names.add(name.as_bytes(), id);
            let (scope, body) = names::split_scope(&name);
            if let Some(scope) = scope {
                ix.bodies.add(body.as_bytes(), id);
                ix.scopes.add(scope.as_bytes(), id);
                let joined = names::key(&format!("{scope}-{body}"));
                ix.scope_concat.add(joined.as_bytes(), id);
            } else {
                ix.index_unscoped(id, rank, body, &mut buf);
            }
            ix.entries.push(Entry {
                name,
                display: p.name.trim().to_string(),
                rank,
                downloads: p.downloads,
            });
        }
        for t in [
            &mut ix.names,
            &mut ix.form_exact,
            &mut ix.deletions,
            &mut ix.near_top,
            &mut ix.skeletons,
            &mut ix.words,
            &mut ix.reversed,
            &mut ix.bodies,
            &mut ix.scope_concat,
            &mut ix.scopes,
            &mut ix.prefixes,
            &mut ix.phonetic,
            &mut ix.cores,
        ] {
            t.finish();
        }
        ix
    }

    fn index_unscoped(&mut self, id: u32, rank: u32, body: &str, buf: &mut Vec<u8>) {
        let key = names::key(body);
        self.skeletons.add(names::skeleton(&key).as_bytes(), id);
        if key.len() >= PHONETIC_MIN {
            self.phonetic.add(names::phonetic(&key).as_bytes(), id);
        }
        if self.eco == Ecosystem::PyPI {
            for (core, _) in names::binding_cores(&key) {
                if core.len() >= BARE_CORE_MIN {
                    self.cores.add(core.as_bytes(), id);
                }
            }
        }
        let toks = names::tokens(body);
        if toks.len() > 1 {
            let mut sorted = toks.clone();
            sorted.sort_unstable();
            self.words.add(sorted.join("\0").as_bytes(), id);
        }
        if let [a, b] = toks.as_slice() {
            self.reversed.add(format!("{b}{a}").as_bytes(), id);
        }
        for i in 1..toks.len() {
            self.prefixes.add(toks[..i].join("-").as_bytes(), id);
        }
        let mut forms = vec![(key.clone(), false)];
        forms.extend(
            names::stripped_forms(self.eco, &key, false)
                .into_iter()
                .map(|f| (f.text, true)),
        );
        for (text, affixed) in forms {
            let fid = self.forms.len() as u32;
            self.form_exact.add(text.as_bytes(), fid);
            if text.len() >= 3 {
                let deletions = &mut self.deletions;
                for_each_deletion(text.as_bytes(), buf, |d| deletions.add(d, fid));
            }
            if !affixed && rank < TOP_FOR_TWO_EDITS && text.len() >= 5 {
                let near_top = &mut self.near_top;
                for_each_near(text.as_bytes(), &mut |d| near_top.add(d, fid));
            }
            self.forms.push(TargetForm {
                entry: id,
                text: text.into_bytes().into_boxed_slice(),
                affixed,
            });
        }
    }

    /// The tables in their stored order (see `store.rs`).
    pub(super) fn tables(&self) -> [&Table; 13] {
        [
            &self.names,
            &self.form_exact,
            &self.deletions,
            &self.near_top,
            &self.skeletons,
            &self.words,
            &self.reversed,
            &self.bodies,
            &self.scope_concat,
            &self.scopes,
            &self.prefixes,
            &self.phonetic,
            &self.cores,
        ]
    }

    pub fn ecosystem(&self) -> Ecosystem {
        self.eco
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The entry of an exact (normalized, lower-case) name.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.names
            .get(name.as_bytes())
            .find(|&id| self.entries[id as usize].name == name)
    }

    pub(super) fn has_scope(&self, scope: &str) -> bool {
        self.scopes
            .get(scope.as_bytes())
            .any(|id| names::split_scope(&self.entries[id as usize].name).0 == Some(scope))
    }
}
