//! Table tests: real command lines across managers and what they mean.
//!
//! Each row is `(program, argv, expected summary)`. The summary reads
//! `SUB: name@req(kind), … +flags` for an install, `pass`, or `opaque`.

use super::*;

/// A compact, stable rendering of an intent for the table.
fn summary(i: &Intent) -> String {
    let inst = match i {
        Intent::PassThrough => return "pass".into(),
        Intent::Opaque { .. } => return "opaque".into(),
        Intent::Install(inst) => inst,
    };
    let reqs: Vec<String> = inst
        .requests
        .iter()
        .map(|r| {
            let mut s = String::new();
            if let Some(a) = &r.alias {
                s.push_str(a);
                s.push('=');
            }
            s.push_str(r.name.as_deref().unwrap_or("?"));
            if !r.extras.is_empty() {
                s.push_str(&format!("[{}]", r.extras.join(",")));
            }
            if let Some(q) = &r.requirement {
                s.push('@');
                s.push_str(q);
            }
            match &r.source {
                Source::Registry { url: None } => {}
                Source::Registry { url: Some(u) } => s.push_str(&format!("(registry {u})")),
                Source::Git { rev: Some(rev), .. } => s.push_str(&format!("(git#{rev})")),
                other => s.push_str(&format!("({})", other.kind())),
            }
            s
        })
        .collect();
    let mut out = format!("{}:", inst.subcommand);
    if !reqs.is_empty() {
        out.push(' ');
        out.push_str(&reqs.join(", "));
    }
    let flags = [
        (inst.from_project, "+project"),
        (inst.global, "+global"),
        (inst.dev, "+dev"),
        (inst.runs_package, "+runs"),
        (inst.may_fetch_unpredicted, "+unpredicted"),
        (inst.scripts_disabled, "+noscripts"),
        (inst.pre, "+pre"),
        (inst.registry.no_index, "+noindex"),
    ];
    for (on, f) in flags {
        if on {
            out.push(' ');
            out.push_str(f);
        }
    }
    for f in &inst.requirement_files {
        out.push_str(&format!(" -r {}", f.display()));
    }
    for f in &inst.constraint_files {
        out.push_str(&format!(" -c {}", f.display()));
    }
    for p in &inst.local_paths {
        out.push_str(&format!(" path {}", p.display()));
    }
    if let Some(ix) = &inst.registry.index {
        out.push_str(&format!(" index={ix}"));
    }
    for ix in &inst.registry.extra_indexes {
        out.push_str(&format!(" extra={ix}"));
    }
    if let Some(t) = &inst.target {
        out.push_str(&format!(" target={}", t.display()));
    }
    if !inst.features.features.is_empty() {
        out.push_str(&format!(" features={}", inst.features.features.join(",")));
    }
    out
}

/// Splits a table argv on spaces; `'…'` keeps spaces.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

