//! A small HTTP server for previewing the built site on loopback: search and
//! the calculator fetch their data, so the site wants HTTP, not `file://`.
//! A preview, not a production server: GET and HEAD of files under one
//! folder, nothing else.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;

/// Listens on `127.0.0.1:port` (0 for any free port).
pub fn bind(port: u16) -> io::Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
}

/// Serves `dir` on the listener, a thread per connection, until the process
/// ends.
pub fn run(listener: TcpListener, dir: PathBuf) {
    let dir = Arc::new(dir);
    for stream in listener.incoming().flatten() {
        let dir = Arc::clone(&dir);
        thread::spawn(move || {
            let _ = respond(stream, &dir);
        });
    }
}

/// Serves `dir` on a free port in the background; returns the address.
pub fn spawn(dir: PathBuf) -> io::Result<SocketAddr> {
    let listener = bind(0)?;
    let address = listener.local_addr()?;
    thread::spawn(move || run(listener, dir));
    Ok(address)
}

fn respond(mut stream: TcpStream, dir: &Path) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
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
    let found =
        resolve(dir, target).and_then(|file| std::fs::read(&file).ok().map(|body| (file, body)));
    match found {
        Some((file, body)) => send(
            &mut stream,
            "200 OK",
            content_type(&file),
            &body,
            method == "HEAD",
        ),
        None => {
            let body =
                std::fs::read(dir.join("404.html")).unwrap_or_else(|_| b"not found\n".to_vec());
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

/// The file a request names under `dir`, `index.html` for a folder; `None`
/// for anything that would leave the folder.
pub fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            segment if segment.contains('\\') || segment.contains('\0') => return None,
            segment => file.push(segment),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = path.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_resolve_inside_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("ja/meetings/rsna")).unwrap();
        std::fs::write(dir.path().join("ja/meetings/rsna/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("index.html"), "root").unwrap();
        let found = |target| {
            resolve(dir.path(), target).map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
        };
        assert_eq!(
            found("/ja/meetings/rsna/"),
            Some(PathBuf::from("ja/meetings/rsna/index.html"))
        );
        assert_eq!(
            found("/ja/meetings/rsna/?q=1#x"),
            Some(PathBuf::from("ja/meetings/rsna/index.html"))
        );
        assert_eq!(found("/"), Some(PathBuf::from("index.html")));
        assert_eq!(found("/ja/missing/"), None);
        assert_eq!(found("/../etc/passwd"), None);
        assert_eq!(found("/ja/%2E%2E/%2E%2E/etc/passwd"), None);
        assert_eq!(found("/bad%zz"), None);
    }
}
