//! `--format sarif`: SARIF 2.1.0 in the subset GitHub code scanning reads.
//!
//! Advisory findings get one rule per advisory (its id), so each carries its
//! own `security-severity`; other findings get one rule per finding code.
//! Every result points at the lockfile line of the package and carries a
//! `partialFingerprints` entry stable across runs (rule, package, version).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{PackageReport, Report};
use crate::codes;
use crate::finding::{Action, CheckId, Finding, Severity};

const INFO_URI: &str = "https://github.com/ccdeps/ccdeps";

/// GitHub's numeric severity (0–10) for a finding.
fn security_severity(f: &Finding) -> f64 {
    if f.code == codes::ADVISORY_MALWARE {
        return 10.0;
    }
    match f.severity {
        Some(Severity::Critical) => 9.5,
        Some(Severity::High) | Some(Severity::Unknown) | None => 8.0,
        Some(Severity::Medium) => 5.5,
        Some(Severity::Low) => 2.0,
    }
}

fn level(a: Action) -> &'static str {
    match a {
        Action::Block => "error",
        Action::Ask | Action::Warn => "warning",
        Action::Off => "note",
    }
}

fn rule_id(f: &Finding) -> String {
    match (&f.id, f.check) {
        (Some(id), CheckId::Advisory) => id.clone(),
        _ => f.code.to_string(),
    }
}

fn rule(f: &Finding) -> Value {
    let meaning = codes::info(f.code).map_or("", |c| c.meaning);
    let (short, help) = match (&f.id, f.check) {
        (Some(id), CheckId::Advisory) => {
            let mut help = format!("{id}: {}", f.summary);
            if !f.aliases.is_empty() {
                help.push_str(&format!("\n\nAliases: {}", f.aliases.join(", ")));
            }
            if !f.fixed.is_empty() {
                help.push_str(&format!(
                    "\n\nFixed in: {}. Upgrade to a fixed version.",
                    f.fixed.join(", ")
                ));
            }
            help.push_str(&format!("\n\n{meaning}"));
            (format!("{id}: {}", f.summary), help)
        }
        _ => (
            meaning.to_string(),
            format!(
                "{meaning}\n\nSee docs/CODES.md for the `{}` code and docs/POLICY.md to change its action.",
                f.code
            ),
        ),
    };
    json!({
        "id": rule_id(f),
        "name": f.code,
        "shortDescription": {"text": truncate(&short, 200)},
        "fullDescription": {"text": truncate(&help, 1000)},
        "help": {"text": help, "markdown": help},
        "helpUri": match &f.id {
            Some(id) if f.check == CheckId::Advisory => format!("https://osv.dev/vulnerability/{id}"),
            _ => format!("{INFO_URI}/blob/main/docs/CODES.md"),
        },
        "defaultConfiguration": {"level": level(f.action)},
        "properties": {
            "security-severity": format!("{:.1}", security_severity(f)),
            "tags": ["security", "supply-chain", f.check.as_str()],
        }
    })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n - 1).collect();
    t.push('…');
    t
}

fn fingerprint(rule: &str, p: &PackageReport) -> String {
    let mut h = Sha256::new();
    h.update(format!(
        "{rule}\0{}\0{}\0{}",
        p.package.ecosystem(),
        p.package.name.normalized(),
        p.package.version.as_deref().unwrap_or("")
    ));
    let d = h.finalize();
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Renders the report as a SARIF log.
pub fn render(report: &Report) -> String {
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    let mut results = Vec::new();
    for p in &report.packages {
        for f in p.findings.iter().filter(|f| f.action > Action::Off) {
            let id = rule_id(f);
            rules.entry(id.clone()).or_insert_with(|| rule(f));
            let mut text = format!(
                "{} ({}) {}",
                p.package,
                p.package.ecosystem(),
                super::human::describe(f)
            );
            if let Some(by) = &f.decided_by {
                text.push_str(&format!(" [{}: {by}]", f.action));
            }
            let locations: Vec<Value> = p
                .package
                .locations
                .iter()
                .map(|l| {
                    json!({"physicalLocation": {
                        "artifactLocation": {"uri": l.path.trim_start_matches("./")},
                        "region": {"startLine": l.line.max(1)}
                    }})
                })
                .collect();
            let locations = if locations.is_empty() {
                vec![json!({"logicalLocations": [{"name": p.package.purl(), "kind": "package"}]})]
            } else {
                locations
            };
            results.push(json!({
                "ruleId": id,
                "level": level(f.action),
                "message": {"text": text},
                "locations": locations,
                "partialFingerprints": {"ccdeps/v1": fingerprint(&id, p)},
                "properties": {
                    "purl": p.package.purl(),
                    "code": f.code,
                    "action": f.action.as_str(),
                    "security-severity": format!("{:.1}", security_severity(f)),
                }
            }));
        }
    }
    let ids: Vec<&String> = rules.keys().collect();
    for r in &mut results {
        if let Some(i) = r["ruleId"]
            .as_str()
            .and_then(|id| ids.iter().position(|x| x.as_str() == id))
        {
            r["ruleIndex"] = json!(i);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ccdeps",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFO_URI,
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "results": results,
            "properties": {"verdict": report.verdict.as_str()},
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
