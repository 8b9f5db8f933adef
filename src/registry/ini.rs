//! A small INI reader for `.npmrc` and `pip.conf`: `key = value` lines,
//! optional `[section]` headers, `;`/`#` comments, quoted values, and
//! `${VAR}` expansion from a given environment. Never fails: a line it
//! cannot read is skipped, as npm and pip themselves do.

use super::Env;

/// One `key = value` entry, with its section (`""` before any header).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub section: String,
    pub key: String,
    pub value: String,
}

/// Parses `text`; pip-style continuation lines (indented) extend the previous value.
pub fn parse(text: &str, env: &Env) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut section = String::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        if raw.starts_with([' ', '\t'])
            && let Some(last) = out.last_mut()
        {
            last.value.push('\n');
            last.value.push_str(&expand(line, env));
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let Some((k, v)) = line
            .split_once('=')
            .or_else(|| line.split_once(':').filter(|_| !section.is_empty()))
        else {
            continue;
        };
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
            .unwrap_or(v);
        out.push(Entry {
            section: section.clone(),
            key: k.trim().to_string(),
            value: expand(v, env),
        });
    }
    out
}

/// Replaces `${VAR}` with the variable's value (empty when unset).
pub fn expand(s: &str, env: &Env) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                out.push_str(env.get(&after[..end]).unwrap_or(""));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_comments_and_env() {
        let env = Env::from_pairs([("TOKEN", "abc")]);
        let e = parse(
            "; c\n# c\nregistry = \"https://r/\"\n//r/:_authToken=${TOKEN}\n[global]\nindex-url = https://i/simple\nextra-index-url =\n    https://a\n    https://b\n",
            &env,
        );
        assert_eq!(e[0].value, "https://r/");
        assert_eq!(e[1].key, "//r/:_authToken");
        assert_eq!(e[1].value, "abc");
        assert_eq!(e[2].section, "global");
        assert_eq!(e[3].value, "\nhttps://a\nhttps://b");
    }
}
