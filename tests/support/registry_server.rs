//! A registry on 127.0.0.1 for tests: serves `testdata/registry/` fixtures
//! over HTTP/1.1 (one thread per connection, `Connection: close`) and
//! misbehaves on request under a path prefix:
//! `/500/…` always answers 500, `/garbage/…` answers 200 with non-JSON,
//! `/huge/…` announces a 2 GB body, `/slow/…` waits 5 s before answering.
//! Counts requests per path so tests can assert "fetched once" and caching.
//! Text fixtures may use `{{BASE}}` and `{{HOURS_AGO:N}}` (see [`expand`]).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Server {
    pub base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    /// Starts the server on an ephemeral port; it lives until the test process ends.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let h = Arc::clone(&hits);
        let base = format!("http://127.0.0.1:{port}");
        let b = base.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let h = Arc::clone(&h);
                let b = b.clone();
                std::thread::spawn(move || {
                    let _ = serve(conn, &h, &b);
                });
            }
        });
        Server { base, hits }
    }

    /// Requests seen for paths containing `needle`.
    pub fn hits(&self, needle: &str) -> usize {
        let h = self.hits.lock().expect("lock");
        h.iter()
            .filter(|(k, _)| k.contains(needle))
            .map(|(_, v)| v)
            .sum()
    }

    pub fn total(&self) -> usize {
        self.hits.lock().expect("lock").values().sum()
    }
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/registry")
}

/// Maps a request path to a fixture file.
fn fixture(path: &str) -> Option<PathBuf> {
    let path = path.split('?').next()?;
    let root = fixtures();
    if let Some(name) = path.strip_prefix("/npm/") {
        let name = name
            .replace("%2f", "__")
            .replace("%2F", "__")
            .replace('/', "__");
        return Some(root.join("npm").join(format!("{name}.json")));
    }
    if let Some(rest) = path.strip_prefix("/pypi/simple/") {
        return Some(
            root.join("pypi/simple")
                .join(format!("{}.json", rest.trim_end_matches('/'))),
        );
    }
    if let Some(rest) = path.strip_prefix("/pypi/files/") {
        return Some(root.join("pypi/files").join(rest));
    }
    if let Some(rest) = path.strip_prefix("/crates/") {
        return Some(root.join("crates").join(rest));
    }
    None
}

/// Fills the placeholders of a text fixture: `{{BASE}}` (this server's base
/// URL) and `{{HOURS_AGO:N}}` (an RFC 3339 time N hours before now), so
/// fixtures can name the server and carry publish times relative to the run.
fn expand(body: Vec<u8>, base: &str) -> Vec<u8> {
    let Ok(text) = String::from_utf8(body.clone()) else {
        return body;
    };
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let token = &rest[start + 2..start + len];
        match token.split_once(':') {
            _ if token == "BASE" => out.push_str(base),
            Some(("HOURS_AGO", n)) => {
                let hours: i64 = n.parse().expect("HOURS_AGO:N");
                let t = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(hours);
                out.push_str(&t.to_string());
            }
            _ => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn serve(
    mut conn: TcpStream,
    hits: &Mutex<HashMap<String, usize>>,
    base: &str,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? <= 2 {
            break;
        }
    }
    *hits.lock().expect("lock").entry(path.clone()).or_default() += 1;
    let reply = |conn: &mut TcpStream, status: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            body.len()
        );
        conn.write_all(head.as_bytes())?;
        conn.write_all(body)
    };
    if let Some(rest) = path.strip_prefix("/slow") {
        std::thread::sleep(Duration::from_secs(5));
        let _ = rest;
        return reply(&mut conn, "200 OK", b"{}");
    }
    if path.starts_with("/500/") {
        return reply(&mut conn, "500 Internal Server Error", b"oops");
    }
    if path.starts_with("/garbage/") {
        return reply(&mut conn, "200 OK", b"<html>this is not json");
    }
    if path.starts_with("/huge/") {
        conn.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n",
        )?;
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..16 {
            if conn.write_all(&chunk).is_err() {
                break;
            }
        }
        return Ok(());
    }
    match fixture(&path).and_then(|p| std::fs::read(p).ok()) {
        Some(body) if path.ends_with(".crate") => reply(&mut conn, "200 OK", &body),
        Some(body) => reply(&mut conn, "200 OK", &expand(body, base)),
        None => reply(&mut conn, "404 Not Found", b"{\"error\":\"not found\"}"),
    }
}
