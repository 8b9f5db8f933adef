//! Option scanning shared by the per-manager parsers.
//!
//! Two dialects cover every manager ccdeps fronts:
//! - **nopt** (npm, npx, pnpm, yarn): options anywhere, `--flag=value` or
//!   `--flag value` only for flags known to take a value (unknown flags are
//!   booleans, as nopt treats them), `--no-flag`, single-dash shorthands that
//!   may be bundled (`-gD`), `--` ends options.
//! - **getopt-like** (pip, uv, cargo): handled in each parser with the
//!   helpers at the bottom (`split_eq`, `is_help`).
//!
//! Scanning borrows the argv: the pass-through decision allocates nothing
//! beyond one small vector.

/// One scanned word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Item<'a> {
    /// An option by its long name (shorthands already expanded), with its value.
    Flag(&'a str, Option<&'a str>),
    /// A positional word.
    Pos(&'a str),
}

/// The flag vocabulary of one nopt dialect.
pub(super) struct Nopt {
    /// Does the long flag (no dashes) take a value?
    pub takes_value: fn(&str) -> bool,
    /// Single-letter (or short word) shorthands: `g` → `global`.
    pub short: fn(&str) -> Option<&'static str>,
}

/// Scans argv the way nopt does. Option parsing stops at `--` and, when
/// `stop_after` is `Some(n)`, after the n-th positional (npx and `dlx` pass
/// everything after the command to it).
pub(super) fn scan_nopt<'a>(
    args: &'a [String],
    d: &Nopt,
    stop_after: Option<usize>,
) -> Vec<Item<'a>> {
    let mut out = Vec::with_capacity(args.len());
    let mut positionals = 0usize;
    let mut i = 0;
    let mut literal = false;
    while i < args.len() {
        let w = args[i].as_str();
        i += 1;
        if literal || stop_after.is_some_and(|n| positionals >= n) {
            out.push(Item::Pos(w));
            positionals += 1;
            continue;
        }
        if w == "--" {
            literal = true;
            continue;
        }
        if let Some(long) = w.strip_prefix("--") {
            let (name, value) = split_eq(long);
            i += push_flag(&mut out, name, value, args.get(i).map(String::as_str), d);
        } else if w.len() > 1 && w.starts_with('-') {
            let body = &w[1..];
            if let Some(name) = (d.short)(body) {
                i += push_flag(&mut out, name, None, args.get(i).map(String::as_str), d);
            } else if let Some((k, v)) = body.split_once('=') {
                // `-w=pkg`: nopt reads it as the shorthand with a value.
                out.push(Item::Flag((d.short)(k).unwrap_or(k), Some(v)));
            } else {
                // Bundled shorthands (`-gD`); unknown letters become their own
                // (boolean) flag, which is what nopt does with them.
                let mut chars = body.char_indices().peekable();
                while let Some((at, c)) = chars.next() {
                    let letter = &body[at..at + c.len_utf8()];
                    let name = (d.short)(letter).unwrap_or(letter);
                    if chars.peek().is_none() {
                        i += push_flag(&mut out, name, None, args.get(i).map(String::as_str), d);
                    } else {
                        out.push(Item::Flag(name, None));
                    }
                }
            }
        } else {
            out.push(Item::Pos(w));
            positionals += 1;
        }
    }
    out
}

/// Pushes one flag; returns how many following words it consumed.
fn push_flag<'a>(
    out: &mut Vec<Item<'a>>,
    name: &'a str,
    value: Option<&'a str>,
    next: Option<&'a str>,
    d: &Nopt,
) -> usize {
    if value.is_some() {
        out.push(Item::Flag(name, value));
        return 0;
    }
    let bare = name.strip_prefix("no-").unwrap_or(name);
    if (d.takes_value)(name) && !name.starts_with("no-") {
        // nopt: a string flag does not swallow a following option.
        match next {
            Some(n) if !(n.starts_with('-') && n.len() > 1) => {
                out.push(Item::Flag(name, Some(n)));
                return 1;
            }
            _ => {
                out.push(Item::Flag(name, Some("")));
                return 0;
            }
        }
    }
    // Booleans accept an explicit `true`/`false` after them.
    if matches!(next, Some("true" | "false")) && !(d.takes_value)(bare) {
        out.push(Item::Flag(name, next));
        return 1;
    }
    out.push(Item::Flag(name, None));
    0
}

