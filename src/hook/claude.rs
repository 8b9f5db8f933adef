//! Claude Code's PreToolUse hook protocol.
//!
//! Input (stdin): `session_id`, `transcript_path`, `cwd`, `permission_mode`,
//! `hook_event_name`, `tool_name`, `tool_input`, `tool_use_id`. Output
//! (stdout, exit 0): nothing to let the call proceed as usual, or
//! `{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision":
//! "allow"|"deny"|"ask", "permissionDecisionReason": …, "updatedInput": …}}`.
//! `updatedInput` replaces the whole tool input, so it carries every original
//! field with only `command` changed.
//!
//! A rewrite is returned with `ask`, except in `bypassPermissions` mode where
//! `allow` grants nothing the user had not already granted: an `allow` would
//! otherwise skip the prompt the user gets for the rest of the command too.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Found, analyze, rewrite, scan::clip};
use crate::intent::Intent;
use crate::redact;

/// The PreToolUse event (unknown fields are ignored: the schema grows).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PreToolUseInput {
    #[serde(default)]
    pub session_id: Option<String>,
    #[serde(default)]
    pub transcript_path: Option<String>,
    #[serde(default)]
    pub cwd: Option<String>,
    #[serde(default)]
    pub permission_mode: Option<String>,
    #[serde(default)]
    pub hook_event_name: Option<String>,
    #[serde(default)]
    pub tool_name: String,
    #[serde(default)]
    pub tool_input: serde_json::Value,
    #[serde(default)]
    pub tool_use_id: Option<String>,
}

/// The hook's answer; `hook_specific_output: None` prints nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Output {
    #[serde(rename = "hookSpecificOutput", skip_serializing_if = "Option::is_none")]
    pub hook_specific_output: Option<HookSpecificOutput>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HookSpecificOutput {
    /// Always `PreToolUse`.
    pub hook_event_name: &'static str,
    pub permission_decision: Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_decision_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_input: Option<serde_json::Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Allow,
    Deny,
    Ask,
}

/// What the judge says about one found install.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HookVerdict {
    /// Leave it as typed (checked and clean).
    Allow,
    /// Route it through `ccdeps run` (checked when it runs).
    Rewrite,
    /// Ask the user, with this reason.
    Ask(String),
    /// Refuse the whole command, with a reason the agent can act on.
    Deny(String),
}

impl Output {
    pub fn is_empty(&self) -> bool {
        self.hook_specific_output.is_none()
    }

    fn decision(d: Decision, reason: String, updated_input: Option<serde_json::Value>) -> Output {
        Output {
            hook_specific_output: Some(HookSpecificOutput {
                hook_event_name: "PreToolUse",
                permission_decision: d,
                permission_decision_reason: Some(reason),
                updated_input,
            }),
        }
    }

    /// A denial (also used when the event itself cannot be read safely).
    pub fn deny(reason: String) -> Output {
        Output::decision(Decision::Deny, reason, None)
    }
}

/// The default judge: route what can be routed through `ccdeps run`, refuse the rest.
pub fn default_judge(f: &Found) -> HookVerdict {
    if f.rewritable {
        return HookVerdict::Rewrite;
    }
    HookVerdict::Deny(format!(
        "ccdeps: cannot check `{}` before it runs: it cannot be routed through `ccdeps run`. Install the \
         package with a plain `pip`/`npm`/`cargo` command instead (ccdeps checks those), or check it first \
         with `ccdeps check <purl>`.",
        describe(f)
    ))
}

/// Decides one event. `ccdeps` is the binary the rewrite runs.
pub fn decide(
    input: &PreToolUseInput,
    ccdeps: &Path,
    mut judge: impl FnMut(&Found) -> HookVerdict,
) -> Output {
    if input.tool_name != "Bash" {
        return Output::default();
    }
    let Some(command) = input.tool_input.get("command").and_then(|c| c.as_str()) else {
        return Output::default();
    };
    let analysis = analyze(command);
    if analysis.is_clear() {
        return Output::default();
    }
    if !analysis.unanalysable.is_empty() {
        return Output::deny(format!(
            "ccdeps: cannot check this command: {}. Run each package install as its own plain command \
             (for example `npm install NAME` or `pip install NAME`) so ccdeps can check it first.",
            analysis.unanalysable.join("; ")
        ));
    }
    let mut denies = Vec::new();
    let mut asks = Vec::new();
    let mut rewrites = Vec::new();
    for f in &analysis.found {
        match judge(f) {
            HookVerdict::Allow => {}
            HookVerdict::Rewrite if f.rewritable => rewrites.push(describe(f)),
            HookVerdict::Rewrite => denies.push(match default_judge(f) {
                HookVerdict::Deny(r) => r,
                _ => format!(
                    "ccdeps: cannot route `{}` through `ccdeps run`",
                    describe(f)
                ),
            }),
            HookVerdict::Ask(r) => asks.push(r),
            HookVerdict::Deny(r) => denies.push(r),
        }
    }
    if !denies.is_empty() {
        return Output::deny(denies.join(" "));
    }
    if !rewrites.is_empty()
        && let Some(new_command) = rewrite(command, &analysis, ccdeps)
    {
        let mut updated = input.tool_input.clone();
        if let Some(obj) = updated.as_object_mut() {
            obj.insert("command".into(), serde_json::Value::String(new_command));
        }
        let mut reason = format!(
            "ccdeps: runs {} through `ccdeps run`, which checks the packages (known vulnerabilities and \
                 malware, typosquats, install scripts) before anything is installed.",
            rewrites
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for a in &asks {
            reason.push(' ');
            reason.push_str(a);
        }
        let d = if asks.is_empty() && input.permission_mode.as_deref() == Some("bypassPermissions")
        {
            Decision::Allow
        } else {
            Decision::Ask
        };
        return Output::decision(d, reason, Some(updated));
    }
    if !asks.is_empty() {
        return Output::decision(Decision::Ask, asks.join(" "), None);
    }
    Output::default()
}

/// `npm install lodahs` (secrets redacted, clipped) for messages.
pub fn describe(f: &Found) -> String {
    let args = redact::argv(&f.args).join(" ");
    let what = match &f.intent {
        Intent::Opaque { why } => format!("{} {args} ({why})", f.program),
        _ => format!("{} {args}", f.program),
    };
    clip(&what)
}
