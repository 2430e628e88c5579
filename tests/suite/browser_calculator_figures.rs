//! Pictures and figures of the credit calculator, run by name: screenshots
//! to look at, and the times and sizes the README reports.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::browser::{self, site_url, Browser};
use common::calculator::*;
use common::repo_root;
use serde_json::{json, Value};

/// Screenshots to look at: both languages, a desktop and a phone window,
/// filled with a few entries. Run with
/// `cargo test --test suite -- --ignored --nocapture calculator_screenshots`;
/// they are written to TANNI_SCREENSHOTS (default /tmp) as calc-*.png.
#[test]
#[ignore = "pictures to look at, not a check: run it by name"]
fn calculator_screenshots() {
    if !browser::available() {
        return;
    }
    let dir = PathBuf::from(std::env::var_os("TANNI_SCREENSHOTS").unwrap_or_else(|| "/tmp".into()));
    let record = json!({
        "period_start": "2021-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2021-04-16" },
            { "meeting": "jrs-kanto-regional-meeting", "date": "2021-12-11" },
            { "meeting": "rsna", "date": "2022-11-27" },
            { "meeting": "rsna", "date": "2022-11-27" },
            { "meeting": "jcr-winter-seminar", "date": "2023-01-21" },
            { "meeting": "ecr", "date": "2020-03-01" }
        ],
        "papers": [
            { "date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "腹部CTにおける造影剤減量の検討" },
            { "date": "2022-09-01", "peer_reviewed": true, "first_author": true }
        ]
    });
    let file = dir.join("calc-record.json");
    std::fs::write(&file, record.to_string()).unwrap();
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        for lang in ["ja", "en"] {
            let browser = Browser::start(width, height);
            open(&browser, lang, "");
            browser.screenshot(&dir.join(format!("calc-{lang}-{name}-empty.png")));
            import(&browser, &file);
            browser.wait_for(
                "return document.querySelectorAll('#calc-attendances > li').length === 6",
            );
            browser.eval("document.querySelectorAll('details').forEach(d => d.open = true)");
            let full = browser
                .eval("return document.documentElement.scrollHeight")
                .as_u64()
                .unwrap();
            let mut offset = 0;
            let mut part = 1;
            while offset < full && part <= 8 {
                browser.eval(&format!("window.scrollTo(0, {offset})"));
                browser.screenshot(&dir.join(format!("calc-{lang}-{name}-{part}.png")));
                offset += height as u64 - 60;
                part += 1;
            }
            browser.clear("#calc-meeting");
            browser.type_into(
                "#calc-meeting",
                if lang == "ja" {
                    "地方会"
                } else {
                    "regional"
                },
            );
            browser.wait_for("return !document.getElementById('calc-meeting-options').hidden");
            browser.eval("document.getElementById('calc-meeting').scrollIntoView({block: 'start'}); window.scrollBy(0, -80)");
            browser.screenshot(&dir.join(format!("calc-{lang}-{name}-combo.png")));
            browser.emulate_print(true);
            browser.eval("window.scrollTo(0, 0)");
            browser.screenshot(&dir.join(format!("calc-{lang}-{name}-print.png")));
            browser.emulate_print(false);
            println!("{lang} {name}: console {:?}", browser.console_errors());
        }
    }
    let eligible = json!({
        "period_start": "2021-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2021-04-16" },
            { "meeting": "jrs-autumn-meeting", "date": "2022-10-14" },
            { "meeting": "jcr-winter-seminar", "date": "2023-01-21" },
            { "meeting": "rsna", "date": "2023-11-26" },
            { "meeting": "ecr", "date": "2024-02-28" }
        ],
        "papers": [{ "date": "2022-06-01", "peer_reviewed": true, "first_author": true }]
    });
    let file = dir.join("calc-eligible.json");
    std::fs::write(&file, eligible.to_string()).unwrap();
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        let browser = Browser::start(width, height);
        open(&browser, "en", "");
        import(&browser, &file);
        browser
            .wait_for("return document.getElementById('calc-verdict').dataset.eligible === 'true'");
        browser.eval("document.getElementById('calc-results-heading').scrollIntoView()");
        browser.screenshot(&dir.join(format!("calc-en-{name}-eligible.png")));
    }
    // The states of the day and of the counting: a period that has ended,
    // two readings side by side, a congress entered day by day.
    let states = [
        (
            "ended",
            "2024-06-01",
            json!({
                "period_start": "2017-04-01", "postponed": false, "papers": [],
                "attendances": [{ "meeting": "jrs-annual-meeting", "date": "2018-04-13" }, { "meeting": "rsna", "date": "2019-12-01" }]
            }),
            vec!["#calc-results-heading", "#calc-details-heading"],
        ),
        (
            "readings",
            "2026-06-01",
            json!({
                "period_start": "2021-04-01", "postponed": true, "papers": [],
                "attendances": [
                    { "meeting": "jrs-annual-meeting", "date": "2021-05-01" },
                    { "meeting": "jrs-kanto-regional-meeting", "date": "2022-05-01" },
                    { "meeting": "jrs-autumn-meeting", "date": "2024-10-01" },
                    { "meeting": "jcr-winter-seminar", "date": "2025-02-01" },
                    { "meeting": "jcr-winter-seminar", "date": "2026-02-01" },
                    { "meeting": "jrs-annual-meeting", "date": "2026-04-20" }
                ]
            }),
            vec!["#calc-results-heading", "#calc-readings-table"],
        ),
        (
            "readings-three",
            AS_OF,
            json!({
                "period_start": "2021-04-01", "postponed": false,
                "attendances": [
                    { "meeting": "jrs-annual-meeting", "date": "2021-04-16" },
                    { "meeting": "jrs-autumn-meeting", "date": "2022-10-14" },
                    { "meeting": "jcr-winter-seminar", "date": "2023-01-21" },
                    { "meeting": "jrs-kanto-regional-meeting", "date": "2023-02-11" }
                ],
                "papers": [
                    { "date": "2021-05-01", "peer_reviewed": true, "first_author": true },
                    { "date": "2021-07-01", "peer_reviewed": true, "first_author": true },
                    { "date": "2022-02-01", "peer_reviewed": true, "first_author": true }
                ]
            }),
            vec!["#calc-readings"],
        ),
        (
            "events",
            AS_OF,
            json!({
                "period_start": "2021-04-01", "postponed": false, "papers": [],
                "attendances": [
                    { "meeting": "jrs-annual-meeting", "date": "2022-04-14" },
                    { "meeting": "jrs-annual-meeting", "date": "2022-04-15" },
                    { "meeting": "jrs-annual-meeting", "date": "2022-04-16" },
                    { "meeting": "cepir", "date": "2022-07-02" },
                    { "meeting": "cepir-kanto", "date": "2022-07-02" },
                    { "meeting": "kansai-cancer-therapist-meeting", "date": "2022-09-10" },
                    { "meeting": "kansai-cancer-therapist-meeting-second-listing", "date": "2022-09-10" },
                    { "meeting": "jsnm-chugoku-shikoku-regional-meeting", "date": "2022-10-01" },
                    { "meeting": "jsnm-chugoku-shikoku-branch-meeting", "date": "2022-10-02" }
                ]
            }),
            vec![
                "#calc-meetings-heading",
                "#calc-attendances li[data-index='3']",
                "#calc-not-counted",
            ],
        ),
    ];
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        for lang in ["ja", "en"] {
            let browser = Browser::start(width, height);
            for (state, day, record, targets) in &states {
                open_with(&browser, lang, &as_of(day), record);
                for (part, target) in targets.iter().enumerate() {
                    browser.eval(&format!(
                        "document.querySelector({target:?}).scrollIntoView(); window.scrollBy(0, -10)"
                    ));
                    browser.screenshot(
                        &dir.join(format!("calc-{lang}-{name}-{state}-{}.png", part + 1)),
                    );
                }
            }
            browser.emulate_print(true);
            browser.eval("window.scrollTo(0, 0)");
            browser.screenshot(&dir.join(format!("calc-{lang}-{name}-events-print.png")));
            println!(
                "{lang} {name} states: console {:?}",
                browser.console_errors()
            );
        }
    }
    // The top of the page: which certificates it counts for.
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        for lang in ["ja", "en"] {
            let browser = Browser::start(width, height);
            open(&browser, lang, "");
            browser.screenshot(&dir.join(format!("calc-{lang}-{name}-top.png")));
        }
    }
}

