//! The index of one ecosystem's popular names, and the query that finds
//! every popular name a candidate resembles.
//!
//! No scan of the list per query: every lookup is a binary search in a
//! sorted table of 64-bit hashes (collisions are harmless: every hit is
//! verified). Tables:
//! - names, skeletons, words (sorted tokens), reversed two-word names;
//! - keys and affix-stripped forms, and their one-character deletions
//!   (symmetric-delete neighbourhoods: a one-edit match shares a deletion);
//! - for the most popular names only, deletions up to two characters (the
//!   two-edit rule only applies to them);
//! - npm scopes: bodies of scoped names, `scope+body` concatenations, scopes.

use super::edits::{self, Edit};
use super::names::{self, MAX_NAME};
use super::table::Table;
use crate::ecosystem::Ecosystem;

/// Names ranked above this get two-edit neighbourhoods.
pub const TOP_FOR_TWO_EDITS: u32 = 1000;

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

/// How a candidate resembles a popular name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `angular-cli` for `@angular/cli`: the scope merged into the name.
    ScopeConcat,
    /// `arm-network` for `@azure/arm-network`: the scope dropped.
    ScopeBare {
        words: usize,
    },
    /// `@azur/arm-network` for `@azure/arm-network`: a near-miss scope.
    ScopeTypo,
    /// Equal once look-alike characters are folded (`1odash`).
    Homoglyph,
    /// Equal once delimiters are dropped (`crossenv`, `setup-tools`).
    Delimiter,
    Edit(Edit),
    /// A version digit added (`mitmproxy2`) or dropped (`urllib` for `urllib3`).
    VersionDigit {
        added: bool,
    },
    /// Equal once affixes are stripped (`typescriptjs`, `node-spdy`).
    Affix,
    Distance2,
    /// The same words in another order (`nmap-python`).
    WordOrder,
    /// Two popular names joined (`beautifulsoup-requests`), the first of which
    /// no popular package extends: a combosquat.
    Combination,
}

/// One resemblance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relation {
    pub entry: u32,
    pub kind: Kind,
    /// The length the resemblance is judged against (see `names::judged_len`).
    pub len: usize,
    /// Affixes were stripped on either side to find it.
    pub affixed: bool,
    /// The edit is a plausible slip (see `edits::plausible`).
    pub plausible: bool,
}

