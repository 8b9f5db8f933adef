//! The source check: where a package comes from. Git, URL and path
//! dependencies (`source-git`, `source-url`, `source-path`), registries not
//! in the allowed list (`source-registry`), unpinned declarations
//! (`source-unpinned`), and dependency confusion: a name the project's
//! private registry or scope owns (`private-names`) coming from the public
//! registry (`dependency-confusion`).

use super::{Check, Context, Sink};
use crate::codes;
use crate::ecosystem::Ecosystem;
use crate::finding::{CheckId, Finding};
use crate::package::{Package, Source};

pub struct SourceCheck;

fn norm(url: &str) -> String {
    let u = url.trim_end_matches('/').to_ascii_lowercase();
    // Credentials never take part in the comparison (and are never shown).
    match u.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.rsplit('@').next().unwrap_or(rest)),
        None => u,
    }
}

/// Is `url` one of the allowed registries (same base, or below it)?
fn allowed(ctx: &Context<'_>, url: &str) -> bool {
    let u = norm(url);
    let u = u.replace("***@", "");
    ctx.policy.is_some_and(|p| {
        p.allowed_registries.iter().any(|a| {
            let a = norm(&a.value);
            u == a || u.starts_with(&format!("{a}/"))
        })
    })
}

/// Does the project's private-name list claim this package?
fn private(ctx: &Context<'_>, pkg: &Package) -> Option<String> {
    let policy = ctx.policy?;
    let name = pkg.name.normalized();
    policy.private_names.iter().find_map(|n| {
        let owned = n.value.trim();
        let hit = match (pkg.ecosystem(), owned.strip_prefix('@')) {
            // `@acme` claims every `@acme/…` package.
            (Ecosystem::Npm, Some(scope)) if !scope.contains('/') => {
                pkg.name.npm_scope().is_some_and(|(s, _)| s == scope)
            }
            _ => pkg.ecosystem().normalize(owned) == name,
        };
        hit.then(|| owned.to_string())
    })
}

impl Check for SourceCheck {
    fn id(&self) -> CheckId {
        CheckId::Source
    }

