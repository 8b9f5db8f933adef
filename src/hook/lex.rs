//! A Bash lexer: words (with their decoded value and byte span), control
//! operators, redirections and here-documents.
//!
//! Quoting follows Bash: `'…'`, `"…"` (with `\` escaping `$ \` " \` and
//! newline), `$'…'` (ANSI-C escapes), `\x`, line continuations. Expansions
//! (`$x`, `${…}`, `$(…)`, `` `…` ``, `$((…))`, `<(…)`) make a word *dynamic*;
//! the source of each command substitution is kept so callers can look inside.

use std::ops::Range;

/// A word as the shell would see it before expansion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The value with quotes removed (expansions kept as typed).
    pub text: String,
    /// Byte span in the lexed source.
    pub span: Range<usize>,
    /// Contains a parameter, command or arithmetic expansion.
    pub dynamic: bool,
    /// Sources of `$(…)`, `` `…` `` and `<(…)` inside the word.
    pub substitutions: Vec<String>,
    /// Was any part quoted (a quoted word is never a reserved word or assignment)?
    pub quoted: bool,
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Word(Word),
    /// `&&`, `||`, `;`, `;;`, `;&`, `;;&`, `|`, `|&`, `&`, `\n`, `(`, `)`.
    Op(&'static str, Range<usize>),
    /// A redirection and its target (`> file`, `2>&1`, `<<EOF` with its body).
    Redirect {
        op: &'static str,
        target: Word,
        heredoc: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LexError {
    #[error("unterminated {0}")]
    Unterminated(&'static str),
}

const OPS: [&str; 12] = [
    ";;&", "&&", "||", ";;", ";&", "|&", ";", "|", "&", "\n", "(", ")",
];
const REDIRS: [&str; 11] = [
    "<<<", "<<-", "&>>", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "<",
];

/// Splits `src` into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut pending_heredocs: Vec<Pending> = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\r' {
            i += 1;
            continue;
        }
        if c == b'\\' && b.get(i + 1) == Some(&b'\n') {
            i += 2;
            continue;
        }
        if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'\n' {
            out.push(Token::Op("\n", i..i + 1));
            i += 1;
            if !pending_heredocs.is_empty() {
                i = read_heredocs(src, i, &mut out, &mut pending_heredocs)?;
            }
            continue;
        }
        // Process substitution `<(…)` / `>(…)` is a word.
        if (c == b'<' || c == b'>') && b.get(i + 1) == Some(&b'(') {
            let (w, end) = word(src, i)?;
            out.push(Token::Word(w));
            i = end;
            continue;
        }
        // `2>file`, `2>&1`: an io number glued to a redirection.
        let digits = b[i..].iter().take_while(|d| d.is_ascii_digit()).count();
        let redir_at = i + digits;
        if let Some(op) = REDIRS
            .iter()
            .chain([&">"])
            .find(|op| src[redir_at..].starts_with(**op))
            && (digits == 0 || matches!(b.get(redir_at), Some(b'<' | b'>')))
        {
            let mut j = redir_at + op.len();
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            let (target, end) = if j < b.len() && !is_meta(b[j]) {
                word(src, j)?
            } else {
                (Word::default(), j)
            };
            if matches!(*op, "<<" | "<<-") {
                pending_heredocs.push(Pending {
                    token: out.len(),
                    delimiter: target.text.clone(),
                    strip_tabs: *op == "<<-",
                    expands: !target.quoted,
                });
            }
            out.push(Token::Redirect {
                op,
                target,
                heredoc: None,
            });
            i = end;
            continue;
        }
        if let Some(op) = OPS.iter().find(|op| src[i..].starts_with(**op)) {
            out.push(Token::Op(op, i..i + op.len()));
            i += op.len();
            continue;
        }
        let (w, end) = word(src, i)?;
        out.push(Token::Word(w));
        i = end;
    }
    if !pending_heredocs.is_empty() {
        return Err(LexError::Unterminated("here-document"));
    }
    Ok(out)
}

fn is_meta(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

/// A here-document whose body is still to be read.
struct Pending {
    /// Index of its `Redirect` token.
    token: usize,
    delimiter: String,
    /// `<<-`: leading tabs are stripped.
    strip_tabs: bool,
    /// An unquoted delimiter: Bash expands `$(…)` and backquotes in the body.
    expands: bool,
}

/// Reads here-document bodies that start at `i` (just after a newline).
fn read_heredocs(
    src: &str,
    mut i: usize,
    out: &mut [Token],
    pending: &mut Vec<Pending>,
) -> Result<usize, LexError> {
    for p in pending.drain(..) {
        let (delim, strip) = (p.delimiter.as_str(), p.strip_tabs);
        let mut body = String::new();
        loop {
            if i >= src.len() {
                return Err(LexError::Unterminated("here-document"));
            }
            let end = src[i..].find('\n').map_or(src.len(), |n| i + n);
            let line = &src[i..end];
            i = (end + 1).min(src.len());
            let cmp = if strip {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if cmp == delim {
                break;
            }
            body.push_str(line);
            body.push('\n');
            if end >= src.len() {
                return Err(LexError::Unterminated("here-document"));
            }
        }
        if let Some(Token::Redirect {
            heredoc, target, ..
        }) = out.get_mut(p.token)
        {
            if p.expands {
                let subs = body_substitutions(&body);
                target.dynamic |= !subs.is_empty();
                target.substitutions.extend(subs);
            }
            *heredoc = Some(body);
        }
    }
    Ok(i)
}

/// The command substitutions Bash runs in an unquoted here-document body:
/// `$(…)` and backquotes (quotes are literal there; `\` escapes `$` and `` ` ``).
fn body_substitutions(body: &str) -> Vec<String> {
    let b = body.as_bytes();
    let mut w = Word::default();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'$' | b'`' => match expansion(body, i, &mut w) {
                Ok(end) => i = end,
                Err(_) => {
                    // Unbalanced: Bash refuses the command; keep the rest for inspection.
                    w.substitutions.push(body[i..].to_string());
                    break;
                }
            },
            _ => i += 1,
        }
    }
    w.substitutions
}

