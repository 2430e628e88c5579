//! `tanni serve` as an editing loop, in a real browser (headless Chromium):
//! an edit to a meeting reloads the open page by itself; a broken edit
//! shows the located error over the page, which stays the last good site;
//! mending it takes the error away and reloads; a theme's style edited
//! while the site's service worker holds the page comes through too. The
//! time from the save to the reloaded page is printed (`--nocapture`).

use crate::common;

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::browser::{self, Browser};
use common::copy_real_site;
use common::served::Served;
use serde_json::Value;

/// Milliseconds since the epoch, the clock the browser's `performance.timeOrigin` reads.
fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// Marks the page as it is now: a reload forgets the mark.
fn mark(browser: &Browser) {
    browser.eval("window.__marker = 'before the edit'");
}

fn marked(browser: &Browser) -> bool {
    browser.eval("return window.__marker === 'before the edit'") == Value::Bool(true)
}

/// Waits for the reloaded page to show `name` in its heading; returns when
/// its reload began and when it had loaded (ms since the epoch).
fn reloaded_with(browser: &Browser, name: &str) -> (f64, f64) {
    let times = browser.wait_for(&format!(
        "var h1 = document.querySelector('h1');
         var nav = performance.getEntriesByType('navigation')[0];
         return h1 && h1.textContent.includes({name:?}) && nav && nav.loadEventEnd > 0
           ? [performance.timeOrigin, performance.timeOrigin + nav.loadEventEnd] : null;"
    ));
    assert!(!marked(browser), "the page was not reloaded");
    (times[0].as_f64().unwrap(), times[1].as_f64().unwrap())
}

