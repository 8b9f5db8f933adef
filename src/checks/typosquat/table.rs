//! The lookup table of the typosquat index: a multimap from the 64-bit hash
//! of a string to u32 values. Pairs are kept sorted by hash, and an
//! open-addressing table maps each distinct hash to its run of pairs, so a
//! lookup costs one or two cache misses. Collisions are harmless: callers
//! verify every hit.

pub(super) fn hash(bytes: &[u8]) -> u64 {
    // FNV-1a: tiny, fast on short keys; hits are verified, so quality suffices.
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The home slot of a hash in a table of `size` (a power of two) slots.
fn slot_of(h: u64, size: usize) -> usize {
    ((h ^ (h >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (size - 1)
}

/// A multimap from hash to u32 values.
#[derive(Default)]
pub(super) struct Table {
    pub(super) pairs: Vec<(u64, u32)>,
    /// (start, len) of a run of `pairs` sharing one hash; `len == 0` marks
    /// an empty slot.
    pub(super) slots: Vec<(u32, u32)>,
}

impl Table {
    pub(super) fn add(&mut self, key: &[u8], value: u32) {
        self.pairs.push((hash(key), value));
    }

    pub(super) fn finish(&mut self) {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let distinct = self.pairs.chunk_by(|a, b| a.0 == b.0).count();
        let size = (distinct * 2).next_power_of_two().max(2);
        self.slots = vec![(0, 0); size];
        let mut start = 0usize;
        for run in self.pairs.chunk_by(|a, b| a.0 == b.0) {
            let h = run[0].0;
            let mut i = slot_of(h, size);
            while self.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = (start as u32, run.len() as u32);
            start += run.len();
        }
    }

    pub(super) fn get(&self, key: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let h = hash(key);
        let size = self.slots.len();
        let mut run: &[(u64, u32)] = &[];
        if size > 0 {
            let mut i = slot_of(h, size);
            // At most one lap: a table read back from disk may have no empty slot.
            for _ in 0..size {
                let (start, len) = self.slots[i];
                if len == 0 {
                    break;
                }
                let run_here = &self.pairs[start as usize..(start + len) as usize];
                if run_here[0].0 == h {
                    run = run_here;
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        run.iter().map(|p| p.1)
    }
}