/// Lexes one word starting at `start`; returns it and the index after it.
pub fn word(src: &str, start: usize) -> Result<(Word, usize), LexError> {
    let b = src.as_bytes();
    let mut w = Word {
        span: start..start,
        ..Word::default()
    };
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\'' => {
                let end = find_byte(b, i + 1, b'\'').ok_or(LexError::Unterminated("'…' quote"))?;
                w.text.push_str(&src[i + 1..end]);
                w.quoted = true;
                i = end + 1;
            }
            b'"' => {
                w.quoted = true;
                i = double_quoted(src, i + 1, &mut w)?;
            }
            b'\\' => {
                match src[i + 1..].chars().next() {
                    Some('\n') => {}
                    Some(ch) => {
                        w.text.push(ch);
                        w.quoted = true;
                    }
                    None => {}
                }
                i += 1 + src[i + 1..].chars().next().map_or(0, char::len_utf8);
            }
            b'$' if b.get(i + 1) == Some(&b'\'') => {
                let (text, end) = ansi_c(src, i + 2)?;
                w.text.push_str(&text);
                w.quoted = true;
                i = end;
            }
            b'$' if b.get(i + 1) == Some(&b'"') => {
                w.quoted = true;
                i = double_quoted(src, i + 2, &mut w)?;
            }
            b'$' | b'`' => i = expansion(src, i, &mut w)?,
            b'<' | b'>' if i == start && b.get(i + 1) == Some(&b'(') => {
                let end = matching_paren(src, i + 2)?;
                w.substitutions.push(src[i + 2..end].to_string());
                w.text.push_str(&src[i..=end]);
                w.dynamic = true;
                i = end + 1;
            }
            _ if is_meta(c) => break,
            _ => {
                let ch = src[i..].chars().next().unwrap_or('\u{fffd}');
                w.text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    w.span = start..i;
    Ok((w, i))
}

fn find_byte(b: &[u8], from: usize, x: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == x)
        .map(|p| from + p)
}

/// Inside `"…"` from `i`; returns the index after the closing quote.
fn double_quoted(src: &str, mut i: usize, w: &mut Word) -> Result<usize, LexError> {
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
fn expansion(src: &str, i: usize, w: &mut Word) -> Result<usize, LexError> {
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
fn matching_paren(src: &str, from: usize) -> Result<usize, LexError> {
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
fn ansi_c(src: &str, mut i: usize) -> Result<(String, usize), LexError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        lex(src)
            .unwrap()
            .into_iter()
            .map(|t| match t {
                Token::Word(w) => w.text,
                Token::Op(o, _) => format!("<{}>", o.replace('\n', "nl")),
                Token::Redirect {
                    op,
                    target,
                    heredoc,
                } => format!(
                    "[{op}{}{}]",
                    target.text,
                    heredoc.map(|h| format!("|{h}")).unwrap_or_default()
                ),
            })
            .collect()
    }

    #[test]
    fn quoting() {
        assert_eq!(
            texts(r#"echo 'a b' "c $x" d\ e $'f\tg'"#),
            ["echo", "a b", "c $x", "d e", "f\tg"]
        );
        assert_eq!(
            texts("a&&b||c;d|e&f"),
            [
                "a", "<&&>", "b", "<||>", "c", "<;>", "d", "<|>", "e", "<&>", "f"
            ]
        );
        assert_eq!(
            texts("x 2>&1 >/dev/null <in"),
            ["x", "[>&1]", "[>/dev/null]", "[<in]"]
        );
        assert_eq!(
            texts("cat <<EOF\nnpm i x\nEOF\nls"),
            ["cat", "[<<EOF|npm i x\n]", "<nl>", "ls"]
        );
        assert_eq!(
            texts("echo $(npm i \"x)\") y"),
            ["echo", "$(npm i \"x)\")", "y"]
        );
        assert_eq!(texts("a \\\n b # c"), ["a", "b"]);
    }

    #[test]
    fn substitutions_are_kept() {
        let Token::Word(w) = &lex("x=$(pip install y)`npm i z`").unwrap()[0] else {
            panic!()
        };
        assert_eq!(w.substitutions, ["pip install y", "npm i z"]);
        assert!(w.dynamic);
    }

    #[test]
    fn unquoted_heredoc_bodies_run_their_substitutions() {
        let redirect = |src: &str| {
            lex(src)
                .unwrap()
                .into_iter()
                .find_map(|t| match t {
                    Token::Redirect { target, .. } => Some(target),
                    _ => None,
                })
                .unwrap()
        };
        let t = redirect("cat <<M\nhi $(npm i x) `pip install y` \\$(no) '$(z)'\nM");
        assert_eq!(t.substitutions, ["npm i x", "pip install y", "z"]);
        assert!(t.dynamic);
        assert!(
            redirect("cat <<'M'\n$(npm i x)\nM")
                .substitutions
                .is_empty()
        );
        assert!(
            redirect("cat <<\"M\"\n`npm i x`\nM")
                .substitutions
                .is_empty()
        );
        assert_eq!(redirect("cat <<M\n$(npm i\nM").substitutions, ["$(npm i\n"]);
    }

    #[test]
    fn errors() {
        assert!(lex("echo 'a").is_err());
        assert!(lex("echo \"a").is_err());
        assert!(lex("echo $(a").is_err());
        assert!(lex("cat <<EOF\nx").is_err());
    }
}
