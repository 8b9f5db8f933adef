//! The YAML subset pnpm writes, read line by line into a tree.
//!
//! pnpm (through js-yaml) writes lockfiles in a small, regular part of YAML:
//! block mappings indented with spaces, plain, single- or double-quoted keys
//! and scalars, one-line flow mappings and sequences (`{integrity: …}`,
//! `[x64]`), block sequences of scalars, `---` between documents. [`read`]
//! reads exactly that and gives up (`None`) on anything else: tabs, block
//! scalars, anchors, aliases, tags, directives, escapes, multi-line scalars
//! or flow collections, nested flow collections, repeated keys. The caller
//! then parses the file with a full YAML parser, which also explains errors.

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::FxBuildHasher;

/// A YAML node of the subset.
#[derive(Debug, PartialEq)]
pub(super) enum Node<'a> {
    Null,
    /// A scalar as written (quotes and escapes removed), and whether it was quoted.
    Scalar(Cow<'a, str>, bool),
    /// Entries in file order, each with the line of its key.
    Map(Vec<(Cow<'a, str>, u32, Node<'a>)>),
    Seq(Vec<Node<'a>>),
}

struct Line<'a> {
    no: u32,
    indent: usize,
    body: &'a str,
}

/// The documents of `text` (`Node::Null` for an empty one), or `None` when
/// the text leaves the subset.
pub(super) fn read(text: &str) -> Option<Vec<Node<'_>>> {
    let mut docs = Vec::new();
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut started = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let body = raw.trim_start_matches(' ');
        let indent = raw.len() - body.len();
        let body = body.trim_end_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if body.starts_with('\t') || body.contains('\t') {
            return None;
        }
        if indent == 0
            && (body.starts_with("---") || body.starts_with("...") || body.starts_with('%'))
        {
            if body != "---" {
                return None;
            }
            if started || !lines.is_empty() {
                docs.push(document(std::mem::take(&mut lines))?);
            }
            started = true;
            continue;
        }
        let no = u32::try_from(i + 1).ok()?;
        lines.push(Line { no, indent, body });
    }
    if !lines.is_empty() || !started {
        docs.push(document(lines)?);
    }
    Some(docs)
}

fn document(lines: Vec<Line<'_>>) -> Option<Node<'_>> {
    let Some(first) = lines.first() else {
        return Some(Node::Null);
    };
    let mut r = Reader {
        pos: 0,
        indent: first.indent,
        lines,
    };
    let node = r.block(r.indent)?;
    (r.pos == r.lines.len()).then_some(node)
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    indent: usize,
}

fn is_item(body: &str) -> bool {
    body == "-" || body.starts_with("- ")
}

impl<'a> Reader<'a> {
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        let l = self.lines.get(self.pos)?;
        if is_item(l.body) {
            self.seq(indent)
        } else {
            self.map(indent)
        }
    }

    /// Is the next line more indented than `indent` (a value continued or nested)?
    fn deeper(&self, indent: usize) -> bool {
        self.lines.get(self.pos).is_some_and(|n| n.indent > indent)
    }

    fn map(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut entries: Vec<(Cow<'a, str>, u32, Node<'a>)> = Vec::new();
        while let Some(l) = self.lines.get(self.pos) {
            if l.indent < indent {
                break;
            }
            if l.indent > indent || is_item(l.body) {
                return None;
            }
            let (key, rest) = split_key(l.body)?;
            let no = l.no;
            self.pos += 1;
            let value = if rest.is_empty() {
                match self.lines.get(self.pos) {
                    Some(n) if n.indent > indent => self.block(n.indent)?,
                    Some(n) if n.indent == indent && is_item(n.body) => return None,
                    _ => Node::Null,
                }
            } else {
                let v = inline(rest)?;
                if self.deeper(indent) {
                    return None;
                }
                v
            };
            entries.push((key, no, value));
        }
        unique(&entries).then_some(Node::Map(entries))
    }

    fn seq(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(l) = self.lines.get(self.pos) {
            if l.indent < indent {
                break;
            }
            if l.indent > indent || !is_item(l.body) {
                return None;
            }
            let rest = l.body[1..].trim_start();
            if rest.is_empty() {
                return None;
            }
            let v = inline(rest)?;
            self.pos += 1;
            if self.deeper(indent) {
                return None;
            }
            items.push(v);
        }
        Some(Node::Seq(items))
    }
}

