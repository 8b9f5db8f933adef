//! Which resemblances are alerts, and how strong.
//!
//! The rules trade recall on real, labelled typosquats against false alarms
//! on the packages of real lockfiles (docs/BENCHMARKS.md, "Typosquat"). The
//! principles behind the numbers:
//! - the shorter the name, the more legitimate neighbours it has: one edit in
//!   a 4-letter word is a different word more often than a slip;
//! - a swap of two letters, a look-alike character, a dropped delimiter or an
//!   added `-js` are squats' signatures and hardly ever legitimate;
//! - an implausible edit (not a neighbouring key, not a vowel, not a
//!   look-alike) is evidence only on long names or against well-known targets;
//! - two edits are only worth flagging against the most popular names, which
//!   is where attackers aim.

use super::index::{Kind, Relation};
use crate::ecosystem::Ecosystem;
use crate::finding::Action;

/// Well-known: the top of a popular list (rank is 0-based).
pub const WELL_KNOWN: u32 = 1000;
/// Very well known: two-edit look-alikes of these are flagged on short names.
pub const FAMOUS: u32 = 100;
/// Weak resemblances count only against this many names: beyond them (npm's
/// default list runs to ~50,000 names), only the strict rules apply.
pub const WEAK_TOP: u32 = 15_000;

/// How strong an alert is: the strict tier maps to code `typosquat`
/// (block by default), the weak one to `typosquat-weak` (ask).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Weak,
    Strict,
}

impl Tier {
    pub fn code(self) -> &'static str {
        match self {
            Tier::Strict => crate::codes::TYPOSQUAT,
            Tier::Weak => crate::codes::TYPOSQUAT_WEAK,
        }
    }

    pub fn default_action(self) -> Action {
        match self {
            Tier::Strict => Action::Block,
            Tier::Weak => Action::Ask,
        }
    }
}

/// The tier of one resemblance to a target of `rank`, or `None` (no alert).
pub fn tier(eco: Ecosystem, r: &Relation, rank: u32) -> Option<Tier> {
    use super::edits::Edit;
    use Tier::{Strict, Weak};
    let l = r.len;
    let known = rank < WELL_KNOWN;
    let t = match r.kind {
        Kind::ScopeConcat | Kind::ScopeTypo | Kind::WordOrder => Strict,
        Kind::ScopeBare { words } => (words >= 2).then_some(Weak)?,
        Kind::Combination => Weak,
        // `deezcord` for `discord`, `libcurl` for `pycurl`: gated in `query.rs`.
        Kind::Phonetic | Kind::AffixSwap { bare: false } => Weak,
        // `smb` for `pysmb`: the bare core of a well-known binding, the name
        // its `import` line suggests.
        Kind::AffixSwap { bare: true } => (rank < 3 * WELL_KNOWN).then_some(Weak)?,
        // `fairsequence` for `fairseq`, `sklearn` for `scikit-learn`.
        Kind::Abbreviation | Kind::ImportName => Weak,
        // `mogobd` for `mongodb`: the two commonest slips at once, on a
        // well-known name.
        Kind::OmitSwap => (rank < 3 * WELL_KNOWN).then_some(Weak)?,
        Kind::Homoglyph | Kind::Delimiter => (l >= 6).then_some(Strict)?,
        Kind::Affix => (l >= 3 || (l >= 2 && eco == Ecosystem::Npm)).then_some(Strict)?,
        // `mitmproxy2`: a popular name plus a version digit; `urllib` for
        // `urllib3`: versioned names (boto/boto3) are often both legitimate.
        Kind::VersionDigit { added: true } => Weak,
        Kind::VersionDigit { added: false } => known.then_some(Weak)?,
        Kind::Edit(Edit::Transposition) => (l >= 4).then_some(Strict)?,
        Kind::Edit(Edit::Omission) => match l {
            5.. => Strict,
            4 => Weak,
            3 if known => Weak,
            _ => return None,
        },
        Kind::Edit(Edit::Addition { .. }) if r.plausible => match l {
            5.. => Strict,
            4 => Weak,
            3 if known => Weak,
            _ => return None,
        },
        // `pygacme`: judged on `game`, but the whole name is six letters;
        // `tiar`: any added letter in a well-known three-letter name.
        Kind::Edit(Edit::Addition { .. }) => (l >= 6
            || (l >= 5 && known)
            || (l == 3 && known && !r.affixed)
            || (l >= 4 && r.full >= 6 && !r.affixed && rank < 3 * WELL_KNOWN))
            .then_some(Weak)?,
        Kind::Edit(Edit::Substitution) if r.plausible => match l {
            5.. => Strict,
            4 if known => Weak,
            _ => return None,
        },
        Kind::Edit(Edit::Substitution) => {
            (l >= 10 || (l >= 7 && rank < 3 * WELL_KNOWN) || (l >= 6 && rank < FAMOUS))
                .then_some(Weak)?
        }
        // Two slips: against the most popular names (judged on the whole
        // name: `aiohtttps`), on long names, or keeping the first and last
        // letters of a well-known one (`rceat`).
        Kind::Distance2 => (r.plausible
            && !r.affixed
            && (((l >= 5 || r.full >= 6) && rank < FAMOUS)
                || (l >= 9 && known)
                || l >= 10
                || (l >= 5 && r.ends && known)))
            .then_some(Weak)?,
    };
    // An edit found only after stripping affixes is weaker evidence.
    let t = if r.affixed && matches!(r.kind, Kind::Edit(_)) {
        Weak
    } else {
        t
    };
    (t == Strict || rank < WEAK_TOP).then_some(t)
}

