//! npm package specs (what `npm install`, `npx`, `pnpm add`, `yarn add` take),
//! read the way npm-package-arg reads them:
//! `name`, `name@range|tag|version`, `@scope/name@x`, `alias@npm:real@range`,
//! git (`git+https://…`, `git+ssh://…`, `github:u/r`, `gitlab:`, `bitbucket:`,
//! `gist:`, the `u/r` shorthand, scp-like `git@host:u/r`), tarball URLs,
//! and local paths (`file:…`, `./dir`, `../x.tgz`, `/abs`, `~/x`).

use super::Request;
use crate::package::Source;

/// Parses one npm spec. `registry` is the `--registry` override (credentials
/// already stripped), used as the source of registry packages.
pub(super) fn parse(raw: &str, registry: Option<&str>) -> Request {
    let mut req = Request {
        raw: raw.to_string(),
        name: None,
        requirement: None,
        source: registry.map_or(Source::DEFAULT_REGISTRY, Source::registry),
        extras: Vec::new(),
        marker: None,
        alias: None,
    };
    // Name part: up to the first `@` after the first character (scopes start with `@`).
    let name_end = if let Some(rest) = raw.strip_prefix('@') {
        rest.find('@').map(|i| i + 1)
    } else {
        raw.find('@').filter(|&i| i > 0)
    };
    let name_part = name_end.map_or(raw, |i| &raw[..i]);
    if is_url(raw) || is_scp_git(raw) {
        req.source = non_registry(raw);
        return req;
    }
    let looks_like_path =
        !name_part.starts_with('@') && (name_part.contains(['/', '\\']) || is_filename(name_part));
    if looks_like_path {
        req.source = non_registry(raw);
        return req;
    }
    let spec = match name_end {
        Some(i) => {
            req.name = Some(name_part.to_string());
            &raw[i + 1..]
        }
        None => {
            req.name = Some(raw.to_string());
            ""
        }
    };
    if let Some(real) = spec.strip_prefix("npm:") {
        // `alias@npm:real@range`: the package is `real`, installed as `alias`.
        let inner = parse(real, registry);
        req.alias = req.name.take();
        req.name = inner.name;
        req.requirement = inner.requirement;
        req.source = inner.source;
        return req;
    }
    if is_url(spec) || is_scp_git(spec) || is_hosted_shorthand(spec) || is_path(spec) {
        req.source = non_registry(spec);
    } else if !spec.is_empty() {
        req.requirement = Some(spec.to_string());
    }
    req
}

/// The source of a spec that is not a registry name.
fn non_registry(spec: &str) -> Source {
    let (base, rev) = match spec.split_once('#') {
        Some((b, r)) => (b, Some(r.to_string())),
        None => (spec, None),
    };
    let lower = base.to_ascii_lowercase();
    if lower.starts_with("git+")
        || lower.starts_with("git:")
        || is_hosted_prefix(&lower)
        || is_scp_git(base)
    {
        return Source::Git {
            url: base.to_string(),
            rev,
        };
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Source::Url {
            url: spec.to_string(),
        };
    }
    if let Some(p) = base.strip_prefix("file:") {
        return Source::Path {
            path: p.to_string(),
        };
    }
    if is_path(base) || is_filename(base) {
        return Source::Path {
            path: base.to_string(),
        };
    }
    if is_hosted_shorthand(base) {
        return Source::Git {
            url: format!("github:{base}"),
            rev,
        };
    }
    // Other protocols (`ftp:`, `svn:`): npm refuses them; report as a URL.
    Source::Url {
        url: spec.to_string(),
    }
}

fn is_hosted_prefix(lower: &str) -> bool {
    ["github:", "gitlab:", "bitbucket:", "gist:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// `scheme:` or `scheme://` at the start (`https://`, `git+ssh://`, `github:`, `file:`).
fn is_url(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    !scheme.is_empty()
        && scheme.len() > 1 // `C:` is a Windows drive, not a scheme
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'.' || b == b'-')
        && !scheme.starts_with('@')
}

/// `git@github.com:user/repo(.git)` (scp-like ssh).
fn is_scp_git(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, rest)) => {
            !user.is_empty()
                && !user.contains(['/', ':'])
                && rest.split_once(':').is_some_and(|(host, path)| {
                    host.contains('.') && !path.is_empty() && !path.starts_with("//")
                })
        }
        None => false,
    }
}

/// `user/repo` or `user/repo#ref`: npm's GitHub shorthand.
fn is_hosted_shorthand(s: &str) -> bool {
    let base = s.split('#').next().unwrap_or(s);
    match base.split_once('/') {
        Some((u, r)) => {
            !u.is_empty()
                && !r.is_empty()
                && !r.contains('/')
                && !u.starts_with(['.', '~', '@'])
                && !base.contains(':')
        }
        None => false,
    }
}

fn is_path(s: &str) -> bool {
    s.starts_with("file:")
        || s.starts_with('.')
        || s.starts_with('/')
        || s.starts_with('~')
        || s.as_bytes().get(1) == Some(&b':')
            && s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
}

/// A local tarball by file name (`pkg.tgz`, `pkg.tar.gz`, `pkg.tar`).
fn is_filename(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.ends_with(".tgz") || l.ends_with(".tar.gz") || l.ends_with(".tar")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(raw: &str) -> (Option<String>, Option<String>, &'static str) {
        let r = parse(raw, None);
        (r.name, r.requirement, r.source.kind())
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn registry_forms() {
        assert_eq!(src("lodash"), (s("lodash"), None, "registry"));
        assert_eq!(
            src("lodash@^4.17.0"),
            (s("lodash"), s("^4.17.0"), "registry")
        );
        assert_eq!(src("react@next"), (s("react"), s("next"), "registry"));
        assert_eq!(src("@types/node"), (s("@types/node"), None, "registry"));
        assert_eq!(
            src("@types/node@20.1.0"),
            (s("@types/node"), s("20.1.0"), "registry")
        );
        assert_eq!(src("http-server"), (s("http-server"), None, "registry"));
    }

    #[test]
    fn alias() {
        let r = parse("lod@npm:lodash@4.17.21", None);
        assert_eq!(r.alias.as_deref(), Some("lod"));
        assert_eq!(r.name.as_deref(), Some("lodash"));
        assert_eq!(r.requirement.as_deref(), Some("4.17.21"));
    }

    #[test]
    fn git_url_and_paths() {
        assert_eq!(src("git+https://github.com/u/r.git").2, "git");
        assert_eq!(src("github:u/r#v1").2, "git");
        assert_eq!(src("u/r").2, "git");
        assert_eq!(src("git@github.com:u/r.git").2, "git");
        assert_eq!(src("https://example.com/x-1.0.0.tgz").2, "url");
        assert_eq!(src("file:../x").2, "path");
        assert_eq!(src("./local").2, "path");
        assert_eq!(src("x-1.0.0.tgz").2, "path");
        assert_eq!(src("foo@file:../foo"), (s("foo"), None, "path"));
        assert_eq!(src("foo@github:u/foo"), (s("foo"), None, "git"));
        let r = parse("github:u/r#v1", None);
        assert_eq!(
            r.source,
            Source::Git {
                url: "github:u/r".into(),
                rev: s("v1")
            }
        );
    }
}
