//! A Bash lexer: words (with their decoded value and byte span), control
//! operators, redirections and here-documents.
//!
//! Quoting follows Bash: `'…'`, `"…"` (with `\` escaping `$ \` " \` and
//! newline), `$'…'` (ANSI-C escapes), `\x`, line continuations. Expansions
//! (`$x`, `${…}`, `$(…)`, `` `…` ``, `$((…))`, `<(…)`) make a word *dynamic*;
//! the source of each command substitution is kept so callers can look inside.
//! Quoted and expanded parts are read in `quote.rs`, here-document bodies in
//! `heredoc.rs`.

use std::ops::Range;

mod heredoc;
mod quote;

use heredoc::{Pending, read_heredocs};
use quote::{ansi_c, double_quoted, expansion, find_byte, matching_paren};

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

#[cfg(test)]
mod tests;
