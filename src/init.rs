//! `ccdeps init claude`: merge the ccdeps hooks into a Claude Code
//! `settings.json`, idempotently and without touching anything else.
//!
//! Two entries are added (or updated in place when a ccdeps entry is already
//! there, whatever binary path it names):
//! - `PreToolUse` with matcher `Bash`: `ccdeps hook claude`, which checks
//!   installs the shims cannot see (`python -m pip`, absolute paths, `sudo`…);
//! - `SessionStart`: `ccdeps shims env >> "$CLAUDE_ENV_FILE"`, which puts the
//!   shims first on PATH for every Bash call of the session (Claude Code
//!   sources that file), computed per session instead of freezing a PATH
//!   into the settings file.
//!
//! Keys keep their order (serde_json `preserve_order`); the output is
//! two-space indented JSON, as Claude Code writes it.

use std::path::Path;

use serde_json::{Map, Value, json};

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{path}: not valid JSON ({why}); fix or move it, nothing was written")]
    BadJson { path: String, why: String },
    #[error("{path}: `{key}` is not a JSON {expected}; fix it by hand, nothing was written")]
    Shape {
        path: String,
        key: String,
        expected: &'static str,
    },
}

fn shell_quote(p: &Path) -> String {
    let s = p.to_string_lossy();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The hook commands for a ccdeps binary.
pub fn commands(ccdeps: &Path) -> (String, String) {
    let bin = shell_quote(ccdeps);
    (
        format!("{bin} hook claude"),
        format!("[ -n \"$CLAUDE_ENV_FILE\" ] && {bin} shims env >> \"$CLAUDE_ENV_FILE\" || true"),
    )
}

fn is_ours(cmd: &str, marker: &str) -> bool {
    cmd.contains("ccdeps") && cmd.contains(marker)
}

/// Ensures `hooks.<event>` has one entry (with `matcher` when given) whose
/// hook runs `command`; an existing ccdeps hook (found by `marker`) is updated.
fn ensure(
    root: &mut Map<String, Value>,
    path: &str,
    event: &str,
    matcher: Option<&str>,
    command: &str,
    marker: &str,
) -> Result<(), InitError> {
    let shape = |key: &str, expected| InitError::Shape {
        path: path.to_string(),
        key: key.to_string(),
        expected,
    };
    let hooks = root.entry("hooks").or_insert_with(|| json!({}));
    let hooks = hooks
        .as_object_mut()
        .ok_or_else(|| shape("hooks", "object"))?;
    let list = hooks.entry(event).or_insert_with(|| json!([]));
    let list = list
        .as_array_mut()
        .ok_or_else(|| shape(&format!("hooks.{event}"), "array"))?;
    for group in list.iter_mut() {
        let Some(cmds) = group.get_mut("hooks").and_then(Value::as_array_mut) else {
            continue;
        };
        for h in cmds.iter_mut() {
            if h.get("command")
                .and_then(Value::as_str)
                .is_some_and(|c| is_ours(c, marker))
            {
                if let Some(obj) = h.as_object_mut() {
                    obj.insert("type".into(), json!("command"));
                    obj.insert("command".into(), json!(command));
                }
                return Ok(());
            }
        }
    }
    let mut group = Map::new();
    if let Some(m) = matcher {
        group.insert("matcher".into(), json!(m));
    }
    group.insert(
        "hooks".into(),
        json!([{"type": "command", "command": command, "timeout": 60}]),
    );
    list.push(Value::Object(group));
    Ok(())
}

/// Merges the ccdeps entries into settings text (`None` = no file yet);
/// returns the new text.
pub fn merge(existing: Option<&str>, path: &str, ccdeps: &Path) -> Result<String, InitError> {
    let mut root: Map<String, Value> = match existing.map(str::trim).filter(|t| !t.is_empty()) {
        None => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => m,
            Ok(_) => {
                return Err(InitError::Shape {
                    path: path.into(),
                    key: "(top level)".into(),
                    expected: "object",
                });
            }
            Err(e) => {
                return Err(InitError::BadJson {
                    path: path.into(),
                    why: e.to_string(),
                });
            }
        },
    };
    let (hook, env) = commands(ccdeps);
    ensure(
        &mut root,
        path,
        "PreToolUse",
        Some("Bash"),
        &hook,
        "hook claude",
    )?;
    ensure(&mut root, path, "SessionStart", None, &env, "shims env")?;
    let mut out =
        serde_json::to_string_pretty(&Value::Object(root)).map_err(|e| InitError::BadJson {
            path: path.into(),
            why: e.to_string(),
        })?;
    out.push('\n');
    Ok(out)
}

/// A unified-style line diff (`-`/`+`/` ` prefixes) of two small texts.
pub fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // LCS table (settings files are small).
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIN: &str = "/opt/ccdeps/bin/ccdeps";

    #[test]
    fn merges_into_existing_settings_and_is_idempotent() {
        let existing = r#"{
  "permissions": {"allow": ["Bash(npm run test:*)"]},
  "hooks": {
    "PreToolUse": [
      {"matcher": "Write", "hooks": [{"type": "command", "command": "prettier --check"}]}
    ]
  },
  "model": "opus"
}"#;
        let once = merge(Some(existing), "s.json", Path::new(BIN)).unwrap();
        let v: Value = serde_json::from_str(&once).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["permissions", "hooks", "model"], "order kept");
        let pre = v["hooks"]["PreToolUse"].as_array().unwrap();
        assert_eq!(pre.len(), 2);
        assert_eq!(pre[0]["matcher"], "Write", "existing hook untouched");
        assert_eq!(pre[1]["matcher"], "Bash");
        assert_eq!(pre[1]["hooks"][0]["command"], format!("{BIN} hook claude"));
        assert!(
            v["hooks"]["SessionStart"][0]["hooks"][0]["command"]
                .as_str()
                .unwrap()
                .contains("shims env >> \"$CLAUDE_ENV_FILE\"")
        );
        let twice = merge(Some(&once), "s.json", Path::new(BIN)).unwrap();
        assert_eq!(once, twice);
        // A moved binary updates the entry in place.
        let moved = merge(Some(&once), "s.json", Path::new("/new place/ccdeps")).unwrap();
        let v: Value = serde_json::from_str(&moved).unwrap();
        assert_eq!(v["hooks"]["PreToolUse"].as_array().unwrap().len(), 2);
        assert_eq!(
            v["hooks"]["PreToolUse"][1]["hooks"][0]["command"],
            "'/new place/ccdeps' hook claude"
        );
    }

    #[test]
    fn refuses_to_rewrite_what_it_cannot_read() {
        assert!(matches!(
            merge(Some("{ not json"), "s.json", Path::new(BIN)),
            Err(InitError::BadJson { .. })
        ));
        assert!(matches!(
            merge(Some("[]"), "s.json", Path::new(BIN)),
            Err(InitError::Shape { .. })
        ));
        assert!(matches!(
            merge(Some(r#"{"hooks": []}"#), "s.json", Path::new(BIN)),
            Err(InitError::Shape { .. })
        ));
        assert!(merge(None, "s.json", Path::new(BIN)).is_ok());
    }

    #[test]
    fn diff_marks_changes() {
        assert_eq!(diff("a\nb\n", "a\nc\nb\n"), "  a\n+ c\n  b\n");
    }
}
