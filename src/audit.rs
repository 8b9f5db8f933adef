//! The audit log: one JSON line per `run` and `hook` decision, appended to
//! `$CCDEPS_HOME/audit.jsonl`. Appends take an exclusive file lock, so
//! concurrent shims never interleave lines; the file is rotated to
//! `audit.jsonl.1` past [`ROTATE_BYTES`]. Secrets in argv are redacted before
//! anything is written.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::redact;
use crate::report::{Report, Verdict};

/// Size past which the log is rotated (one previous generation kept).
pub const ROTATE_BYTES: u64 = 32 << 20;
/// The most of the log `ccdeps log` reads (the newest part).
pub const MAX_READ_BYTES: u64 = 64 << 20;

/// One finding in an entry.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EntryFinding {
    pub purl: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similar_to: Option<String>,
    pub action: String,
}

/// One decision.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub time: String,
    /// `run` or `hook`.
    pub source: String,
    pub cwd: String,
    pub manager: String,
    pub argv: Vec<String>,
    pub verdict: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<u8>,
    /// The packages judged (purls).
    #[serde(default)]
    pub packages: Vec<String>,
    #[serde(default)]
    pub findings: Vec<EntryFinding>,
    /// Exceptions, allow rules and prompts that lifted a finding.
    #[serde(default)]
    pub overrides: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Entry {
    /// A new entry stamped now, argv redacted.
    pub fn new(source: &str, manager: &str, argv: &[String], verdict: &str) -> Entry {
        Entry {
            time: jiff::Timestamp::now().to_string(),
            source: source.into(),
            cwd: std::env::current_dir()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            manager: manager.into(),
            argv: redact::argv(argv),
            verdict: verdict.into(),
            exit: None,
            packages: Vec::new(),
            findings: Vec::new(),
            overrides: Vec::new(),
            reason: None,
        }
    }

    /// Fills packages, findings and overrides from a report.
    pub fn with_report(mut self, report: &Report) -> Entry {
        for p in &report.packages {
            let purl = p.package.purl();
            for f in &p.findings {
                if f.action == crate::finding::Action::Off
                    && let Some(by) = &f.decided_by
                    && (by.starts_with("exception")
                        || by.starts_with("allow")
                        || by.starts_with("user answered"))
                {
                    self.overrides.push(format!("{purl}: {} {}", f.code, by));
                }
                self.findings.push(EntryFinding {
                    purl: purl.clone(),
                    code: f.code.to_string(),
                    id: f.id.clone(),
                    similar_to: f.similar_to.clone(),
                    action: f.action.as_str().to_string(),
                });
            }
            self.packages.push(purl);
        }
        if self.verdict.is_empty() {
            self.verdict = report.verdict.as_str().to_string();
        }
        self
    }
}

/// Appends one entry (locked, one write).
pub fn append(path: &Path, entry: &Entry) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.lock()?;
    if f.metadata()?.len() > ROTATE_BYTES {
        // Rotate under the lock: later appenders reopen by path and find the new file.
        let _ = std::fs::rename(path, path.with_extension("jsonl.1"));
        f = OpenOptions::new().create(true).append(true).open(path)?;
        f.lock()?;
    }
    let result = f.write_all(line.as_bytes());
    let _ = f.unlock();
    result
}

/// Reads entries (the newest [`MAX_READ_BYTES`] of the log); unreadable lines are skipped and counted.
pub fn read(path: &Path) -> std::io::Result<(Vec<Entry>, usize)> {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(e),
    };
    let len = f.metadata()?.len();
    let skip_partial = len > MAX_READ_BYTES;
    if skip_partial {
        f.seek(SeekFrom::Start(len - MAX_READ_BYTES))?;
    }
    let mut text = String::new();
    f.take(MAX_READ_BYTES).read_to_string(&mut text)?;
    let mut lines = text.lines();
    if skip_partial {
        lines.next();
    }
    let mut bad = 0;
    let entries = lines
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).map_err(|_| bad += 1).ok())
        .collect();
    Ok((entries, bad))
}

/// The verdict word for an exit.
pub fn verdict_word(v: Verdict) -> &'static str {
    v.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_appends_never_interleave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.jsonl");
        std::thread::scope(|s| {
            for t in 0..8 {
                let path = &path;
                s.spawn(move || {
                    for i in 0..50 {
                        let argv = vec![
                            "install".to_string(),
                            format!("pkg-{t}-{i}"),
                            "x".repeat(3000),
                        ];
                        append(path, &Entry::new("run", "npm", &argv, "allow")).unwrap();
                    }
                });
            }
        });
        let (entries, bad) = read(&path).unwrap();
        assert_eq!((entries.len(), bad), (400, 0));
    }

    #[test]
    fn secrets_are_redacted() {
        let argv: Vec<String> = [
            "install",
            "--index-url",
            "https://u:tok@pypi.example/simple",
            "x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let e = Entry::new("run", "pip", &argv, "block");
        assert_eq!(e.argv[2], "https://***@pypi.example/simple");
    }
}
