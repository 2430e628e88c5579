//! The site without a network, in a real browser (headless Chromium): after
//! a first visit its service worker has cached the pages, the search's files
//! and the WebAssembly; then the server is stopped (a real connection
//! refused, not an emulation) and the pages, the search and the calculator
//! still work. A new build has a new worker, which replaces the old cache.

use crate::common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::browser::{self, Browser};
use common::calculator::{add_meeting, open, set_period};
use common::served::Served;
use common::{copy_real_site, repo_root};

/// The number of entries in the site's caches, once the worker has cached
/// everything its header lists (the shell and the meetings' pages).
fn cached_entries(browser: &Browser) -> u64 {
    browser.set_script_timeout(Duration::from_secs(60));
    browser
        .eval_async(
            "var done = arguments[0];
             (async () => {
               for (let i = 0; i < 200; i++) {
                 let count = 0;
                 for (const name of await caches.keys()) {
                   count += (await (await caches.open(name)).keys()).length;
                 }
                 const worker = await (await fetch('../sw.js')).text();
                 const listed = (name) => {
                   const start = 'const ' + name + ' = ';
                   const line = worker.split('\\n').find((l) => l.startsWith(start));
                   return JSON.parse(line.slice(start.length, -1)).length;
                 };
                 if (count >= listed('SHELL') + listed('PAGES')) return count;
                 await new Promise((r) => setTimeout(r, 250));
               }
               return 0;
             })().then(done, (e) => done(String(e)));",
        )
        .as_u64()
        .unwrap_or_else(|| panic!("no count"))
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn after_a_first_visit_the_pages_the_search_and_the_calculator_work_without_a_network() {
    if !browser::available() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let server = Served::start(&repo_root(), &out.path().join("public"));
    let url = server.url.clone();
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{url}/ja/"));
    browser.wait_for("return navigator.serviceWorker.controller ? true : null");
    let entries = cached_entries(&browser);
    // What the worker lists: the WebAssembly, the search's files, every
    // page; the meetings' pages of both languages.
    let worker = std::fs::read_to_string(out.path().join("public/sw.js")).unwrap();
    let listed = |name: &str| -> Vec<String> {
        let start = format!("const {name} = ");
        let line = worker
            .lines()
            .find(|line| line.starts_with(&start))
            .unwrap();
        serde_json::from_str(line[start.len()..].trim_end_matches(';')).unwrap()
    };
    let (shell, pages) = (listed("SHELL"), listed("PAGES"));
    for path in [
        "static/tanni.wasm",
        "static/tanni-search.wasm",
        "ja/",
        "en/calculator/",
        "ja/meetings/",
    ] {
        assert!(
            shell.contains(&path.to_string()),
            "{path} is not in the shell"
        );
    }
    assert!(shell.iter().any(|path| path.starts_with("ja/search/")));
    assert_eq!(pages.len(), 2 * common::real_site().catalog.meetings.len());
    assert_eq!(entries as usize, shell.len() + pages.len());

    drop(server);
    // The server is gone: nothing answers at its address.
    assert!(std::net::TcpStream::connect(url.trim_start_matches("http://")).is_err());

    // A meeting's page never opened, from the cache.
    browser.goto(&format!("{url}/en/meetings/rsna/"));
    browser.wait_for(
        "return document.querySelector('h1') && document.readyState === 'complete' ? true : null",
    );
    assert_eq!(
        browser.eval("return document.querySelector('article.meeting').dataset.meetingId"),
        "rsna"
    );
    // The search's results page, with its query.
    browser.goto(&format!("{url}/ja/search/?q=核医学"));
    let first = browser.wait_for(
        "var link = document.querySelector('#search-page-results a');
         return link ? link.getAttribute('href') : null;",
    );
    assert!(first.as_str().unwrap().contains("/meetings/"), "{first}");
    // The table of every meeting, filtered.
    browser.goto(&format!("{url}/ja/meetings/?q=RSNA"));
    browser.wait_for("return document.querySelectorAll('#meetings-table tr[data-order]:not([hidden])').length === 1 || null");
    // The calculator: its engine, the picker's search, an entry added.
    open(&browser, "en", "?as_of=2024-06-01");
    set_period(&browser, "2021-04-01", false);
    add_meeting(&browser, "RSNA", "rsna", "2022-11-27");
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// Waits until something listens at `url` again.
fn wait_for_server(url: &str) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(url.trim_start_matches("http://")).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nothing listens at {url}");
}

/// The names of the site's caches, once the only one is not `old`.
fn new_cache(browser: &Browser, old: &str) -> Vec<String> {
    browser.set_script_timeout(Duration::from_secs(60));
    let names = browser.eval_async(&format!(
        "var done = arguments[0];
         (async () => {{
           for (let i = 0; i < 200; i++) {{
             const names = await caches.keys();
             if (names.length === 1 && names[0] !== {old:?}) return names;
             await new Promise((r) => setTimeout(r, 250));
           }}
           return await caches.keys();
         }})().then(done, (e) => done([String(e)]));"
    ));
    serde_json::from_value(names).unwrap()
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_new_build_replaces_the_cache_of_the_old_one() {
    if !browser::available() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    copy_real_site(site.path());
    let out = site.path().join("public");
    let server = Served::start(site.path(), &out);
    let url = server.url.clone();
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{url}/en/"));
    browser.wait_for("return navigator.serviceWorker.controller ? true : null");
    cached_entries(&browser);
    let before = new_cache(&browser, "");
    assert_eq!(before.len(), 1, "{before:?}");
    drop(server);

    // An edit, built and served again at the same address (the same origin,
    // so the same worker's registration).
    let port = url.rsplit(':').next().unwrap().to_string();
    let categories = site.path().join("catalog/categories.toml");
    let text = std::fs::read_to_string(&categories).unwrap();
    assert!(text.contains("ja = \"近畿。\""));
    std::fs::write(
        &categories,
        text.replacen("ja = \"近畿。\"", "ja = \"近畿地方。\"", 1),
    )
    .unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_server(&url);
    // A visit checks for a new worker; it caches the new build and deletes
    // the old cache.
    browser.goto(&format!("{url}/en/rules/"));
    let after = new_cache(&browser, &before[0]);
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(after.len(), 1, "{after:?}");
    assert_ne!(after[0], before[0]);
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