const TABLE: &[(&str, &str, &str)] = &[
    // npm: installs and their spellings
    ("npm", "install lodash", "install: lodash"),
    ("npm", "i lodash@^4.17.0", "i: lodash@^4.17.0"),
    ("npm", "in express", "in: express"),
    ("npm", "ins express", "ins: express"),
    ("npm", "inst express", "inst: express"),
    ("npm", "isntall express", "isntall: express"),
    ("npm", "add -D typescript@5", "add: typescript@5 +dev"),
    (
        "npm",
        "install --save-dev @types/node@20.1.0",
        "install: @types/node@20.1.0 +dev",
    ),
    (
        "npm",
        "install -g npm-check-updates",
        "install: npm-check-updates +global",
    ),
    (
        "npm",
        "install --location=global pnpm",
        "install: pnpm +global",
    ),
    (
        "npm",
        "--registry https://r.example/ install left-pad",
        "install: left-pad(registry https://r.example) index=https://r.example/",
    ),
    (
        "npm",
        "install --registry=https://registry.npmjs.org/ left-pad",
        "install: left-pad index=https://registry.npmjs.org/",
    ),
    (
        "npm",
        "install --registry=https://u:tok@r.example/ x",
        "install: x(registry https://r.example) index=https://u:tok@r.example/",
    ),
    ("npm", "install --tag next react", "install: react@next"),
    (
        "npm",
        "install react@next --ignore-scripts",
        "install: react@next +noscripts",
    ),
    (
        "npm",
        "install lod@npm:lodash@4.17.21",
        "install: lod=lodash@4.17.21",
    ),
    (
        "npm",
        "install github:expressjs/express#v4.18.2",
        "install: ?(git#v4.18.2) +unpredicted",
    ),
    (
        "npm",
        "install expressjs/express",
        "install: ?(git) +unpredicted",
    ),
    (
        "npm",
        "install git+https://github.com/u/r.git",
        "install: ?(git) +unpredicted",
    ),
    (
        "npm",
        "install https://example.com/pkg-1.0.0.tgz",
        "install: ?(url) +unpredicted",
    ),
    (
        "npm",
        "install ./packages/local",
        "install: ?(path) +unpredicted",
    ),
    (
        "npm",
        "install foo@file:../foo",
        "install: foo(path) +unpredicted",
    ),
    ("npm", "install", "install: +project"),
    (
        "npm",
        "install --no-audit --no-fund is-number@7.0.0",
        "install: is-number@7.0.0",
    ),
    ("npm", "ci", "ci: +project"),
    ("npm", "clean-install", "clean-install: +project"),
    ("npm", "install-test", "install-test: +project"),
    ("npm", "update", "update: +project"),
    ("npm", "up lodash", "up: lodash +project"),
    ("npm", "upgrade lodash", "upgrade: lodash +project"),
    ("npm", "exec cowsay hi", "exec: cowsay +runs"),
    ("npm", "x --package=typescript tsc", "x: typescript +runs"),
    (
        "npm",
        "init react-app my-app",
        "init: create-react-app +runs",
    ),
    (
        "npm",
        "create vite@latest my-app",
        "create: create-vite@latest +runs",
    ),
    ("npm", "init @scope/tool", "init: @scope/create-tool +runs"),
    ("npm", "audit fix", "audit: +project +unpredicted"),
    ("npm", "-w packages/a install zod", "install: zod"),
    ("npm", "exec --yes -- cowsay hi", "exec: cowsay +runs"),
    ("npm", "installTest", "installTest: +project"),
    ("npm", "install -gD eslint", "install: eslint +global +dev"),
    // npm: not installs
    ("npm", "run test", "pass"),
    ("npm", "test", "pass"),
    ("npm", "--version", "pass"),
    ("npm", "-v", "pass"),
    ("npm", "install --help", "pass"),
    ("npm", "install -h", "pass"),
    ("npm", "help install", "pass"),
    ("npm", "ls", "pass"),
    ("npm", "view lodash versions", "pass"),
    ("npm", "uninstall lodash", "pass"),
    ("npm", "install --dry-run lodash", "pass"),
    ("npm", "init -y", "pass"),
    ("npm", "audit", "pass"),
    ("npm", "", "pass"),
    ("npm", "run-script build -- --watch", "pass"),
    // npx
    ("npx", "--yes lodahs", "exec: lodahs +runs"),
    (
        "npx",
        "create-react-app my-app --template typescript",
        "exec: create-react-app +runs",
    ),
    ("npx", "-p typescript tsc --init", "exec: typescript +runs"),
    (
        "npx",
        "prettier@3.0.0 --write .",
        "exec: prettier@3.0.0 +runs",
    ),
    ("npx", "-c 'eslint .'", "pass"),
    ("npx", "--version", "pass"),
    // pnpm / pnpx
    ("pnpm", "add lodash", "add: lodash"),
    ("pnpm", "add -D vitest", "add: vitest +dev"),
    ("pnpm", "--filter web add zod", "add: zod"),
    ("pnpm", "install", "install: +project"),
    ("pnpm", "i --frozen-lockfile", "i: +project"),
    (
        "pnpm",
        "dlx create-next-app@latest app --ts",
        "dlx: create-next-app@latest +runs",
    ),
    ("pnpm", "create vite", "create: create-vite +runs"),
    ("pnpm", "run build", "pass"),
    ("pnpm", "build", "pass"),
    ("pnpm", "exec tsc", "pass"),
    ("pnpx", "cowsay moo", "dlx: cowsay +runs"),
    // yarn
    ("yarn", "", "install: +project"),
    ("yarn", "--frozen-lockfile", "install: +project"),
    ("yarn", "install --immutable", "install: +project"),
    ("yarn", "add react react-dom", "add: react, react-dom"),
    ("yarn", "add -D jest", "add: jest +dev"),
    ("yarn", "global add serve", "global add: serve +global"),
    (
        "yarn",
        "dlx create-react-app app",
        "dlx: create-react-app +runs",
    ),
    ("yarn", "create next-app", "create: create-next-app +runs"),
    ("yarn", "workspace web add axios", "add: axios"),
    ("yarn", "workspaces foreach -A run build", "pass"),
    ("yarn", "test", "pass"),
    ("yarn", "--version", "pass"),
    ("yarn", "plugin import https://x/plugin.js", "opaque"),
    // bun / bunx
    ("bun", "add lodash", "add: lodash"),
    ("bun", "a -d vitest", "a: vitest +dev"),
    ("bun", "install zod@^3", "install: zod@^3"),
    ("bun", "install", "install: +project"),
    ("bun", "i --frozen-lockfile", "i: +project"),
    ("bun", "add --dry-run lodahs", "pass"),
    ("bun", "add -g serve", "add: serve +global"),
    ("bun", "x cowsay hi", "x: cowsay +runs"),
    ("bun", "create vite app", "create: create-vite +runs"),
    ("bun", "run build", "pass"),
    ("bun", "test", "pass"),
    ("bun", "index.ts", "pass"),
    ("bun", "--version", "pass"),
    ("bunx", "prettier@3 --write .", "x: prettier@3 +runs"),
    ("bunx", "-p typescript tsc --init", "x: typescript +runs"),
    // pip / pip3
    ("pip", "install requests", "install: requests"),
    ("pip3", "install -U reqeusts", "install: reqeusts"),
    (
        "pip",
        "install 'requests[socks]>=2.0,<3'",
        "install: requests[socks]@>=2.0,<3",
    ),
    (
        "pip",
        "install --target /tmp/py jinja2==2.11.2",
        "install: jinja2@==2.11.2 target=/tmp/py",
    ),
    (
        "pip",
        "install -t/tmp/py six==1.16.0",
        "install: six@==1.16.0 target=/tmp/py",
    ),
    (
        "pip",
        "install -r requirements.txt",
        "install: -r requirements.txt",
    ),
    (
        "pip",
        "install -Ur requirements.txt -c constraints.txt",
        "install: -r requirements.txt -c constraints.txt",
    ),
    ("pip", "install -e .", "install: +unpredicted path ."),
    (
        "pip",
        "install --user --pre black",
        "install: black +global +pre",
    ),
    (
        "pip",
        "install -i https://u:p@pypi.example/simple flask",
        "install: flask(registry https://pypi.example/simple) index=https://u:p@pypi.example/simple",
    ),
    (
        "pip",
        "install --index-url https://pypi.org/simple/ six",
        "install: six index=https://pypi.org/simple/",
    ),
    (
        "pip",
        "install --extra-index-url https://x.example/simple torch",
        "install: torch extra=https://x.example/simple",
    ),
    (
        "pip",
        "install --ind https://pypi.example/simple flask",
        "install: flask(registry https://pypi.example/simple) index=https://pypi.example/simple",
    ),
    (
        "pip",
        "install --no-binary :all: numpy",
        "install: numpy +unpredicted",
    ),
    (
        "pip",
        "install git+https://github.com/psf/requests@v2.31.0#egg=requests",
        "install: requests(git#v2.31.0) +unpredicted",
    ),
    (
        "pip",
        "install https://example.com/pkg-1.0-py3-none-any.whl",
        "install: pkg(url) +unpredicted",
    ),
    (
        "pip",
        "install 'pkg @ https://example.com/pkg.tar.gz'",
        "install: pkg(url) +unpredicted",
    ),
    (
        "pip",
        "install ./dist/foo-1.0-py3-none-any.whl",
        "install: +unpredicted path ./dist/foo-1.0-py3-none-any.whl",
    ),
    (
        "pip",
        "install --break-system-packages colourama",
        "install: colourama",
    ),
    (
        "pip",
        "--disable-pip-version-check install six",
        "install: six",
    ),
    ("pip", "download django==1.11", "download: django@==1.11"),
    (
        "pip",
        "install -e git+https://github.com/u/y#egg=y",
        "install: y(git) +unpredicted",
    ),
    (
        "pip",
        "install --requirement=req.txt --target=/opt/t",
        "install: -r req.txt target=/opt/t",
    ),
    ("pip3", "install -rreq.txt", "install: -r req.txt"),
    ("pip", "install --frobnicate x", "opaque"),
    ("pip", "install", "pass"),
    ("pip", "list", "pass"),
    ("pip", "show requests", "pass"),
    ("pip", "freeze", "pass"),
    ("pip", "--version", "pass"),
    ("pip", "install --help", "pass"),
    ("pip", "uninstall -y requests", "pass"),
    // uv / uvx
    ("uv", "pip install djnago", "install: djnago"),
    (
        "uv",
        "pip install -r requirements.txt --system",
        "install: +global -r requirements.txt",
    ),
    (
        "uv",
        "pip sync requirements.lock",
        "sync: -r requirements.lock",
    ),
    ("uv", "add httpx", "add: httpx"),
    ("uv", "add --dev pytest", "add: pytest +dev"),
    (
        "uv",
        "add git+https://github.com/encode/httpx --tag 0.27.0",
        "add: ?(git#0.27.0) +unpredicted",
    ),
    ("uv", "sync", "sync: +project"),
    ("uv", "sync --frozen", "sync: +project"),
    ("uv", "lock --check", "pass"),
    ("uv", "tool install ruff", "install: ruff +global"),
    ("uv", "tool run black .", "tool run: black +runs"),
    (
        "uv",
        "run --with rich --frozen python -c 'import rich'",
        "run: rich",
    ),
    ("uv", "run --frozen pytest -x", "pass"),
    ("uv", "--version", "pass"),
    ("uv", "pip list", "pass"),
    ("uv", "venv", "pass"),
    ("uvx", "ruff@0.3.0 check .", "tool run: ruff@==0.3.0 +runs"),
    (
        "uvx",
        "--from httpie http GET example.com",
        "tool run: httpie +runs",
    ),
    (
        "uvx",
        "--with mkdocs-material mkdocs serve",
        "tool run: mkdocs-material, mkdocs +runs",
    ),
    // cargo
    ("cargo", "add serde", "add: serde"),
    ("cargo", "add regex@=1.5.4", "add: regex@=1.5.4"),
    (
        "cargo",
        "add serde --features derive",
        "add: serde features=derive",
    ),
    (
        "cargo",
        "add tokio -F rt,macros",
        "add: tokio features=rt,macros",
    ),
    ("cargo", "add --dev proptest", "add: proptest +dev"),
    ("cargo", "add --build cc", "add: cc"),
    (
        "cargo",
        "add --git https://github.com/u/c --tag v1 c",
        "add: c(git#v1) +unpredicted",
    ),
    ("cargo", "add --path ../mylib", "add: ?(path)"),
    ("cargo", "add rand_core --rename rc", "add: rc=rand_core"),
    ("cargo", "add --dry-run serde", "pass"),
    ("cargo", "install ripgrep", "install: ripgrep +global"),
    (
        "cargo",
        "install --git https://github.com/u/tool --branch main",
        "install: ?(git#main) +global +unpredicted",
    ),
    (
        "cargo",
        "add tokio@1 --features full",
        "add: tokio@1 features=full",
    ),
    (
        "cargo",
        "install --version 13.0.0 ripgrep",
        "install: ripgrep@13.0.0 +global",
    ),
    (
        "cargo",
        "install --locked cargo-audit@0.20.0",
        "install: cargo-audit@0.20.0 +global",
    ),
    ("cargo", "install --path .", "install: +global path ."),
    ("cargo", "install --list", "pass"),
    ("cargo", "update", "update: +project"),
    (
        "cargo",
        "update -p time --precise 0.3.36",
        "update: time@=0.3.36 +project",
    ),
    ("cargo", "+nightly build --locked", "pass"),
    ("cargo", "build --frozen", "pass"),
    ("cargo", "test --offline", "pass"),
    ("cargo", "run --locked -- --help", "pass"),
    ("cargo", "-C /nonexistent/ccdeps-test build", "pass"),
    ("cargo", "--version", "pass"),
    ("cargo", "-V", "pass"),
    ("cargo", "build --help", "pass"),
    ("cargo", "fmt", "pass"),
    ("cargo", "new hello", "pass"),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (program, argv, want) in TABLE {
        let tool = Tool::parse(program).expect("known program");
        let got = summary(&tool.classify(&words(argv)));
        if got != *want {
            failures.push(format!(
                "{program} {argv}\n    want: {want}\n    got:  {got}"
            ));
        }
    }
    assert!(
        TABLE.len() >= 80,
        "the table must hold at least 80 command lines"
    );
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn cargo_build_follows_the_lockfile() {
    use std::time::{Duration, SystemTime};
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().to_str().unwrap().to_string();
    let build = |extra: &str| {
        summary(&classify(
            Manager::Cargo,
            &words(&format!("-C {dir} build{extra}")),
        ))
    };
    std::fs::write(t.path().join("Cargo.toml"), "[package]").unwrap();
    assert_eq!(
        build(""),
        "build: +project",
        "no Cargo.lock: the build writes one"
    );
    std::fs::write(t.path().join("Cargo.lock"), "").unwrap();
    let old = SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(t.path().join("Cargo.toml"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    assert_eq!(build(""), "pass", "an unchanged project passes through");
    let older = SystemTime::now() - Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(t.path().join("Cargo.lock"))
        .unwrap()
        .set_modified(older)
        .unwrap();
    assert_eq!(
        build(""),
        "build: +project",
        "Cargo.toml edited after Cargo.lock"
    );
    assert_eq!(build(" --locked"), "pass");
}

#[test]
fn hostile_argv_never_panics() {
    let words = [
        "install",
        "i",
        "-",
        "--",
        "-é",
        "--ü=",
        "@",
        "@/",
        "@x@",
        "a@npm:",
        "git+",
        "#",
        "-ré",
        "--ind",
        "-U",
        "x[",
        "y @",
        ";",
        "+",
        "-C",
        "--manifest-path",
        "💥",
        "tool",
        "run",
        "pip",
        "add",
        "-p",
        "--with",
        "=",
    ];
    for tool in Tool::ALL {
        for a in words {
            for b in words {
                for c in ["", "x", "-"] {
                    let argv: Vec<String> = [a, b, c]
                        .iter()
                        .filter(|w| !w.is_empty())
                        .map(|w| w.to_string())
                        .collect();
                    let _ = tool.classify(&argv);
                }
            }
        }
    }
    let _ = classify_pipx(&["install".into(), "--spec".into()]);
    for a in words {
        for b in words {
            let _ = classify_poetry(&[a.to_string(), b.to_string()]);
        }
    }
}

#[test]
fn poetry_lines() {
    for (argv, want) in [
        ("add requests", "add: requests"),
        ("add requests@^2.31 -G dev", "add: requests@>=2.31,<3 +dev"),
        ("add --group docs mkdocs@~1.5", "add: mkdocs@>=1.5,<1.6"),
        ("-C app add django@4.2.1", "add: django@==4.2.1"),
        (
            "self add poetry-plugin-export",
            "self add: poetry-plugin-export +global",
        ),
        ("install", "install: +project"),
        ("update", "update: +project"),
        ("add --dry-run reqeusts", "pass"),
        ("run pytest", "pass"),
        ("show", "pass"),
        ("add --help", "pass"),
        ("", "pass"),
    ] {
        assert_eq!(
            summary(&classify_poetry(&words(argv))),
            want,
            "poetry {argv}"
        );
    }
}
