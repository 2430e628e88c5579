//! `tanni serve`'s live reload, all of it in memory, none of it in the
//! output folder: the state of the builds; the script and the style that
//! the pages sent get (`/__tanni/reload.js` and `reload.css`: files of this
//! server, as the pages' Content-Security-Policy allows, not inline); and
//! the WebSocket (`/__tanni/socket`) that tells each open page of every
//! build, so that it reloads after a good one and shows why a bad one
//! failed.

use std::io;
use std::net::TcpStream;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::request::Request;
use super::{send, websocket};

/// Where the live reload's files are: no page of a site is there (a content
/// page's name is a slug, without `_`; the theme's files are under
/// `static/`).
pub(super) const PREFIX: &str = "/__tanni/";

const SCRIPT: &str = include_str!("reload.js");
const STYLE: &str = include_str!("reload.css");

/// How long an open page's socket stays silent before it is pinged: a page
/// closed since, its connection fails, and its thread ends.
const PING: Duration = Duration::from_secs(15);

/// What the open pages are told: the builds so far.
#[derive(Default)]
pub struct Live {
    status: Mutex<Status>,
    changed: Condvar,
}

#[derive(Debug, Clone, Default)]
struct Status {
    /// The build the output folder holds: one more after each that
    /// succeeded. A page knows the one it came from.
    site: u64,
    /// Why the latest build failed, as the terminal shows it; `None` when it
    /// succeeded.
    error: Option<String>,
    /// One more after each build, whatever came of it.
    builds: u64,
}

impl Status {
    fn message(&self) -> String {
        serde_json::json!({ "site": self.site, "error": self.error }).to_string()
    }
}

impl Live {
    pub fn new() -> Live {
        Live::default()
    }

    /// A build succeeded: the open pages reload.
    pub fn built(&self) {
        self.update(|status| {
            status.site += 1;
            status.error = None;
        });
    }

    /// A build failed: the open pages show `error` over the last good site.
    pub fn failed(&self, error: String) {
        self.update(|status| status.error = Some(error));
    }

    fn update(&self, change: impl FnOnce(&mut Status)) {
        let mut status = self.lock();
        change(&mut status);
        status.builds += 1;
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, Status> {
        // A thread that panicked holding it left a whole `Status`.
        self.status
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A page as this server sends it: with the live reload's style and
    /// script at the end of its head (or of the page, if it has no head).
    /// The script's address names the build the page is of.
    pub(super) fn inject(&self, mut html: Vec<u8>) -> Vec<u8> {
        let site = self.lock().site;
        let tags = format!(
            "<link rel=\"stylesheet\" href=\"{PREFIX}reload.css\"><script type=\"module\" src=\"{PREFIX}reload.js?site={site}\"></script>"
        );
        let at = html
            .windows(7)
            .position(|window| window.eq_ignore_ascii_case(b"</head>"))
            .unwrap_or(html.len());
        html.splice(at..at, tags.bytes());
        html
    }

    /// Answers a request for `/__tanni/<name>`.
    pub(super) fn respond(
        &self,
        mut stream: TcpStream,
        name: &str,
        request: &Request,
        head_only: bool,
    ) -> io::Result<()> {
        let text = "text/plain; charset=utf-8";
        match name.split(['?', '#']).next().unwrap_or("") {
            "reload.js" => send(
                &mut stream,
                "200 OK",
                "text/javascript; charset=utf-8",
                SCRIPT.as_bytes(),
                head_only,
            ),
            "reload.css" => send(
                &mut stream,
                "200 OK",
                "text/css; charset=utf-8",
                STYLE.as_bytes(),
                head_only,
            ),
            "socket" if !head_only && websocket::is_handshake(request) => {
                self.talk(stream, request)
            }
            "socket" => send(
                &mut stream,
                "400 Bad Request",
                text,
                b"a WebSocket from a page of this server on 127.0.0.1 only\n",
                head_only,
            ),
            _ => send(
                &mut stream,
                "404 Not Found",
                text,
                b"not found\n",
                head_only,
            ),
        }
    }

    /// Tells a page the state of the builds, then each change of it, until
    /// the page goes.
    fn talk(&self, mut stream: TcpStream, request: &Request) -> io::Result<()> {
        websocket::open(&mut stream, request)?;
        let mut status = self.lock().clone();
        loop {
            websocket::send_text(&mut stream, &status.message())?;
            let seen = status.builds;
            status = loop {
                let (now, waited) = self
                    .changed
                    .wait_timeout_while(self.lock(), PING, |now| now.builds == seen)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if !waited.timed_out() {
                    break now.clone();
                }
                drop(now);
                websocket::send_ping(&mut stream)?;
            };
        }
    }
}

/// Whether a request is for a page a reader opens (`Sec-Fetch-Dest:
/// document`, or a browser that does not say), not one the site's service
/// worker fetches to keep: a page kept with the script would ask for it
/// when the server is gone.
pub(super) fn wants_script(request: &Request) -> bool {
    matches!(
        request.header("sec-fetch-dest"),
        None | Some("document" | "iframe")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_at_the_end_of_the_head_and_names_the_build() {
        let live = Live::new();
        live.built();
        live.built();
        let page = live.inject(b"<html><head><title>x</title></HEAD><body></body></html>".to_vec());
        let page = String::from_utf8(page).unwrap();
        assert_eq!(
            page,
            "<html><head><title>x</title><link rel=\"stylesheet\" href=\"/__tanni/reload.css\"><script type=\"module\" src=\"/__tanni/reload.js?site=2\"></script></HEAD><body></body></html>"
        );
        let bare = String::from_utf8(live.inject(b"<p>no head".to_vec())).unwrap();
        assert!(bare.starts_with("<p>no head<link"), "{bare}");
    }

    #[test]
    fn a_failed_build_keeps_the_site_and_says_why() {
        let live = Live::new();
        live.built();
        live.failed("error: bad\n --> a.toml:1:2".into());
        let message = |live: &Live| -> serde_json::Value {
            serde_json::from_str(&live.lock().message()).unwrap()
        };
        assert_eq!(
            message(&live),
            serde_json::json!({ "site": 1, "error": "error: bad\n --> a.toml:1:2" })
        );
        live.built();
        assert_eq!(
            message(&live),
            serde_json::json!({ "site": 2, "error": null })
        );
    }
}
