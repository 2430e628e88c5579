//! Browser tests' world: the built site served on loopback by `tanni serve`'s
//! server, and Debian's Chromium driven through chromedriver (W3C WebDriver
//! over HTTP). Without chromium and chromedriver the browser tests are
//! skipped with a note, unless TANNI_BROWSER_TESTS=required (as in CI), where
//! their absence is a failure.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// WebDriver's codes for keys that are not characters.
pub const ENTER: &str = "\u{E007}";
pub const ARROW_DOWN: &str = "\u{E015}";

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether the browser tests can run here; panics where they must.
pub fn available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    tool_present(
        present,
        &format!("{CHROMIUM} or {CHROMEDRIVER}"),
        "apt-get install chromium chromium-driver",
    )
}

/// Whether a tool a test needs is here. Without it the test is skipped with
/// a note, except under TANNI_BROWSER_TESTS=required, where that is a failure
/// naming what to install.
pub fn tool_present(present: bool, what: &str, install: &str) -> bool {
    if !present {
        if std::env::var("TANNI_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("TANNI_BROWSER_TESTS=required but {what} is missing ({install})");
        }
        eprintln!("note: test skipped: {what} is missing ({install} to run it)");
    }
    present
}

/// The real site, built once per test binary into a temporary folder.
pub fn site_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let out = tempfile::tempdir().unwrap().keep().join("public");
        let options = tanni::pipeline::BuildOptions {
            output_dir: Some(out.clone()),
            ..Default::default()
        };
        tanni::pipeline::build(&super::repo_root(), &options).expect("the real site builds");
        out
    })
}

/// The real site (`site_dir`) served on loopback: its address.
pub fn site_url() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| serve(site_dir().to_path_buf()))
}

/// Serves a folder on 127.0.0.1 until the test process ends.
pub fn serve(dir: PathBuf) -> String {
    format!(
        "http://{}",
        tanni::serve::spawn(dir).expect("a loopback port")
    )
}

