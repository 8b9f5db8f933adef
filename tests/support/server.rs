//! A minimal HTTP/1.1 server on 127.0.0.1 for tests: serves fixed routes,
//! honours `If-None-Match`, counts requests, and can misbehave on purpose
//! (close mid-body, answer 500).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

#[derive(Clone)]
pub enum Route {
    /// 200 with this body and ETag (304 when the client sends the same ETag).
    Ok {
        body: Vec<u8>,
        etag: Option<String>,
    },
    /// Declares the full length, sends only the first `sent` bytes, then closes.
    Truncate {
        body: Vec<u8>,
        sent: usize,
    },
    Status(u16),
}

pub struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    hits: Arc<AtomicUsize>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let hits = Arc::new(AtomicUsize::new(0));
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, h, l) = (routes.clone(), hits.clone(), log.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h, l) = (r.clone(), h.clone(), l.clone());
                thread::spawn(move || serve(stream, &r, &h, &l));
            }
        });
        Server {
            base,
            routes,
            hits,
            log,
        }
    }

    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// Request lines with the status answered (`GET /x 304`).
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    hits: &AtomicUsize,
    log: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut stream = stream;
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut if_none_match = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("if-none-match")
            {
                if_none_match = Some(v.trim().to_string());
            }
        }
        hits.fetch_add(1, Ordering::SeqCst);
        let route = routes.lock().unwrap().get(&path).cloned();
        let (status, result) = match route {
            None => (404, write_all(&mut stream, 404, &[], b"not found")),
            Some(Route::Status(s)) => (s, write_all(&mut stream, s, &[], b"error")),
            Some(Route::Ok { body, etag }) => match (&etag, &if_none_match) {
                (Some(e), Some(i)) if e == i => {
                    (304, write_all(&mut stream, 304, &[("ETag", e)], b""))
                }
                _ => {
                    let headers: Vec<(&str, &str)> =
                        etag.as_deref().map(|e| ("ETag", e)).into_iter().collect();
                    (200, write_all(&mut stream, 200, &headers, &body))
                }
            },
            Some(Route::Truncate { body, sent }) => {
                let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body[..sent.min(body.len())]);
                let _ = stream.flush();
                log.lock().unwrap().push(format!("GET {path} truncated"));
                return;
            }
        };
        log.lock().unwrap().push(format!("GET {path} {status}"));
        if result.is_err() {
            return;
        }
    }
}

fn write_all(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        _ => "Error",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if status != 304 {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}
