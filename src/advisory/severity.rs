//! Severity of an OSV record: the highest CVSS base score among its vectors
//! (v2, v3.x, v4.0, computed with the `cvss` crate), else the database's own
//! label (`database_specific.severity`: GHSA `HIGH`/`MODERATE`, npm
//! `critical`…), else `unknown`.

use std::str::FromStr;

use crate::finding::Severity;

/// Base score of one CVSS vector string, or `None` when it does not parse.
pub fn cvss_score(vector: &str) -> Option<f64> {
    let vector = vector.trim();
    if vector.starts_with("CVSS:4.0/") {
        return cvss::v4::Vector::from_str(vector)
            .ok()
            .map(|v| v.score().value());
    }
    if vector.starts_with("CVSS:3.") {
        return cvss::v3::Vector::from_str(vector)
            .ok()
            .map(|b| b.base_score().value());
    }
    // CVSS v2 vectors carry no prefix (`AV:N/AC:L/Au:N/C:P/I:P/A:P`).
    cvss::v2::Vector::from_str(vector)
        .ok()
        .map(|b| b.score().value())
}

/// Combines vector scores and a database label into one severity.
pub fn record_severity<'a>(
    vectors: impl IntoIterator<Item = (&'a str, &'a str)>,
    database_specific: Option<&serde_json::Value>,
) -> Severity {
    let best = vectors
        .into_iter()
        .filter(|(kind, _)| kind.starts_with("CVSS"))
        .filter_map(|(_, score)| {
            // Some feeds put a bare number in `score`.
            cvss_score(score).or_else(|| {
                score
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|s| (0.0..=10.0).contains(s))
            })
        })
        .fold(None, |acc: Option<f64>, s| {
            Some(acc.map_or(s, |a| a.max(s)))
        });
    if let Some(score) = best {
        return Severity::from_score(score);
    }
    database_specific
        .and_then(|d| d.get("severity"))
        .and_then(|s| s.as_str())
        .and_then(Severity::parse_label)
        .unwrap_or(Severity::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        // NVD: CVE-2016-10931 vector, base 7.4.
        let s = cvss_score("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
        assert!((s - 7.4).abs() < 1e-9);
        // CVSS v3.1 critical 9.8.
        let s = cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
        assert!((s - 9.8).abs() < 1e-9);
        // CVSS v2 base 7.5.
        let s = cvss_score("AV:N/AC:L/Au:N/C:P/I:P/A:P").unwrap();
        assert!((s - 7.5).abs() < 1e-9);
        // CVSS v4.0 (FIRST calculator: 9.3).
        let s =
            cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").unwrap();
        assert!((s - 9.3).abs() < 1e-9);
        assert_eq!(cvss_score("nonsense"), None);
    }

    #[test]
    fn label_fallback() {
        let ds = serde_json::json!({"severity": "MODERATE"});
        assert_eq!(record_severity([], Some(&ds)), Severity::Medium);
        assert_eq!(record_severity([], None), Severity::Unknown);
        let v = [("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")];
        assert_eq!(record_severity(v, Some(&ds)), Severity::Critical);
    }
}