/// The figures of the calculator: its script and style sizes, the time to
/// ready (fetch and instantiate the engine, load the rules and the catalog),
/// the first search of a meeting name (loads the index), and the time of one
/// update (evaluate and redraw everything) for a record of 24 entries. Run with
/// `cargo test --release --test suite -- --ignored --nocapture calculator_figures`.
#[test]
#[ignore = "a measurement, not a check: run it by name"]
fn calculator_figures() {
    if !browser::available() {
        return;
    }
    // The calculator's own modules, the ones it shares with the search box,
    // and its style sheet.
    let static_dir = repo_root().join("themes/default/static");
    let mut names: Vec<String> = common::names(&static_dir.join("calculator"))
        .into_iter()
        .map(|name| format!("calculator/{name}"))
        .collect();
    names.extend(
        [
            "loader.js",
            "page.js",
            "dom.js",
            "combobox.js",
            "calculator.css",
        ]
        .map(String::from),
    );
    let (mut raw, mut gzip) = (0, 0);
    for name in &names {
        let bytes = std::fs::read(static_dir.join(name)).unwrap();
        let gzipped = Command::new("gzip")
            .arg("-9c")
            .arg(static_dir.join(name))
            .output()
            .map(|o| o.stdout.len())
            .unwrap_or(0);
        println!(
            "{name:<24} {:>7} bytes raw {:>6} bytes gzip -9",
            bytes.len(),
            gzipped
        );
        if name.ends_with(".js") {
            raw += bytes.len();
            gzip += gzipped;
        }
    }
    println!(
        "{:<24} {raw:>7} bytes raw {gzip:>6} bytes gzip -9 (each file alone)",
        "scripts in all"
    );
    let browser = Browser::start(1280, 900);
    let mut ready = Vec::new();
    for _ in 0..5 {
        browser.goto(&format!("{}/en/calculator/", site_url()));
        let at = browser.wait_for(
            "return document.getElementById('calculator').dataset.state === 'ready' ? performance.now() : null",
        );
        ready.push(at.as_f64().unwrap());
    }
    ready.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "ready after navigation start (polled every 50 ms): median {:.0} ms, range {:.0}–{:.0} ms",
        ready[2], ready[0], ready[4]
    );
    let first_search = browser.eval_async(
        "var done = arguments[0]; var input = document.getElementById('calc-meeting');
         var t = performance.now(); input.focus(); input.value = 'RSNA';
         input.dispatchEvent(new Event('input'));
         (function wait() {
           var list = document.getElementById('calc-meeting-options');
           if (!list.hidden) done(performance.now() - t); else setTimeout(wait, 2);
         })();",
    );
    println!(
        "first meeting search (fetch and load the index, query, list): {:.0} ms",
        first_search.as_f64().unwrap()
    );
    let meetings = [
        "jrs-annual-meeting",
        "jrs-autumn-meeting",
        "jrs-kanto-regional-meeting",
        "rsna",
        "ecr",
        "jcr-winter-seminar",
        "jcr-midsummer-seminar",
        "jastro-annual-meeting",
    ];
    let attendances: Vec<Value> = (0..20)
        .map(|i| json!({ "meeting": meetings[i % meetings.len()], "date": format!("{}-0{}-15", 2021 + i / 5, 1 + i % 5) }))
        .collect();
    let record = json!({
        "period_start": "2021-04-01", "postponed": false, "attendances": attendances,
        "papers": (0..4).map(|i| json!({ "date": format!("202{}-06-01", 2 + i), "peer_reviewed": true, "first_author": i % 2 == 0 })).collect::<Vec<_>>(),
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, record.to_string()).unwrap();
    browser.eval("window.confirm = () => true");
    import(&browser, &file);
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 20");
    let update = browser.eval(
        "var box = document.getElementById('calc-postponed'); var rounds = [];
         for (var i = 0; i < 60; i++) { var t = performance.now(); box.click(); rounds.push(performance.now() - t); }
         rounds.sort((a, b) => a - b);
         return [rounds[30], rounds[59]];",
    );
    println!(
        "one update with 24 entries (evaluate in WASM, redraw lists, results, chart, print view, save): median {:.2} ms, slowest {:.2} ms",
        update[0].as_f64().unwrap(),
        update[1].as_f64().unwrap()
    );
    let pdf = browser.print_pdf();
    println!(
        "print view of 24 entries: {} page(s)",
        count(&pdf, b"/Type /Page") - count(&pdf, b"/Type /Pages")
    );
}
