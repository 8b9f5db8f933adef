//! The quoted and expanded parts of a word: `"…"`, `$'…'` (ANSI-C
//! escapes), `$x`, `${…}`, `$(…)`, `` `…` ``, `$((…))`.

use super::{LexError, Word};

pub(super) fn find_byte(b: &[u8], from: usize, x: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == x)
        .map(|p| from + p)
}

/// Inside `"…"` from `i`; returns the index after the closing quote.
pub(super) fn double_quoted(src: &str, mut i: usize, w: &mut Word) -> Result<usize, LexError> {
    let b = src.as_bytes();
    while i < b.len() {
        match b[i] {
            b'"' => return Ok(i + 1),
            b'\\' if matches!(b.get(i + 1), Some(b'$' | b'`' | b'"' | b'\\')) => {
                w.text.push(b[i + 1] as char);
                i += 2;
            }
            b'\\' if b.get(i + 1) == Some(&b'\n') => i += 2,
            b'$' | b'`' => i = expansion(src, i, w)?,
            _ => {
                let ch = src[i..].chars().next().unwrap_or('\u{fffd}');
                w.text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    Err(LexError::Unterminated("\"…\" quote"))
}

/// `$name`, `${…}`, `$(…)`, `$((…))`, `` `…` `` at `i`: kept as typed, word marked dynamic.
pub(super) fn expansion(src: &str, i: usize, w: &mut Word) -> Result<usize, LexError> {
    let b = src.as_bytes();
    let end = if b[i] == b'`' {
        let mut j = i + 1;
        loop {
            match b.get(j) {
                None => return Err(LexError::Unterminated("`…` substitution")),
                Some(b'\\') => j += 2,
                Some(b'`') => break,
                Some(_) => j += 1,
            }
        }
        w.substitutions.push(src[i + 1..j].replace("\\`", "`"));
        j + 1
    } else {
        match b.get(i + 1) {
            Some(b'(') if b.get(i + 2) == Some(&b'(') => matching_paren(src, i + 2)? + 2,
            Some(b'(') => {
                let close = matching_paren(src, i + 2)?;
                w.substitutions.push(src[i + 2..close].to_string());
                close + 1
            }
            Some(b'{') => find_byte(b, i + 2, b'}').ok_or(LexError::Unterminated("${…}"))? + 1,
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                i + 1
                    + b[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                        .count()
            }
            Some(c) if c.is_ascii_digit() || b"@*#?$!-".contains(c) => i + 2,
            _ => {
                w.text.push('$'); // a lone `$` is literal
                return Ok(i + 1);
            }
        }
    };
    w.text.push_str(&src[i..end.min(src.len())]);
    w.dynamic = true;
    Ok(end)
}

/// Index of the `)` closing a `(` whose content starts at `from` (quotes and nesting respected).
pub(super) fn matching_paren(src: &str, from: usize) -> Result<usize, LexError> {
    let b = src.as_bytes();
    let mut depth = 1usize;
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' => i = find_byte(b, i + 1, b'\'').ok_or(LexError::Unterminated("'…' quote"))?,
            b'"' => {
                let mut scratch = Word::default();
                i = double_quoted(src, i + 1, &mut scratch)? - 1;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(LexError::Unterminated("$(…) substitution"))
}

/// `$'…'` from `i` (after the quote): decodes ANSI-C escapes.
pub(super) fn ansi_c(src: &str, mut i: usize) -> Result<(String, usize), LexError> {
    let b = src.as_bytes();
    let mut out = String::new();
    while i < b.len() {
        match b[i] {
            b'\'' => return Ok((out, i + 1)),
            b'\\' if i + 1 < b.len() => {
                let e = b[i + 1];
                i += 2;
                let simple = match e {
                    b'n' => Some('\n'),
                    b't' => Some('\t'),
                    b'r' => Some('\r'),
                    b'a' => Some('\x07'),
                    b'b' => Some('\x08'),
                    b'e' | b'E' => Some('\x1b'),
                    b'f' => Some('\x0c'),
                    b'v' => Some('\x0b'),
                    b'\\' | b'\'' | b'"' | b'?' => Some(e as char),
                    _ => None,
                };
                if let Some(ch) = simple {
                    out.push(ch);
                    continue;
                }
                let (radix, max) = match e {
                    b'x' => (16, 2),
                    b'u' => (16, 4),
                    b'U' => (16, 8),
                    b'0'..=b'7' => {
                        i -= 1;
                        (8, 3)
                    }
                    _ => {
                        out.push('\\');
                        out.push(e as char);
                        continue;
                    }
                };
                let digits = b[i..]
                    .iter()
                    .take(max)
                    .take_while(|d| (**d as char).is_digit(radix))
                    .count();
                let v = u32::from_str_radix(&src[i..i + digits], radix).unwrap_or(0);
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                i += digits;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('\u{fffd}');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    Err(LexError::Unterminated("$'…' quote"))
}