/// How specific a resemblance is, to choose between several to one target:
/// a named transformation beats a generic edit.
pub fn specificity(kind: Kind) -> u8 {
    use super::edits::Edit;
    match kind {
        Kind::ScopeConcat | Kind::ScopeTypo | Kind::ScopeBare { .. } => 6,
        Kind::Homoglyph | Kind::Delimiter | Kind::WordOrder => 5,
        Kind::Combination | Kind::Phonetic => 1,
        Kind::AffixSwap { .. } | Kind::ImportName => 4,
        Kind::Abbreviation => 3,
        Kind::Affix | Kind::VersionDigit { .. } => 4,
        Kind::Edit(Edit::Transposition) => 3,
        Kind::Edit(_) => 2,
        Kind::Distance2 | Kind::OmitSwap => 1,
    }
}

/// The machine-readable reason (`reason` in reports; stable strings).
pub fn reason(kind: Kind, repeated: bool) -> &'static str {
    use super::edits::Edit;
    match kind {
        Kind::ScopeConcat | Kind::ScopeBare { .. } => "scope-confusion",
        Kind::ScopeTypo => "scope-typo",
        Kind::Homoglyph => "homoglyph",
        Kind::Delimiter => "delimiter",
        Kind::Edit(Edit::Transposition) => "transposition",
        Kind::Edit(Edit::Omission) => "omission",
        Kind::Edit(Edit::Addition { .. }) if repeated => "repetition",
        Kind::Edit(Edit::Addition { .. }) => "addition",
        Kind::Edit(Edit::Substitution) => "substitution",
        Kind::VersionDigit { .. } => "version-affix",
        Kind::Affix => "affix",
        Kind::Distance2 | Kind::OmitSwap => "two-edits",
        Kind::WordOrder => "word-order",
        Kind::Combination => "combination",
        Kind::Phonetic => "sound-alike",
        Kind::AffixSwap { .. } => "affix-swap",
        Kind::Abbreviation => "abbreviation",
        Kind::ImportName => "import-name",
    }
}

/// The same, for a sentence: "(transposed letters; …)".
pub fn phrase(kind: Kind) -> &'static str {
    use super::edits::Edit;
    match kind {
        Kind::ScopeConcat => "the npm scope merged into the name",
        Kind::ScopeBare { .. } => "the npm scope dropped",
        Kind::ScopeTypo => "a look-alike npm scope",
        Kind::Homoglyph => "look-alike characters",
        Kind::Delimiter => "different separators",
        Kind::Edit(Edit::Transposition) => "transposed letters",
        Kind::Edit(Edit::Omission) => "a missing letter",
        Kind::Edit(Edit::Addition { repeated: true }) => "a doubled letter",
        Kind::Edit(Edit::Addition { .. }) => "an extra letter",
        Kind::Edit(Edit::Substitution) => "one letter changed",
        Kind::VersionDigit { added: true } => "a version number added",
        Kind::VersionDigit { added: false } => "a version number dropped",
        Kind::Affix => "an added or dropped affix such as -js, node- or python-",
        Kind::Distance2 => "two small edits",
        Kind::WordOrder => "the same words in another order",
        Kind::Combination => "two popular names joined",
        Kind::Phonetic => "a name that sounds the same",
        Kind::AffixSwap { bare: false } => "the same name under another binding prefix or suffix",
        Kind::AffixSwap { bare: true } => "the name without its binding prefix or suffix",
        Kind::Abbreviation => "an abbreviation spelled out",
        Kind::OmitSwap => "a missing letter and two letters swapped",
        Kind::ImportName => "its import name, not the name it is published under",
    }
}

