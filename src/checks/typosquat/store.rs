//! The typosquat index cached on disk, so a run does not rebuild it from the
//! popular list every time (`$CCDEPS_HOME/cache/typosquat-v1/<ECO>.idx`).
//!
//! The file is keyed by the SHA-256 of the list it was built from: a new
//! list (after `db update`) is a cache miss, and the index is rebuilt and
//! written again (atomically). Reading is bounded and fully validated: a
//! damaged or foreign file is a miss, never a panic or a wrong answer about
//! indexes out of range.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::index::{Entry, PopularIndex, TargetForm};
use super::table::Table;
use crate::ecosystem::Ecosystem;

const MAGIC: &[u8; 16] = b"ccdeps-typosquat";
/// Bumped whenever the index layout or how it is built changes.
const FORMAT: u32 = 6;
/// Largest cache file read.
pub const MAX_BYTES: u64 = 256 << 20;

/// The key of a list: its SHA-256.
pub fn digest(list: &[u8]) -> [u8; 32] {
    Sha256::digest(list).into()
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn table(&mut self, t: &Table) {
        self.u32(t.n_pairs() as u32);
        for (h, v) in (0..t.n_pairs()).filter_map(|i| t.pair(i)) {
            self.u64(h);
            self.u32(v);
        }
        self.u32(t.n_slots() as u32);
        for (start, len) in (0..t.n_slots()).filter_map(|i| t.slot(i)) {
            self.u32(start);
            self.u32(len);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    /// A count of items of at least `size` bytes each that can still follow.
    fn count(&mut self, size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(size)? <= self.0.len()).then_some(n)
    }
    /// A table whose values must be below `bound`, used in place in `buf`
    /// (the whole file, of which `self` is the unread tail).
    fn table(&mut self, buf: &Arc<Vec<u8>>, bound: usize) -> Option<Table> {
        let n_pairs = self.count(12)?;
        let pairs_at = buf.len() - self.0.len();
        self.take(n_pairs * 12)?;
        let n_slots = self.count(8)?;
        let slots_at = buf.len() - self.0.len();
        self.take(n_slots * 8)?;
        Table::stored(
            Arc::clone(buf),
            (pairs_at, n_pairs),
            (slots_at, n_slots),
            bound,
        )
    }
}

/// Serializes an index built from a list with this digest.
pub fn encode(ix: &PopularIndex, list_digest: &[u8; 32]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(1 << 20));
    w.0.extend_from_slice(MAGIC);
    w.u32(FORMAT);
    w.0.extend_from_slice(list_digest);
    w.bytes(ix.eco.osv_name().as_bytes());
    w.u32(ix.entries.len() as u32);
    for e in &ix.entries {
        w.bytes(e.name.as_bytes());
        w.bytes(e.display.as_bytes());
        w.u8(u8::from(e.downloads.is_some()));
        w.u64(e.downloads.unwrap_or(0));
    }
    w.u32(ix.forms.len() as u32);
    for f in &ix.forms {
        w.u32(f.entry);
        w.u8(u8::from(f.affixed));
        w.bytes(&f.text);
    }
    for t in ix.tables() {
        w.table(t);
    }
    w.0
}

/// Reads an index back, if the file is one for this ecosystem and list.
/// Its tables stay in `file` and are used in place.
pub fn decode(file: Vec<u8>, eco: Ecosystem, list_digest: &[u8; 32]) -> Option<PopularIndex> {
    let buf = Arc::new(file);
    let mut r = Reader(buf.as_slice());
    if r.take(16)? != MAGIC || r.u32()? != FORMAT || r.take(32)? != list_digest {
        return None;
    }
    if r.bytes()? != eco.osv_name().as_bytes() {
        return None;
    }
    let n = r.count(17)?;
    let mut entries = Vec::with_capacity(n);
    for rank in 0..n {
        let name = std::str::from_utf8(r.bytes()?).ok()?.to_string();
        let display = std::str::from_utf8(r.bytes()?).ok()?.to_string();
        let has = r.u8()? == 1;
        let d = r.u64()?;
        entries.push(Entry {
            name,
            display,
            rank: rank as u32,
            downloads: has.then_some(d),
        });
    }
    let n = r.count(9)?;
    let mut forms = Vec::with_capacity(n);
    for _ in 0..n {
        let entry = r.u32()?;
        if entry as usize >= entries.len() {
            return None;
        }
        let affixed = r.u8()? == 1;
        let text = r.bytes()?.to_vec().into_boxed_slice();
        forms.push(TargetForm {
            entry,
            text,
            affixed,
        });
    }
    let (ne, nf) = (entries.len(), forms.len());
    let names = r.table(&buf, ne)?;
    let form_exact = r.table(&buf, nf)?;
    let deletions = r.table(&buf, nf)?;
    let near_top = r.table(&buf, nf)?;
    let skeletons = r.table(&buf, ne)?;
    let words = r.table(&buf, ne)?;
    let reversed = r.table(&buf, ne)?;
    let bodies = r.table(&buf, ne)?;
    let scope_concat = r.table(&buf, ne)?;
    let scopes = r.table(&buf, ne)?;
    let prefixes = r.table(&buf, ne)?;
    let phonetic = r.table(&buf, ne)?;
    let cores = r.table(&buf, ne)?;
    if !r.0.is_empty() {
        return None;
    }
    Some(PopularIndex {
        eco,
        entries,
        forms,
        names,
        form_exact,
        deletions,
        near_top,
        skeletons,
        words,
        reversed,
        bodies,
        scope_concat,
        scopes,
        prefixes,
        phonetic,
        cores,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_survives_the_round_trip_and_damage_is_a_miss() {
        let list = b"lodash\nreact\n@azure/arm-network\ncross-env\n";
        let ix = PopularIndex::build(
            Ecosystem::Npm,
            &crate::popular::parse(std::str::from_utf8(list).unwrap()),
        );
        let d = digest(list);
        let bytes = encode(&ix, &d);
        let back = decode(bytes.clone(), Ecosystem::Npm, &d).expect("decodes");
        for name in ["lodahs", "crossenv", "arm-network", "lodash"] {
            assert_eq!(ix.relations(name), back.relations(name), "{name}");
        }
        assert!(decode(bytes.clone(), Ecosystem::PyPI, &d).is_none());
        // Every table is stored, including the PyPI-only ones.
        let list = b"pycurl\nhtml5lib\ndiscord-py\n";
        let py = PopularIndex::build(
            Ecosystem::PyPI,
            &crate::popular::parse(std::str::from_utf8(list).unwrap()),
        );
        let pd = digest(list);
        let back_py = decode(encode(&py, &pd), Ecosystem::PyPI, &pd).expect("decodes");
        for name in ["libcurl", "libhtml5", "deezcord-py", "pycurl"] {
            assert_eq!(py.relations(name), back_py.relations(name), "{name}");
        }
        assert!(!back_py.relations("libcurl").is_empty());
        assert!(!back_py.relations("deezcord-py").is_empty());
        assert!(decode(bytes.clone(), Ecosystem::Npm, &digest(b"other")).is_none());
        for cut in [0, 10, 60, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                decode(bytes[..cut].to_vec(), Ecosystem::Npm, &d).is_none(),
                "{cut}"
            );
        }
        // A flipped byte anywhere is either rejected or still a valid index.
        for i in (0..bytes.len()).step_by(7) {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            if let Some(ix) = decode(bad, Ecosystem::Npm, &d) {
                let _ = ix.relations("lodahs");
            }
        }
    }
}
