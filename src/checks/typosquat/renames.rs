//! Resemblances that are not one slip of the hand: a popular name with an
//! abbreviation spelled out (`fairsequence` for `fairseq`), a dropped letter
//! *and* a swap (`mogobd` for `mongodb`), and a PyPI project's import name
//! used as a distribution name (`python-mysqldb`, `sklearn`, `cv2`).
//!
//! All three are looked up, not scanned: the abbreviation is folded back
//! and the key looked up among the popular keys; the swap is undone in each
//! place and looked up among the popular names' one-letter deletions; import
//! names come from a shipped table (`pypi-imports.tsv`, see `imports.rs`).

use super::edits;
use super::imports;
use super::index::{Kind, PopularIndex, Relation};
use super::names;
use crate::ecosystem::Ecosystem;

/// Abbreviations that package names use, and the word each stands for.
/// A squat spells out the abbreviation at the end of a popular name. Kept
/// to abbreviations with one reading (`cli` is "client" as often as
/// "command line", so it is not here).
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("seq", "sequence"),
    ("lib", "library"),
    ("db", "database"),
    ("cfg", "config"),
    ("conf", "config"),
    ("util", "utility"),
    ("utils", "utilities"),
    ("img", "image"),
    ("msg", "message"),
    ("req", "request"),
    ("str", "string"),
    ("num", "number"),
    ("fmt", "format"),
    ("env", "environment"),
    ("pkg", "package"),
    ("doc", "document"),
    ("docs", "documentation"),
    ("app", "application"),
    ("ctx", "context"),
    ("btn", "button"),
    ("mgr", "manager"),
    ("auth", "authentication"),
    ("info", "information"),
    ("proto", "protocol"),
    ("gen", "generator"),
    ("calc", "calculator"),
    ("stats", "statistics"),
    ("algo", "algorithm"),
];

/// The part of a popular name before its abbreviation: at least this long,
/// so that a short name is not read as one (`mydb` is not `my` + `db`).
pub const ABBREVIATED_STEM_MIN: usize = 3;

/// The shortest key an omission-plus-swap is looked for in.
pub const OMIT_SWAP_MIN: usize = 6;

impl PopularIndex {
    /// The resemblances of this module for an unscoped key.
    /// `forms`: the key and its stripped forms, as `query.rs` made them.
    pub(super) fn renames(&self, key: &str, forms: &[names::Form], out: &mut Vec<Relation>) {
        self.abbreviations(key, out);
        self.omit_swaps(key, out);
        if self.eco == Ecosystem::PyPI {
            self.import_names(forms, out);
        }
    }

    /// `fairsequence` for `fairseq`: the key ends in a word whose
    /// abbreviation ends a popular key.
    fn abbreviations(&self, key: &str, out: &mut Vec<Relation>) {
        for &(abbr, word) in ABBREVIATIONS {
            let Some(stem) = key.strip_suffix(word) else {
                continue;
            };
            if stem.len() < ABBREVIATED_STEM_MIN {
                continue;
            }
            let short = format!("{stem}{abbr}");
            for fid in self.form_exact.get(short.as_bytes()) {
                let tf = &self.forms[fid as usize];
                if !tf.affixed && *tf.text == *short.as_bytes() {
                    out.push(Relation::named(tf.entry, Kind::Abbreviation, short.len()));
                }
            }
        }
    }

    /// `mogobd` for `mongodb`: undo one adjacent swap, and what is left is
    /// a popular key with one letter dropped.
    fn omit_swaps(&self, key: &str, out: &mut Vec<Relation>) {
        let k = key.as_bytes();
        if k.len() < OMIT_SWAP_MIN {
            return;
        }
        let mut swapped = k.to_vec();
        for i in 0..k.len() - 1 {
            if k[i] == k[i + 1] {
                continue;
            }
            swapped.swap(i, i + 1);
            for fid in self.deletions.get(&swapped) {
                let tf = &self.forms[fid as usize];
                let t = &*tf.text;
                if !tf.affixed
                    && t.len() == k.len() + 1
                    && edits::classify(&swapped, t) == Some(edits::Edit::Omission)
                    && edits::distance(k, t, 1) > 1
                {
                    out.push(Relation::named(tf.entry, Kind::OmitSwap, k.len()));
                }
            }
            swapped.swap(i, i + 1);
        }
    }

    /// `sklearn` for `scikit-learn`, `python-mysqldb` for `mysqlclient`:
    /// the name a project is imported by, as a distribution name.
    fn import_names(&self, forms: &[names::Form], out: &mut Vec<Relation>) {
        for form in forms {
            if form.text.len() < imports::IMPORT_MIN || form.affixes.contains(&"version") {
                continue;
            }
            for dist in imports::distributions(&form.text) {
                if let Some(id) = self.find(dist) {
                    out.push(Relation {
                        affixed: !form.affixes.is_empty(),
                        ..Relation::named(id, Kind::ImportName, form.text.len())
                    });
                }
            }
        }
    }
}
