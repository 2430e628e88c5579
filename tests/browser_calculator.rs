//! The credit calculator in a real browser (headless Chromium): entries added
//! through the interface, the figures shown against `tanni credits --json`,
//! the record kept across a reload, export and import, a broken file refused
//! with the field named, the print view on one page, and no console errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::{self, site_url, Browser, ARROW_DOWN, ENTER};
use common::repo_root;
use serde_json::{json, Value};

/// Opens the calculator and waits until its engine is ready.
fn open(browser: &Browser, lang: &str, query: &str) {
    browser.goto(&format!("{}/{lang}/calculator/{query}", site_url()));
    let state = browser.wait_for(
        "var state = document.getElementById('calculator').dataset.state;
         return state === 'loading' ? null : state;",
    );
    assert_eq!(state, "ready", "the calculator loads");
}

/// Types into a date field as a user does (the browser's own date widget
/// takes the digits in the order of its locale's pattern).
fn type_date(browser: &Browser, selector: &str, date: &str) {
    let order = browser.eval(
        "var d = new Date(Date.UTC(2033, 10, 22));
         var parts = new Intl.DateTimeFormat(navigator.language, { timeZone: 'UTC' }).formatToParts(d);
         return parts.filter(p => p.type === 'year' || p.type === 'month' || p.type === 'day').map(p => p.type);",
    );
    let (year, rest) = date.split_at(4);
    let (month, day) = (&rest[1..3], &rest[4..6]);
    let keys: String = order
        .as_array()
        .unwrap()
        .iter()
        .map(|part| match part.as_str().unwrap() {
            "year" => year,
            "month" => month,
            _ => day,
        })
        .collect();
    browser.eval(&format!("document.querySelector({selector:?}).focus();"));
    browser.press(&keys);
    let value = browser.eval(&format!(
        "return document.querySelector({selector:?}).value"
    ));
    assert_eq!(value, date, "typing {keys} into {selector}");
}

/// Adds an attendance the way a member does: types a name, picks the meeting
/// from the list with the arrow keys and Enter, types the date, presses Enter.
fn add_meeting(browser: &Browser, query: &str, id: &str, date: &str) {
    let before = entries(browser, "calc-attendances");
    browser.clear("#calc-meeting");
    browser.type_into("#calc-meeting", query);
    let ids = browser.wait_for(&format!(
        "var input = document.getElementById('calc-meeting');
         if (input.value !== {query:?}) return null;
         var list = document.getElementById('calc-meeting-options');
         if (list.hidden) return null;
         var ids = Array.from(list.querySelectorAll('[role=option][data-id]')).map(o => o.dataset.id);
         return ids.length ? ids : null;"
    ));
    let position = ids
        .as_array()
        .unwrap()
        .iter()
        .position(|shown| shown == id)
        .unwrap_or_else(|| panic!("{query:?} does not offer {id}: {ids}"));
    browser.press(&ARROW_DOWN.repeat(position + 1));
    assert_eq!(
        browser.eval(
            "return document.getElementById('calc-meeting').getAttribute('aria-activedescendant')"
        ),
        format!("calc-option-{position}")
    );
    browser.press(ENTER);
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "calc-meeting-date",
        "picking a meeting moves on to its date"
    );
    type_date(browser, "#calc-meeting-date", date);
    browser.press(ENTER);
    browser.wait_for(&format!(
        "return document.querySelectorAll('#calc-attendances > li').length === {}",
        before + 1
    ));
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "calc-meeting",
        "after adding, the focus is back in the meeting box"
    );
}

fn add_paper(browser: &Browser, date: &str, peer_reviewed: bool, first_author: bool, title: &str) {
    let before = entries(browser, "calc-papers");
    type_date(browser, "#calc-paper-date", date);
    browser.click(if peer_reviewed {
        "#calc-paper-peer-yes"
    } else {
        "#calc-paper-peer-no"
    });
    browser.click(if first_author {
        "#calc-paper-first-yes"
    } else {
        "#calc-paper-first-no"
    });
    browser.clear("#calc-paper-title");
    if !title.is_empty() {
        browser.type_into("#calc-paper-title", title);
    }
    browser.click("#calc-paper-submit");
    browser.wait_for(&format!(
        "return document.querySelectorAll('#calc-papers > li').length === {}",
        before + 1
    ));
}

fn entries(browser: &Browser, list: &str) -> usize {
    browser
        .eval(&format!(
            "return document.querySelectorAll('#{list} > li').length"
        ))
        .as_u64()
        .unwrap() as usize
}

