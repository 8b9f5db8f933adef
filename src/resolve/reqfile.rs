//! pip requirement files (`-r`) and constraint files (`-c`): one PEP 508
//! requirement a line, `#` comments, `\` continuations, nested `-r`/`-c`,
//! per-line options (`--hash`) dropped, `-e`/URL/path lines kept as
//! non-registry entries. Size-capped and depth-limited.

use std::path::{Path, PathBuf};

/// One line that names something to install.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// A PEP 508 requirement string.
    Requirement(String),
    /// An editable, path or URL install.
    Other(String),
}

/// The contents of a requirement file and the files it pulls in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub requirements: Vec<Line>,
    pub constraints: Vec<String>,
    /// Files that could not be read (path, why).
    pub errors: Vec<(PathBuf, String)>,
}

const MAX_BYTES: u64 = 4 << 20;
const MAX_DEPTH: usize = 8;

/// Reads `path` (and what it includes); `constraint` marks a `-c` file.
pub fn read(path: &Path, constraint: bool, out: &mut Parsed) {
    read_depth(path, constraint, out, 0);
}

fn read_depth(path: &Path, constraint: bool, out: &mut Parsed, depth: usize) {
    if depth > MAX_DEPTH {
        out.errors.push((
            path.to_path_buf(),
            "requirement files nest too deeply".into(),
        ));
        return;
    }
    let text = match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_BYTES => {
            out.errors
                .push((path.to_path_buf(), format!("larger than {MAX_BYTES} bytes")));
            return;
        }
        Ok(_) => match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                out.errors.push((path.to_path_buf(), e.to_string()));
                return;
            }
        },
        Err(e) => {
            out.errors.push((path.to_path_buf(), e.to_string()));
            return;
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    for line in logical_lines(&text) {
        let nested = |rest: &str| base.join(rest.trim());
        if let Some(rest) = line
            .strip_prefix("-r")
            .or_else(|| line.strip_prefix("--requirement"))
        {
            read_depth(
                &nested(rest.trim_start_matches('=')),
                constraint,
                out,
                depth + 1,
            );
        } else if let Some(rest) = line
            .strip_prefix("-c")
            .or_else(|| line.strip_prefix("--constraint"))
        {
            read_depth(&nested(rest.trim_start_matches('=')), true, out, depth + 1);
        } else if let Some(rest) = line
            .strip_prefix("-e")
            .or_else(|| line.strip_prefix("--editable"))
        {
            out.requirements
                .push(Line::Other(rest.trim_start_matches('=').trim().to_string()));
        } else if line.starts_with('-') {
            // Global options (-i, --extra-index-url, --pre, …) are the intent parser's business.
        } else {
            // Per-requirement options (`--hash=…`) follow the requirement.
            let req = line.split(" --").next().unwrap_or(&line).trim().to_string();
            if constraint {
                out.constraints.push(req);
            } else if req.contains("://") && !req.contains('@')
                || req.starts_with('.')
                || req.starts_with('/')
            {
                out.requirements.push(Line::Other(req));
            } else {
                out.requirements.push(Line::Requirement(req));
            }
        }
    }
}

/// Joins `\` continuations and strips comments and blank lines.
fn logical_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for raw in text.lines() {
        let line = match raw.find(" #").or_else(|| raw.starts_with('#').then_some(0)) {
            Some(i) => &raw[..i],
            None => raw,
        };
        if let Some(head) = line.strip_suffix('\\') {
            cur.push_str(head);
            cur.push(' ');
            continue;
        }
        cur.push_str(line);
        let t = cur.trim().to_string();
        if !t.is_empty() {
            out.push(t);
        }
        cur.clear();
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_options() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join("base.txt"), "idna==3.7\n").expect("write");
        std::fs::write(dir.path().join("c.txt"), "urllib3<3\n").expect("write");
        std::fs::write(
            dir.path().join("req.txt"),
            "# top\n-r base.txt\n-c c.txt\n--index-url https://x\nrequests[socks]>=2 \\\n    --hash=sha256:abc  # pinned\n-e ./local\n",
        )
        .expect("write");
        let mut p = Parsed::default();
        read(&dir.path().join("req.txt"), false, &mut p);
        assert_eq!(
            p.requirements,
            vec![
                Line::Requirement("idna==3.7".into()),
                Line::Requirement("requests[socks]>=2".into()),
                Line::Other("./local".into())
            ]
        );
        assert_eq!(p.constraints, vec!["urllib3<3"]);
        read(&dir.path().join("missing.txt"), false, &mut p);
        assert_eq!(p.errors.len(), 1);
    }
}
