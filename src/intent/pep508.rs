//! pip requirement specifiers as typed on a command line: PEP 508
//! (`name[extra]>=1,<2; marker`, `name @ url`), VCS URLs (`git+https://…#egg=x`),
//! archive URLs, and local paths, wheels and sdists.

use super::Request;
use crate::package::Source;

/// Parses one requirement word. `index` is the index override (credentials
/// already stripped), used as the source of registry packages.
pub(super) fn parse(raw: &str, index: Option<&str>) -> Request {
    let mut req = Request {
        raw: raw.to_string(),
        name: None,
        requirement: None,
        source: index.map_or(Source::DEFAULT_REGISTRY, Source::registry),
        extras: Vec::new(),
        marker: None,
        alias: None,
    };
    let (body, marker) = match raw.split_once(';') {
        Some((b, m)) if !is_url_or_path(raw) || raw.contains(" @ ") => (b.trim(), Some(m.trim())),
        _ => (raw.trim(), None),
    };
    req.marker = marker.filter(|m| !m.is_empty()).map(str::to_string);
    let direct = body
        .split_once('@')
        .filter(|(l, _)| !l.contains("://") && is_name_with_extras(l.trim()));
    if is_url_or_path(body) && direct.is_none() {
        req.source = location(body);
        req.name = egg_name(body).or_else(|| wheel_name(body));
        return req;
    }
    // Name: letters, digits, `.`, `_`, `-`.
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .unwrap_or(body.len());
    let (name, mut rest) = body.split_at(end);
    req.name = Some(name.to_string()).filter(|n| !n.is_empty());
    rest = rest.trim_start();
    if let Some(after) = rest.strip_prefix('[') {
        let (extras, tail) = after.split_once(']').unwrap_or((after, ""));
        req.extras = extras
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect();
        rest = tail.trim_start();
    }
    if let Some(url) = rest.strip_prefix('@') {
        // `name @ https://…` (PEP 508 direct reference).
        req.source = location(url.trim());
        return req;
    }
    let spec = rest
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if !spec.is_empty() {
        req.requirement = Some(spec.split_whitespace().collect::<String>());
    }
    req
}

/// `name` or `name[extra,…]` (the left side of a PEP 508 direct reference).
fn is_name_with_extras(s: &str) -> bool {
    let name = s.split('[').next().unwrap_or(s).trim();
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A URL, VCS URL or local path rather than a name.
pub(super) fn is_url_or_path(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.contains("://")
        || ["git+", "hg+", "svn+", "bzr+", "file:"]
            .iter()
            .any(|p| l.starts_with(p))
        || s.starts_with(['.', '/', '~', '\\'])
        || (s.contains(['/', '\\']) && !s.contains('@'))
        || [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar"]
            .iter()
            .any(|e| l.ends_with(e))
}

/// Where a URL or path points.
fn location(s: &str) -> Source {
    let l = s.to_ascii_lowercase();
    if ["git+", "hg+", "svn+", "bzr+"]
        .iter()
        .any(|p| l.starts_with(p))
    {
        let base = s.split('#').next().unwrap_or(s);
        // `git+https://host/repo@rev`: the revision follows the last `@` of the path.
        let (url, rev) = match base.rfind('@') {
            Some(at) if base[..at].contains("://") && !base[at..].contains('/') => {
                (&base[..at], Some(base[at + 1..].to_string()))
            }
            _ => (base, None),
        };
        return Source::Git {
            url: url.to_string(),
            rev,
        };
    }
    if let Some(p) = s
        .strip_prefix("file://")
        .or_else(|| s.strip_prefix("file:"))
    {
        return Source::Path {
            path: p.to_string(),
        };
    }
    if l.contains("://") {
        return Source::Url { url: s.to_string() };
    }
    Source::Path {
        path: s.to_string(),
    }
}

/// `…#egg=name` (legacy VCS and URL requirement name).
fn egg_name(s: &str) -> Option<String> {
    let frag = s.split_once('#')?.1;
    frag.split('&')
        .find_map(|kv| kv.strip_prefix("egg="))
        .map(|n| {
            n.split(['[', '=', '<', '>'])
                .next()
                .unwrap_or(n)
                .to_string()
        })
        .filter(|n| !n.is_empty())
}

/// `name-1.0-py3-none-any.whl` → `name`.
fn wheel_name(s: &str) -> Option<String> {
    let file = s.rsplit(['/', '\\']).next()?;
    file.strip_suffix(".whl")
        .and_then(|stem| stem.split('-').next())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep508_forms() {
        let r = parse(
            "requests[socks,security]>=2.0,<3; python_version >= \"3.8\"",
            None,
        );
        assert_eq!(r.name.as_deref(), Some("requests"));
        assert_eq!(r.extras, ["socks", "security"]);
        assert_eq!(r.requirement.as_deref(), Some(">=2.0,<3"));
        assert_eq!(r.marker.as_deref(), Some("python_version >= \"3.8\""));
        let r = parse("jinja2==2.11.2", None);
        assert_eq!(
            (r.name.as_deref(), r.requirement.as_deref()),
            (Some("jinja2"), Some("==2.11.2"))
        );
        let r = parse("Django (>=1.11, <2)", None);
        assert_eq!(r.requirement.as_deref(), Some(">=1.11,<2"));
        assert_eq!(parse("six", None).requirement, None);
    }

    #[test]
    fn urls_vcs_paths() {
        let r = parse("pkg @ https://example.com/pkg-1.0.tar.gz", None);
        assert_eq!(r.name.as_deref(), Some("pkg"));
        assert_eq!(r.source.kind(), "url");
        let r = parse(
            "git+https://github.com/psf/requests@v2.31.0#egg=requests",
            None,
        );
        assert_eq!(r.name.as_deref(), Some("requests"));
        assert_eq!(
            r.source,
            Source::Git {
                url: "git+https://github.com/psf/requests".into(),
                rev: Some("v2.31.0".into())
            }
        );
        assert_eq!(
            parse("./dist/foo-1.0-py3-none-any.whl", None)
                .name
                .as_deref(),
            Some("foo")
        );
        assert_eq!(parse(".", None).source.kind(), "path");
        assert_eq!(parse("foo-1.0.tar.gz", None).source.kind(), "path");
    }
}
