//! One requirement line (PEP 508 as pip accepts it), options already joined:
//! `name[extras] (spec) ; marker --hash=…`, `name @ url`, or a bare URL/path.

/// What one line requires, borrowed from the line (copied only for the
/// packages kept: a large requirements file is mostly such lines).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Requirement<'a> {
    pub name: &'a str,
    /// The exact version of a single `==`/`===` clause (no wildcard).
    pub pinned: Option<&'a str>,
    /// The version specifiers as written (empty for none).
    pub spec: &'a str,
    /// A direct reference (`name @ url`, a URL/VCS/path line).
    pub url: Option<&'a str>,
    /// The version a wheel file name states.
    pub url_version: Option<&'a str>,
}

/// `needle` in `hay`, for the short needles and lines here (`str::contains`
/// with a string pattern sets up a general searcher each call).
fn has(hay: &str, needle: &[u8]) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w == needle)
}

const OPERATORS: [&str; 8] = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];

/// `Ok(None)` for a line that names no package (a local path, an unnamed URL).
pub(super) fn parse_requirement(line: &str) -> Result<Option<Requirement<'_>>, String> {
    let s = cut_options(line).trim();
    if s.is_empty() {
        return Ok(None);
    }
    if is_url_or_path(s) {
        return Ok(url_line(s));
    }
    let name_end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        .unwrap_or(s.len());
    let name = &s[..name_end];
    let alnum_ends = name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !alnum_ends {
        return Err(format!(
            "{s:?} is not a requirement: it must start with a package name"
        ));
    }
    let mut rest = s[name_end..].trim_start();
    if rest.starts_with('[') {
        let close = rest
            .find(']')
            .ok_or_else(|| format!("{s:?}: unclosed `[` of extras"))?;
        rest = rest[close + 1..].trim_start();
    }
    if let Some(url) = rest.strip_prefix('@') {
        // PEP 508: a marker after a URL needs whitespace before `;`.
        let url = url.split([' ', '\t']).find(|w| !w.is_empty()).unwrap_or("");
        if url.is_empty() {
            return Err(format!("{s:?}: `@` must be followed by a URL"));
        }
        return Ok(Some(Requirement {
            name,
            pinned: None,
            spec: "",
            url: Some(url),
            url_version: None,
        }));
    }
    let spec = rest.split(';').next().unwrap_or("").trim();
    let spec = spec
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(spec)
        .trim();
    // Only a single clause can pin: count them, keep the first.
    let (mut clauses, mut first) = (0, None);
    if !spec.is_empty() {
        for clause in spec.split(',') {
            let clause = clause.trim();
            let op = OPERATORS
                .iter()
                .find(|op| clause.starts_with(*op))
                .ok_or_else(|| {
                    format!(
                        "{s:?}: expected a version specifier (`==1.0`, `>=2`), found {clause:?}"
                    )
                })?;
            let version = clause[op.len()..].trim();
            let valid = !version.is_empty()
                && version.bytes().all(|c| {
                    c.is_ascii_alphanumeric()
                        || matches!(
                            c,
                            b'.' | b'*' | b'+' | b'!' | b'-' | b'_' | b'$' | b'{' | b'}'
                        )
                });
            if !valid {
                return Err(format!(
                    "{s:?}: {op} must be followed by a version, found {version:?}"
                ));
            }
            clauses += 1;
            first = first.or(Some((*op, version)));
        }
    }
    let pinned = match first {
        Some((op, v))
            if clauses == 1
                && (op == "==" || op == "===")
                && !v.contains('*')
                && !has(v, b"${") =>
        {
            Some(v)
        }
        _ => None,
    };
    Ok(Some(Requirement {
        name,
        pinned,
        spec,
        url: None,
        url_version: None,
    }))
}

/// Cuts per-requirement options (`--hash=…`, `-C x`): from the first
/// whitespace followed by `-` outside quotes.
fn cut_options(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut quote: Option<u8> = None;
    for i in 0..bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (None, b' ' | b'\t') if bytes.get(i + 1) == Some(&b'-') => return &s[..i],
            _ => {}
        }
    }
    s
}

