//! Edit distance and what kind of slip an edit is.
//!
//! Distances are optimal-string-alignment (Damerau-Levenshtein where an
//! adjacent swap costs one). A one-edit difference is classified
//! (transposition, omission, addition, substitution), and judged
//! *plausible* when it is the kind of slip a hand or an eye makes:
//! a neighbouring key on a QWERTY keyboard, a vowel for a vowel, a look-alike
//! character (`3`/`e`, `5`/`s`), a doubled letter, a plural `s`, the British
//! `ou`. Two unrelated names that happen to differ in one letter
//! (`gulp-watch`/`gulp-match`) are rarely plausible slips.

/// What one edit turns the candidate into the target with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Two adjacent characters swapped (`lodahs`).
    Transposition,
    /// The candidate lacks a character of the target (`epress`).
    Omission,
    /// The candidate has an extra character (`requestss`); `repeated` when
    /// it doubles its neighbour.
    Addition { repeated: bool },
    /// One character replaced (`reqyests`).
    Substitution,
}

/// Optimal-string-alignment distance, or `cap + 1` once it exceeds `cap`.
pub fn distance(a: &[u8], b: &[u8], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let n = b.len();
    // Three rows; on the stack for names of ordinary length.
    const STACK: usize = 64;
    let mut heap;
    let mut stack = [0usize; 3 * STACK];
    let rows: &mut [usize] = if n < STACK {
        &mut stack[..3 * (n + 1)]
    } else {
        heap = vec![0usize; 3 * (n + 1)];
        &mut heap
    };
    let (prev2, rest) = rows.split_at_mut(n + 1);
    let (prev, cur) = rest.split_at_mut(n + 1);
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1;
        }
        prev2.copy_from_slice(prev);
        prev.copy_from_slice(cur);
    }
    prev[n].min(cap + 1)
}

/// The single edit between two strings one edit apart, with its position in
/// the candidate and the characters involved.
fn single(cand: &[u8], target: &[u8]) -> Option<(Edit, usize, u8, u8)> {
    if cand.len() == target.len() {
        let diff: Vec<usize> = (0..cand.len()).filter(|&i| cand[i] != target[i]).collect();
        return match diff.as_slice() {
            [i] => Some((Edit::Substitution, *i, cand[*i], target[*i])),
            [i, j] if *j == i + 1 && cand[*i] == target[*j] && cand[*j] == target[*i] => {
                Some((Edit::Transposition, *i, cand[*i], cand[*j]))
            }
            _ => None,
        };
    }
    let (long, short, extra) = if cand.len() == target.len() + 1 {
        (cand, target, true)
    } else if target.len() == cand.len() + 1 {
        (target, cand, false)
    } else {
        return None;
    };
    let i = (0..short.len())
        .find(|&i| long[i] != short[i])
        .unwrap_or(short.len());
    if long[i + 1..] != short[i..] {
        return None;
    }
    if extra {
        let repeated = (i > 0 && long[i - 1] == long[i]) || long.get(i + 1) == Some(&long[i]);
        Some((Edit::Addition { repeated }, i, long[i], 0))
    } else {
        Some((Edit::Omission, i, 0, long[i]))
    }
}

/// Classifies two strings exactly one edit apart.
pub fn classify(cand: &[u8], target: &[u8]) -> Option<Edit> {
    single(cand, target).map(|(e, ..)| e)
}

/// (row, column in quarter keys) on a QWERTY keyboard.
fn key_position(c: u8) -> Option<(i32, i32)> {
    const ROWS: [(&[u8], i32); 4] = [
        (b"1234567890", 0),
        (b"qwertyuiop", 2),
        (b"asdfghjkl", 3),
        (b"zxcvbnm", 5),
    ];
    ROWS.iter().enumerate().find_map(|(r, (row, offset))| {
        row.iter()
            .position(|&k| k == c)
            .map(|col| (r as i32, col as i32 * 4 + offset))
    })
}

fn neighbouring_keys(a: u8, b: u8) -> bool {
    match (key_position(a), key_position(b)) {
        (Some((r1, c1)), Some((r2, c2))) => a != b && (r1 - r2).abs() <= 1 && (c1 - c2).abs() <= 4,
        _ => false,
    }
}

fn is_vowel(c: u8) -> bool {
    b"aeiouy".contains(&c)
}

/// Characters that read alike (digit for letter, letter for letter).
fn look_alike(a: u8, b: u8) -> bool {
    const PAIRS: [&[u8; 2]; 15] = [
        b"0o", b"1l", b"1i", b"li", b"3e", b"4a", b"5s", b"7t", b"8b", b"9g", b"uv", b"qg", b"mn",
        b"ce", b"ao",
    ];
    PAIRS
        .iter()
        .any(|p| (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a))
}

