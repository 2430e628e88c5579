//! The credit calculator in a real browser (headless Chromium): entries added
//! through the interface, the figures shown against `tanni credits --json`
//! for the same day, where the period stands on that day, one attendance per
//! event, the readings of the regulation side by side where the verdict
//! differs, the record kept across a reload, export and import, a broken
//! file refused with the field named, the print view on one page, and no
//! console errors.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::{self, site_url, Browser, ARROW_DOWN, ENTER};
use common::repo_root;
use serde_json::{json, Value};
use tanni::model::Lang;

/// A day inside the periods of the test records: the page evaluates for it
/// (`?as_of=`) and so does the CLI (`--as-of`), whatever the day of the run.
const AS_OF: &str = "2023-06-01";

fn as_of(day: &str) -> String {
    format!("?as_of={day}")
}

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
             Object.assign({ item: li.dataset.item, reason: li.dataset.reason, credits_lost: Number(li.dataset.lost) },
               li.dataset.with ? { with: li.dataset.with } : {})),
           as_of: document.getElementById('calculator').dataset.asOf,
           timing: (t => t.state ? { as_of: t.asOf, state: t.state, days_left: Number(t.daysLeft) } : null)(
             document.getElementById('calc-timing').dataset),
           timing_text: document.getElementById('calc-timing').hidden ? '' : document.getElementById('calc-timing').textContent,
           plan_options: document.querySelectorAll('#calc-plan .plan-options > li').length,
           plan_text: document.getElementById('calc-plan').textContent,
         };",
    )
}

/// `tanni credits FILE --json --as-of DAY` on the real site.
fn cli_evaluation(record: &str, day: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, record).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .arg("credits")
        .arg(&file)
        .arg("--json")
        .arg("--as-of")
        .arg(day)
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