fn set_period(browser: &Browser, start: &str, postponed: bool) {
    type_date(browser, "#calc-start", start);
    if browser.eval("return document.getElementById('calc-postponed').checked") != json!(postponed)
    {
        browser.click("#calc-postponed");
    }
    browser.wait_for("return document.getElementById('calc-verdict').dataset.eligible !== ''");
}

/// The saved record, as the page keeps it.
fn saved(browser: &Browser) -> Value {
    let text = browser.eval("return localStorage.getItem('tanni.record.v1')");
    serde_json::from_str(text.as_str().expect("a saved record")).unwrap()
}

/// The record the Export button hands to the browser, read from its Blob.
fn exported(browser: &Browser) -> String {
    browser.eval(
        "window.__exported = null;
         var original = URL.createObjectURL;
         URL.createObjectURL = function (blob) {
           URL.createObjectURL = original;
           blob.text().then(function (text) { window.__exported = text; });
           return original.call(URL, blob);
         };",
    );
    browser.click("#calc-export");
    browser
        .wait_for("return window.__exported")
        .as_str()
        .unwrap()
        .to_string()
}

/// Imports a file through the Import button's file field.
fn import(browser: &Browser, file: &Path) {
    browser.type_into("#calc-import-file", file.to_str().unwrap());
}

/// The figures the page shows, in the shape of the engine's evaluation.
fn shown(browser: &Browser) -> Value {
    browser.eval(
        "var value = id => Number(document.getElementById(id).dataset.value);
         var number = id => Number(document.getElementById(id).textContent);
         var progress = id => Number(document.getElementById(id).value);
         return {
           eligible: document.getElementById('calc-verdict').dataset.eligible === 'true',
           verdict: document.getElementById('calc-verdict').textContent,
           total: value('calc-value-total'),
           designated: value('calc-value-designated'),
           main_meeting_attendances: value('calc-value-main'),
           progress: [progress('calc-progress-total'), progress('calc-progress-designated'), progress('calc-progress-main')],
           progress_max: Array.from(document.querySelectorAll('.meter progress')).map(p => Number(p.max)),
           paper_credits: { earned: number('calc-paper-earned'), after_year_caps: number('calc-paper-after-year'), counted: number('calc-paper-counted') },
           years: Array.from(document.querySelectorAll('#calc-years-table tbody tr')).map(row =>
             Array.from(row.querySelectorAll('td')).map(td => Number(td.textContent))),
           chart_bars: document.querySelectorAll('#calc-chart-svg rect.bar').length,
           not_counted: Array.from(document.querySelectorAll('#calc-not-counted li[data-reason]')).map(li =>
             ({ item: li.dataset.item, reason: li.dataset.reason, credits_lost: Number(li.dataset.lost) })),
           plan_options: document.querySelectorAll('#calc-plan .plan-options > li').length,
           plan_text: document.getElementById('calc-plan').textContent,
         };",
    )
}

