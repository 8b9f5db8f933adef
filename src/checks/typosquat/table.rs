//! The lookup table of the typosquat index: a multimap from the 64-bit hash
//! of a string to u32 values. Pairs are kept sorted by hash, and an
//! open-addressing table maps each distinct hash to its run of pairs, so a
//! lookup costs one or two cache misses. Collisions are harmless: callers
//! verify every hit.

use std::sync::Arc;

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
    data: Data,
}

enum Data {
    /// Built in memory from a list.
    Built {
        pairs: Vec<(u64, u32)>,
        /// (start, len) of a run of `pairs` sharing one hash; `len == 0`
        /// marks an empty slot.
        slots: Vec<(u32, u32)>,
    },
    /// Read back from the on-disk cache and used in place: the file's bytes
    /// (shared by every table of the index), where this table's pairs (12
    /// bytes each: hash, value) and slots (8 bytes each: start, len) begin,
    /// and the bound every value must stay under. Nothing is decoded up
    /// front, so loading a large index costs one read of the file; damage
    /// found during a lookup is a miss.
    Stored {
        buf: Arc<Vec<u8>>,
        pairs_at: usize,
        n_pairs: usize,
        slots_at: usize,
        n_slots: usize,
        bound: u32,
    },
}

impl Default for Data {
    fn default() -> Self {
        Data::Built {
            pairs: Vec::new(),
            slots: Vec::new(),
        }
    }
}

fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl Table {
    pub(super) fn add(&mut self, key: &[u8], value: u32) {
        if let Data::Built { pairs, .. } = &mut self.data {
            pairs.push((hash(key), value));
        }
    }

    pub(super) fn finish(&mut self) {
        let Data::Built { pairs, slots } = &mut self.data else {
            return;
        };
        pairs.sort_unstable();
        pairs.dedup();
        let distinct = pairs.chunk_by(|a, b| a.0 == b.0).count();
        // Load factor 1/3 to 2/3: misses (most lookups) probe about two slots.
        let size = (distinct + distinct / 2).next_power_of_two().max(2);
        *slots = vec![(0, 0); size];
        let mut start = 0usize;
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let h = run[0].0;
            let mut i = slot_of(h, size);
            while slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (start as u32, run.len() as u32);
            start += run.len();
        }
    }

    /// A table stored in `buf`: `None` unless the regions lie inside it and
    /// the slot count is a power of two (or zero).
    pub(super) fn stored(
        buf: Arc<Vec<u8>>,
        (pairs_at, n_pairs): (usize, usize),
        (slots_at, n_slots): (usize, usize),
        bound: usize,
    ) -> Option<Table> {
        let fits = |at: usize, n: usize, size: usize| {
            n.checked_mul(size)
                .and_then(|len| at.checked_add(len))
                .is_some_and(|end| end <= buf.len())
        };
        if !fits(pairs_at, n_pairs, 12)
            || !fits(slots_at, n_slots, 8)
            || (n_slots != 0 && !n_slots.is_power_of_two())
            || n_pairs > u32::MAX as usize
        {
            return None;
        }
        let bound = u32::try_from(bound).unwrap_or(u32::MAX);
        Some(Table {
            data: Data::Stored {
                buf,
                pairs_at,
                n_pairs,
                slots_at,
                n_slots,
                bound,
            },
        })
    }

    pub(super) fn n_pairs(&self) -> usize {
        match &self.data {
            Data::Built { pairs, .. } => pairs.len(),
            Data::Stored { n_pairs, .. } => *n_pairs,
        }
    }

    pub(super) fn n_slots(&self) -> usize {
        match &self.data {
            Data::Built { slots, .. } => slots.len(),
            Data::Stored { n_slots, .. } => *n_slots,
        }
    }

    /// Pair `i`: (hash, value).
    pub(super) fn pair(&self, i: usize) -> Option<(u64, u32)> {
        match &self.data {
            Data::Built { pairs, .. } => pairs.get(i).copied(),
            Data::Stored {
                buf,
                pairs_at,
                n_pairs,
                ..
            } => {
                if i >= *n_pairs {
                    return None;
                }
                let b = buf.get(pairs_at + 12 * i..pairs_at + 12 * i + 12)?;
                let h = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
                Some((h, le32(&b[8..])))
            }
        }
    }

    /// Slot `i`: (start, len) of a run of pairs.
    pub(super) fn slot(&self, i: usize) -> Option<(u32, u32)> {
        match &self.data {
            Data::Built { slots, .. } => slots.get(i).copied(),
            Data::Stored {
                buf,
                slots_at,
                n_slots,
                ..
            } => {
                if i >= *n_slots {
                    return None;
                }
                let b = buf.get(slots_at + 8 * i..slots_at + 8 * i + 8)?;
                Some((le32(b), le32(&b[4..])))
            }
        }
    }

    fn bound(&self) -> u32 {
        match &self.data {
            Data::Built { .. } => u32::MAX,
            Data::Stored { bound, .. } => *bound,
        }
    }

    /// The values stored under `key`'s hash (callers verify each hit).
    pub(super) fn get(&self, key: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let h = hash(key);
        let size = self.n_slots();
        let mut run = 0..0;
        if size > 0 {
            let mut i = slot_of(h, size);
            // At most one lap: a table read back from disk may have no empty slot.
            for _ in 0..size {
                let Some((start, len)) = self.slot(i) else {
                    break;
                };
                if len == 0 {
                    break;
                }
                let (start, end) = (start as usize, start as usize + len as usize);
                if end > self.n_pairs() {
                    break; // damaged: a miss
                }
                if self.pair(start).is_some_and(|p| p.0 == h) {
                    run = start..end;
                    break;
                }
                i = (i + 1) & (size - 1);
            }
        }
        let bound = self.bound();
        run.filter_map(move |j| self.pair(j).map(|p| p.1))
            .filter(move |&v| v < bound)
    }
}
