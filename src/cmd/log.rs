//! `ccdeps log [--since WHEN] [--format json]`: the audit log of `run` and
//! `hook` decisions.

use std::fmt::Write as _;

use super::{Exit, Globals, emit, note};
use crate::audit;
use crate::cli::{Format, LogArgs};

/// Parses `--since`: a duration (`30m`, `2h`, `7d`) or a date/time (`2026-11-25`, RFC 3339).
fn since(s: &str) -> Result<jiff::Timestamp, String> {
    let now = jiff::Timestamp::now();
    let s = s.trim();
    if let Some((n, unit)) = s.find(|c: char| !c.is_ascii_digit()).map(|i| s.split_at(i))
        && let Ok(n) = n.parse::<i64>()
    {
        let secs = match unit {
            "s" => n,
            "m" => n * 60,
            "h" => n * 3600,
            "d" => n * 86_400,
            "w" => n * 604_800,
            _ => return Err(format!("--since {s:?}: unknown unit (use s, m, h, d or w)")),
        };
        return now
            .checked_sub(jiff::SignedDuration::from_secs(secs))
            .map_err(|e| e.to_string());
    }
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return d
            .to_zoned(jiff::tz::TimeZone::system())
            .map(|z| z.timestamp())
            .map_err(|e| e.to_string());
    }
    Err(format!(
        "--since {s:?}: expected a duration (30m, 2h, 7d) or a date (2026-11-25)"
    ))
}

pub fn run(g: &Globals, a: LogArgs) -> anyhow::Result<Exit> {
    let cutoff = match a.since.as_deref().map(since).transpose() {
        Ok(c) => c,
        Err(e) => {
            note(&format!("ccdeps: {e}"));
            return Ok(Exit::ERROR);
        }
    };
    let path = g.home.audit_log();
    let (entries, bad) = audit::read(&path)?;
    let entries: Vec<&audit::Entry> = entries
        .iter()
        .filter(|e| cutoff.is_none_or(|c| e.time.parse::<jiff::Timestamp>().is_ok_and(|t| t >= c)))
        .collect();
    if bad > 0 {
        note(&format!(
            "ccdeps: skipped {bad} unreadable line(s) in {}",
            path.display()
        ));
    }
    if g.format == Format::Json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&entries)?))?;
        return Ok(Exit::OK);
    }
    if entries.is_empty() {
        emit(&format!("no decisions recorded in {}\n", path.display()))?;
        return Ok(Exit::OK);
    }
    let mut out = String::new();
    for e in entries {
        let what: Vec<String> = e
            .findings
            .iter()
            .filter(|f| f.action != "off")
            .map(|f| {
                let mut s = format!("{} {}", f.purl, f.id.as_deref().unwrap_or(&f.code));
                if let Some(t) = &f.similar_to {
                    let _ = write!(s, " (like {t})");
                }
                s
            })
            .collect();
        let _ = writeln!(
            out,
            "{}  {:<5} {:<9} {} {}{}{}",
            e.time.get(..19).unwrap_or(&e.time).replace('T', " "),
            e.source,
            e.verdict,
            e.manager,
            e.argv.join(" "),
            if what.is_empty() {
                String::new()
            } else {
                format!("  [{}]", what.join("; "))
            },
            if e.cwd.is_empty() {
                String::new()
            } else {
                format!("  in {}", e.cwd)
            },
        );
    }
    emit(&out)?;
    Ok(Exit::OK)
}
