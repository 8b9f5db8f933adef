//! From tokens to simple commands: control operators, pipelines, subshells
//! `( … )`, groups `{ …; }`, and the reserved words of `if`/`while`/`for`/
//! `case`/functions, so that every command that will run is seen once, with
//! its words, redirections and here-document bodies, and nothing else is
//! taken for a command (arguments, `for` word lists, `case` patterns).

use std::ops::Range;

use super::lex::{Token, Word};

/// A simple command as it will run.
#[derive(Clone, Debug, Default)]
pub struct SimpleCmd {
    /// Words, including leading `NAME=value` assignments.
    pub words: Vec<Word>,
    /// Redirections: operator, target, here-document body.
    pub redirects: Vec<(&'static str, Word, Option<String>)>,
    /// The source of the pipeline stages that feed this one (`… | sh`).
    pub piped_from: Option<Range<usize>>,
    /// Here-document and here-string bodies of those stages (`cat <<EOF | sh`):
    /// they come later in the source than the pipe.
    pub piped_bodies: String,
}

impl SimpleCmd {
    /// Byte span of the whole command's words.
    pub fn span(&self) -> Option<Range<usize>> {
        let first = self.words.first()?;
        let last = self.words.last()?;
        Some(first.span.start..last.span.end)
    }

    /// Text fed on standard input by a here-document or here-string.
    pub fn stdin_text(&self) -> Option<&str> {
        self.redirects
            .iter()
            .find_map(|(op, target, body)| match (*op, body) {
                (_, Some(b)) => Some(b.as_str()),
                ("<<<", None) => Some(target.text.as_str()),
                _ => None,
            })
    }
}

const STARTERS: &[&str] = &[
    "{", "}", "!", "then", "else", "elif", "do", "if", "while", "until", "fi", "done", "]]",
];

/// Splits a token stream into the simple commands it runs.
pub fn commands(tokens: &[Token]) -> Vec<SimpleCmd> {
    let mut out: Vec<SimpleCmd> = Vec::new();
    let mut cur = SimpleCmd::default();
    let mut at_start = true;
    let mut in_case = 0usize;
    let mut expect_pattern = false;
    let mut stage_start: Option<usize> = None;
    // Where the current pipeline began, and the bodies its stages read so far.
    let mut pipe_start: Option<usize> = None;
    let mut pipe_bodies = String::new();
    let mut i = 0;
    let finish = |cur: &mut SimpleCmd, out: &mut Vec<SimpleCmd>| {
        if !cur.words.is_empty() || !cur.redirects.is_empty() {
            out.push(std::mem::take(cur));
        } else {
            *cur = SimpleCmd::default();
        }
    };
    while i < tokens.len() {
        match &tokens[i] {
            Token::Op(op, span) => {
                match *op {
                    "|" | "|&" => {
                        let start = pipe_start
                            .or(stage_start)
                            .or_else(|| cur.span().map(|s| s.start));
                        if let Some(body) = cur.stdin_text() {
                            pipe_bodies.push_str(body);
                            pipe_bodies.push('\n');
                        }
                        finish(&mut cur, &mut out);
                        cur.piped_from = start.map(|s| s..span.start);
                        cur.piped_bodies.clone_from(&pipe_bodies);
                        pipe_start = start;
                        at_start = true;
                        stage_start = None;
                        i += 1;
                        continue;
                    }
                    "(" if !cur.words.is_empty()
                        && matches!(tokens.get(i + 1), Some(Token::Op(")", _))) =>
                    {
                        // `name() { … }`: a function definition, not a command.
                        cur = SimpleCmd::default();
                        i += 1;
                    }
                    ";;" | ";&" | ";;&" if in_case > 0 => {
                        finish(&mut cur, &mut out);
                        expect_pattern = true;
                    }
                    _ => finish(&mut cur, &mut out),
                }
                at_start = true;
                stage_start = None;
                pipe_start = None;
                pipe_bodies.clear();
            }
            Token::Redirect {
                op,
                target,
                heredoc,
            } => {
                cur.redirects.push((op, target.clone(), heredoc.clone()));
            }
            Token::Word(w) => {
                stage_start.get_or_insert(w.span.start);
                if at_start && !w.quoted {
                    let t = w.text.as_str();
                    if expect_pattern && t != "esac" {
                        // A `case` pattern: skip to its `)`.
                        i = skip_until(tokens, i, |t| matches!(t, Token::Op(")", _)));
                        i += 1;
                        expect_pattern = false;
                        continue;
                    }
                    match t {
                        _ if STARTERS.contains(&t) => {
                            i += 1;
                            continue;
                        }
                        "esac" => {
                            in_case = in_case.saturating_sub(1);
                            expect_pattern = false;
                            i += 1;
                            continue;
                        }
                        "time" => {
                            i += 1;
                            if matches!(tokens.get(i), Some(Token::Word(w)) if w.text == "-p") {
                                i += 1;
                            }
                            continue;
                        }
                        "coproc" => {
                            // `coproc CMD`, or `coproc NAME { …; }` / `coproc NAME ( … )`.
                            i += 1;
                            let compound = match tokens.get(i + 1) {
                                Some(Token::Word(w)) => w.text == "{",
                                Some(Token::Op(op, _)) => *op == "(",
                                _ => false,
                            };
                            if compound && matches!(tokens.get(i), Some(Token::Word(_))) {
                                i += 1;
                            }
                            continue;
                        }
                        "for" | "select" => {
                            // `for x in a b c; do`: the word list is not a command.
                            i = skip_until(tokens, i, |t| match t {
                                Token::Op(";" | "\n", _) => true,
                                Token::Word(w) => w.text == "do",
                                _ => false,
                            });
                            continue;
                        }
                        "case" => {
                            i = skip_until(
                                tokens,
                                i,
                                |t| matches!(t, Token::Word(w) if w.text == "in"),
                            ) + 1;
                            in_case += 1;
                            expect_pattern = true;
                            continue;
                        }
                        "function" => {
                            i += 2;
                            if matches!(tokens.get(i), Some(Token::Op("(", _))) {
                                i += 2;
                            }
                            continue;
                        }
                        "[[" => {
                            i = skip_until(
                                tokens,
                                i,
                                |t| matches!(t, Token::Word(w) if w.text == "]]"),
                            ) + 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                cur.words.push(w.clone());
                at_start = false;
            }
        }
        i += 1;
    }
    finish(&mut cur, &mut out);
    out
}

/// Index of the first token at or after `from` matching `stop` (or the end).
fn skip_until(tokens: &[Token], from: usize, stop: impl Fn(&Token) -> bool) -> usize {
    (from..tokens.len())
        .find(|&j| stop(&tokens[j]))
        .unwrap_or(tokens.len())
}

/// Is `w` a `NAME=value` assignment (only before the command word)?
pub fn is_assignment(w: &Word) -> bool {
    let t = w.text.as_str();
    let Some(eq) = t.find('=') else {
        return false;
    };
    let name = t[..eq].trim_end_matches('+');
    let name = name.split('[').next().unwrap_or(name);
    !name.is_empty()
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::super::lex::lex;
    use super::*;

    fn cmds(src: &str) -> Vec<String> {
        commands(&lex(src).unwrap())
            .into_iter()
            .map(|c| {
                c.words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn structure() {
        assert_eq!(
            cmds("cd /x && npm i a; (pip install b) | tee l &"),
            ["cd /x", "npm i a", "pip install b", "tee l"]
        );
        assert_eq!(
            cmds("if true; then npm ci; else yarn; fi"),
            ["true", "npm ci", "yarn"]
        );
        assert_eq!(cmds("for p in npm pip; do echo $p; done"), ["echo $p"]);
        assert_eq!(
            cmds("case $x in a|b) npm i y;; *) ls;; esac"),
            ["npm i y", "ls"]
        );
        assert_eq!(cmds("f() { pip install z; }; f"), ["pip install z", "f"]);
        assert_eq!(cmds("time -p cargo build"), ["cargo build"]);
        assert_eq!(cmds("{ npm i a; }"), ["npm i a"]);
        assert_eq!(cmds("coproc npm i a"), ["npm i a"]);
        assert_eq!(cmds("coproc P { npm i a; }"), ["npm i a"]);
    }

    #[test]
    fn pipelines_carry_what_feeds_them() {
        let src = "cat <<A | tr a b | sh\nnpm i x\nA\nls | sh";
        let c = commands(&lex(src).unwrap());
        let sh = &c[2];
        assert_eq!(&src[sh.piped_from.clone().unwrap()], "cat <<A | tr a b ");
        assert_eq!(sh.piped_bodies, "npm i x\n\n");
        let last = &c[4];
        assert_eq!(&src[last.piped_from.clone().unwrap()], "ls ");
        assert!(last.piped_bodies.is_empty());
    }
}
