//! The query side of the typosquat index: every popular name a candidate
//! resembles, as [`Relation`]s (which ones are alerts is `rules.rs`'s call).

use super::edits;
use super::index::{Kind, PopularIndex, Relation, TargetForm, for_each_deletion, for_each_near};
use super::names::{self, MAX_NAME};
use crate::ecosystem::Ecosystem;

impl PopularIndex {
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
        out.push(Relation::named(entry, kind, len));
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
        let key = names::key(body);
        let toks = names::tokens(body);
        if self.eco == Ecosystem::Npm {
            for id in self.bodies.get(body.as_bytes()) {
                if names::split_scope(&self.entries[id as usize].name).1 == body {
                    Self::push(out, id, Kind::ScopeBare { words: toks.len() }, key.len());
                }
            }
            for id in self.scope_concat.get(key.as_bytes()) {
                let (s, b) = names::split_scope(&self.entries[id as usize].name);
                if names::key(&format!("{}-{b}", s.unwrap_or(""))) == key {
                    Self::push(out, id, Kind::ScopeConcat, key.len());
                }
            }
        }
        let skel = names::skeleton(&key);
        for id in self.skeletons.get(skel.as_bytes()) {
            let theirs = names::key(&self.entries[id as usize].name);
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
        self.sounds_and_swaps(&key, out);
        for id in self.reversed.get(key.as_bytes()) {
            if let [a, b] = names::tokens(&self.entries[id as usize].name).as_slice()
                && format!("{b}{a}") == key
            {
                Self::push(out, id, Kind::WordOrder, key.len());
            }
        }
        let mut forms = vec![names::Form {
            text: key.clone(),
            affixes: Vec::new(),
        }];
        forms.extend(names::stripped_forms(self.eco, &key, true));
        self.edits(&forms, out);
        self.renames(&key, &forms, out);
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

    /// Same sound (`deezcord`/`discord`): same first letter, about the
    /// same length, at most three edits; the same core under another
    /// binding affix (`libcurl`/`pycurl`) or none (`smb`/`pysmb`).
    fn sounds_and_swaps(&self, key: &str, out: &mut Vec<Relation>) {
        if key.len() >= super::index::PHONETIC_MIN {
            let code = names::phonetic(key);
            for id in self.phonetic.get(code.as_bytes()) {
                let theirs = names::key(&self.entries[id as usize].name);
                if theirs != key
                    && theirs.as_bytes().first() == key.as_bytes().first()
                    && theirs.len().abs_diff(key.len()) <= 1
                    && edits::distance(key.as_bytes(), theirs.as_bytes(), 3) <= 3
                    && names::phonetic(&theirs) == code
                {
                    Self::push(out, id, Kind::Phonetic, key.len().min(theirs.len()));
                }
            }
        }
        if self.eco != Ecosystem::PyPI {
            return;
        }
        for (core, how) in names::binding_cores(key) {
            if core.len() < super::index::CORE_MIN {
                continue;
            }
            for id in self.cores.get(core.as_bytes()) {
                let theirs = names::key(&self.entries[id as usize].name);
                if theirs != key
                    && names::binding_cores(&theirs)
                        .iter()
                        .any(|&(c, h)| c == core && h != how)
                {
                    Self::push(out, id, Kind::AffixSwap { bare: false }, core.len());
                }
            }
        }
        // The bare core of a binding: what `import smb` suggests for `pysmb`.
        if key.len() >= super::index::BARE_CORE_MIN {
            for id in self.cores.get(key.as_bytes()) {
                let theirs = names::key(&self.entries[id as usize].name);
                if names::binding_cores(&theirs).iter().any(|&(c, _)| c == key) {
                    Self::push(out, id, Kind::AffixSwap { bare: true }, key.len());
                }
            }
        }
    }

    fn is_host(&self, words: &str) -> bool {
        self.prefixes.get(words.as_bytes()).any(|id| {
            let toks = names::tokens(&self.entries[id as usize].name);
            (1..toks.len()).any(|i| toks[..i].join("-") == words)
        })
    }

    /// Affix, one-edit and two-edit resemblances of the key and its stripped
    /// forms (`forms[0]` is the key itself).
    fn edits(&self, forms: &[names::Form], out: &mut Vec<Relation>) {
        let mut buf = Vec::new();
        for cf in forms {
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
                        full: c.len(),
                        ends: false,
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
            full: c.len().min(t.len()),
            ends: c.first() == t.first() && c.last() == t.last(),
        })
    }
}
