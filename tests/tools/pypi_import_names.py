#!/usr/bin/env python3
"""Builds src/checks/typosquat/pypi-imports.tsv: the import names of the most-downloaded
PyPI projects that differ from the project's own name (sklearn -> scikit-learn).

    python3 tests/tools/pypi_import_names.py POPULAR_LIST [N] > src/checks/typosquat/pypi-imports.tsv
    python3 tests/tools/pypi_import_names.py --raw RAW.tsv   > ...   (rebuild from a saved crawl)

POPULAR_LIST: one project a line, most popular first (a TAB and a count may follow), e.g.
the PyPI.txt that `ccdeps db update` writes from hugovk/top-pypi-packages. N defaults to 5000.
For each project it reads the PyPI JSON API, then only the central directory of one wheel of
the latest release (HTTP range requests: a few KB per project, nothing is unpacked or run).
With RAW_OUT=FILE set, the raw crawl (project TAB top-level names, `/ns` marking a namespace
folder without an __init__.py) is saved there, so the table can be rebuilt offline (--raw).
Standard library only.
"""
import concurrent.futures as cf, json, os, re, struct, sys, urllib.error, urllib.parse, urllib.request

UA = {"User-Agent": "ccdeps-import-names/1 (+https://github.com/ccdeps)"}
JUNK = {"test", "tests", "testing", "docs", "doc", "examples", "example", "benchmarks",
        "benchmark", "scripts", "tools", "src", "samples", "sample", "build", "setup",
        "conftest", "demo", "demos", "bin", "lib", "utils", "util", "common", "data",
        # generic module names that say nothing about the project shipping them
        "version", "main", "app", "core", "api", "cli", "client", "server", "config",
        "settings", "models", "types", "plugins", "helpers", "internal", "vendor"}
MIN_KEY = 3  # imports::IMPORT_MIN
MAX_TOPS = 3


def get(url, rng=None, limit=8 << 20):
    """A bounded read (a project's JSON with every release can run to tens of MB)."""
    h = dict(UA)
    if rng:
        h["Range"] = rng
    for attempt in range(3):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=h), timeout=60) as r:
                body = r.read(limit + 1)
            if len(body) > limit:
                raise ValueError(f"over {limit} bytes")
            return body
        except urllib.error.HTTPError:
            raise
        except OSError:
            if attempt == 2:
                raise


def wheel_files(url, size):
    tail = get(url, f"bytes=-{min(size, 65536)}")
    i = tail.rfind(b"PK\x05\x06")
    if i < 0:
        return None
    _, cdsize, cdoff = struct.unpack("<HII", tail[i + 10:i + 20])
    start = size - len(tail)
    cd = tail[cdoff - start:cdoff - start + cdsize] if cdoff >= start else get(url, f"bytes={cdoff}-{cdoff + cdsize - 1}")
    out, p = [], 0
    while p + 46 <= len(cd) and cd[p:p + 4] == b"PK\x01\x02":
        fl, el, cl = struct.unpack("<HHH", cd[p + 28:p + 34])
        out.append(cd[p + 46:p + 46 + fl].decode("utf-8", "replace"))
        p += 46 + fl + el + cl
    return out


def top_levels(files):
    """{name: True for a module or a folder with __init__.py, False for a namespace folder}"""
    t = {}
    for f in files:
        parts = f.split("/")
        if parts[0].endswith((".dist-info", ".data")):
            continue
        if len(parts) > 1:
            if f.endswith(".py") or re.search(r"\.(so|pyd)$", f):
                t.setdefault(parts[0], False)
                if len(parts) == 2 and parts[1] == "__init__.py":
                    t[parts[0]] = True
        else:
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)(\.[^/]*)?\.(py|so|pyd)$", f)
            if m:
                t[m.group(1)] = True
    return {k: v for k, v in t.items() if re.match(r"^[A-Za-z][A-Za-z0-9_]*$", k) and k.lower() not in JUNK}


def crawl_one(name):
    base = f"https://pypi.org/pypi/{name}/json"
    try:
        d = json.loads(get(base, limit=64 << 20))
        wheels = [u for u in d.get("urls", []) if u["filename"].endswith(".whl")]
        if not wheels:
            return name, ""
        wheels.sort(key=lambda u: (not u["filename"].endswith("-none-any.whl"), u["size"]))
        files = wheel_files(urllib.parse.urljoin(base, wheels[0]["url"]), wheels[0]["size"]) or []
        return name, " ".join(sorted(k + ("" if v else "/ns") for k, v in top_levels(files).items()))
    except Exception as e:  # a project that cannot be read is left out, and said so
        print(f"skipped {name}: {str(e)[:100]}", file=sys.stderr)
        return name, None


def normalize(n):
    return re.sub(r"[-_.]+", "-", n).lower()


def key(n):
    return re.sub(r"[-_.]", "", n).lower()


def table(raw):
    """raw: [(project, 'top top/ns ...')] in popularity order -> sorted [(import key, project)]"""
    providers, claimed = {}, set()
    for project, tops in raw:
        # A project that ships a module under its own name is imported by that name; its
        # other top-level names are helpers (`cli`, `bench`, `certs`), not what it is known by.
        own = {key(project)} | {key(project)[len(a):] for a in ("python", "py") if key(project).startswith(a)}
        own |= {key(project)[:-len(a)] for a in ("python", "py") if key(project).endswith(a)}
        if any(key(t.removesuffix("/ns")) in own for t in tops.split()):
            claimed |= {key(t.removesuffix("/ns")) for t in tops.split()} & own
            continue
        # A bundle (types-boto3-full ships one module per AWS service, each also published as
        # its own project) is not imported by one name: only projects of a few top-level names.
        if len(tops.split()) > MAX_TOPS:
            continue
        for t in tops.split():
            name, ns = t.removesuffix("/ns"), t.endswith("/ns")
            if name.lower() in JUNK:
                continue
            k = key(name)
            if ns or len(k) < MIN_KEY or k == key(project):
                providers.setdefault(k, []).append(None)  # a namespace, or the project's own name
                continue
            providers.setdefault(k, []).append(normalize(project))
    rows = []
    for k, ps in providers.items():
        if None in ps or k in claimed:  # `dotenv` is python-dotenv's, whoever else ships one
            continue
        rows.append((k, ps[0]))  # the most popular provider
    return sorted(rows)


def main():
    if sys.argv[1] == "--raw":
        raw = [tuple((l.rstrip("\n") + "\t").split("\t")[:2]) for l in open(sys.argv[2]) if l.strip()]
    else:
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
        names = [l.split("\t")[0].strip() for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")][:n]
        with cf.ThreadPoolExecutor(24) as ex:
            raw = [(p, t) for p, t in ex.map(crawl_one, names) if t is not None]
        if os.environ.get("RAW_OUT"):
            with open(os.environ["RAW_OUT"], "w") as f:
                f.writelines(f"{p}\t{t}\n" for p, t in raw)
    rows = table(raw)
    print("# import key\tPyPI project: import names of popular projects that differ from the project's name")
    print(f"# generated by tests/tools/pypi_import_names.py from the wheels of {len(raw)} projects; see docs/TYPOSQUAT.md")
    for k, p in rows:
        print(f"{k}\t{p}")


if __name__ == "__main__":
    main()
