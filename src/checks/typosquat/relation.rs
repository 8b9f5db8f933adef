//! What the index answers: how a candidate resembles one popular name
//! ([`Relation`], of a [`Kind`]), with the facts the rules (`rules.rs`)
//! weigh — the length judged, whether affixes were stripped, whether the
//! edit is a plausible slip.

use super::edits::Edit;

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
    /// Sounds the same (`deezcord.js` for `discord.js`).
    Phonetic,
    /// The same core under another binding affix (`libcurl` for `pycurl`),
    /// or `bare`, without one (`smb` for `pysmb`).
    AffixSwap {
        bare: bool,
    },
    /// An abbreviation at the end of the name spelled out (`fairsequence`
    /// for `fairseq`).
    Abbreviation,
    /// A letter dropped and two swapped (`mogobd` for `mongodb`).
    OmitSwap,
    /// PyPI: the name the project is imported by (`sklearn` for
    /// `scikit-learn`, `python-mysqldb` for `mysqlclient`).
    ImportName,
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
    /// The length of the shorter of the two names compared (no filler
    /// prefix taken off, unlike `len`).
    pub full: usize,
    /// Both names start and end with the same letter.
    pub ends: bool,
}

impl Relation {
    /// A resemblance found by a named transformation rather than an edit:
    /// nothing stripped, plausible by construction, judged on `len`.
    pub fn named(entry: u32, kind: Kind, len: usize) -> Relation {
        Relation {
            entry,
            kind,
            len,
            affixed: false,
            plausible: true,
            full: len,
            ends: false,
        }
    }
}