/// `y` and `z` trade places on German keyboards (`jquerz`).
fn qwertz_swap(a: u8, b: u8) -> bool {
    matches!((a, b), (b'y', b'z') | (b'z', b'y'))
}

/// Is a one-edit difference a plausible slip?
pub fn plausible(cand: &[u8], target: &[u8]) -> bool {
    match single(cand, target) {
        Some((Edit::Transposition | Edit::Omission, ..)) => true,
        Some((Edit::Substitution, _, c, t)) => {
            neighbouring_keys(c, t)
                || (is_vowel(c) && is_vowel(t))
                || look_alike(c, t)
                || qwertz_swap(c, t)
        }
        Some((Edit::Addition { repeated }, i, c, _)) => {
            let near = |j: Option<usize>| {
                j.and_then(|j| cand.get(j))
                    .is_some_and(|&n| neighbouring_keys(c, n))
            };
            repeated
                || c == b's'
                || (c == b'u' && i > 0 && cand[i - 1] == b'o')
                || near(i.checked_sub(1))
                || near(Some(i + 1))
        }
        None => false,
    }
}

/// Is a two-edit difference made of two plausible slips? Tries every
/// intermediate one edit from the candidate; characters it introduces must
/// come from the target (anything else would need a third edit).
pub fn plausible2(cand: &[u8], target: &[u8]) -> bool {
    let mut alphabet: Vec<u8> = target.to_vec();
    alphabet.sort_unstable();
    alphabet.dedup();
    let step = |x: &[u8]| {
        x != target && distance(x, target, 1) == 1 && plausible(cand, x) && plausible(x, target)
    };
    let mut x = Vec::with_capacity(cand.len() + 1);
    for i in 0..cand.len() {
        // deletion
        x.clear();
        x.extend_from_slice(&cand[..i]);
        x.extend_from_slice(&cand[i + 1..]);
        if step(&x) {
            return true;
        }
        // transposition
        if i + 1 < cand.len() {
            x.clear();
            x.extend_from_slice(cand);
            x.swap(i, i + 1);
            if step(&x) {
                return true;
            }
        }
        // substitution
        for &c in alphabet.iter().filter(|&&c| c != cand[i]) {
            x.clear();
            x.extend_from_slice(cand);
            x[i] = c;
            if step(&x) {
                return true;
            }
        }
    }
    for i in 0..=cand.len() {
        for &c in &alphabet {
            x.clear();
            x.extend_from_slice(&cand[..i]);
            x.push(c);
            x.extend_from_slice(&cand[i..]);
            if step(&x) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_swaps_as_one() {
        assert_eq!(distance(b"lodahs", b"lodash", 3), 1);
        assert_eq!(distance(b"requests", b"requests", 3), 0);
        assert_eq!(distance(b"reqest", b"requests", 3), 2);
        assert_eq!(distance(b"abc", b"xyzabcdef", 2), 3);
        assert_eq!(distance(b"", b"ab", 3), 2);
    }

    #[test]
    fn single_edits_are_classified() {
        assert_eq!(classify(b"lodahs", b"lodash"), Some(Edit::Transposition));
        assert_eq!(classify(b"epress", b"express"), Some(Edit::Omission));
        assert_eq!(
            classify(b"requestss", b"requests"),
            Some(Edit::Addition { repeated: true })
        );
        assert_eq!(classify(b"reqyests", b"requests"), Some(Edit::Substitution));
        assert_eq!(classify(b"abc", b"xyz"), None);
    }

    #[test]
    fn slips_of_hand_and_eye_are_plausible() {
        assert!(plausible(b"requesfs", b"requests")); // t/f neighbours
        assert!(plausible(b"raquests", b"requests")); // vowel for vowel
        assert!(plausible(b"reque5ts", b"requests")); // look-alike
        assert!(plausible(b"aiohttpp", b"aiohttp")); // doubled
        assert!(plausible(b"colourama", b"colorama")); // British ou
        assert!(plausible(b"jquerz", b"jquery")); // QWERTZ
        assert!(!plausible(b"gulpwatch", b"gulpmatch"));
        assert!(!plausible(b"isourl", b"isurl"));
        assert!(plausible2(b"faextar", b"fsextra"));
        assert!(plausible2(b"colouramas", b"colorama"));
        assert!(!plausible2(b"trash", b"slash"));
    }
}