/// YAML forbids repeated keys; the full parser reports them.
fn unique(entries: &[(Cow<'_, str>, u32, Node<'_>)]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .all(|(i, (k, ..))| entries[..i].iter().all(|(o, ..)| o != k));
    }
    let mut seen: HashSet<&str, FxBuildHasher> =
        HashSet::with_capacity_and_hasher(entries.len(), FxBuildHasher);
    entries.iter().all(|(k, ..)| seen.insert(k))
}

/// `key: rest` → the key and the text after `: ` (empty for `key:`).
fn split_key(body: &str) -> Option<(Cow<'_, str>, &str)> {
    let (key, after) = match body.as_bytes()[0] {
        b'\'' | b'"' => {
            let (k, n) = quoted(body)?;
            (k, &body[n..])
        }
        _ => {
            let end = match body.find(": ") {
                Some(i) => i,
                None => body.strip_suffix(':')?.len(),
            };
            let key = &body[..end];
            if !plain_ok(key) {
                return None;
            }
            (Cow::Borrowed(key), &body[end..])
        }
    };
    let after = after.strip_prefix(':')?;
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    let rest = after.trim_start();
    (!rest.starts_with('#')).then_some((key, rest))
}

/// A plain scalar the subset accepts as written: no indicator first, no
/// `: ` or ` #` inside, no surrounding spaces, no trailing `:`.
fn plain_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    !(b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || first.is_ascii_whitespace()
        || last.is_ascii_whitespace()
        || last == b':'
        || b.windows(2).any(|w| w == b": " || w == b" #"))
}

/// A quoted scalar at the start of `s`: its text and the bytes it spans.
fn quoted(s: &str) -> Option<(Cow<'_, str>, usize)> {
    let q = s.as_bytes()[0];
    let mut escaped = false;
    let mut i = 1;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q == b'"' => return None,
            b if b == q && q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => {
                escaped = true;
                i += 2;
                continue;
            }
            b if b == q => {
                let inner = &s[1..i];
                let text = if escaped {
                    Cow::Owned(inner.replace("''", "'"))
                } else {
                    Cow::Borrowed(inner)
                };
                return Some((text, i + 1));
            }
            _ => i += 1,
        }
    }
    None // closes on a later line
}

/// A value written on its key's line.
fn inline(v: &str) -> Option<Node<'_>> {
    match v.as_bytes()[0] {
        b'\'' | b'"' => {
            let (text, n) = quoted(v)?;
            let rest = v[n..].trim_start();
            (rest.is_empty() || rest.starts_with('#')).then_some(Node::Scalar(text, true))
        }
        b'{' | b'[' => flow(v),
        _ => {
            let v = match v.find(" #") {
                Some(i) => v[..i].trim_end(),
                None => v,
            };
            if !plain_ok(v) {
                return None;
            }
            Some(match v {
                "~" | "null" | "Null" | "NULL" => Node::Null,
                _ => Node::Scalar(Cow::Borrowed(v), false),
            })
        }
    }
}

/// A one-line flow mapping or sequence of scalars: `{a: b, c: 'd'}`, `[x, y]`.
fn flow(v: &str) -> Option<Node<'_>> {
    let is_map = v.starts_with('{');
    let close = if is_map { '}' } else { ']' };
    let inner = v[1..].strip_suffix(close)?.trim();
    let mut map = Vec::new();
    let mut seq = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let key = if is_map {
            let (k, after) = flow_scalar(rest)?;
            let after = after.strip_prefix(": ")?.trim_start();
            rest = after;
            Some(k)
        } else {
            None
        };
        let (value, after) = flow_scalar(rest)?;
        match key {
            Some(k) => map.push((k.0, 0, Node::Scalar(value.0, value.1))),
            None => seq.push(Node::Scalar(value.0, value.1)),
        }
        rest = match after.trim_start().strip_prefix(',') {
            Some(r) => r.trim_start(),
            None if after.trim().is_empty() => "",
            None => return None,
        };
    }
    Some(if is_map {
        unique(&map).then_some(Node::Map(map))?
    } else {
        Node::Seq(seq)
    })
}

