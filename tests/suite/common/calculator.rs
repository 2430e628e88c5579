//! The credit calculator's page as the browser tests drive it: opening it on
//! a day, typing dates, adding meetings and papers, reading back what it
//! shows, and `tanni credits` on the same record for comparison.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use tanni::model::Lang;

use super::browser::{site_url, Browser, ARROW_DOWN, ENTER};
use super::repo_root;

/// A day inside the periods of the test records: the page evaluates for it
/// (`?as_of=`) and so does the CLI (`--as-of`), whatever the day of the run.
pub const AS_OF: &str = "2023-06-01";

pub fn as_of(day: &str) -> String {
    format!("?as_of={day}")
}

/// Opens the calculator and waits until its engine is ready.
pub fn open(browser: &Browser, lang: &str, query: &str) {
    browser.goto(&format!("{}/{lang}/calculator/{query}", site_url()));
    let state = browser.wait_for(
        "var state = document.getElementById('calculator').dataset.state;
         return state === 'loading' ? null : state;",
    );
    assert_eq!(state, "ready", "the calculator loads");
}

/// Types into a date field as a user does (the browser's own date widget
/// takes the digits in the order of its locale's pattern).
pub fn type_date(browser: &Browser, selector: &str, date: &str) {
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
pub fn add_meeting(browser: &Browser, query: &str, id: &str, date: &str) {
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

pub fn add_paper(
    browser: &Browser,
    date: &str,
    peer_reviewed: bool,
    first_author: bool,
    title: &str,
) {
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

pub fn entries(browser: &Browser, list: &str) -> usize {
    browser
        .eval(&format!(
            "return document.querySelectorAll('#{list} > li').length"
        ))
        .as_u64()
        .unwrap() as usize
}

pub fn set_period(browser: &Browser, start: &str, postponed: bool) {
    type_date(browser, "#calc-start", start);
    if browser.eval("return document.getElementById('calc-postponed').checked") != json!(postponed)
    {
        browser.click("#calc-postponed");
    }
    browser.wait_for("return document.getElementById('calc-verdict').dataset.eligible !== ''");
}

/// The saved record, as the page keeps it.
pub fn saved(browser: &Browser) -> Value {
    let text = browser.eval("return localStorage.getItem('tanni.record.v1')");
    serde_json::from_str(text.as_str().expect("a saved record")).unwrap()
}

/// The record the Export button hands to the browser, read from its Blob.
pub fn exported(browser: &Browser) -> String {
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
pub fn import(browser: &Browser, file: &Path) {
    browser.type_into("#calc-import-file", file.to_str().unwrap());
}

/// The figures the page shows, in the shape of the engine's evaluation.
pub fn shown(browser: &Browser) -> Value {
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
pub fn cli_evaluation(record: &str, day: &str) -> Value {
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
pub fn assert_figures_match(browser: &Browser, record: &str) -> Value {
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

pub fn rules() -> Value {
    serde_json::to_value(&super::real_site().rules).unwrap()
}

/// The site's strings of a language (its i18n file).
pub fn strings(lang: &str) -> &'static BTreeMap<String, String> {
    super::real_site()
        .strings
        .of(if lang == "ja" { Lang::Ja } else { Lang::En })
}

/// A string of the site with its `{placeholders}` filled, as the page does.
pub fn filled(lang: &str, key: &str, given: &[(&str, &str)]) -> String {
    let mut text = strings(lang)[key].clone();
    for (name, value) in given {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

pub fn meeting_name(id: &str, lang: &str) -> String {
    let meeting = super::real_site()
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
pub fn open_with(browser: &Browser, lang: &str, query: &str, record: &Value) {
    open(browser, lang, query);
    browser.eval(&format!(
        "localStorage.setItem('tanni.record.v1', {})",
        serde_json::to_string(&record.to_string()).unwrap()
    ));
    open(browser, lang, query);
}

/// No axe-core violation on the page as it is now.
pub fn assert_accessible(browser: &Browser, state: &str) {
    if let Some(axe) = super::checkers::axe_source() {
        assert_eq!(
            browser.axe_violations(&axe),
            Vec::<String>::new(),
            "axe: {state}"
        );
    }
}

/// How many times `needle` stands in `haystack` (pages of a PDF).
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}
