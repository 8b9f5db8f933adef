#!/usr/bin/env python3
"""Resolver truth test: ccdeps's proposed graph against the real package managers.

For each request, the real tool resolves without installing anything:
  npm   npm install --package-lock-only --ignore-scripts   (scratch dir) -> package-lock.json
  pypi  pip install --dry-run --ignore-installed --report - --only-binary=:all:
  cargo cargo add ... && cargo generate-lockfile           (scratch crate) -> Cargo.lock
and ccdeps resolves the same request with `examples/resolve` (JSON graph).
Agreement = exact (name, version) pairs in both / pairs in either.

Needs the network (real registries). Usage:
  cargo build --release --example resolve
  scripts/resolver-truth.py [--bin target/release/examples/resolve] [--eco npm|pypi|cargo] [--only SUBSTR]
Writes a Markdown summary to stdout and details to --out (JSON).
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

NPM = [
    "express", "react react-dom", "@aws-sdk/client-s3", "jest", "lodash", "axios", "typescript",
    "webpack webpack-cli", "next", "vue", "eslint", "prettier", "chalk@4", "commander", "mongoose",
    "socket.io", "koa", "@babel/core @babel/preset-env", "vite", "rxjs", "moment", "uuid", "yargs",
    "pg", "dotenv", "body-parser", "cors", "nodemon", "mocha chai", "styled-components",
]
PYPI = [
    "requests", "django", "pandas", "fastapi[all]", "boto3", "flask", "numpy", "scipy", "pytest",
    "sqlalchemy", "pydantic", "httpx", "jinja2", "black", "click", "rich", "aiohttp", "celery",
    "matplotlib", "scikit-learn", "beautifulsoup4", "pyyaml", "cryptography", "uvicorn[standard]",
    "transformers", "requests[socks]", "django==4.2.*", "poetry",
]
CARGO = [
    "serde", "tokio --features full", "clap --features derive", "reqwest", "axum", "serde_json",
    "anyhow", "thiserror", "rand", "regex", "chrono", "tracing tracing-subscriber", "hyper --features full",
    "sqlx --features runtime-tokio,postgres", "actix-web", "rayon", "itertools", "log env_logger",
    "futures", "bytes", "uuid --features v4", "once_cell", "syn --features full", "tonic",
    "diesel --features postgres",
]


def run(cmd, cwd=None, env=None, timeout=600):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def npm_truth(req, scratch):
    with open(os.path.join(scratch, "package.json"), "w") as f:
        json.dump({"name": "truth", "version": "1.0.0", "private": True}, f)
    rc, _, err = run(["npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund",
                      *shlex.split(req)], cwd=scratch)
    if rc:
        raise RuntimeError(err[-500:])
    lock = json.load(open(os.path.join(scratch, "package-lock.json")))
    out = set()
    for path, v in lock.get("packages", {}).items():
        if not path or v.get("link") or "version" not in v:
            continue
        name = v.get("name") or path.rsplit("node_modules/", 1)[-1]
        out.add((name, v["version"]))
    return out


def norm_py(n):
    return re.sub(r"[-_.]+", "-", n).lower()


def pypi_truth(req, scratch):
    rc, out, err = run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                        "--report", "-", "--only-binary=:all:", "--disable-pip-version-check", *shlex.split(req)],
                       cwd=scratch)
    if rc:
        raise RuntimeError(err[-500:])
    rep = json.loads(out)
    return {(norm_py(i["metadata"]["name"]), i["metadata"]["version"]) for i in rep["install"]}


def cargo_truth(req, scratch):
    rc, _, err = run(["cargo", "new", "--lib", "--vcs", "none", "--name", "truth_crate", "crate"], cwd=scratch)
    if rc:
        raise RuntimeError(err[-500:])
    d = os.path.join(scratch, "crate")
    rc, _, err = run(["cargo", "add", *shlex.split(req)], cwd=d)
    if rc:
        raise RuntimeError(err[-500:])
    rc, _, err = run(["cargo", "generate-lockfile"], cwd=d)
    if rc:
        raise RuntimeError(err[-500:])
    text = open(os.path.join(d, "Cargo.lock")).read()
    out = set()
    for block in text.split("[[package]]")[1:]:
        name = re.search(r'^name = "([^"]+)"', block, re.M)
        ver = re.search(r'^version = "([^"]+)"', block, re.M)
        if name and ver and "source = " in block:
            out.add((name.group(1), ver.group(1)))
    return out


def ccdeps(bin_, eco, req, home):
    args = [bin_, eco, *shlex.split(req)]
    if eco == "pypi":
        args.append("--only-binary")
    if eco == "npm":
        args += ["--no-facts", "--node", subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()]
    env = dict(os.environ, CCDEPS_HOME=home)
    rc, out, err = run(args, env=env)
    if rc not in (0, 1):
        raise RuntimeError(err[-500:])
    doc = json.loads(out)
    pairs = set()
    for p in doc["packages"]:
        if p["version"] is None:
            continue
        name = norm_py(p["name"]) if eco == "pypi" else p["name"]
        pairs.add((name, p["version"]))
    return pairs, doc["unresolved"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/examples/resolve")
    ap.add_argument("--eco", action="append")
    ap.add_argument("--only")
    ap.add_argument("--out", default="/tmp/resolver-truth.json")
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="ccdeps-truth-home-")
    cases = {"npm": NPM, "pypi": PYPI, "cargo": CARGO}
    details = []
    print("| ecosystem | requests | packages (real tool) | agreeing | agreement |")
    print("|---|---|---|---|---|")
    summary = []
    for eco, reqs in cases.items():
        if a.eco and eco not in a.eco:
            continue
        both = either = truth_n = 0
        for req in reqs:
            if a.only and a.only not in req:
                continue
            scratch = tempfile.mkdtemp(prefix=f"truth-{eco}-")
            try:
                truth = {"npm": npm_truth, "pypi": pypi_truth, "cargo": cargo_truth}[eco](req, scratch)
                ours, unresolved = ccdeps(a.bin, eco, req, home)
            except Exception as e:  # a failed case is reported, not hidden
                details.append({"eco": eco, "request": req, "error": str(e)})
                print(f"<!-- {eco} {req}: ERROR {e} -->", file=sys.stderr)
                continue
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            inter = truth & ours
            both += len(inter)
            either += len(truth | ours)
            truth_n += len(truth)
            d = {"eco": eco, "request": req, "truth": len(truth), "ours": len(ours), "agree": len(inter),
                 "only_real": sorted(truth - ours), "only_ccdeps": sorted(ours - truth), "unresolved": unresolved}
            details.append(d)
            flag = "" if truth == ours else "  DIFF"
            print(f"<!-- {eco} {req}: {len(inter)}/{len(truth | ours)}{flag} -->", file=sys.stderr)
        pct = 100.0 * both / either if either else 0.0
        n = len([r for r in reqs if not a.only or a.only in r])
        summary.append((eco, n, truth_n, both, either, pct))
        print(f"| {eco} | {n} | {truth_n} | {both} of {either} | {pct:.1f}% |")
    json.dump(details, open(a.out, "w"), indent=1)
    print(f"\ndetails: {a.out}")


if __name__ == "__main__":
    main()
