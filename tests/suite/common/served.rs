//! `tanni serve` as a reader runs it: the real binary on a port the system
//! picks, its terminal (stderr) kept line by line, stopped when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a slash at the end.
    pub url: String,
    pub port: u16,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Served {
    /// `tanni serve --port 0 --root ROOT --output-dir OUTPUT`, once it says
    /// where it serves (after its first build).
    pub fn start(root: &Path, output: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tanni"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .arg("--output-dir")
            .arg(output)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tanni serve starts");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (found, url) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let kept = Arc::clone(&lines);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { return };
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let _ = found.send(line[at..].split_whitespace().next().unwrap().to_string());
                }
                kept.lock().unwrap().push(line);
            }
        });
        let url = url
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("tanni serve did not say where it serves: {:?}", lines));
        let url = url.trim_end_matches('/').to_string();
        let port = url.rsplit(':').next().unwrap().parse().unwrap();
        Served {
            child,
            url,
            port,
            lines,
        }
    }

    /// Everything it printed so far, one line each.
    pub fn terminal(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// Waits until it has printed a line holding `text` (counting from line
    /// `from`), and returns the terminal from there.
    pub fn wait_for_line(&self, from: usize, text: &str) -> String {
        let started = Instant::now();
        loop {
            let lines = self.lines.lock().unwrap()[from..].to_vec();
            if lines.iter().any(|line| line.contains(text)) {
                return lines.join("\n");
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "tanni serve did not print {text:?}:\n{}",
                lines.join("\n")
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many lines it has printed.
    pub fn line_count(&self) -> usize {
        self.lines.lock().unwrap().len()
    }

    /// A raw HTTP/1.1 exchange: the whole answer, head and body.
    pub fn http(&self, request: &str) -> String {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    /// `GET path` as a browser opening a page asks for it.
    pub fn get(&self, path: &str) -> String {
        self.http(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nSec-Fetch-Dest: document\r\n\r\n",
            self.port
        ))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
