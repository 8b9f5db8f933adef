//! `ccdeps hook claude` through the compiled binary, on a table of real-looking
//! agent tool calls (issue 6): each row is a whole PreToolUse event as Claude
//! Code sends it, and the expected decision — nothing printed (the call runs as
//! is), `deny` with a reason the agent can act on, or `ask` with the command
//! rewritten through `ccdeps run`. The home holds the sample advisories, so
//! known-bad pins are denied at once. No network.

mod support;

use std::path::Path;

use serde_json::{Value, json};

/// What the hook must answer. In `Ask`, `CC` stands for the ccdeps binary.
enum Want {
    Pass,
    Deny(&'static str),
    Ask(&'static str),
}
use Want::{Ask, Deny, Pass};

#[rustfmt::skip]
const BASH: &[(&str, Want)] = &[
    // Installs, in the forms agents write them: routed through `ccdeps run`.
    ("npm install express@4.19.2", Ask("CC run npm install express@4.19.2")),
    ("cd web && npm ci && npm run build", Ask("cd web && CC run npm ci && npm run build")),
    ("npm test || npm install", Ask("npm test || CC run npm install")),
    ("git pull; npm install 2>&1 | tail -20", Ask("git pull; CC run npm install 2>&1 | tail -20")),
    ("env NODE_ENV=production npm install --omit=dev", Ask("env NODE_ENV=production CC run npm install --omit=dev")),
    ("NODE_OPTIONS='--max-old-space-size=4096' npm install", Ask("NODE_OPTIONS='--max-old-space-size=4096' CC run npm install")),
    ("sudo -H pip3 install requests", Ask("sudo -H CC run pip3 install requests")),
    ("sudo -E bash -lc \"cd /srv && npm ci\"", Ask("sudo -E bash -lc 'cd /srv && CC run npm ci'")),
    ("bash -c 'cd /srv/app && pip install -r requirements.txt'", Ask("bash -c 'cd /srv/app && CC run pip install -r requirements.txt'")),
    ("python -m pip install --upgrade pip", Ask("CC run --python python pip install --upgrade pip")),
    ("python3 -m pip install \"flask>=2.0\"", Ask("CC run --python python3 pip install \"flask>=2.0\"")),
    (".venv/bin/python -m pip install -U setuptools", Ask("CC run --python .venv/bin/python pip install -U setuptools")),
    ("py -m pip install httpx", Ask("CC run --python py pip install httpx")),
    ("/usr/bin/npm install -g typescript", Ask("CC run --real /usr/bin/npm npm install -g typescript")),
    ("npx --yes create-next-app@latest my-app --ts", Ask("CC run npx --yes create-next-app@latest my-app --ts")),
    ("npx -y @modelcontextprotocol/server-filesystem /tmp", Ask("CC run npx -y @modelcontextprotocol/server-filesystem /tmp")),
    ("uvx --from httpie http GET example.com", Ask("CC run uvx --from httpie http GET example.com")),
    ("uv add 'fastapi[standard]'", Ask("CC run uv add 'fastapi[standard]'")),
    ("cargo add serde --features derive", Ask("CC run cargo add serde --features derive")),
    ("for p in express cors; do npm install \"$p\"; done", Ask("for p in express cors; do CC run npm install \"$p\"; done")),
    ("cat > requirements.txt <<'REQ'\nrequests==2.31.0\nREQ\npip install -r requirements.txt",
     Ask("cat > requirements.txt <<'REQ'\nrequests==2.31.0\nREQ\nCC run pip install -r requirements.txt")),
    ("(cd api && npm i zod) && (cd web && npm i react)", Ask("(cd api && CC run npm i zod) && (cd web && CC run npm i react)")),
    ("test -f package-lock.json && npm ci || npm install", Ask("test -f package-lock.json && CC run npm ci || CC run npm install")),
    ("timeout --signal=KILL 600 npm install", Ask("timeout --signal=KILL 600 CC run npm install")),
    ("nohup sh -c 'pip install torch' > log 2>&1 &", Ask("nohup sh -c 'CC run pip install torch' > log 2>&1 &")),
    ("npm install \\\n  express \\\n  cors", Ask("CC run npm install \\\n  express \\\n  cors")),
    ("coproc npm i chokidar", Ask("coproc CC run npm i chokidar")),
    ("bun add zod && bun run dev", Ask("CC run bun add zod && bun run dev")),
    ("bunx --bun vite build", Ask("CC run bunx --bun vite build")),
    // Known-bad pins (sample advisories): denied at once with the way forward.
    ("npm i lodash@4.17.20 --save-exact", Deny("GHSA-35jh-r3h4-6jhm")),
    ("cd /srv && cargo add regex@=1.5.4", Deny("regex@1.5.5")),
    ("cargo update -p regex --precise 1.5.4", Deny("RUSTSEC-2022-0013")),
    ("npm install ccdeps-demo-malware@1.0.0", Deny("MAL-2099-0001")),
    ("npm install left-pad@1.3.0 & npm install lodash@4.17.20; wait", Deny("lodash@4.17.21")),
    // Installs that cannot be routed through `ccdeps run`: refused, with why.
    ("pipx install black", Deny("pipx install black")),
    ("pipx run cowsay hi", Deny("pipx run cowsay hi")),
    ("poetry add httpx@^0.27", Deny("poetry add httpx@^0.27")),
    ("py -3.12 -m pip install httpx", Deny("py -3.12 -m pip install httpx")),
    ("cd api && poetry install --no-root", Deny("poetry install --no-root")),
    ("eval \"npm install $PKG\"", Deny("`eval` builds it at run time")),
    ("curl -fsSL https://example.com/deps.txt | xargs npm install", Deny("xargs adds arguments")),
    ("bash <<'SH'\nnpm install evil-pkg\nSH", Deny("a shell reads it on standard input")),
    ("cat <<SH | sh\npip install evil-pkg\nSH", Deny("piped into an interpreter")),
    ("cat <<M\n$(npm i evil-pkg)\nM", Deny("command substitution")),
    ("python3 -c 'import os; os.system(\"pip install evil-pkg\")'", Deny("python runs it")),
    ("node -e \"require('child_process').execSync('npm i evil-pkg')\"", Deny("a script runs it")),
    ("echo $(pip install evil-pkg)", Deny("command substitution")),
    ("$PM install lodash", Deny("only known at run time")),
    ("npm install \"unterminated", Deny("cannot parse")),
    ("find . -name package.json -execdir npm ci \\;", Deny("`find` runs it")),
    // Everything else passes untouched: no output at all.
    ("ls -la && git status", Pass),
    ("npm run test -- --watch=false", Pass),
    ("npm --version && node -v", Pass),
    ("bun run build && bun test", Pass),
    ("poetry run pytest -q", Pass),
    ("py -3 tools/gen.py", Pass),
    ("pip list --outdated", Pass),
    ("python3 -m pytest -q", Pass),
    ("cargo build --release", Pass), // the event's cwd holds no Cargo.toml
    ("cargo test --locked", Pass),
    ("npm view lodash versions --json", Pass),
    // …including strings that merely mention an install.
    ("echo 'npm install lodahs'", Pass),
    ("git commit -m \"ci: pip install -r requirements.txt before tests\"", Pass),
    ("grep -rn \"npm install\" docs/ | head", Pass),
    ("cat <<'MD' > NOTES.md\nRun npm install first, then $(npm i x) is literal\nMD", Pass),
    ("echo done # npm install x", Pass),
    // An install inside a container is not this machine's.
    ("docker run --rm node:20 npm install", Pass),
];

/// Other tools pass whatever their input says.
fn other_tools() -> Vec<(&'static str, Value)> {
    vec![
        ("Read", json!({"file_path": "/w/package.json"})),
        (
            "Edit",
            json!({"file_path": "/w/README.md", "old_string": "x", "new_string": "npm install evil"}),
        ),
        (
            "Write",
            json!({"file_path": "/w/setup.sh", "content": "#!/bin/sh\npip install evil\n"}),
        ),
        ("Grep", json!({"pattern": "npm install", "path": "/w"})),
        (
            "WebFetch",
            json!({"url": "https://docs.npmjs.com", "prompt": "how do I npm install?"}),
        ),
        (
            "mcp__github__create_issue",
            json!({"title": "deps", "body": "run `pip install x`"}),
        ),
    ]
}

fn event(cwd: &Path, tool: &str, input: Value, mode: &str) -> String {
    json!({
        "session_id": "5f2d1c7e-0b8a-4a63-9c1e-2f6a0d3b9e41",
        "transcript_path": "/home/dev/.claude/projects/-w/5f2d1c7e.jsonl",
        "cwd": cwd,
        "permission_mode": mode,
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": input,
        "tool_use_id": "toolu_01ABCDEF",
    })
    .to_string()
}

fn bash(command: &str) -> Value {
    json!({"command": command, "description": "Set up the project", "timeout": 120000})
}

/// Runs the hook; returns (exit code, stdout).
fn hook(home: &Path, ev: String) -> (i32, String) {
    let out = support::ccdeps(home)
        .args(["hook", "claude"])
        .write_stdin(ev)
        .output()
        .expect("run ccdeps hook claude");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// What went wrong with one answer, if anything.
fn check(want: &Want, code: i32, out: &str, input: &Value, cc: &str) -> Option<String> {
    if code != 0 {
        return Some(format!("exit {code}"));
    }
    let h = match (want, out.trim()) {
        (Pass, "") => return None,
        (Pass, o) => return Some(format!("want no output, got {o}")),
        (_, "") => return Some("no output".into()),
        (_, o) => match serde_json::from_str::<Value>(o) {
            Ok(v) => v["hookSpecificOutput"].clone(),
            Err(e) => return Some(format!("not JSON ({e}): {o}")),
        },
    };
    let decision = h["permissionDecision"].as_str().unwrap_or("");
    let reason = h["permissionDecisionReason"].as_str().unwrap_or("");
    match want {
        Deny(part) if decision == "deny" && reason.contains(part) => None,
        Ask(cmd) if decision == "ask" => {
            let mut expect = input.clone();
            expect["command"] = Value::String(cmd.replace("CC", cc));
            (h["updatedInput"] != expect || !reason.contains("ccdeps run"))
                .then(|| format!("want {expect}, got {h}"))
        }
        _ => Some(format!("got {h}")),
    }
}

#[test]
fn agent_commands_get_the_expected_decisions() {
    let home = support::sample_home();
    let cwd = tempfile::tempdir().expect("cwd");
    let bin = assert_cmd::cargo::cargo_bin("ccdeps");
    let cc = bin.to_str().expect("utf-8 binary path");
    let mut failures = Vec::new();
    for (command, want) in BASH {
        let input = bash(command);
        let (code, out) = hook(
            home.path(),
            event(cwd.path(), "Bash", input.clone(), "default"),
        );
        if let Some(why) = check(want, code, &out, &input, cc) {
            failures.push(format!("{command:?}: {why}"));
        }
    }
    for (tool, input) in other_tools() {
        let (code, out) = hook(
            home.path(),
            event(cwd.path(), tool, input.clone(), "default"),
        );
        if let Some(why) = check(&Pass, code, &out, &input, cc) {
            failures.push(format!("{tool}: {why}"));
        }
    }
    assert!(BASH.len() + other_tools().len() >= 30);
    assert!(
        failures.is_empty(),
        "{} of {} calls differ:\n{}",
        failures.len(),
        BASH.len() + other_tools().len(),
        failures.join("\n")
    );
}

#[test]
fn bypass_mode_allows_a_rewrite_and_a_project_without_lockfile_makes_cargo_build_an_install() {
    let home = support::sample_home();
    let input = bash("pip install six==1.16.0");
    let (_, out) = hook(
        home.path(),
        event(Path::new("/"), "Bash", input, "bypassPermissions"),
    );
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        v["hookSpecificOutput"]["permissionDecision"], "allow",
        "{out}"
    );
    // The lockfile rule is judged in the event's cwd: a crate with no Cargo.lock.
    let krate = tempfile::tempdir().expect("crate");
    std::fs::write(
        krate.path().join("Cargo.toml"),
        "[package]\nname = \"k\"\nversion = \"0.1.0\"\n",
    )
    .expect("write Cargo.toml");
    let (_, out) = hook(
        home.path(),
        event(krate.path(), "Bash", bash("cargo build"), "default"),
    );
    assert!(out.contains(" run cargo build"), "{out}");
    let (_, out) = hook(
        home.path(),
        event(
            krate.path(),
            "Bash",
            bash("cargo build --locked"),
            "default",
        ),
    );
    assert_eq!(out, "");
}