/// A scalar inside a flow collection, and the text after it.
#[allow(clippy::type_complexity)]
fn flow_scalar(s: &str) -> Option<((Cow<'_, str>, bool), &str)> {
    match s.as_bytes().first()? {
        b'\'' | b'"' => {
            let (text, n) = quoted(s)?;
            Some(((text, true), &s[n..]))
        }
        _ => {
            // A plain scalar ends at a flow indicator or at `:` before a space
            // or an end (so `https://…` stays whole).
            let b = s.as_bytes();
            let end = (0..b.len())
                .find(|&i| match b[i] {
                    b',' | b'[' | b']' | b'{' | b'}' => true,
                    b':' => matches!(b.get(i + 1), None | Some(b' ' | b',' | b'}' | b']')),
                    _ => false,
                })
                .unwrap_or(b.len());
            let text = s[..end].trim_end();
            if !plain_ok(text) {
                return None;
            }
            Some(((Cow::Borrowed(text), false), &s[end..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Node<'_> {
        Node::Scalar(Cow::Borrowed(t), false)
    }

    #[test]
    fn reads_what_pnpm_writes() {
        let text = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      '@a/b':\n        specifier: ^1.0.0\n        version: 1.0.0(c@2)\n\npackages:\n\n  '@a/b@1.0.0':\n    resolution: {integrity: sha512-x/y+z==, tarball: 'https://h/a.tgz'}\n    engines: {node: '>=14'}\n    cpu: [x64, arm64]\n    hasBin: true # a comment\n    transitivePeerDependencies:\n      - it's\n      - 'q''s'\n";
        let docs = read(text).expect("in the subset");
        let Node::Map(top) = &docs[0] else { panic!() };
        assert_eq!(
            top[0],
            (
                Cow::Borrowed("lockfileVersion"),
                1,
                Node::Scalar(Cow::Borrowed("9.0"), true)
            )
        );
        let Node::Map(pkgs) = &top[2].2 else { panic!() };
        assert_eq!((pkgs[0].0.as_ref(), pkgs[0].1), ("@a/b@1.0.0", 13));
        let Node::Map(p) = &pkgs[0].2 else { panic!() };
        let Node::Map(res) = &p[0].2 else { panic!() };
        assert_eq!(res[0].2, s("sha512-x/y+z=="));
        assert_eq!(
            res[1].2,
            Node::Scalar(Cow::Borrowed("https://h/a.tgz"), true)
        );
        assert_eq!(p[2].2, Node::Seq(vec![s("x64"), s("arm64")]));
        assert_eq!(p[3].2, s("true"));
        assert_eq!(
            p[4].2,
            Node::Seq(vec![
                s("it's"),
                Node::Scalar(Cow::Owned("q's".into()), true)
            ])
        );
    }

    #[test]
    fn documents_and_nulls() {
        let docs = read("---\na: 1\n---\n# nothing\n---\nb:\nc: ~\n").expect("subset");
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[1], Node::Null);
        assert_eq!(
            docs[2],
            Node::Map(vec![
                (Cow::Borrowed("b"), 6, Node::Null),
                (Cow::Borrowed("c"), 7, Node::Null)
            ])
        );
    }

    /// Everything outside the subset is left to the full parser.
    #[test]
    fn gives_up_outside_the_subset() {
        for text in [
            "a:\n\tb: 1\n",            // tab
            "a: |\n  text\n",          // block scalar
            "a: &x 1\nb: *x\n",        // anchor, alias
            "a: !tag 1\n",             // tag
            "%YAML 1.2\n---\na: 1\n",  // directive
            "a: 'two\n  lines'\n",     // multi-line quoted
            "a: plain\n  continued\n", // multi-line plain
            "a: {b: {c: d}}\n",        // nested flow
            "a: {b: c,\n  d: e}\n",    // flow over lines
            "a: \"esc\\\"aped\"\n",    // escape
            "a: 1\na: 2\n",            // repeated key
            "a:\n- b\n",               // sequence at the key's indent
            "a:\n  - b: c\n",          // mapping in a sequence
            "? a\n: b\n",              // complex key
            "a: b: c\n",               // `: ` in a plain scalar
        ] {
            assert!(read(text).is_none(), "{text:?}");
        }
    }
}
