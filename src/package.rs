//! The package value every stage shares: what a lockfile declares, what the
//! resolver proposes, what a check judges.

use std::fmt;

use serde::Serialize;

use crate::ecosystem::{Ecosystem, PackageName};
use crate::purl::Purl;

/// Where a package comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A package registry. `url` is `None` for the ecosystem's default public
    /// registry (registry.npmjs.org, pypi.org, crates.io), otherwise the
    /// registry's base URL with any credentials removed.
    Registry { url: Option<String> },
    /// A git repository (`git+https://…`, `github:user/repo`), with the revision when known.
    Git { url: String, rev: Option<String> },
    /// A direct tarball/wheel/archive URL.
    Url { url: String },
    /// A local path (workspace member, `file:` dependency, `path =` crate).
    Path { path: String },
}

impl Source {
    /// The default public registry.
    pub const DEFAULT_REGISTRY: Source = Source::Registry { url: None };

    /// The short kind used in reports: `registry`, `git`, `url`, `path`.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Registry { .. } => "registry",
            Source::Git { .. } => "git",
            Source::Url { .. } => "url",
            Source::Path { .. } => "path",
        }
    }

    pub fn is_registry(&self) -> bool {
        matches!(self, Source::Registry { .. })
    }

    /// The source of a registry base URL: the ecosystem's public registry
    /// (`Registry { url: None }`) for its well-known addresses, whatever the
    /// scheme, trailing slash or credentials; otherwise that registry, with
    /// credentials redacted.
    pub fn registry(base: &str) -> Source {
        let trimmed = base.trim().trim_end_matches('/');
        let host = trimmed
            .split_once("://")
            .map_or(trimmed, |(_, rest)| rest)
            .rsplit('@')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        const PUBLIC: [&str; 8] = [
            "registry.npmjs.org",
            "registry.yarnpkg.com",
            "registry.npmjs.com",
            "pypi.org/simple",
            "pypi.python.org/simple",
            "pypi.org/pypi",
            "github.com/rust-lang/crates.io-index",
            "index.crates.io",
        ];
        if PUBLIC.contains(&host.as_str()) {
            Source::DEFAULT_REGISTRY
        } else {
            Source::Registry {
                url: Some(crate::redact::url(trimmed)),
            }
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Registry { url: None } => f.write_str("registry"),
            Source::Registry { url: Some(u) } => write!(f, "registry {u}"),
            Source::Git { url, rev: Some(r) } => write!(f, "git {url}#{r}"),
            Source::Git { url, rev: None } => write!(f, "git {url}"),
            Source::Url { url } => write!(f, "url {url}"),
            Source::Path { path } => write!(f, "path {path}"),
        }
    }
}

/// A file and 1-based line where a package is declared.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub path: String,
    pub line: u32,
}

/// Facts about one exact package version that checks judge. `None` means
/// "not known" (not in the lockfile, registry not consulted): a check that
/// needs a fact it lacks reports that it could not run, never that all is well.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Install-time code: npm lifecycle scripts by name (`postinstall`,
    /// `node-gyp rebuild` for a `binding.gyp`), `sdist` for a PyPI release
    /// that must be built, `build.rs`/`proc-macro` for a crate. `Some(vec![])`
    /// when known to have none.
    pub install_scripts: Option<Vec<String>>,
    /// Publication time of this version, RFC 3339.
    pub published: Option<String>,
    /// Yanked (crates.io, PyPI) — `Some(false)` when known not to be.
    pub yanked: Option<bool>,
    /// npm deprecation message (`Some(None)` when known not deprecated).
    pub deprecated: Option<Option<String>>,
    /// The package's history on its registry (all versions, not just this one).
    pub history: Option<History>,
    /// Why registry facts about this version could not be had (an offline
    /// cache miss, a registry error), set when some facts above are `None`
    /// for that reason rather than because the registry does not record
    /// them. A check that needs an absent fact reports this as "could not run".
    pub unavailable: Option<String>,
}