/// Calls `f` with every string one deletion away from `s`.
fn for_each_deletion(s: &[u8], buf: &mut Vec<u8>, mut f: impl FnMut(&[u8])) {
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
fn for_each_near(s: &[u8], f: &mut impl FnMut(&[u8])) {
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
                let joined = names::key(None, &format!("{scope}-{body}"));
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
        ] {
            t.finish();
        }
        ix
    }

    fn index_unscoped(&mut self, id: u32, rank: u32, body: &str, buf: &mut Vec<u8>) {
        let key = names::key(None, body);
        self.skeletons.add(names::skeleton(&key).as_bytes(), id);
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
    pub(super) fn tables(&self) -> [&Table; 11] {
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

    fn has_scope(&self, scope: &str) -> bool {
        self.scopes
            .get(scope.as_bytes())
            .any(|id| names::split_scope(&self.entries[id as usize].name).0 == Some(scope))
    }

    /// Every popular name `name` (normalized, lower case) resembles. Empty
    /// when the name is itself popular.
    pub fn relations(&self, name: &str) -> Vec<Relation> {
        let mut out = Vec::new();
        if name.len() > MAX_NAME || self.find(name).is_some() {
            return out;
        }
        let (scope, body) = names::split_scope(name);
        match scope {
            Some(scope) => self.scoped(scope, body, &mut out),
            None => self.unscoped(body, &mut out),
        }
        out.retain(|r| self.entries[r.entry as usize].name != name);
        out
    }

    fn push(out: &mut Vec<Relation>, entry: u32, kind: Kind, len: usize) {
        out.push(Relation {
            entry,
            kind,
            len,
            affixed: false,
            plausible: true,
        });
    }

    /// A scope belongs to one account: names in a popular scope are that
    /// owner's own, so only a look-alike *scope* is suspicious.
    fn scoped(&self, scope: &str, body: &str, out: &mut Vec<Relation>) {
        if self.has_scope(scope) || scope.len() < 4 {
            return;
        }
        for id in self.bodies.get(body.as_bytes()) {
            let (their, their_body) = names::split_scope(&self.entries[id as usize].name);
            if their_body == body
                && let Some(their) = their
                && their.len() >= 3
                && edits::distance(scope.as_bytes(), their.as_bytes(), 1) == 1
            {
                Self::push(out, id, Kind::ScopeTypo, scope.len());
            }
        }
    }

    fn unscoped(&self, body: &str, out: &mut Vec<Relation>) {
        let key = names::key(None, body);
        let toks = names::tokens(body);
        if self.eco == Ecosystem::Npm {
            for id in self.bodies.get(body.as_bytes()) {
                if names::split_scope(&self.entries[id as usize].name).1 == body {
                    Self::push(out, id, Kind::ScopeBare { words: toks.len() }, key.len());
                }
            }
            for id in self.scope_concat.get(key.as_bytes()) {
                let (s, b) = names::split_scope(&self.entries[id as usize].name);
                if names::key(None, &format!("{}-{b}", s.unwrap_or(""))) == key {
                    Self::push(out, id, Kind::ScopeConcat, key.len());
                }
            }
        }
        let skel = names::skeleton(&key);
        for id in self.skeletons.get(skel.as_bytes()) {
            let theirs = names::key(None, &self.entries[id as usize].name);
            if names::skeleton(&theirs) == skel {
                let kind = if theirs == key {
                    Kind::Delimiter
                } else {
                    Kind::Homoglyph
                };
                Self::push(out, id, kind, key.len());
            }
        }
        if toks.len() > 1 {
            let mut sorted = toks.clone();
            sorted.sort_unstable();
            for id in self.words.get(sorted.join("\0").as_bytes()) {
                let mut theirs = names::tokens(&self.entries[id as usize].name);
                theirs.sort_unstable();
                if theirs == sorted {
                    Self::push(out, id, Kind::WordOrder, key.len());
                }
            }
        }
        self.combinations(&toks, out);
        for id in self.reversed.get(key.as_bytes()) {
            if let [a, b] = names::tokens(&self.entries[id as usize].name).as_slice()
                && format!("{b}{a}") == key
            {
                Self::push(out, id, Kind::WordOrder, key.len());
            }
        }
        self.edits(&key, out);
    }

    /// `a-b` where `a` and `b` are both popular names (4+ letters) and no
    /// popular name starts with `a-`: plugins of a host (`gulp-watch`,
    /// `requests-toolbelt`) are the legitimate way to join names, and they
    /// make their host a prefix of other popular names.
    fn combinations(&self, toks: &[String], out: &mut Vec<Relation>) {
        for i in 1..toks.len() {
            let (a, b) = (toks[..i].join("-"), toks[i..].join("-"));
            if a.len() < 4 || b.len() < 4 || self.is_host(&a) {
                continue;
            }
            if let (Some(ia), Some(_)) = (self.find(&a), self.find(&b)) {
                Self::push(out, ia, Kind::Combination, a.len());
            }
        }
    }

    fn is_host(&self, words: &str) -> bool {
        self.prefixes.get(words.as_bytes()).any(|id| {
            let toks = names::tokens(&self.entries[id as usize].name);
            (1..toks.len()).any(|i| toks[..i].join("-") == words)
        })
    }

    /// Affix, one-edit and two-edit resemblances of the key and its stripped forms.
    fn edits(&self, key: &str, out: &mut Vec<Relation>) {
        let mut forms = vec![names::Form {
            text: key.to_string(),
            affixes: Vec::new(),
        }];
        forms.extend(names::stripped_forms(self.eco, key, true));
        let mut buf = Vec::new();
        for cf in &forms {
            let c = cf.text.as_bytes();
            let c_affixed = !cf.affixes.is_empty();
            for fid in self.form_exact.get(c) {
                let tf = &self.forms[fid as usize];
                if *tf.text == *c && (c_affixed || tf.affixed) {
                    let version = cf.affixes == ["version"] && !tf.affixed;
                    out.push(Relation {
                        entry: tf.entry,
                        kind: if version {
                            Kind::VersionDigit { added: true }
                        } else {
                            Kind::Affix
                        },
                        len: c.len(),
                        affixed: true,
                        plausible: true,
                    });
                }
            }
            if c.len() < 3 || cf.affixes.contains(&"version") {
                continue;
            }
            let mut found: Vec<u32> = Vec::new();
            for_each_deletion(c, &mut buf, |d| {
                found.extend(self.deletions.get(d));
                found.extend(self.form_exact.get(d));
            });
            found.extend(self.deletions.get(c));
            if !c_affixed && c.len() >= 5 {
                for_each_near(c, &mut |d| found.extend(self.near_top.get(d)));
            }
            found.sort_unstable();
            found.dedup();
            for fid in found {
                let tf = &self.forms[fid as usize];
                if let Some(rel) = self.compare(c, c_affixed, tf) {
                    out.push(rel);
                }
            }
        }
    }

    fn compare(&self, c: &[u8], c_affixed: bool, tf: &TargetForm) -> Option<Relation> {
        let t = &*tf.text;
        let affixed = c_affixed || tf.affixed;
        let len = if affixed {
            c.len().min(t.len())
        } else {
            names::judged_len(c, t)
        };
        let (kind, plausible) = match edits::distance(c, t, 2) {
            1 => {
                let edit = edits::classify(c, t)?;
                let digit_only = |long: &[u8], short: &[u8]| {
                    long.len() == short.len() + 1
                        && long.last().is_some_and(u8::is_ascii_digit)
                        && long[..short.len()] == *short
                };
                if !affixed && (digit_only(c, t) || digit_only(t, c)) {
                    (
                        Kind::VersionDigit {
                            added: c.len() > t.len(),
                        },
                        true,
                    )
                } else {
                    (Kind::Edit(edit), edits::plausible(c, t))
                }
            }
            2 if !affixed => (Kind::Distance2, edits::plausible2(c, t)),
            _ => return None,
        };
        Some(Relation {
            entry: tf.entry,
            kind,
            len,
            affixed,
            plausible,
        })
    }
}
