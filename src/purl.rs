//! Package URLs (`pkg:npm/%40scope/name@1.0.0`, `pkg:pypi/django@1.11`,
//! `pkg:cargo/time@0.1.0`): parsing for `ccdeps check`/`explain` and
//! formatting for reports.

use std::fmt;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::ecosystem::{Ecosystem, PackageName};

/// A parsed purl: ecosystem, name and (optional) version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Purl {
    pub name: PackageName,
    pub version: Option<String>,
}

/// Why a purl was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PurlError {
    #[error("{0:?} is not a package URL: it must start with `pkg:` (e.g. pkg:npm/lodash@4.17.21)")]
    NoScheme(String),
    #[error("{0:?}: unsupported purl type (ccdeps knows npm, pypi and cargo)")]
    UnknownType(String),
    #[error("{0:?}: no package name")]
    NoName(String),
    #[error("{0:?}: the name is not valid percent-encoded UTF-8")]
    BadEncoding(String),
}

/// Characters escaped in purl path segments (the spec's "percent-encode all
/// but unreserved", keeping `.`, `-`, `_`, `~`).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'@')
    .add(b'/')
    .add(b':')
    .add(b'+')
    .add(b'!');

impl Purl {
    pub fn parse(input: &str) -> Result<Purl, PurlError> {
        let s = input.trim();
        let rest = s
            .strip_prefix("pkg:")
            .ok_or_else(|| PurlError::NoScheme(input.to_string()))?;
        let rest = rest.trim_start_matches('/');
        // Qualifiers (`?`) and subpath (`#`) carry nothing ccdeps uses.
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let (ty, path) = rest
            .split_once('/')
            .ok_or_else(|| PurlError::NoName(input.to_string()))?;
        let eco = Ecosystem::from_purl_type(ty)
            .ok_or_else(|| PurlError::UnknownType(input.to_string()))?;
        // The version follows the last `@` of the path (a scope's `@` is encoded
        // as `%40` by the spec, but a literal leading `@` is accepted too).
        let (path, version) = match path.rfind('@') {
            Some(at) if at > 0 => (&path[..at], Some(&path[at + 1..])),
            _ => (path, None),
        };
        let decode = |seg: &str| {
            percent_decode_str(seg)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| PurlError::BadEncoding(input.to_string()))
        };
        let name = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode)
            .collect::<Result<Vec<_>, _>>()?
            .join("/");
        if name.is_empty() || name == "@" {
            return Err(PurlError::NoName(input.to_string()));
        }
        // npm: a scope (namespace) must start with `@`.
        let name = if eco == Ecosystem::Npm && name.contains('/') && !name.starts_with('@') {
            format!("@{name}")
        } else {
            name
        };
        let version = match version {
            Some(v) if !v.is_empty() => Some(decode(v)?),
            _ => None,
        };
        Ok(Purl {
            name: PackageName::new(eco, &name),
            version,
        })
    }

    /// Formats a purl for a package (scoped npm names as `%40scope/name`).
    pub fn format(name: &PackageName, version: Option<&str>) -> String {
        let eco = name.ecosystem();
        let mut out = format!("pkg:{}/", eco.purl_type());
        let shown = name.report_name();
        match name.npm_scope() {
            Some((scope, bare)) => {
                out.push_str("%40");
                out.extend(utf8_percent_encode(scope, SEGMENT));
                out.push('/');
                out.extend(utf8_percent_encode(bare, SEGMENT));
            }
            None => out.extend(utf8_percent_encode(shown, SEGMENT)),
        }
        if let Some(v) = version {
            out.push('@');
            out.extend(utf8_percent_encode(v, SEGMENT));
        }
        out
    }
}

impl fmt::Display for Purl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Purl::format(&self.name, self.version.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        let p = Purl::parse("pkg:npm/%40scope/name@1.0.0").unwrap();
        assert_eq!(p.name.normalized(), "@scope/name");
        assert_eq!(p.version.as_deref(), Some("1.0.0"));
        let p = Purl::parse("pkg:npm/@types/node@20.1.0").unwrap();
        assert_eq!(p.name.normalized(), "@types/node");
        let p = Purl::parse("pkg:pypi/Django@1.11").unwrap();
        assert_eq!(p.name.normalized(), "django");
        let p = Purl::parse("pkg:cargo/time@0.1.0").unwrap();
        assert_eq!(p.name.ecosystem(), Ecosystem::CratesIo);
        let p = Purl::parse("pkg:npm/lodash").unwrap();
        assert_eq!(p.version, None);
    }

    #[test]
    fn rejects() {
        assert!(matches!(
            Purl::parse("npm/lodash"),
            Err(PurlError::NoScheme(_))
        ));
        assert!(matches!(
            Purl::parse("pkg:maven/a/b@1"),
            Err(PurlError::UnknownType(_))
        ));
        assert!(matches!(Purl::parse("pkg:npm/"), Err(PurlError::NoName(_))));
    }

    #[test]
    fn round_trip() {
        let p = Purl::parse("pkg:npm/%40azure/arm-network@1.0.0").unwrap();
        assert_eq!(p.to_string(), "pkg:npm/%40azure/arm-network@1.0.0");
        let p = Purl::parse("pkg:pypi/zope.interface@5.0+local").unwrap();
        assert_eq!(p.to_string(), "pkg:pypi/zope-interface@5.0%2Blocal");
    }
}
