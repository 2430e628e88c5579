//! Reading a request's head within the limits: so many bytes, so much time.

use std::io::{self, Read};
use std::net::TcpStream;
use std::time::Instant;

use super::Limits;

/// What came of reading a request's head.
pub(super) enum Head {
    /// The request line and the headers.
    Complete(Request),
    TooLarge,
    /// Not whole within the time a head may take, or not text.
    Incomplete,
}

/// Reads the request head: at most `max_request_head` bytes, all of it
/// within `idle_timeout` (a client that sends a byte now and then is cut off
/// as surely as a silent one).
pub(super) fn read_head(stream: &TcpStream, limits: Limits) -> io::Result<Head> {
    let deadline = Instant::now() + limits.idle_timeout;
    let mut head: Vec<u8> = Vec::new();
    let mut chunk = [0_u8; 2048];
    loop {
        if let Some(end) = find_head_end(&head) {
            return Ok(Request::parse(&head[..end]).map_or(Head::Incomplete, Head::Complete));
        }
        let room = limits.max_request_head.saturating_sub(head.len() as u64) as usize;
        if room == 0 {
            return Ok(Head::TooLarge);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Head::Incomplete);
        }
        stream.set_read_timeout(Some(left))?;
        let want = room.min(chunk.len());
        let read = match (&*stream).read(&mut chunk[..want]) {
            Ok(0) => return Ok(Head::Incomplete),
            Ok(read) => read,
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(Head::Incomplete)
            }
            Err(error) => return Err(error),
        };
        head.extend_from_slice(&chunk[..read]);
    }
}

/// A request's head: its line, and its headers for the few that matter
/// (`tanni serve`'s live reload reads some).
pub(super) struct Request {
    pub line: String,
    /// Names lower-cased, values trimmed; lines that are not text are dropped.
    headers: Vec<(String, String)>,
}

impl Request {
    /// `None` when the request line is not text.
    fn parse(head: &[u8]) -> Option<Request> {
        let mut lines = head.split(|&b| b == b'\n');
        let line = std::str::from_utf8(lines.next()?)
            .ok()?
            .trim_end()
            .to_string();
        let headers = lines
            .filter_map(|line| std::str::from_utf8(line).ok())
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        Some(Request { line, headers })
    }

    /// The value of the first header of that name (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(found, _)| found == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Where the blank line that ends a head ends, if it came.
fn find_head_end(head: &[u8]) -> Option<usize> {
    let crlf = head
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4);
    let lf = head.windows(2).position(|w| w == b"\n\n").map(|at| at + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
