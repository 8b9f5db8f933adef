//! Here-documents: bodies read after the line that opens them, and the
//! command substitutions Bash runs inside an unquoted one.

use super::quote::expansion;
use super::{LexError, Token, Word};

/// A here-document whose body is still to be read.
pub(super) struct Pending {
    /// Index of its `Redirect` token.
    pub(super) token: usize,
    pub(super) delimiter: String,
    /// `<<-`: leading tabs are stripped.
    pub(super) strip_tabs: bool,
    /// An unquoted delimiter: Bash expands `$(…)` and backquotes in the body.
    pub(super) expands: bool,
}

/// Reads here-document bodies that start at `i` (just after a newline).
pub(super) fn read_heredocs(
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