    fn codes(&self) -> &'static [&'static str] {
        &[
            codes::SOURCE_GIT,
            codes::SOURCE_URL,
            codes::SOURCE_PATH,
            codes::SOURCE_REGISTRY,
            codes::SOURCE_UNPINNED,
            codes::DEPENDENCY_CONFUSION,
        ]
    }

    fn run(&self, ctx: &Context<'_>, pkg: &Package, sink: &mut Sink) {
        let f = match &pkg.source {
            Source::Git { url, rev } => Some(
                Finding::new(CheckId::Source, codes::SOURCE_GIT, format!("{pkg} comes from git ({url}), not a registry"))
                    .with_reason(if rev.is_some() { "git-pinned" } else { "git-unpinned" }),
            ),
            Source::Url { url } => Some(
                Finding::new(CheckId::Source, codes::SOURCE_URL, format!("{pkg} comes from a direct URL ({url}), not a registry"))
                    .with_reason("url"),
            ),
            Source::Path { path } => Some(
                Finding::new(CheckId::Source, codes::SOURCE_PATH, format!("{pkg} comes from a local path ({path})")).with_reason("path"),
            ),
            Source::Registry { url: Some(u) } if !allowed(ctx, u) => Some(
                Finding::new(
                    CheckId::Source,
                    codes::SOURCE_REGISTRY,
                    format!("{pkg} comes from {u}, which is not an allowed registry (add it to settings.allowed-registries)"),
                )
                .with_reason("registry-not-allowed"),
            ),
            Source::Registry { url } => {
                if url.is_none()
                    && let Some(owned) = private(ctx, pkg)
                {
                    sink.push(
                        Finding::new(
                            CheckId::Source,
                            codes::DEPENDENCY_CONFUSION,
                            format!(
                                "{pkg} resolves from the public registry, but `{owned}` is owned by a private registry (settings.private-names): a dependency-confusion attack looks exactly like this"
                            ),
                        )
                        .with_reason("dependency-confusion"),
                    );
                }
                None
            }
        };
        if let Some(f) = f {
            sink.push(f);
        }
        if pkg.version.is_none() && pkg.source.is_registry() {
            let req = pkg.requirement.as_deref().unwrap_or("any version");
            sink.push(
                Finding::new(
                    CheckId::Source,
                    codes::SOURCE_UNPINNED,
                    format!(
                        "{} is not pinned ({req}): what gets installed can change without review",
                        pkg.name
                    ),
                )
                .with_reason("unpinned"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Layered, Policy};

    fn run(policy: &Policy, pkg: &Package) -> Vec<&'static str> {
        let ctx = Context {
            advisories: None,
            advisories_missing: None,
            policy: Some(policy),
            now: jiff::Timestamp::UNIX_EPOCH,
            registry_checks: false,
            popular: None,
        };
        let mut sink = Sink::default();
        SourceCheck.run(&ctx, pkg, &mut sink);
        sink.findings.iter().map(|f| f.code).collect()
    }

    fn with(source: Source, name: &str, version: Option<&str>) -> Package {
        let mut p = Package::new(Ecosystem::Npm, name, version);
        p.source = source;
        p
    }

    #[test]
    fn sources_table() {
        let mut policy = Policy::default();
        policy
            .allowed_registries
            .push(Layered::built_in("https://npm.corp.example/".into()));
        policy.private_names.push(Layered::built_in("@acme".into()));
        policy
            .private_names
            .push(Layered::built_in("acme-utils".into()));
        let reg = |u: &str| Source::Registry {
            url: Some(u.into()),
        };
        let rows: Vec<(Package, Vec<&str>)> = vec![
            (
                with(Source::DEFAULT_REGISTRY, "lodash", Some("4.17.21")),
                vec![],
            ),
            (
                with(Source::DEFAULT_REGISTRY, "lodash", None),
                vec![codes::SOURCE_UNPINNED],
            ),
            (
                with(
                    Source::Git {
                        url: "https://github.com/a/b".into(),
                        rev: Some("abc".into()),
                    },
                    "b",
                    Some("1.0.0"),
                ),
                vec![codes::SOURCE_GIT],
            ),
            (
                with(
                    Source::Url {
                        url: "https://x.example/b.tgz".into(),
                    },
                    "b",
                    Some("1.0.0"),
                ),
                vec![codes::SOURCE_URL],
            ),
            (
                with(
                    Source::Path {
                        path: "../b".into(),
                    },
                    "b",
                    Some("1.0.0"),
                ),
                vec![codes::SOURCE_PATH],
            ),
            (
                with(reg("https://npm.corp.example/repo"), "x", Some("1.0.0")),
                vec![],
            ),
            (
                with(reg("https://***@npm.corp.example"), "x", Some("1.0.0")),
                vec![],
            ),
            (
                with(reg("https://evil.example/npm"), "x", Some("1.0.0")),
                vec![codes::SOURCE_REGISTRY],
            ),
            (
                with(Source::DEFAULT_REGISTRY, "@acme/core", Some("9.9.9")),
                vec![codes::DEPENDENCY_CONFUSION],
            ),
            (
                with(Source::DEFAULT_REGISTRY, "acme-utils", Some("1.0.0")),
                vec![codes::DEPENDENCY_CONFUSION],
            ),
            (
                with(reg("https://npm.corp.example"), "@acme/core", Some("1.0.0")),
                vec![],
            ),
            (
                with(Source::DEFAULT_REGISTRY, "@acmes/core", Some("1.0.0")),
                vec![],
            ),
        ];
        for (pkg, want) in rows {
            assert_eq!(run(&policy, &pkg), want, "{pkg} from {}", pkg.source);
        }
    }
}
