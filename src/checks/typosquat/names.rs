//! The forms of a package name that the typosquat check compares.
//!
//! - the **key**: the normalized name's body, lower case, with the
//!   delimiters `-`, `_`, `.` removed (`python-dateutil` → `pythondateutil`),
//!   so delimiter games reduce to equality and edits are counted on letters;
//! - the **skeleton**: the key with look-alike characters folded (`rn`→`m`,
//!   `vv`→`w`, `1`/`i`/`|`→`l`, `0`→`o`), for homoglyph squats;
//! - **stripped forms**: the key without the affixes attackers add to a
//!   popular name (`-js`, `node-`, `python-`, `-rs`, a trailing version digit).
//!
//! npm scopes are split off first: a scope is owned by one account, so the
//! body of a scoped name is only ever compared within scope rules (`query.rs`).

use crate::ecosystem::Ecosystem;

/// Longest name considered (npm's own limit is 214 characters).
pub const MAX_NAME: usize = 214;

/// Affixes that squats add to (or drop from) a popular name, per ecosystem:
/// (prefixes, suffixes). `py`/`lib` are left out for PyPI on purpose: `py*`
/// and `*lib` are how legitimate Python bindings are named (pysnmp/pysnmplib),
/// and real lockfiles are full of them.
pub fn affixes(eco: Ecosystem) -> (&'static [&'static str], &'static [&'static str]) {
    match eco {
        Ecosystem::Npm => (&["node", "js"], &["javascript", "js", "node", "npm", "io"]),
        Ecosystem::PyPI => (&["python"], &["python", "dev"]),
        Ecosystem::CratesIo => (&["rust"], &["rs", "rust"]),
    }
}

/// Common leading words that carry no identity of their own: an edit after
/// `py`, `node`, `aio`… is judged on the rest of the name (`pyvera`/`pyvers`
/// differ in a 4-letter word, not a 6-letter one).
const SHARED_PREFIXES: &[&str] = &["python", "py", "node", "js", "lib", "aio"];

pub fn is_delimiter(b: u8) -> bool {
    matches!(b, b'-' | b'_' | b'.')
}

/// Splits `@scope/body` (npm) into its scope and body.
pub fn split_scope(name: &str) -> (Option<&str>, &str) {
    match name.strip_prefix('@').and_then(|r| r.split_once('/')) {
        Some((scope, body)) => (Some(scope), body),
        None => (None, name),
    }
}

