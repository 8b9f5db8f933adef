//! Line numbers for parsers whose container crate gives no spans.
//!
//! [`LineIndex`] maps byte offsets to 1-based lines. [`json_keys`] is one
//! forward scan of a JSON text that reports every object key with its path
//! and line; `serde_json` still does the real parsing (and reports syntax
//! errors), so the scan only has to be exact on valid JSON, and merely must
//! not panic on anything else.

use std::borrow::Cow;

/// Byte offset → 1-based line.
pub(crate) struct LineIndex {
    /// Offsets of every `\n`.
    newlines: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let newlines = text
            .bytes()
            .enumerate()
            .filter_map(|(i, b)| (b == b'\n').then_some(i))
            .collect();
        LineIndex { newlines }
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        let before = self.newlines.partition_point(|&nl| nl < offset);
        u32::try_from(before + 1).unwrap_or(u32::MAX)
    }
}

/// Calls `f(path, key, line)` for every object key of a JSON text, in file
/// order. `path` holds the keys of the enclosing objects (an array level
/// appears as `"[]"`), outermost first; the key itself is not in it.
pub(crate) fn json_keys<'a>(text: &'a str, mut f: impl FnMut(&[Cow<'a, str>], &Cow<'a, str>, u32)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Frame {
        /// An object; `true` once its current key has been read (a string now is a value).
        Object(bool),
        Array,
    }
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    // Keys of the enclosing objects, one per frame (arrays push "[]").
    let mut path: Vec<Cow<'a, str>> = Vec::new();
    let mut pending: Option<Cow<'a, str>> = None;
    let mut line: u32 = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                while j < bytes.len() && bytes[j] != b'"' {
                    match bytes[j] {
                        b'\\' => {
                            escaped = true;
                            j += 1;
                        }
                        b'\n' => line += 1,
                        _ => {}
                    }
                    j += 1;
                }
                let raw = text.get(start..j.min(bytes.len())).unwrap_or("");
                if let Some(Frame::Object(false)) = frames.last() {
                    let key = if escaped {
                        Cow::Owned(unescape(raw))
                    } else {
                        Cow::Borrowed(raw)
                    };
                    f(&path, &key, line);
                    pending = Some(key);
                    if let Some(top) = frames.last_mut() {
                        *top = Frame::Object(true);
                    }
                }
                i = j;
            }
            b'{' | b'[' => {
                let key = match frames.last() {
                    Some(Frame::Array) => Cow::Borrowed("[]"),
                    _ => pending.take().unwrap_or(Cow::Borrowed("")),
                };
                if !frames.is_empty() {
                    path.push(key);
                }
                frames.push(if bytes[i] == b'{' {
                    Frame::Object(false)
                } else {
                    Frame::Array
                });
            }
            b'}' | b']' => {
                frames.pop();
                if !frames.is_empty() {
                    path.pop();
                }
            }
            b',' => {
                if let Some(top @ Frame::Object(_)) = frames.last_mut() {
                    *top = Frame::Object(false);
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Decodes JSON string escapes (invalid ones are kept as written).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                out.push(c.unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(1), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
    }

    #[test]
    fn keys_with_paths_and_lines() {
        let text =
            "{\n \"a\": {\"b\": \"x\\\"}\",\n  \"c\": [1, {\"d\": 2}]},\n \"e\\u0041\": null\n}";
        let mut seen = Vec::new();
        json_keys(text, |path, key, line| {
            seen.push((path.join("."), key.to_string(), line))
        });
        assert_eq!(
            seen,
            [
                (String::new(), "a".to_string(), 2),
                ("a".to_string(), "b".to_string(), 2),
                ("a".to_string(), "c".to_string(), 3),
                ("a.c.[]".to_string(), "d".to_string(), 3),
                (String::new(), "eA".to_string(), 4),
            ]
        );
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in ["", "}}]]", "{\"a", "{\"a\\", "[{\"\\u12", "{\"é\":{\"ü\\"] {
            json_keys(text, |_, _, _| {});
        }
    }
}
