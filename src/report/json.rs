//! `--format json`: the `ccdeps.report/1` document of DESIGN.md.

use serde::Serialize;

use super::{Change, Notice, Report, ReportError, Verdict};
use crate::finding::Finding;
use crate::package::Location;

pub const SCHEMA: &str = "ccdeps.report/1";

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    verdict: Verdict,
    packages: Vec<Pkg<'a>>,
    errors: &'a [ReportError],
    #[serde(skip_serializing_if = "<[Notice]>::is_empty")]
    notices: &'a [Notice],
}

#[derive(Serialize)]
struct Pkg<'a> {
    ecosystem: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    purl: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    requirement: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<Change>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    previous: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    direct: Option<bool>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dev: bool,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_url: Option<String>,
    locations: &'a [Location],
    verdict: Verdict,
    findings: &'a [Finding],
}

/// Renders the report as pretty JSON (with a trailing newline).
pub fn render(report: &Report) -> String {
    let packages = report
        .packages
        .iter()
        .map(|p| {
            let pk = &p.package;
            Pkg {
                ecosystem: pk.ecosystem().osv_name(),
                name: pk.name.report_name(),
                version: pk.version.as_deref(),
                purl: pk.purl(),
                requirement: pk.requirement.as_deref(),
                change: p.change,
                previous: &p.previous,
                direct: pk.direct,
                dev: pk.dev,
                source: pk.source.kind(),
                source_url: match &pk.source {
                    crate::package::Source::Registry { url } => url.clone(),
                    crate::package::Source::Git { url, rev } => Some(
                        rev.as_ref()
                            .map_or_else(|| url.clone(), |r| format!("{url}#{r}")),
                    ),
                    crate::package::Source::Url { url } => Some(url.clone()),
                    crate::package::Source::Path { path } => Some(path.clone()),
                },
                locations: &pk.locations,
                verdict: p.verdict,
                findings: &p.findings,
            }
        })
        .collect();
    let doc = Doc {
        schema: SCHEMA,
        verdict: report.verdict,
        packages,
        errors: &report.errors,
        notices: &report.notices,
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