/// Waits until the site's service worker holds the page and has cached
/// what it caches (its caches have stopped growing): each build has a new
/// worker, which fetches the whole site again, beside the next build.
fn settled(browser: &Browser) {
    browser.set_script_timeout(Duration::from_secs(60));
    let settled = browser.eval_async(
        "var done = arguments[0];
         (async () => {
           let last = -1, since = performance.now();
           for (let i = 0; i < 500; i++) {
             let count = 0;
             for (const name of await caches.keys()) {
               count += (await (await caches.open(name)).keys()).length;
             }
             if (!navigator.serviceWorker.controller || count !== last) {
               last = count;
               since = performance.now();
             } else if (performance.now() - since > 1000) {
               return true;
             }
             await new Promise((resolve) => setTimeout(resolve, 100));
           }
           return false;
         })().then(done, (error) => done(String(error)));",
    );
    assert_eq!(
        settled,
        Value::Bool(true),
        "the service worker did not settle"
    );
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn shown(values: &[f64]) -> String {
    let values: Vec<String> = values.iter().map(|ms| format!("{ms:.0}")).collect();
    values.join(", ")
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn an_edit_reloads_the_open_page_and_a_broken_one_shows_where_it_broke() {
    if !browser::available() {
        return;
    }
    let site = tempfile::tempdir().unwrap();
    copy_real_site(site.path());
    let output = tempfile::tempdir().unwrap();
    let served = Served::start(site.path(), &output.path().join("public"));
    let browser = Browser::start(1280, 900);
    let page = format!("{}/en/meetings/icr/", served.url);
    browser.goto(&page);
    browser.wait_for(
        "return document.readyState === 'complete' && document.querySelector('h1') ? true : null",
    );

    // One meeting's English name, edited and saved again and again: each
    // save reloads the page, which shows the new name. Saves a person's
    // pace apart: once the site's service worker has settled.
    let meetings = site.path().join("catalog/meetings/06.toml");
    let mut name = "International Congress of Radiology".to_string();
    let (mut to_reload, mut to_loaded) = (Vec::new(), Vec::new());
    for run in 1..=5 {
        settled(&browser);
        mark(&browser);
        let edited = format!("International Congress of Radiology (edit {run})");
        let saved = now_ms();
        edit(
            &meetings,
            &format!("en = \"{name}\""),
            &format!("en = \"{edited}\""),
        );
        let (reload, loaded) = reloaded_with(&browser, &edited);
        to_reload.push(reload - saved);
        to_loaded.push(loaded - saved);
        name = edited;
    }
    assert_eq!(browser.url(), page, "the page moved");
    let terminal = served.terminal();
    let rebuilds: Vec<&str> = terminal
        .lines()
        .filter(|line| line.starts_with("rebuilt in "))
        .collect();
    eprintln!("{}", rebuilds.join("\n"));
    let builds: Vec<f64> = rebuilds
        .iter()
        .filter_map(|line| line.split(' ').nth(2)?.parse().ok())
        .collect();
    assert!(builds.len() >= 5, "{terminal}");
    eprintln!(
        "save to reloaded page, one meeting's name edited: median {:.0} ms (runs: {}); \
         to the reload's start {:.0} ms (runs: {}); the rebuilds {:.0} ms (runs: {})",
        median(&to_loaded),
        shown(&to_loaded),
        median(&to_reload),
        shown(&to_reload),
        median(&builds),
        shown(&builds),
    );

    // A broken save: the closing quote of the name left out. The page stays,
    // with the error over it, located as the terminal shows it.
    mark(&browser);
    let from = served.line_count();
    edit(
        &meetings,
        &format!("en = \"{name}\""),
        &format!("en = \"{name}"),
    );
    let overlay = browser.wait_for(
        "var overlay = document.getElementById('tanni-serve-error');
         return overlay ? overlay.querySelector('pre').textContent : null;",
    );
    let overlay = overlay.as_str().unwrap();
    // First where it broke; then what the open quote made of the lines after.
    let first = overlay.lines().find(|line| line.contains("-->")).unwrap();
    assert!(
        first.contains("--> catalog/meetings/06.toml:6:"),
        "{overlay}"
    );
    let caret_line = overlay
        .lines()
        .skip_while(|line| !line.contains("06.toml:6:"))
        .nth(3)
        .unwrap_or_default();
    assert!(caret_line.trim_end().ends_with('^'), "{overlay}");
    assert!(marked(&browser), "a broken build reloaded the page");
    assert_eq!(
        browser.eval(
            "var overlay = document.getElementById('tanni-serve-error');
             return [overlay.getAttribute('role'), overlay.querySelector('button').textContent,
                     getComputedStyle(overlay).position, getComputedStyle(overlay.querySelector('pre')).whiteSpace];"
        ),
        serde_json::json!(["alertdialog", "Dismiss", "fixed", "pre"])
    );
    let terminal = served.wait_for_line(from, "still serving the last good site");
    assert!(
        terminal.contains("--> catalog/meetings/06.toml:6:"),
        "{terminal}"
    );
    // What the server sends is the last good site.
    let answer = served.get("/en/meetings/icr/");
    assert!(answer.contains(&name), "{answer}");

    // Dismissed, it goes, and the page stays; saved broken again, it is back.
    browser.click("#tanni-serve-error button");
    let overlay = "return document.getElementById('tanni-serve-error') ? true : null";
    assert_eq!(browser.eval(overlay), Value::Null);
    edit(
        &meetings,
        &format!("en = \"{name}"),
        &format!("en = \"{name} "),
    );
    browser.wait_for(overlay);
    assert!(marked(&browser), "a broken build reloaded the page");

    // Mended: the page reloads, without the error.
    let mended = "International Congress of Radiology (mended)";
    edit(
        &meetings,
        &format!("en = \"{name} "),
        &format!("en = \"{mended}\""),
    );
    reloaded_with(&browser, mended);
    assert_eq!(browser.eval(overlay), Value::Null);

    // A theme's style, edited while the site's service worker holds the page
    // (it answers style.css from the cache of the build before): the
    // reloaded page has the new style all the same.
    browser.wait_for("return navigator.serviceWorker.controller ? true : null");
    mark(&browser);
    let style = site.path().join("themes/default/static/style.css");
    let mut css = std::fs::read_to_string(&style).unwrap();
    css.push_str("\n:root { --tanni-serve-test: edited; }\n");
    std::fs::write(&style, css).unwrap();
    browser.wait_for(
        "return getComputedStyle(document.documentElement).getPropertyValue('--tanni-serve-test').trim() === 'edited' || null",
    );
    assert!(!marked(&browser), "the page was not reloaded");

    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