/// `name=value` → (`name`, `Some(value)`); `name` → (`name`, `None`).
pub(super) fn split_eq(s: &str) -> (&str, Option<&str>) {
    match s.split_once('=') {
        Some((k, v)) => (k, Some(v)),
        None => (s, None),
    }
}

/// Is a nopt boolean flag on? (`--flag`, `--flag true`; not `--no-flag`, `--flag false`.)
pub(super) fn on(value: Option<&str>) -> bool {
    !matches!(value, Some("false" | "0" | ""))
}

/// Help and version requests pass through at once in every manager.
pub(super) fn is_help(w: &str) -> bool {
    matches!(w, "-h" | "--help" | "-?" | "--usage" | "-H")
}

/// Positionals of a scan, in order.
pub(super) fn positionals<'a, 'b>(items: &'b [Item<'a>]) -> impl Iterator<Item = &'a str> + 'b {
    items.iter().filter_map(|i| match i {
        Item::Pos(p) => Some(*p),
        Item::Flag(..) => None,
    })
}

/// The value of the last occurrence of a flag.
pub(super) fn last_value<'a>(items: &[Item<'a>], names: &[&str]) -> Option<&'a str> {
    items.iter().rev().find_map(|i| match i {
        Item::Flag(n, Some(v)) if names.contains(n) => Some(*v),
        _ => None,
    })
}

/// Every value of a repeatable flag.
pub(super) fn all_values<'a>(items: &[Item<'a>], names: &[&str]) -> Vec<&'a str> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Flag(n, Some(v)) if names.contains(n) && !v.is_empty() => Some(*v),
            _ => None,
        })
        .collect()
}

/// Is a boolean flag set (last occurrence wins; `--no-x` clears `x`)?
pub(super) fn flag_set(items: &[Item<'_>], name: &str) -> bool {
    let mut set = false;
    for i in items {
        if let Item::Flag(n, v) = i {
            if *n == name {
                set = on(*v);
            } else if n.strip_prefix("no-") == Some(name) {
                set = false;
            }
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Nopt {
        Nopt {
            takes_value: |n| matches!(n, "registry" | "workspace"),
            short: |s| match s {
                "g" => Some("global"),
                "D" => Some("save-dev"),
                "w" => Some("workspace"),
                _ => None,
            },
        }
    }

    fn v(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_bundles_and_dashdash() {
        let a = v(&[
            "--registry",
            "https://r",
            "i",
            "-gD",
            "x",
            "--",
            "--not-a-flag",
        ]);
        let items = scan_nopt(&a, &d(), None);
        assert_eq!(
            items,
            [
                Item::Flag("registry", Some("https://r")),
                Item::Pos("i"),
                Item::Flag("global", None),
                Item::Flag("save-dev", None),
                Item::Pos("x"),
                Item::Pos("--not-a-flag"),
            ]
        );
    }

    #[test]
    fn unknown_flags_are_booleans_and_strings_skip_options() {
        let a = v(&["--foo", "bar", "--registry", "--save", "-w", "pkg"]);
        let items = scan_nopt(&a, &d(), None);
        assert_eq!(
            items,
            [
                Item::Flag("foo", None),
                Item::Pos("bar"),
                Item::Flag("registry", Some("")),
                Item::Flag("save", None),
                Item::Flag("workspace", Some("pkg")),
            ]
        );
    }

    #[test]
    fn stop_after_first_positional() {
        let a = v(&["--yes", "cowsay", "--registry", "x"]);
        let items = scan_nopt(&a, &d(), Some(1));
        assert_eq!(items[2], Item::Pos("--registry"));
        assert!(flag_set(&items, "yes"));
    }
}