#[cfg(test)]
mod tests {
    use super::super::edits::Edit;
    use super::*;

    fn rel(kind: Kind, len: usize, plausible: bool) -> Relation {
        Relation {
            entry: 0,
            kind,
            len,
            affixed: false,
            plausible,
            full: len,
            ends: false,
        }
    }

    #[test]
    fn table() {
        let npm = Ecosystem::Npm;
        let sub = Kind::Edit(Edit::Substitution);
        let add = Kind::Edit(Edit::Addition { repeated: false });
        let bare = Kind::AffixSwap { bare: true };
        let rows: &[(Relation, u32, Option<Tier>)] = &[
            (
                rel(Kind::Edit(Edit::Transposition), 6, true),
                12_000,
                Some(Tier::Strict),
            ),
            (rel(Kind::Edit(Edit::Transposition), 3, true), 0, None),
            (rel(sub, 5, true), 9_000, Some(Tier::Strict)),
            (rel(sub, 4, true), 500, Some(Tier::Weak)),
            (rel(sub, 4, true), 5_000, None),
            (rel(sub, 9, false), 11_000, None),
            (rel(sub, 8, false), 2_000, Some(Tier::Weak)),
            (rel(add, 3, false), 500, Some(Tier::Weak)),
            (rel(add, 3, false), 5_000, None),
            (rel(bare, 3, true), 2_000, Some(Tier::Weak)),
            (rel(bare, 3, true), 5_000, None),
            // past the top 15,000, only strict resemblances
            (rel(sub, 6, true), 40_000, Some(Tier::Strict)),
            (
                rel(Kind::Edit(Edit::Omission), 4, true),
                14_000,
                Some(Tier::Weak),
            ),
            (rel(Kind::Edit(Edit::Omission), 4, true), 20_000, None),
            (rel(Kind::Distance2, 6, true), 50, Some(Tier::Weak)),
            (rel(Kind::Distance2, 6, true), 500, None),
            (rel(Kind::Distance2, 9, true), 500, Some(Tier::Weak)),
            (rel(Kind::Distance2, 9, false), 5, None),
            (rel(Kind::Homoglyph, 6, true), 9_000, Some(Tier::Strict)),
            (rel(Kind::Homoglyph, 5, true), 9_000, None),
            (rel(Kind::ScopeBare { words: 1 }, 7, true), 10, None),
            (
                rel(Kind::ScopeBare { words: 2 }, 12, true),
                10,
                Some(Tier::Weak),
            ),
            (
                rel(Kind::VersionDigit { added: false }, 6, true),
                3,
                Some(Tier::Weak),
            ),
            (
                rel(Kind::VersionDigit { added: false }, 9, true),
                11_000,
                None,
            ),
            (
                rel(Kind::VersionDigit { added: true }, 9, true),
                11_000,
                Some(Tier::Weak),
            ),
            (rel(Kind::OmitSwap, 6, true), 2_000, Some(Tier::Weak)),
            (rel(Kind::OmitSwap, 6, true), 5_000, None),
            (rel(Kind::Abbreviation, 7, true), 14_000, Some(Tier::Weak)),
            (rel(Kind::ImportName, 3, true), 400, Some(Tier::Weak)),
            (rel(Kind::ImportName, 3, true), 20_000, None),
        ];
        for (r, rank, want) in rows {
            assert_eq!(tier(npm, r, *rank), *want, "{r:?} rank {rank}");
        }
    }
}
