//! `tanni serve`'s editing loop without a browser: the pages it sends carry
//! the live reload's script and `tanni build`'s never do; an edit is
//! rebuilt and served, and the open pages' socket says so; a broken edit
//! prints the located error and sends it to the pages, while the last good
//! site stays served; the socket answers pages of this server only.
//! (`browser_serve.rs` watches the same in Chromium.)

use crate::common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use common::served::Served;
use common::{copy_real_site, fixture_site, read_tree};

#[test]
fn the_built_site_holds_no_trace_of_the_live_reload() {
    let site = tempfile::tempdir().unwrap();
    copy_real_site(site.path());
    let output = site.path().join("public");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["build", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let files = read_tree(&output);
    assert!(files.keys().filter(|path| path.ends_with(".html")).count() > 100);
    for (path, bytes) in &files {
        assert!(
            !bytes.windows(8).any(|window| window == b"__tanni/"),
            "{path} names the live reload"
        );
    }
}

/// A WebSocket to `/__tanni/socket`, as a page of the server opens it.
struct Socket {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Socket {
    fn open(served: &Served, origin: &str) -> Result<Socket, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET /__tanni/socket HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            served.port
        )
        .unwrap();
        let mut socket = Socket {
            stream,
            buffer: Vec::new(),
        };
        let head = loop {
            if let Some(end) = socket.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&socket.buffer[..end]).into_owned();
                socket.buffer.drain(..end + 4);
                break head;
            }
            if !socket.fill() {
                break String::from_utf8_lossy(&socket.buffer).into_owned();
            }
        };
        if head.starts_with("HTTP/1.1 101") {
            assert!(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
            Ok(socket)
        } else {
            Err(head)
        }
    }

    fn fill(&mut self) -> bool {
        let mut chunk = [0; 65536];
        match self.stream.read(&mut chunk) {
            Ok(0) | Err(_) => false,
            Ok(read) => {
                self.buffer.extend_from_slice(&chunk[..read]);
                true
            }
        }
    }

    fn take(&mut self, count: usize) -> Vec<u8> {
        while self.buffer.len() < count {
            assert!(self.fill(), "the socket closed");
        }
        self.buffer.drain(..count).collect()
    }

    /// The next text message, the server's pings skipped.
    fn message(&mut self) -> serde_json::Value {
        loop {
            let head = self.take(2);
            assert_eq!(head[1] & 0x80, 0, "a server's frames are not masked");
            let length = match head[1] & 0x7F {
                126 => u16::from_be_bytes(self.take(2).try_into().unwrap()) as usize,
                127 => u64::from_be_bytes(self.take(8).try_into().unwrap()) as usize,
                length => length as usize,
            };
            let payload = self.take(length);
            match head[0] {
                0x81 => return serde_json::from_slice(&payload).unwrap(),
                0x89 => continue,
                other => panic!("unexpected frame {other:#x}"),
            }
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_is_rebuilt_and_a_broken_one_leaves_the_last_good_site_served() {
    let site = fixture_site(None);
    let output = tempfile::tempdir().unwrap();
    let output = output.path().join("public");
    let served = Served::start(site.path(), &output);
    let page = "/en/meetings/jrs-annual-meeting/";

    // The pages a reader opens carry the script; those the site's service
    // worker fetches to keep do not; nor does anything written.
    let answer = served.get(page);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer
            .contains(r#"<script type="module" src="/__tanni/reload.js?site=0"></script></head>"#),
        "{answer}"
    );
    let kept = served.http(&format!(
        "GET {page} HTTP/1.1\r\nHost: x\r\nSec-Fetch-Dest: empty\r\n\r\n"
    ));
    assert!(kept.starts_with("HTTP/1.1 200") && !kept.contains("__tanni"));
    let script = served.get("/__tanni/reload.js");
    assert!(script.contains("Content-Type: text/javascript"), "{script}");
    assert!(script.contains("new WebSocket("), "{script}");
    assert!(served
        .get("/__tanni/reload.css")
        .contains("Content-Type: text/css"));
    assert!(served.get("/__tanni/other").starts_with("HTTP/1.1 404"));
    assert!(!output.join("__tanni").exists());

    // Only a page of this server may listen.
    let refused = Socket::open(&served, "http://example.com").err().unwrap();
    assert!(refused.starts_with("HTTP/1.1 400"), "{refused}");
    let origin = served.url.clone();
    let mut socket = Socket::open(&served, &origin).unwrap();
    assert_eq!(
        socket.message(),
        serde_json::json!({ "site": 0, "error": null })
    );

    // An edit: rebuilt, served, told.
    let meetings = site.path().join("catalog/meetings/01.toml");
    let name = "Annual Meeting of the Japan Radiological Society";
    edit(&meetings, name, "Annual Meeting of the JRS, edited");
    let from = served.line_count();
    let terminal = served.wait_for_line(from, "rebuilt in");
    assert!(
        terminal.contains("after a change to catalog/meetings/01.toml:"),
        "{terminal}"
    );
    assert_eq!(
        socket.message(),
        serde_json::json!({ "site": 1, "error": null })
    );
    let answer = served.get(page);
    assert!(
        answer.contains("Annual Meeting of the JRS, edited"),
        "{answer}"
    );
    assert!(answer.contains("/__tanni/reload.js?site=1"), "{answer}");

    // A broken edit (a quote left open): the located error in the terminal
    // and on the socket; the last good site still served.
    let from = served.line_count();
    edit(&meetings, "JRS, edited\"", "JRS, broken");
    let terminal = served.wait_for_line(from, "still serving the last good site");
    assert!(
        terminal.contains("--> catalog/meetings/01.toml:3:"),
        "{terminal}"
    );
    assert!(terminal.contains("3 | name = { ja = "), "{terminal}");
    assert!(terminal.contains(" ^"), "{terminal}");
    let told = socket.message();
    assert_eq!(told["site"], 1);
    let error = told["error"].as_str().unwrap();
    // First where it broke, then what the open quote made of the lines after.
    let first = error.lines().find(|line| line.contains("-->")).unwrap();
    assert!(first.contains("--> catalog/meetings/01.toml:3:"), "{error}");
    let answer = served.get(page);
    assert!(
        answer.contains("Annual Meeting of the JRS, edited"),
        "{answer}"
    );

    // Mended: rebuilt, and the pages told of the new site.
    let from = served.line_count();
    edit(&meetings, "JRS, broken", "JRS, mended\"");
    served.wait_for_line(from, "rebuilt in");
    assert_eq!(
        socket.message(),
        serde_json::json!({ "site": 2, "error": null })
    );
    assert!(served
        .get(page)
        .contains("Annual Meeting of the JRS, mended"));
}