/// `tanni credits FILE --json` on the real site.
fn cli_evaluation(record: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, record).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .arg("credits")
        .arg(&file)
        .arg("--json")
        .arg("--root")
        .arg(repo_root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "tanni credits failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The page's figures equal the CLI's evaluation of the exported record.
fn assert_figures_match(browser: &Browser, record: &str) -> Value {
    let native = cli_evaluation(record);
    let page = shown(browser);
    for field in [
        "eligible",
        "total",
        "designated",
        "main_meeting_attendances",
        "paper_credits",
        "not_counted",
    ] {
        assert_eq!(
            page[field], native[field],
            "{field}: page {page:#}\nCLI {native:#}"
        );
    }
    let requirements: Vec<u64> = native["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["actual"].as_u64().unwrap())
        .collect();
    let needed: Vec<u64> = native["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["needed"].as_u64().unwrap())
        .collect();
    assert_eq!(page["progress_max"], json!(needed));
    let bars: Vec<u64> = requirements
        .iter()
        .zip(&needed)
        .map(|(actual, needed)| *actual.min(needed))
        .collect();
    assert_eq!(
        page["progress"],
        json!(bars),
        "progress bars (a bar stops at its maximum)"
    );
    let years: Vec<Value> = native["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            let (d, o, p) = (
                &y["designated_meetings"],
                &y["other_meetings"],
                &y["papers"],
            );
            json!([
                d,
                o,
                p,
                d.as_u64().unwrap() + o.as_u64().unwrap() + p.as_u64().unwrap()
            ])
        })
        .collect();
    assert_eq!(page["years"], json!(years), "credits per period year");
    assert_eq!(
        page["plan_options"],
        json!(native["plan"]["options"].as_array().unwrap().len()),
        "plan options"
    );
    page
}

fn rules() -> Value {
    serde_json::to_value(&common::real_site().rules).unwrap()
}

#[test]
fn entries_added_through_the_page_give_the_figures_of_tanni_credits() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", "");
    set_period(&browser, "2021-04-01", false);
    add_meeting(&browser, "JRS総会", "jrs-annual-meeting", "2021-04-16");
    add_meeting(&browser, "秋季臨床大会", "jrs-autumn-meeting", "2022-09-23");
    add_meeting(
        &browser,
        "関東地方会",
        "jrs-kanto-regional-meeting",
        "2023-02-11",
    );
    add_meeting(&browser, "RSNA", "rsna", "2023-11-26");
    // The same meeting on the same date: counts once.
    add_meeting(&browser, "RSNA", "rsna", "2023-11-26");
    // Before the period: does not count.
    add_meeting(&browser, "Midsummer", "jcr-midsummer-seminar", "2020-07-10");
    add_paper(&browser, "2022-06-01", true, true, "腹部CTの研究");
    add_paper(&browser, "2022-09-01", true, true, "");
    add_paper(&browser, "2024-01-15", false, false, "Case report");

    let record = exported(&browser);
    let parsed: Value = serde_json::from_str(&record).unwrap();
    assert_eq!(parsed, saved(&browser), "the export is the saved record");
    assert_eq!(parsed["period_start"], "2021-04-01");
    assert_eq!(parsed["attendances"].as_array().unwrap().len(), 6);
    assert_eq!(parsed["papers"][0]["title"], "腹部CTの研究");
    assert!(
        parsed["papers"][1].get("title").is_none(),
        "no title, no field"
    );

    let page = assert_figures_match(&browser, &record);
    let reasons: Vec<&str> = page["not_counted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["reason"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"duplicate"), "{reasons:?}");
    assert!(reasons.contains(&"outside-period"), "{reasons:?}");
    assert!(reasons.contains(&"capped-year"), "{reasons:?}");
    assert!(page["verdict"].as_str().unwrap().contains("不足"), "{page}");
    assert!(page["chart_bars"].as_u64().unwrap() >= 4);
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn the_progress_bars_take_their_maxima_from_the_rules() {
    if !browser::available() {
        return;
    }
    let rules = rules();
    let browser = Browser::start(1280, 900);
    open(&browser, "en", "");
    let maxima = browser.eval(
        "return Array.from(document.querySelectorAll('.meter progress')).map(p => Number(p.max))",
    );
    assert_eq!(
        maxima,
        json!([
            rules["total_credits"],
            rules["designated_credits"],
            rules["main_meeting_attendances"]
        ])
    );
}

#[test]
fn a_reload_keeps_the_record_and_editing_and_removing_work() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "en", "");
    set_period(&browser, "2020-04-01", true);
    add_meeting(
        &browser,
        "Annual Meeting of the Japan Radiological Society",
        "jrs-annual-meeting",
        "2020-04-17",
    );
    add_meeting(&browser, "ECR", "ecr", "2021-03-03");
    add_paper(&browser, "2021-05-01", true, false, "A co-authored study");
    let before = saved(&browser);

    open(&browser, "en", "");
    assert_eq!(saved(&browser), before);
    assert_eq!(entries(&browser, "calc-attendances"), 2);
    assert_eq!(entries(&browser, "calc-papers"), 1);
    assert_eq!(
        browser.eval("return document.getElementById('calc-start').value"),
        "2020-04-01"
    );
    assert_eq!(
        browser.eval("return document.getElementById('calc-postponed').checked"),
        true
    );
    assert_eq!(
        browser.eval("return document.getElementById('calc-period-line').textContent"),
        "Period: 2020-04-01 to 2027-03-31 (7 years)."
    );

    // Change the date of the ECR attendance: it moves to the end of the period order.
    browser.click("#calc-attendances li[data-index='1'] button[data-action='edit-date']");
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "calc-edit-date"
    );
    browser.eval("document.getElementById('calc-edit-date').value = ''");
    type_date(&browser, "#calc-edit-date", "2022-03-02");
    browser.press(ENTER);
    browser.wait_for("return !document.getElementById('calc-edit-date')");
    assert_eq!(
        saved(&browser)["attendances"][1],
        json!({ "meeting": "ecr", "date": "2022-03-02" })
    );
    assert_eq!(
        browser.eval("return document.activeElement.dataset.action"),
        "edit-date",
        "the focus returns to the entry"
    );

    // Edit the paper: first author after all.
    browser.click("#calc-papers li[data-index='0'] button[data-action='edit-paper']");
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "calc-paper-date"
    );
    browser.click("#calc-paper-first-yes");
    browser.click("#calc-paper-submit");
    browser.wait_for("return JSON.parse(localStorage.getItem('tanni.record.v1')).papers[0].first_author === true");
    assert_eq!(entries(&browser, "calc-papers"), 1);

    // Remove the first attendance: the focus moves to the next entry's Remove.
    browser.click("#calc-attendances li[data-index='0'] button[data-action='remove-attendance']");
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 1");
    assert_eq!(
        saved(&browser)["attendances"],
        json!([{ "meeting": "ecr", "date": "2022-03-02" }])
    );
    assert_eq!(
        browser.eval("return document.activeElement.dataset.action"),
        "remove-attendance"
    );

    // Clear all asks first; refusing keeps everything.
    browser.eval("window.confirm = () => false");
    browser.click("#calc-clear");
    assert_eq!(entries(&browser, "calc-attendances"), 1);
    browser.eval("window.confirm = () => true");
    browser.click("#calc-clear");
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 0");
    assert_eq!(saved(&browser)["period_start"], "");
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn a_broken_file_is_refused_with_its_field_named_and_export_then_import_round_trips() {
    if !browser::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start(1280, 900);
    open(&browser, "en", "");
    set_period(&browser, "2021-04-01", false);
    add_meeting(
        &browser,
        "Kanto regional",
        "jrs-kanto-regional-meeting",
        "2021-06-12",
    );
    add_paper(
        &browser,
        "2022-06-01",
        true,
        true,
        "A <b>bold</b> title & more",
    );
    let record = exported(&browser);
    let before = saved(&browser);

    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        r#"{"period_start": "2021-04-01", "postponed": false, "attendances": [{"meeting": "rsna", "date": "2021-13-01"}], "papers": []}"#,
    )
    .unwrap();
    import(&browser, &broken);
    let alert = browser.wait_for("return document.getElementById('calc-alert').textContent");
    let alert = alert.as_str().unwrap();
    assert!(alert.contains("attendances[0].date"), "{alert}");
    assert!(alert.contains("the date of meeting 1"), "{alert}");
    assert!(alert.contains("2021-13-01"), "{alert}");
    assert_eq!(
        browser.eval("return document.querySelector('#calc-alert').getAttribute('role')"),
        "alert"
    );
    assert_eq!(saved(&browser), before, "the saved record is untouched");
    assert_eq!(entries(&browser, "calc-attendances"), 1);
    assert_eq!(
        browser.eval("return document.getElementById('calc-start').value"),
        "2021-04-01"
    );
    // The title was shown as text, not markup.
    assert_eq!(
        browser.eval("return document.querySelectorAll('#calc-papers b').length"),
        0
    );
    assert_eq!(
        browser.eval("return document.querySelector('#calc-papers .entry-name').textContent"),
        "A <b>bold</b> title & more"
    );

    // Not JSON at all: the whole file is named.
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "this is not a record").unwrap();
    import(&browser, &garbage);
    browser.wait_for(
        "return document.getElementById('calc-alert').textContent.includes('not valid JSON')",
    );
    assert_eq!(saved(&browser), before);

    // Export, clear, import: the same record back.
    let file = dir.path().join("record.json");
    std::fs::write(&file, &record).unwrap();
    browser.eval("window.confirm = () => true");
    browser.click("#calc-clear");
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 0");
    import(&browser, &file);
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 1");
    assert_eq!(
        browser.eval("return document.getElementById('calc-alert').textContent"),
        ""
    );
    assert_eq!(saved(&browser), before);
    assert_eq!(
        exported(&browser),
        record,
        "export → import → export is the same file"
    );
    assert_eq!(
        browser.eval("return document.getElementById('calc-start').value"),
        "2021-04-01"
    );
    assert_figures_match(&browser, &record);
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn a_meeting_page_link_preselects_the_meeting_and_focuses_the_date() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(390, 844);
    browser.goto(&format!("{}/ja/meetings/rsna/", site_url()));
    let href = browser.eval("return document.querySelector('.add-to-calculator a').href");
    browser.goto(href.as_str().unwrap());
    browser.wait_for("return document.getElementById('calculator').dataset.state === 'ready'");
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "calc-meeting-date"
    );
    let name = browser.eval("return document.getElementById('calc-meeting').value");
    assert!(
        name.as_str().unwrap().contains("RSNA") || name.as_str().unwrap().contains("北米"),
        "{name}"
    );
    type_date(&browser, "#calc-meeting-date", "2022-11-27");
    browser.press(ENTER);
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 1");
    assert_eq!(
        saved(&browser)["attendances"],
        json!([{ "meeting": "rsna", "date": "2022-11-27" }])
    );
    // Nothing is wider than the phone.
    assert_eq!(
        browser.eval("return document.documentElement.scrollWidth <= window.innerWidth"),
        true
    );

    open(&browser, "en", "?add=no-such-meeting");
    let error = browser.eval("return document.getElementById('calc-meeting-error').textContent");
    assert!(
        error.as_str().unwrap().contains("no-such-meeting"),
        "{error}"
    );
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn the_print_view_fits_the_record_on_one_page() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", "");
    let record = json!({
        "period_start": "2021-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2021-04-16" },
            { "meeting": "jrs-autumn-meeting", "date": "2021-10-15" },
            { "meeting": "jrs-kanto-regional-meeting", "date": "2021-12-11" },
            { "meeting": "jcr-winter-seminar", "date": "2022-01-22" },
            { "meeting": "rsna", "date": "2022-11-27" },
            { "meeting": "jrs-annual-meeting", "date": "2023-04-14" },
            { "meeting": "ecr", "date": "2024-02-28" },
            { "meeting": "jastro-annual-meeting", "date": "2024-11-28" },
            { "meeting": "jcr-midsummer-seminar", "date": "2025-07-12" },
            { "meeting": "japanese-society-of-nuclear-medicine", "date": "2025-11-07" },
            { "meeting": "jrs-kanto-regional-meeting", "date": "2025-12-13" },
            { "meeting": "japanese-society-of-interventional-radiology", "date": "2022-05-26" }
        ],
        "papers": [
            { "date": "2022-06-01", "peer_reviewed": true, "first_author": true, "title": "腹部CTにおける造影剤減量の検討" },
            { "date": "2023-03-01", "peer_reviewed": true, "first_author": false },
            { "date": "2024-08-20", "peer_reviewed": false, "first_author": true, "title": "症例報告" }
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, record.to_string()).unwrap();
    import(&browser, &file);
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 12");
    let rows = browser.eval("return document.querySelectorAll('#calc-print-view tbody tr').length");
    assert_eq!(rows, 15, "every meeting and paper is in the print view");
    let pdf = browser.print_pdf();
    let pages = count(&pdf, b"/Type /Page") - count(&pdf, b"/Type /Pages");
    assert_eq!(pages, 1, "the print view is one page");
    assert!(browser
        .eval("return typeof window.print === 'function'")
        .as_bool()
        .unwrap());
    assert_figures_match(&browser, &record.to_string());
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Screenshots to look at: both languages, a desktop and a phone window,
/// filled with a few entries. Run with
/// `cargo test --test browser_calculator -- --ignored --nocapture calculator_screenshots`;
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
}

/// The figures of the calculator: its script and style sizes, the time to
/// ready (fetch and instantiate the engine, load the rules and the catalog),
/// the first search of a meeting name (loads the index), and the time of one
/// update (evaluate and redraw everything) for a record of 24 entries. Run with
/// `cargo test --release --test browser_calculator -- --ignored --nocapture calculator_figures`.
#[test]
#[ignore = "a measurement, not a check: run it by name"]
fn calculator_figures() {
    if !browser::available() {
        return;
    }
    let static_dir = repo_root().join("themes/default/static");
    for name in ["calculator.js", "calculator.css"] {
        let bytes = std::fs::read(static_dir.join(name)).unwrap();
        let gzipped = Command::new("gzip")
            .arg("-9c")
            .arg(static_dir.join(name))
            .output()
            .map(|o| o.stdout.len())
            .unwrap_or(0);
        println!(
            "{name:<16} {:>7} bytes raw {:>6} bytes gzip -9",
            bytes.len(),
            gzipped
        );
    }
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
