//! Table tests: real-looking agent commands and what the hook makes of them.
//!
//! `pass` = nothing to check; `deny` = cannot be analysed or routed;
//! otherwise the rewritten command, with `CC` standing for `/opt/ccdeps`.

use std::path::Path;

use super::claude::{Decision, PreToolUseInput, decide, default_judge};
use super::*;

const CC: &str = "/opt/ccdeps";

const TABLE: &[(&str, &str)] = &[
    // The acceptance set (../shared/acceptance/hook-claude): risky…
    (
        "python3 -m pip install requestss",
        "CC run --python python3 pip install requestss",
    ),
    (
        "cd /tmp && /usr/bin/npm install lodahs",
        "cd /tmp && CC run --real /usr/bin/npm npm install lodahs",
    ),
    (
        "sudo pip install --break-system-packages colourama",
        "sudo CC run pip install --break-system-packages colourama",
    ),
    (
        "bash -c \"npm i expresss\"",
        "bash -c 'CC run npm i expresss'",
    ),
    ("FOO=1 npx --yes lodahs", "FOO=1 CC run npx --yes lodahs"),
    (
        "pip3 install -U reqeusts && echo done",
        "CC run pip3 install -U reqeusts && echo done",
    ),
    ("uv pip install djnago", "CC run uv pip install djnago"),
    // …and benign.
    ("ls -la && git status", "pass"),
    // Whether `cargo build` installs depends on the project's Cargo.lock (intent/project.rs),
    // so the table pins it with --locked; the acceptance's bare form runs in /tmp (no project).
    ("cargo build --release --locked", "pass"),
    ("npm run test", "pass"),
    ("pip list", "pass"),
    ("echo 'npm install lodahs'", "pass"),
    // More installs, in the forms agents write them.
    ("npm install", "CC run npm install"),
    ("npm ci && npm test", "CC run npm ci && npm test"),
    ("yarn", "CC run yarn"),
    ("pnpm add -D vitest", "CC run pnpm add -D vitest"),
    (
        "cd web; pnpm install --frozen-lockfile",
        "cd web; CC run pnpm install --frozen-lockfile",
    ),
    (
        "npx create-react-app my-app",
        "CC run npx create-react-app my-app",
    ),
    ("uvx ruff check .", "CC run uvx ruff check ."),
    (
        "cargo add serde --features derive",
        "CC run cargo add serde --features derive",
    ),
    ("cargo install ripgrep", "CC run cargo install ripgrep"),
    (
        "python -m pip install -r requirements.txt",
        "CC run --python python pip install -r requirements.txt",
    ),
    (
        "python3.11 -m pip install 'django<2'",
        "CC run --python python3.11 pip install 'django<2'",
    ),
    (
        "./venv/bin/pip install flask",
        "CC run --real ./venv/bin/pip pip install flask",
    ),
    (
        "pip3.12 install httpx",
        "CC run --real pip3.12 pip3 install httpx",
    ),
    (
        "env CI=1 npm install left-pad",
        "env CI=1 CC run npm install left-pad",
    ),
    (
        "sudo -u app -E npm install -g pm2",
        "sudo -u app -E CC run npm install -g pm2",
    ),
    ("time npm install", "time CC run npm install"),
    (
        "nohup pip install torch > log 2>&1 &",
        "nohup CC run pip install torch > log 2>&1 &",
    ),
    (
        "timeout 300 cargo add tokio",
        "timeout 300 CC run cargo add tokio",
    ),
    ("(cd app && npm i axios)", "(cd app && CC run npm i axios)"),
    ("{ pip install six; }", "{ CC run pip install six; }"),
    (
        "if ! command -v tsc; then npm i -g typescript; fi",
        "if ! command -v tsc; then CC run npm i -g typescript; fi",
    ),
    (
        "sh -c 'cd x && pip install \"a b\"'",
        "sh -c 'cd x && CC run pip install \"a b\"'",
    ),
    ("bash -lc \"npm install $PKG\"", "deny"),
    (
        "npm install $(cat deps.txt)",
        "CC run npm install $(cat deps.txt)",
    ),
    ("corepack pnpm add zod", "CC run pnpm add zod"),
    (
        "corepack yarn@4.1.0 add left-pad",
        "CC run yarn add left-pad",
    ),
    (
        "su -c 'pip install x' app",
        "su -c 'CC run pip install x' app",
    ),
    ("\\npm i lodahs", "CC run npm i lodahs"),
    ("np''m i lodahs", "CC run npm i lodahs"),
    (
        "sudo -E env PATH=$PATH npm i -g x",
        "sudo -E env PATH=$PATH CC run npm i -g x",
    ),
    (
        "npm i lodash | tee install.log",
        "CC run npm i lodash | tee install.log",
    ),
    (
        "uv add httpx\nuv run pytest --frozen",
        "CC run uv add httpx\nuv run pytest --frozen",
    ),
    // Forms that cannot be rewritten are refused.
    ("pipx install black", "deny"),
    ("eval \"npm install x\"", "deny"),
    ("echo $(pip install evil)", "deny"),
    ("echo `npm i evil`", "deny"),
    ("bash <<'EOF'\nnpm install evil\nEOF", "deny"),
    ("echo 'pip install evil' | sh", "deny"),
    (
        "python -c 'import os; os.system(\"pip install x\")'",
        "deny",
    ),
    ("npm install \"unterminated", "deny"),
    ("$PM install lodash", "deny"),
    ("cat pkgs.txt | xargs npm install", "deny"),
    ("npm${IFS}install${IFS}lodahs", "deny"),
    ("alias ni='npm install'; ni lodahs", "deny"),
    ("watch -n 5 npm install", "deny"),
    ("npx -c 'npm install evil && eslint .'", "deny"),
    // Found while driving the compiled hook with agent commands (tests/hook_claude.rs).
    ("cat <<M\n$(npm i evil)\nM", "deny"), // unquoted: Bash runs the substitution
    ("cat <<'M'\n$(npm i evil)\nM", "pass"),
    ("cat <<M | sh\nnpm install evil\nM", "deny"),
    ("cat <<'M' | tr a a | bash\nnpm install evil\nM", "deny"),
    ("coproc npm i x", "coproc CC run npm i x"),
    (
        "coproc P { pip install x; }",
        "coproc P { CC run pip install x; }",
    ),
    (
        "script -qc \"npm i x\" /dev/null",
        "script -qc 'CC run npm i x' /dev/null",
    ),
    ("su -lc 'npm i x' app", "su -lc 'CC run npm i x' app"),
    ("find . -name package.json -execdir npm i \\;", "deny"),
    ("find . -name '*.py' -exec grep -l pip {} +", "pass"),
    ("parallel -j4 npm i ::: a b", "deny"),
    ("parallel gzip ::: *.log", "pass"),
    // Mentions are not installs.
    ("git commit -m \"pip install y\"", "pass"),
    ("cat <<EOF > README.md\nRun npm install first\nEOF", "pass"),
    ("grep -r 'npm install' docs/", "pass"),
    ("npm --version && node -v", "pass"),
    ("pip show requests", "pass"),
    ("cargo test --locked", "pass"),
    ("yarn test --watch", "pass"),
    ("uv run --frozen pytest -x", "pass"),
    ("npx --version", "pass"),
    ("npx -c 'eslint . && prettier --check .'", "pass"),
    ("for p in npm pip; do which $p; done", "pass"),
    ("echo \"unterminated", "pass"),
    ("rm -rf node_modules && ls", "pass"),
    ("python3 script.py --install", "pass"),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (cmd, want) in TABLE {
        let a = analyze(cmd);
        let got = if !a.unanalysable.is_empty() || a.found.iter().any(|f| !f.rewritable) {
            "deny".to_string()
        } else if a.found.is_empty() {
            "pass".to_string()
        } else {
            rewrite(cmd, &a, Path::new("/opt/ccdeps"))
                .unwrap_or_else(|| "(no rewrite)".into())
                .replace(CC, "CC")
        };
        if got != *want {
            failures.push(format!(
                "{cmd:?}\n    want: {want}\n    got:  {got}\n    {a:?}"
            ));
        }
    }
    assert!(TABLE.len() >= 40);
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn found_carries_manager_args_and_span() {
    let cmd = "cd /tmp && sudo pip install x==1";
    let a = analyze(cmd);
    assert_eq!(a.found.len(), 1);
    let f = &a.found[0];
    assert_eq!((f.manager, f.program.as_str()), (Manager::Pip, "pip"));
    assert_eq!(f.args, ["install", "x==1"]);
    assert_eq!(&cmd[f.span.clone()], "sudo pip install x==1");
}

fn event(tool: &str, command: &str) -> PreToolUseInput {
    let v = serde_json::json!({
        "session_id": "s", "transcript_path": "/t", "cwd": "/w", "hook_event_name": "PreToolUse",
        "permission_mode": "default", "tool_name": tool,
        "tool_input": {"command": command, "description": "Install deps", "timeout": 120000}
    });
    serde_json::from_value(v).unwrap()
}

#[test]
fn decide_rewrites_denies_and_passes() {
    let exe = Path::new("/opt/ccdeps");
    assert!(decide(&event("Read", "npm i x"), exe, default_judge).is_empty());
    assert!(decide(&event("Bash", "ls"), exe, default_judge).is_empty());
    let out = decide(&event("Bash", "npm i lodahs"), exe, default_judge);
    let h = out.hook_specific_output.unwrap();
    assert_eq!(h.permission_decision, Decision::Ask);
    let upd = h.updated_input.unwrap();
    assert_eq!(upd["command"], "/opt/ccdeps run npm i lodahs");
    assert_eq!(
        upd["description"], "Install deps",
        "the rest of the tool input is kept"
    );
    let json = serde_json::to_value(decide(
        &event("Bash", "pipx install black"),
        exe,
        default_judge,
    ))
    .unwrap();
    assert_eq!(json["hookSpecificOutput"]["hookEventName"], "PreToolUse");
    assert_eq!(json["hookSpecificOutput"]["permissionDecision"], "deny");
    assert!(
        json["hookSpecificOutput"]["permissionDecisionReason"]
            .as_str()
            .unwrap()
            .contains("pipx install black")
    );
    let mut bypass = event("Bash", "pip install six");
    bypass.permission_mode = Some("bypassPermissions".into());
    let h = decide(&bypass, exe, default_judge)
        .hook_specific_output
        .unwrap();
    assert_eq!(h.permission_decision, Decision::Allow);
    let judged = decide(&event("Bash", "pip install evil"), exe, |_| {
        claude::HookVerdict::Deny("no".into())
    });
    assert_eq!(
        judged.hook_specific_output.unwrap().permission_decision,
        Decision::Deny
    );
}

#[test]
fn secrets_stay_out_of_reasons() {
    let out = decide(
        &event(
            "Bash",
            "pipx install --index-url https://u:s3cret@h/simple x",
        ),
        Path::new("/c"),
        default_judge,
    );
    let reason = out
        .hook_specific_output
        .unwrap()
        .permission_decision_reason
        .unwrap();
    assert!(!reason.contains("s3cret"), "{reason}");
}

#[test]
fn hostile_input_never_panics() {
    // Every prefix of some nasty commands, and many combinations of their pieces.
    let pieces = [
        "npm",
        " i",
        " 'x",
        "\"",
        "$(",
        ")",
        "`",
        "\\",
        "$'\\x4",
        "é",
        "<<EOF\n",
        "EOF",
        "\n",
        "|",
        "&&",
        "(",
        "{",
        "}",
        "case",
        " in",
        ";;",
        "esac",
        "bash -c",
        "python3 -m pip install",
        "${",
        "$((",
        "<(",
        "2>&",
        "sudo -u",
        "xargs",
        "env -S",
        "ü💥",
        "#",
        "=",
        "for",
        "do",
        "done",
    ];
    let mut s = String::new();
    for a in 0..pieces.len() {
        for b in 0..pieces.len() {
            s.clear();
            s.push_str(pieces[a]);
            s.push_str(pieces[b]);
            s.push_str(pieces[(a * 7 + b) % pieces.len()]);
            for end in (0..=s.len()).filter(|&e| s.is_char_boundary(e)) {
                let a = analyze(&s[..end]);
                let _ = rewrite(&s[..end], &a, Path::new("/c"));
            }
        }
    }
}