fn is_url_or_path(s: &str) -> bool {
    let first = s.split([' ', '\t', ';']).next().unwrap_or(s);
    has(first, b"://")
        || first.starts_with(['.', '/', '~', '\\'])
        || ["git+", "hg+", "svn+", "bzr+", "file:"]
            .iter()
            .any(|p| first.starts_with(p))
        || first.ends_with(".whl")
        || first.ends_with(".tar.gz")
        || first.ends_with(".zip")
}

/// A URL, VCS or path line: named by `#egg=name`, or by a wheel file name.
fn url_line(s: &str) -> Option<Requirement<'_>> {
    let url = s.split([' ', '\t']).next().unwrap_or(s);
    let egg = url.split_once('#').and_then(|(_, frag)| {
        frag.split('&')
            .find_map(|kv| kv.strip_prefix("egg="))
            .filter(|n| !n.is_empty())
    });
    let (name, version) = match egg {
        Some(n) => (n, None),
        None => {
            // `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`
            let file = url
                .split(['#', '?'])
                .next()
                .unwrap_or(url)
                .rsplit(['/', '\\'])
                .next()?;
            let stem = file.strip_suffix(".whl")?;
            let mut parts = stem.split('-');
            let (name, version) = (parts.next()?, parts.next()?);
            (name, Some(version))
        }
    };
    Some(Requirement {
        name,
        pinned: None,
        spec: "",
        url: Some(url),
        url_version: version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(s: &str) -> Option<(String, Option<String>, String, Option<String>)> {
        match parse_requirement(s) {
            Ok(r) => r.map(|r| {
                let own = |s: Option<&str>| s.map(str::to_string);
                (
                    r.name.into(),
                    own(r.pinned.or(r.url_version)),
                    r.spec.into(),
                    own(r.url),
                )
            }),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn forms() {
        assert_eq!(
            req("Django==1.11.29"),
            Some((
                "Django".into(),
                Some("1.11.29".into()),
                "==1.11.29".into(),
                None
            ))
        );
        assert_eq!(
            req("a===1.0 --hash=sha256:x"),
            Some(("a".into(), Some("1.0".into()), "===1.0".into(), None))
        );
        assert_eq!(
            req("requests [security] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"").map(|r| r.1),
            Some(None)
        );
        assert_eq!(req("b==2.*").map(|r| r.1), Some(None));
        assert_eq!(req("c (==1.0)").map(|r| r.1), Some(Some("1.0".into())));
        assert_eq!(
            req("d==1.0; sys_platform == 'win32' -C x").map(|r| r.1),
            Some(Some("1.0".into()))
        );
        assert_eq!(
            req("q==${V}").map(|r| (r.1, r.2)),
            Some((None, "==${V}".into()))
        );
        assert_eq!(req("e").map(|r| r.2), Some(String::new()));
        let url = req("urllib3 @ https://x/1.26.8.zip ; python_version > '3'");
        assert_eq!(url.map(|r| r.3), Some(Some("https://x/1.26.8.zip".into())));
        let egg = req("git+https://github.com/a/b.git@v1#egg=b-pkg");
        assert_eq!(egg.map(|r| r.0), Some("b-pkg".into()));
        let whl = req("./downloads/numpy-1.9.2-cp34-none-win32.whl");
        assert_eq!(
            whl.map(|r| (r.0, r.1)),
            Some(("numpy".into(), Some("1.9.2".into())))
        );
        assert_eq!(req("./local/project"), None);
        assert_eq!(req("."), None);
    }

    #[test]
    fn refusals() {
        for bad in [
            "asdf==",
            "==1.0",
            "asdf 1.0",
            "foo7==1.0 trailing",
            "x[a",
            "y @",
        ] {
            assert!(parse_requirement(bad).is_err(), "{bad}");
        }
    }
}
