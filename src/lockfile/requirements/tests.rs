//! Requirements files with includes, through an in-memory [`Files`].

use std::collections::HashMap;
use std::path::Path;

use super::*;

struct MemFiles(HashMap<&'static str, &'static str>);

impl Files for MemFiles {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let key = path.to_string_lossy().replace('\\', "/");
        self.0
            .get(key.as_str())
            .map(|s| s.as_bytes().to_vec())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }
}

fn files(entries: &[(&'static str, &'static str)]) -> MemFiles {
    MemFiles(entries.iter().copied().collect())
}

fn summary(p: &[Package]) -> Vec<String> {
    p.iter()
        .map(|p| {
            let loc = &p.locations[0];
            let v = p
                .version
                .clone()
                .or(p.requirement.clone())
                .unwrap_or_default();
            format!("{}:{} {} {} {}", loc.path, loc.line, p.name, v, p.source)
        })
        .collect()
}

#[test]
fn includes_comments_continuations_and_sources() {
    let fs = files(&[
        (
            "app/requirements.txt",
            "# top\n--index-url https://u:secret@pypi.corp.example/simple\n-r base/common.txt\nDjango==4.2 \\\n    --hash=sha256:abc\nflask>=2  # comment\n\n-e git+https://github.com/o/r.git@v1.2#egg=r_pkg\nlib @ file:///opt/lib.whl\n",
        ),
        (
            "app/base/common.txt",
            "--constraint ../constraints.txt\nrequests[socks]==2.31.0 ; python_version >= '3.8'\n",
        ),
        ("app/constraints.txt", "urllib3===2.0.7\n"),
    ]);
    let p = match parse(&fs, Path::new("app/requirements.txt")) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        summary(&p),
        [
            "app/base/common.txt:2 requests 2.31.0 registry",
            "app/constraints.txt:1 urllib3 2.0.7 registry",
            "app/requirements.txt:4 django 4.2 registry https://***@pypi.corp.example/simple",
            "app/requirements.txt:6 flask >=2 registry https://***@pypi.corp.example/simple",
            "app/requirements.txt:8 r-pkg  git https://github.com/o/r.git#v1.2",
            "app/requirements.txt:9 lib  path /opt/lib.whl",
        ]
    );
}

#[test]
fn include_cycle_is_an_error_at_the_include_line() {
    let fs = files(&[
        ("a.txt", "x==1\n-r sub/b.txt\n"),
        ("sub/b.txt", "\n\n-r ../a.txt\n"),
    ]);
    let err = parse(&fs, Path::new("a.txt")).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("sub/b.txt:3: include cycle: a.txt is already being read")
    );
}

#[test]
fn missing_include_names_the_including_line() {
    let fs = files(&[("r.txt", "x==1\n\n-r nope.txt\n")]);
    let err = parse(&fs, Path::new("r.txt")).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("r.txt:3: cannot read included file nope.txt: no such file")
    );
}

#[test]
fn invalid_line_is_an_error() {
    let err = parse_str("ok==1\nasdf==\n", "r.txt")
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.starts_with("r.txt:2: ")),
        "{err:?}"
    );
}

#[test]
fn trailing_backslash_at_end_of_file() {
    let p = parse_str("pkg1==1.0 \\\n", "r.txt").unwrap_or_default();
    assert_eq!(summary(&p), ["r.txt:1 pkg1 1.0 registry"]);
}