/// How long a name has been on its registry, and how many versions it has
/// published: a years-old name with many releases is an established package,
/// not a fresh typosquat (the typosquat check weighs this).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// The earliest publication time the registry records for any version.
    pub first_published: jiff::Timestamp,
    pub releases: u32,
}

impl History {
    /// From every version's publication time (RFC 3339; unparsable ones are
    /// skipped) and the number of versions. `None` when no time is known.
    pub fn from_times<'a>(
        times: impl IntoIterator<Item = &'a str>,
        releases: usize,
    ) -> Option<History> {
        // UTC times (`…Z`, as PyPI and npm write them) order as text: only
        // the earliest is parsed. Other offsets are parsed one by one.
        let mut earliest_utc: Option<&str> = None;
        let mut others = Vec::new();
        for t in times.into_iter().map(str::trim) {
            if t.ends_with('Z') && t.is_ascii() {
                if earliest_utc.is_none_or(|e| t < e) {
                    earliest_utc = Some(t);
                }
            } else {
                others.push(t);
            }
        }
        let first = earliest_utc
            .into_iter()
            .chain(others)
            .filter_map(|t| t.parse::<jiff::Timestamp>().ok())
            .min()?;
        Some(History {
            first_published: first,
            releases: u32::try_from(releases).unwrap_or(u32::MAX),
        })
    }
}

impl fmt::Display for History {
    /// `first published 2016-01-01, 12 releases`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = if self.releases == 1 { "" } else { "s" };
        write!(
            f,
            "first published {}, {} release{s}",
            self.first_published.strftime("%Y-%m-%d"),
            self.releases
        )
    }
}

/// One package version to be judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub name: PackageName,
    /// The exact version, or `None` when the declaration does not pin one
    /// (an unpinned requirements.txt line, a resolver miss).
    pub version: Option<String>,
    /// The requirement as written when the version is not pinned (`>=2.0`, `^1`).
    pub requirement: Option<String>,
    pub source: Source,
    /// A direct dependency of the project (`None` when the format does not say).
    pub direct: Option<bool>,
    pub dev: bool,
    pub optional: bool,
    /// Where the package is declared, in file order.
    pub locations: Vec<Location>,
    pub facts: Facts,
}

impl Package {
    /// A registry package with a pinned version and nothing else known.
    pub fn new(ecosystem: Ecosystem, name: &str, version: Option<&str>) -> Package {
        Package {
            name: PackageName::new(ecosystem, name),
            version: version.map(str::to_string),
            requirement: None,
            source: Source::DEFAULT_REGISTRY,
            direct: None,
            dev: false,
            optional: false,
            locations: Vec::new(),
            facts: Facts::default(),
        }
    }

    pub fn ecosystem(&self) -> Ecosystem {
        self.name.ecosystem()
    }

    pub fn purl(&self) -> String {
        Purl::format(&self.name, self.version.as_deref())
    }

    /// The sort and identity key: (ecosystem, normalized name, version).
    pub fn key(&self) -> (Ecosystem, &str, &str) {
        (
            self.ecosystem(),
            self.name.normalized(),
            self.version.as_deref().unwrap_or(""),
        )
    }
}

impl fmt::Display for Package {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.version {
            Some(v) => write!(f, "{}@{}", self.name, v),
            None => write!(f, "{}", self.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_history_starts_at_the_earliest_readable_time() {
        let h = History::from_times(
            [
                "2020-01-01T00:00:00.000Z",
                "2019-06-01T00:30:00+02:00",
                "2019-06-01T00:00:00Z",
                "not a time",
            ],
            4,
        )
        .expect("history");
        assert_eq!(h.first_published.to_string(), "2019-05-31T22:30:00Z");
        assert_eq!(h.releases, 4);
        assert_eq!(h.to_string(), "first published 2019-05-31, 4 releases");
        assert_eq!(History::from_times(["garbage"], 3), None);
        assert_eq!(History::from_times([], 0), None);
    }
}