/// The comparison key of a name: lower case, delimiters dropped.
pub fn key(body: &str) -> String {
    body.bytes()
        .filter(|&b| !is_delimiter(b))
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// The words of a body (`react-router-dom` → react, router, dom).
pub fn tokens(body: &str) -> Vec<String> {
    body.split(|c: char| c.is_ascii() && is_delimiter(c as u8))
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The look-alike skeleton of a key.
pub fn skeleton(key: &str) -> String {
    let folded = key.replace("rn", "m").replace("vv", "w");
    folded
        .chars()
        .map(|c| match c {
            '1' | 'i' | '|' => 'l',
            '0' => 'o',
            c => c,
        })
        .collect()
}

/// The sound of a key: vowels become one placeholder, consonants that
/// sound alike are folded (`c`/`k`/`q`, `s`/`z`, `ph`/`f`), and runs
/// collapse. `deezcord` and `discord` both sound `dasakarad`.
pub fn phonetic(key: &str) -> String {
    let folded = key.replace("ph", "f").replace("ck", "k");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        let c = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' => 'a',
            'c' | 'q' => 'k',
            'z' => 's',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Binding affixes of Python packages (`py…`, `lib…`, `…lib`): the same
/// core with another one (`libcurl` for `pycurl`, `libhtml5` for
/// `html5lib`) is a swap, not a new binding.
const BINDING: &[&str] = &["python", "py", "lib"];

/// The cores of a key under a binding affix: (core, which affix where).
pub fn binding_cores(key: &str) -> Vec<(&str, (&'static str, bool))> {
    let mut out = Vec::new();
    for &a in BINDING {
        if let Some(core) = key.strip_prefix(a) {
            out.push((core, (a, true)));
        }
        if let Some(core) = key.strip_suffix(a) {
            out.push((core, (a, false)));
        }
    }
    out
}

/// A key with some affixes removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    pub affixes: Vec<&'static str>,
}

/// Every form of `key` with one or more affixes stripped (not `key` itself).
/// `candidate`: also strip one trailing version digit (`mitmproxy2`), which
/// is only ever added by a squat, never removed from its target.
pub fn stripped_forms(eco: Ecosystem, key: &str, candidate: bool) -> Vec<Form> {
    let (pre, suf) = affixes(eco);
    let mut out: Vec<Form> = Vec::new();
    let mut todo = vec![Form {
        text: key.to_string(),
        affixes: Vec::new(),
    }];
    while let Some(f) = todo.pop() {
        let mut next = Vec::new();
        for &a in pre {
            if let Some(rest) = f.text.strip_prefix(a)
                && rest.len() >= 2
            {
                next.push((rest.to_string(), a));
            }
        }
        for &a in suf {
            if let Some(rest) = f.text.strip_suffix(a)
                && rest.len() >= 2
            {
                next.push((rest.to_string(), a));
            }
        }
        if candidate && !f.affixes.contains(&"version") {
            let b = f.text.as_bytes();
            if b.len() >= 5 && b[b.len() - 1].is_ascii_digit() && !b[b.len() - 2].is_ascii_digit() {
                next.push((f.text[..f.text.len() - 1].to_string(), "version"));
            }
        }
        for (text, a) in next {
            if text == key || out.iter().any(|o| o.text == text) {
                continue;
            }
            let mut affixes = f.affixes.clone();
            affixes.push(a);
            let form = Form { text, affixes };
            todo.push(form.clone());
            out.push(form);
        }
    }
    out
}

/// The length an edit is judged against: the shorter key, minus a shared
/// filler prefix (`py…`, `node…`).
pub fn judged_len(a: &[u8], b: &[u8]) -> usize {
    let shared = SHARED_PREFIXES
        .iter()
        .find(|p| a.starts_with(p.as_bytes()) && b.starts_with(p.as_bytes()))
        .map_or(0, |p| p.len());
    a.len().min(b.len()).saturating_sub(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_delimiters() {
        assert_eq!(key("python-dateutil"), "pythondateutil");
        assert_eq!(key("Socket.IO"), "socketio");
        assert_eq!(
            split_scope("@azure/arm-network"),
            (Some("azure"), "arm-network")
        );
        assert_eq!(split_scope("lodash"), (None, "lodash"));
    }

    #[test]
    fn skeletons_fold_look_alikes() {
        assert_eq!(skeleton("1odash"), skeleton("lodash"));
        assert_eq!(skeleton("jeilyfish"), skeleton("jellyfish"));
        assert_eq!(skeleton("modernizr"), "modemlzr");
        assert_eq!(skeleton("vvebpack"), skeleton("webpack"));
    }

    #[test]
    fn affixes_are_stripped_per_ecosystem() {
        let forms = |eco, k, c| {
            stripped_forms(eco, k, c)
                .into_iter()
                .map(|f| f.text)
                .collect::<Vec<_>>()
        };
        assert!(forms(Ecosystem::Npm, "typescriptjs", true).contains(&"typescript".into()));
        assert!(forms(Ecosystem::Npm, "nodemssql", true).contains(&"mssql".into()));
        assert!(forms(Ecosystem::PyPI, "mitmproxy2", true).contains(&"mitmproxy".into()));
        assert!(forms(Ecosystem::PyPI, "pytz3dev", true).contains(&"pytz".into()));
        // targets keep their version digits; `py` is not a PyPI affix
        assert!(forms(Ecosystem::PyPI, "urllib3", false).is_empty());
        assert!(forms(Ecosystem::PyPI, "pysnmplib", true).is_empty());
        // digits that are part of the name stay (base58, not base)
        assert!(!forms(Ecosystem::Npm, "base58js", true).contains(&"base".into()));
    }

    #[test]
    fn sounds_and_binding_cores() {
        assert_eq!(phonetic("deezcord"), phonetic("discord"));
        assert_eq!(phonetic("uglyfijs"), phonetic("uglifyjs"));
        assert_ne!(phonetic("lodash"), phonetic("ldsh"));
        assert!(binding_cores("libcurl").contains(&("curl", ("lib", true))));
        assert!(binding_cores("html5lib").contains(&("html5", ("lib", false))));
        assert!(binding_cores("requests").is_empty());
    }

    #[test]
    fn shared_filler_prefixes_do_not_count() {
        assert_eq!(judged_len(b"pyheos", b"pygeos"), 4);
        assert_eq!(judged_len(b"requests", b"reqeusts"), 8);
    }
}