/// The page's figures equal the CLI's evaluation of the exported record,
/// for the day the page evaluates it for.
fn assert_figures_match(browser: &Browser, record: &str) -> Value {
    let page = shown(browser);
    let native = cli_evaluation(record, page["as_of"].as_str().expect("the page's day"));
    for field in [
        "timing",
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

/// The site's strings of a language (its i18n file).
fn strings(lang: &str) -> &'static BTreeMap<String, String> {
    common::real_site()
        .strings
        .of(if lang == "ja" { Lang::Ja } else { Lang::En })
}

/// A string of the site with its `{placeholders}` filled, as the page does.
fn filled(lang: &str, key: &str, given: &[(&str, &str)]) -> String {
    let mut text = strings(lang)[key].clone();
    for (name, value) in given {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

fn meeting_name(id: &str, lang: &str) -> String {
    let meeting = common::real_site()
        .catalog
        .meetings
        .iter()
        .find(|meeting| meeting.id == id)
        .unwrap_or_else(|| panic!("{id} is in the catalog"));
    if lang == "ja" {
        meeting.name.ja.clone()
    } else {
        meeting.name.en.clone()
    }
}

/// Opens the calculator with `record` as the record saved in the browser.
fn open_with(browser: &Browser, lang: &str, query: &str, record: &Value) {
    open(browser, lang, query);
    browser.eval(&format!(
        "localStorage.setItem('tanni.record.v1', {})",
        serde_json::to_string(&record.to_string()).unwrap()
    ));
    open(browser, lang, query);
}

/// No axe-core violation on the page as it is now.
fn assert_accessible(browser: &Browser, state: &str) {
    if let Some(axe) = common::checkers::axe_source() {
        assert_eq!(
            browser.axe_violations(&axe),
            Vec::<String>::new(),
            "axe: {state}"
        );
    }
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn entries_added_through_the_page_give_the_figures_of_tanni_core() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", &as_of(AS_OF));
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
    assert!(
        parsed.get("as_of").is_none(),
        "the day of the evaluation is not part of the record"
    );
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
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
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
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
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
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_broken_file_is_refused_with_its_field_named_and_export_then_import_round_trips() {
    if !browser::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start(1280, 900);
    open(&browser, "en", &as_of(AS_OF));
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
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
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
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_print_view_fits_the_record_on_one_page() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", &as_of(AS_OF));
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

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_page_says_where_the_period_stands_on_the_day() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    // A period of 2017-04-01 to 2022-03-31.
    let record = json!({
        "period_start": "2017-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2018-04-13" },
            { "meeting": "rsna", "date": "2019-12-01" }
        ],
        "papers": []
    });
    for lang in ["ja", "en"] {
        // Ended: the last day named, and no plan, with the reason.
        open_with(&browser, lang, &as_of("2024-06-01"), &record);
        let file = exported(&browser);
        let page = assert_figures_match(&browser, &file);
        assert_eq!(
            page["timing"],
            json!({ "as_of": "2024-06-01", "state": "ended", "days_left": 0 })
        );
        assert_eq!(
            page["timing_text"],
            filled(
                lang,
                "calc_timing_ended",
                &[("as_of", "2024-06-01"), ("last", "2022-03-31")]
            )
        );
        assert_eq!(page["eligible"], false);
        let missing = [
            filled(lang, "calc_missing_total", &[("n", "40")]),
            filled(lang, "calc_missing_designated", &[("n", "25")]),
            filled(lang, "calc_missing_main_one", &[]),
        ];
        let list = format!(
            "{}{}{}{}{}",
            missing[0],
            strings(lang)["calc_list_sep"],
            missing[1],
            strings(lang)["calc_list_and"],
            missing[2]
        );
        assert_eq!(
            page["verdict"],
            filled(lang, "calc_verdict_ended_short", &[("list", &list)]),
            "the verdict says the period ended short, not that it is short yet"
        );
        assert_eq!(page["plan_options"], 0);
        assert_eq!(page["plan_text"], strings(lang)["calc_plan_ended"]);
        let native = cli_evaluation(&file, "2024-06-01");
        assert_eq!(native["timing"]["state"], "ended");
        assert_eq!(native["plan"]["options"], json!([]));
        let parsed: Value = serde_json::from_str(&file).unwrap();
        assert!(parsed.get("as_of").is_none(), "not in the export: {file}");
        assert!(saved(&browser).get("as_of").is_none(), "not saved");
        assert_accessible(&browser, &format!("{lang}: the period has ended"));

        // Open: the days left and the last day; a plan.
        open(&browser, lang, &as_of("2021-06-01"));
        let page = assert_figures_match(&browser, &file);
        assert_eq!(page["timing"]["state"], "open");
        let days = page["timing"]["days_left"].to_string();
        assert_eq!(days, "304", "2021-06-01 to 2022-04-01");
        assert_eq!(
            page["timing_text"],
            filled(
                lang,
                "calc_timing_open",
                &[
                    ("as_of", "2021-06-01"),
                    ("days", &days),
                    ("last", "2022-03-31")
                ]
            )
        );
        assert!(page["plan_options"].as_u64().unwrap() > 0, "{page}");

        // Its last day.
        open(&browser, lang, &as_of("2022-03-31"));
        let page = assert_figures_match(&browser, &file);
        assert_eq!(page["timing"]["days_left"], 1);
        assert_eq!(
            page["timing_text"],
            filled(lang, "calc_timing_open_one", &[("last", "2022-03-31")])
        );

        // Not started yet.
        open(&browser, lang, &as_of("2017-01-01"));
        let page = assert_figures_match(&browser, &file);
        assert_eq!(
            page["timing"],
            json!({ "as_of": "2017-01-01", "state": "not-started", "days_left": 90 })
        );
        assert_eq!(
            page["timing_text"],
            filled(
                lang,
                "calc_timing_not_started",
                &[
                    ("as_of", "2017-01-01"),
                    ("days", "90"),
                    ("start", "2017-04-01")
                ]
            )
        );
    }

    // Without a day in the address, and with one that is not a date: today,
    // the browser's local date; this period ended long ago.
    let today = browser.eval(
        "var d = new Date();
         return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    for query in ["", "?as_of=2024-02-30", "?as_of=1850-01-01"] {
        open(&browser, "en", query);
        let page = assert_figures_match(&browser, &exported(&browser));
        assert_eq!(page["as_of"], today, "{query}");
        assert_eq!(page["timing"]["state"], "ended", "{query}");
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_congress_entered_day_by_day_is_one_attendance_and_twin_listings_count_once() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", &as_of(AS_OF));
    set_period(&browser, "2021-04-01", false);
    for date in ["2022-04-14", "2022-04-15", "2022-04-16"] {
        add_meeting(&browser, "JRS総会", "jrs-annual-meeting", date);
    }
    let file = exported(&browser);
    let page = assert_figures_match(&browser, &file);
    assert_eq!(page["total"], 15);
    assert_eq!(page["main_meeting_attendances"], 1);
    assert_eq!(
        browser.eval("return document.getElementById('calc-value-main').textContent"),
        "1 / 2"
    );
    assert_eq!(
        page["not_counted"],
        json!([
            { "item": "attendances[1]", "reason": "same-event", "credits_lost": 15, "with": "attendances[0]" },
            { "item": "attendances[2]", "reason": "same-event", "credits_lost": 15, "with": "attendances[0]" }
        ])
    );
    for lang in ["ja", "en"] {
        open(&browser, lang, &as_of(AS_OF));
        let first_day = filled(
            lang,
            "calc_with_entry",
            &[
                ("meeting", &meeting_name("jrs-annual-meeting", lang)),
                ("date", "2022-04-14"),
            ],
        );
        let reason = filled(lang, "calc_reason_same_event_day", &[("with", &first_day)]);
        let notes = browser.eval(
            "return Array.from(document.querySelectorAll('#calc-attendances > li')).map(li =>
               Array.from(li.querySelectorAll('.entry-note')).map(p => p.textContent))",
        );
        let note = filled(lang, "calc_not_counted_note", &[("reason", &reason)]);
        assert_eq!(notes, json!([[], [note], [note]]), "{lang}");
        let listed = browser.eval(
            "return document.querySelector('#calc-not-counted li[data-item=\"attendances[2]\"]').textContent",
        );
        assert!(
            listed.as_str().unwrap().contains(&reason),
            "{lang}: {listed} names the first day: {reason}"
        );
        assert_accessible(&browser, &format!("{lang}: one congress, three days"));
    }

    // One meeting under its two listings, on one date: 3 credits, once.
    let twins = json!({
        "period_start": "2021-04-01",
        "postponed": false,
        "attendances": [
            { "meeting": "cepir", "date": "2022-07-02" },
            { "meeting": "cepir-kanto", "date": "2022-07-02" }
        ],
        "papers": []
    });
    open_with(&browser, "en", &as_of(AS_OF), &twins);
    let page = assert_figures_match(&browser, &exported(&browser));
    assert_eq!(page["total"], 3);
    let with = filled(
        "en",
        "calc_with_entry",
        &[
            ("meeting", &meeting_name("cepir", "en")),
            ("date", "2022-07-02"),
        ],
    );
    assert_eq!(
        browser.eval(
            "return document.querySelector('#calc-attendances li[data-index=\"1\"] .entry-note').textContent"
        ),
        filled(
            "en",
            "calc_not_counted_note",
            &[(
                "reason",
                &filled("en", "calc_reason_same_event_listing", &[("with", &with)])
            )]
        )
    );

    // Two listings that give different credits: once, at the lower value,
    // and the entry that counted links the listing that gives it: by name,
    // or as "the other listing" where the two have the same name.
    let cases = [
        (
            "kansai-cancer-therapist-meeting",
            "kansai-cancer-therapist-meeting-second-listing",
            "2022-06-04",
            "calc_lower_value_same_name",
        ),
        (
            "jsnm-chugoku-shikoku-regional-meeting",
            "jsnm-chugoku-shikoku-branch-meeting",
            "2022-06-05",
            "calc_lower_value",
        ),
    ];
    for (counted, lower, second_day, key) in cases {
        let record = json!({
            "period_start": "2021-04-01",
            "postponed": false,
            "attendances": [
                { "meeting": counted, "date": "2022-06-04" },
                { "meeting": lower, "date": second_day }
            ],
            "papers": []
        });
        for lang in ["ja", "en"] {
            open_with(&browser, lang, &as_of(AS_OF), &record);
            let file = exported(&browser);
            let page = assert_figures_match(&browser, &file);
            assert_eq!(page["total"], 1, "{counted}");
            let native = cli_evaluation(&file, AS_OF);
            assert_eq!(native["counted"][0]["lower_value_of"], lower);
            let other = if key == "calc_lower_value" {
                meeting_name(lower, lang)
            } else {
                strings(lang)["calc_other_listing"].clone()
            };
            let note = browser.eval(
                "var note = document.querySelector('#calc-attendances li[data-index=\"0\"] .entry-note.info');
                 return [note.textContent, note.querySelector('a').getAttribute('href')];",
            );
            assert_eq!(
                note,
                json!([
                    filled(
                        lang,
                        key,
                        &[
                            ("credits", &strings(lang)["credits_one"]),
                            ("other", &other)
                        ]
                    ),
                    format!("../../{lang}/meetings/{lower}/")
                ]),
                "{counted}"
            );
        }
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn where_two_readings_give_different_verdicts_both_are_shown_side_by_side() {
    if !browser::available() {
        return;
    }
    // Postponed: 70 credits over all 7 years; 50 in the last 5.
    let record = json!({
        "period_start": "2021-04-01",
        "postponed": true,
        "attendances": [
            { "meeting": "jrs-annual-meeting", "date": "2021-05-01" },
            { "meeting": "jrs-kanto-regional-meeting", "date": "2022-05-01" },
            { "meeting": "jrs-autumn-meeting", "date": "2024-10-01" },
            { "meeting": "jcr-winter-seminar", "date": "2025-02-01" },
            { "meeting": "jcr-winter-seminar", "date": "2026-02-01" },
            { "meeting": "jrs-annual-meeting", "date": "2026-04-20" }
        ],
        "papers": []
    });
    let day = "2026-06-01";
    for (lang, width, height) in [("ja", 1280, 900), ("en", 390, 844)] {
        let browser = Browser::start(width, height);
        open_with(&browser, lang, &as_of(day), &record);
        let file = exported(&browser);
        let page = assert_figures_match(&browser, &file);
        let native = cli_evaluation(&file, day);
        let other = &native["other_readings"]["postponement-last-years"];
        assert_eq!(
            (&native["eligible"], &native["total"]),
            (&json!(true), &json!(70))
        );
        assert_eq!(
            (
                &other["verdict_differs"],
                &other["eligible"],
                &other["total"]
            ),
            (&json!(true), &json!(false), &json!(50))
        );
        assert_eq!(page["eligible"], true);

        let shown = browser.eval(
            "var section = document.getElementById('calc-readings');
             var all = selector => Array.from(section.querySelectorAll(selector));
             var numbers = figure => all('td[data-figure=' + figure + ']').map(td => Number(td.dataset.value));
             return {
               hidden: section.hidden,
               heading: section.querySelector('h3').textContent,
               caption: section.querySelector('caption').textContent,
               columns: all('thead th').map(th => th.dataset.reading),
               heads: all('thead th').map(th => th.textContent),
               verdicts: all('td.reading-verdict').map(td => td.textContent),
               eligible: all('td.reading-verdict').map(td => td.dataset.eligible === 'true'),
               total: numbers('total'),
               designated: numbers('designated'),
               main: numbers('main_meeting_attendances'),
               link_resolved: section.querySelector('a').href,
               fits: document.documentElement.scrollWidth <= window.innerWidth,
             };",
        );
        let question = &strings(lang)["calc_question_postponement"];
        let reading = |key: &str| filled(lang, key, &[("all_years", "7"), ("years", "5")]);
        let missing = filled(lang, "calc_missing_total", &[("n", "10")]);
        assert_eq!(
            shown,
            json!({
                "hidden": false,
                "heading": strings(lang)["calc_readings_heading"],
                "caption": question,
                "columns": ["main", "postponement-last-years"],
                "heads": [
                    format!("{}{}", strings(lang)["calc_reading_main"], reading("calc_reading_postponement_whole_window")),
                    format!("{}{}", strings(lang)["calc_reading_other"], reading("calc_reading_postponement_last_years")),
                ],
                "verdicts": [
                    strings(lang)["calc_reading_eligible"],
                    filled(lang, "calc_reading_short", &[("list", &missing)]),
                ],
                "eligible": [true, false],
                "total": [70, 50],
                "designated": [70, 50],
                "main": [3, 2],
                "link_resolved": format!("{}/{lang}/rules/#readings", site_url()),
                "fits": true,
            }),
            "{lang}"
        );
        let rules_page =
            std::fs::read_to_string(browser::site_dir().join(lang).join("rules/index.html"))
                .unwrap();
        assert!(
            rules_page.contains("id=\"readings\""),
            "the link has a target"
        );
        assert_accessible(&browser, &format!("{lang}: two readings side by side"));

        // Without the postponement both readings are the same: nothing extra.
        browser.click("#calc-postponed");
        browser.wait_for("return document.getElementById('calc-readings').hidden");
        let file = exported(&browser);
        assert_figures_match(&browser, &file);
        let native = cli_evaluation(&file, day);
        assert!(native["other_readings"]
            .as_object()
            .unwrap()
            .values()
            .all(|reading| reading["verdict_differs"] == false));
        assert_eq!(browser.console_errors(), Vec::<String>::new());
    }
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_calculator_says_which_certificates_it_counts_for() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    for lang in ["ja", "en"] {
        open(&browser, lang, "");
        let scope = browser.eval(
            "var section = document.querySelector('.calc-scope');
             var quote = section.querySelector('blockquote');
             return {
               before_the_calculator: Boolean(section.compareDocumentPosition(document.getElementById('calculator')) & Node.DOCUMENT_POSITION_FOLLOWING),
               heading: section.querySelector('h2').textContent,
               quote: quote.textContent,
               quote_lang: quote.lang,
               paragraphs: Array.from(section.querySelectorAll(':scope > p')).map(p => p.textContent),
             };",
        );
        let text = strings(lang);
        let mut paragraphs = vec![text["scope_certificates"].clone()];
        if !text["scope_quote_translation"].is_empty() {
            paragraphs.push(text["scope_quote_translation"].clone());
        }
        paragraphs.push(text["scope_not_counted"].clone());
        paragraphs.push(text["scope_list_date"].clone());
        assert_eq!(
            scope,
            json!({
                "before_the_calculator": true,
                "heading": text["scope_heading"],
                "quote": text["scope_quote"],
                "quote_lang": "ja",
                "paragraphs": paragraphs,
            }),
            "{lang}"
        );
    }
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
