//! A small HTTP server for previewing the built site on loopback: search and
//! the calculator fetch their data, so the site wants HTTP, not `file://`.
//! A preview, not a production server: GET and HEAD of files under one
//! folder, nothing else. `tanni serve` adds its live reload (`live`): it
//! watches the inputs (`watch`), and the pages it sends reload themselves
//! when a rebuild succeeds and show the error when one fails.

mod files;
mod live;
mod request;
mod watch;
mod websocket;

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

pub use files::resolve;
use files::{content_type, read_no_follow};
pub use live::Live;
use request::{read_head, Head};
pub use watch::Watch;

/// What one client may ask of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest request head (request line and headers) read, in bytes.
    pub max_request_head: u64,
    /// How long a connection may stay silent before it is closed.
    pub idle_timeout: Duration,
    /// How many connections are served at once; more are turned away.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_request_head: 16 * 1024,
            idle_timeout: Duration::from_secs(10),
            max_connections: 64,
        }
    }
}

/// Listens on `127.0.0.1:port` (0 for any free port).
pub fn bind(port: u16) -> io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
}

/// Serves `dir` on the listener, a thread per connection, until the process
/// ends.
pub fn run(listener: TcpListener, dir: PathBuf) {
    run_with(listener, dir, Limits::default())
}

/// `run` with other limits.
pub fn run_with(listener: TcpListener, dir: PathBuf, limits: Limits) {
    serve(listener, dir, limits, None)
}

/// `run`, with `tanni serve`'s live reload: the pages sent carry its script,
/// and `/__tanni/` answers it from `live`.
pub fn run_live(listener: TcpListener, dir: PathBuf, live: Arc<Live>) {
    serve(listener, dir, Limits::default(), Some(live))
}

fn serve(listener: TcpListener, dir: PathBuf, limits: Limits, live: Option<Arc<Live>>) {
    let dir = Arc::new(dir);
    let open = Arc::new(AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = send(
                &mut stream,
                "503 Service Unavailable",
                "text/plain; charset=utf-8",
                b"busy\n",
                false,
            );
            continue;
        }
        let dir = Arc::clone(&dir);
        let open = Arc::clone(&open);
        let live = live.clone();
        thread::spawn(move || {
            let _ = respond(stream, &dir, limits, live.as_deref());
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// Serves `dir` on a free port in the background; returns the address.
pub fn spawn(dir: PathBuf) -> io::Result<SocketAddr> {
    spawn_with(dir, Limits::default())
}

fn spawn_with(dir: PathBuf, limits: Limits) -> io::Result<SocketAddr> {
    let listener = bind(0)?;
    let address = listener.local_addr()?;
    thread::spawn(move || run_with(listener, dir, limits));
    Ok(address)
}

fn respond(
    mut stream: TcpStream,
    dir: &Path,
    limits: Limits,
    live: Option<&Live>,
) -> io::Result<()> {
    stream.set_write_timeout(Some(limits.idle_timeout))?;
    let request = match read_head(&stream, limits)? {
        Head::Complete(request) => request,
        Head::TooLarge => {
            send(
                &mut stream,
                "431 Request Header Fields Too Large",
                "text/plain; charset=utf-8",
                b"request too large\n",
                false,
            )?;
            // Read a little of what follows before closing, so that the
            // client gets the answer rather than a reset; then give up.
            stream.shutdown(std::net::Shutdown::Write)?;
            stream.set_read_timeout(Some(Duration::from_secs(1)))?;
            let _ = io::copy(
                &mut (&stream).take(limits.max_request_head * 64),
                &mut io::sink(),
            );
            return Ok(());
        }
        Head::Incomplete => {
            return send(
                &mut stream,
                "408 Request Timeout",
                "text/plain; charset=utf-8",
                b"request incomplete\n",
                false,
            )
        }
    };
    let mut parts = request.line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"GET or HEAD only\n",
            method == "HEAD",
        );
    }
    if let Some(live) = live {
        if let Some(name) = target.strip_prefix(live::PREFIX) {
            return live.respond(stream, name, &request, method == "HEAD");
        }
    }
    // The live reload's script goes into the pages a reader opens, not into
    // those the site's service worker fetches to keep for later.
    let inject = |body: Vec<u8>| match live {
        Some(live) if live::wants_script(&request) => live.inject(body),
        _ => body,
    };
    let found =
        resolve(dir, target).and_then(|file| read_no_follow(&file).map(|body| (file, body)));
    match found {
        Some((file, body)) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                inject(body)
            } else {
                body
            };
            send(&mut stream, "200 OK", kind, &body, method == "HEAD")
        }
        None => {
            let body = resolve(dir, "/404.html")
                .and_then(|file| read_no_follow(&file))
                .map(inject)
                .unwrap_or_else(|| b"not found\n".to_vec());
            send(
                &mut stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &body,
                method == "HEAD",
            )
        }
    }
}

fn send(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(address: SocketAddr, bytes: &[u8]) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        let _ = stream.write_all(bytes);
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    }

    #[test]
    fn a_silent_connection_is_closed_after_the_idle_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits {
            idle_timeout: Duration::from_millis(200),
            ..Limits::default()
        };
        let address = spawn_with(dir.path().to_path_buf(), limits).unwrap();
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let started = std::time::Instant::now();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_client_that_trickles_its_request_is_cut_off_at_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits {
            idle_timeout: Duration::from_millis(500),
            ..Limits::default()
        };
        let address = spawn_with(dir.path().to_path_buf(), limits).unwrap();
        let mut stream = TcpStream::connect(address).unwrap();
        let started = std::time::Instant::now();
        // A byte every 100 ms: never silent for long, never done.
        for byte in b"GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_not_found_page_is_not_read_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let secret = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(secret.path(), "secret").unwrap();
        std::os::unix::fs::symlink(secret.path(), dir.path().join("404.html")).unwrap();
        let address = spawn(dir.path().to_path_buf()).unwrap();
        let answer = request(address, b"GET /nope HTTP/1.1\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
        assert!(!answer.contains("secret"), "{answer}");
    }

    #[test]
    fn connections_beyond_the_limit_are_turned_away() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits {
            max_connections: 2,
            ..Limits::default()
        };
        let address = spawn_with(dir.path().to_path_buf(), limits).unwrap();
        let _held: Vec<TcpStream> = (0..2)
            .map(|_| TcpStream::connect(address).unwrap())
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        assert!(request(address, b"GET / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 503"));
    }

    #[test]
    fn an_oversized_request_is_refused_without_being_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "home").unwrap();
        let address = spawn(dir.path().to_path_buf()).unwrap();
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(100_000));
        assert!(request(address, long.as_bytes()).starts_with("HTTP/1.1 431"));
        let headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(10_000));
        assert!(request(address, headers.as_bytes()).starts_with("HTTP/1.1 431"));
        assert!(request(address, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").ends_with("home"));
    }
}
