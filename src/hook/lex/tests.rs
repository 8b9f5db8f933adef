//! Unit tests of the Bash lexer.

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