/// A Chromium session through chromedriver; both end when it is dropped.
pub struct Browser {
    driver: Child,
    endpoint: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A headless Chromium with a window of `width` × `height`.
    pub fn start(width: u32, height: u32) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let endpoint = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while ureq::get(&format!("{endpoint}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not come up"
            );
            thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--hide-scrollbars",
                        format!("--user-data-dir={}", profile.path().display()),
                        format!("--window-size={width},{height}"),
                    ],
                },
                "goog:loggingPrefs": { "browser": "ALL" },
            }}
        });
        if width < 600 {
            // A phone: a narrow viewport with touch, as a phone reports it.
            capabilities["capabilities"]["alwaysMatch"]["goog:chromeOptions"]["mobileEmulation"] = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2, "touch": true } });
        }
        let response: Value = ureq::post(&format!("{endpoint}/session"))
            .send_json(capabilities)
            .expect("a browser session")
            .into_json()
            .unwrap();
        let session = response["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Browser {
            driver,
            endpoint,
            session,
            _profile: profile,
        }
    }

    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.endpoint, self.session);
        let request = ureq::request(method, &url);
        let response = match body {
            Some(body) => request.send_json(body),
            None => request.call(),
        };
        let value: Value = match response {
            Ok(response) => response.into_json().unwrap(),
            Err(ureq::Error::Status(_, response)) => {
                let mut text = String::new();
                response.into_reader().read_to_string(&mut text).unwrap();
                panic!("WebDriver {method} {path}: {text}");
            }
            Err(error) => panic!("WebDriver {method} {path}: {error}"),
        };
        value["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn url(&self) -> String {
        self.command("GET", "/url", None)
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Runs a script in the page and returns what it returns.
    pub fn eval(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// How long an async script may run before WebDriver gives up on it
    /// (chromedriver's default is 30 s).
    pub fn set_script_timeout(&self, timeout: Duration) {
        self.command(
            "POST",
            "/timeouts",
            Some(json!({ "script": timeout.as_millis() as u64 })),
        );
    }

    /// Runs an async script; it calls `arguments[0]` with its result.
    pub fn eval_async(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn element(&self, selector: &str) -> String {
        let found = self.command(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": selector })),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("element found")
            .to_string()
    }

    /// Types text into the element (keys such as Enter as "\u{E007}").
    pub fn type_into(&self, selector: &str, keys: &str) {
        let element = self.element(selector);
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": keys })),
        );
    }

    /// Clicks the element as a user would (WebDriver element click).
    pub fn click(&self, selector: &str) {
        let element = self.element(selector);
        self.command(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    /// The page printed to PDF (A4, backgrounds off), as the print CSS lays it out.
    pub fn print_pdf(&self) -> Vec<u8> {
        let data = self.command(
            "POST",
            "/print",
            Some(json!({ "page": { "width": 21.0, "height": 29.7 }, "background": false })),
        );
        base64_decode(data.as_str().unwrap())
    }

    /// Lays the page out for print (`true`) or for the screen again, so that
    /// a screenshot shows the print CSS (Chromium's DevTools protocol).
    pub fn emulate_print(&self, print: bool) {
        self.command(
            "POST",
            "/goog/cdp/execute",
            Some(json!({
                "cmd": "Emulation.setEmulatedMedia",
                "params": { "media": if print { "print" } else { "" } },
            })),
        );
    }

    pub fn clear(&self, selector: &str) {
        let element = self.element(selector);
        self.command(
            "POST",
            &format!("/element/{element}/clear"),
            Some(json!({})),
        );
    }

    /// Sends keys to whatever has the focus.
    pub fn press(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                [
                    json!({"type": "keyDown", "value": c.to_string()}),
                    json!({"type": "keyUp", "value": c.to_string()}),
                ]
            })
            .collect();
        self.command(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// Waits until a script returns something truthy, and returns it.
    pub fn wait_for(&self, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(script);
            let truthy = !(value.is_null()
                || value == json!(false)
                || value == json!("")
                || value == json!(0)
                || value == json!([]));
            if truthy {
                return value;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "timed out waiting for: {script}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The severe entries of the browser's console since the last call.
    pub fn console_errors(&self) -> Vec<String> {
        let url = format!("{}/session/{}/se/log", self.endpoint, self.session);
        let value: Value = ureq::post(&url)
            .send_json(json!({ "type": "browser" }))
            .map(|r| r.into_json().unwrap())
            .unwrap_or(Value::Null);
        value["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// axe-core's violations on the page as it is now, one finding each,
    /// with its rule, impact, help, and every element at fault (`axe` the
    /// script of `checkers::axe_source`).
    pub fn axe_violations(&self, axe: &str) -> Vec<String> {
        if self.eval("return typeof window.axe") != json!("object") {
            self.eval(axe);
        }
        let result = self.eval_async(
            "var done = arguments[0];
             axe.run(document, { resultTypes: ['violations'] }).then(function (results) {
               done(results.violations.map(function (v) {
                 return { id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                          nodes: v.nodes.map(function (n) { return { target: n.target, html: n.html, summary: n.failureSummary }; }) };
               }));
             }, function (error) { done({ error: String(error) }); });",
        );
        if let Some(error) = result.get("error") {
            return vec![format!("axe failed: {error}")];
        }
        let mut found = Vec::new();
        for violation in result.as_array().expect("axe's violations") {
            let mut line = format!(
                "axe {} ({}): {} <{}>",
                violation["id"].as_str().unwrap_or("?"),
                violation["impact"].as_str().unwrap_or("?"),
                violation["help"].as_str().unwrap_or("?"),
                violation["url"].as_str().unwrap_or("?"),
            );
            for node in violation["nodes"].as_array().into_iter().flatten() {
                line.push_str(&format!(
                    "\n      at {} {}\n        {}",
                    node["target"],
                    node["html"].as_str().unwrap_or(""),
                    node["summary"]
                        .as_str()
                        .unwrap_or("")
                        .replace('\n', "\n        ")
                ));
            }
            found.push(line);
        }
        found
    }

    pub fn screenshot(&self, path: &Path) {
        let data = self.command("GET", "/screenshot", None);
        std::fs::write(path, base64_decode(data.as_str().unwrap())).unwrap();
    }
}

/// Decodes standard base64 (screenshots arrive that way).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => 0,
        }
    };
    let bytes: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| {
            acc | (if c == b'=' { 0 } else { value(c) }) << (18 - 6 * i)
        });
        let padding = chunk.iter().filter(|&&c| c == b'=').count();
        let take = 3 - padding;
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..take]);
    }
    out
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.endpoint, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
