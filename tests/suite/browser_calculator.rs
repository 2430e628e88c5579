//! The credit calculator in a real browser (headless Chromium): entries added
//! through the interface, the figures shown against `tanni credits --json`
//! for the same day, the record kept across a reload, export and import, a
//! broken file refused with the field named, a meeting page's link, the print
//! view on one page, which certificates it counts for, and no console errors.

use crate::common;

use common::browser::{self, site_url, Browser, ENTER};
use common::calculator::*;
use serde_json::{json, Value};

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn entries_added_through_the_page_give_the_figures_of_tanni_credits() {
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

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn enter_takes_the_first_suggestion_and_a_japanese_page_words_a_refused_file_in_japanese() {
    if !browser::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", &as_of(AS_OF));
    // Nothing entered yet: no "what did not count" heading over nothing.
    assert_eq!(
        browser.eval("var box = document.getElementById('calc-not-counted-box'); return box.hidden || box.offsetParent === null"),
        true
    );
    set_period(&browser, "2021-04-01", false);

    // The first suggestion, taken with Enter alone.
    browser.clear("#calc-meeting");
    browser.type_into("#calc-meeting", "関東地方会");
    let first = browser.wait_for(
        "var list = document.getElementById('calc-meeting-options');
         if (document.getElementById('calc-meeting').value !== '関東地方会' || list.hidden) return null;
         var option = list.querySelector('[role=option][data-id]');
         return option ? option.dataset.id : null;",
    );
    browser.press(ENTER);
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "calc-meeting-date",
        "Enter took the first suggestion and moved on to its date"
    );
    assert_eq!(
        browser.eval("return document.getElementById('calc-meeting-error').textContent"),
        ""
    );
    type_date(&browser, "#calc-meeting-date", "2021-06-12");
    browser.press(ENTER);
    browser.wait_for("return document.querySelectorAll('#calc-attendances > li').length === 1");
    assert_eq!(saved(&browser)["attendances"][0]["meeting"], first);
    // With an entry, the heading and its list are there.
    assert_eq!(
        browser.eval("return document.getElementById('calc-not-counted-box').hidden"),
        false
    );

    // A refused file, in Japanese, the record untouched.
    let before = saved(&browser);
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        r#"{"period_start": "2021-04-01", "attendances": [{"meeting": "rsna", "date": "2021-13-01"}]}"#,
    )
    .unwrap();
    import(&browser, &broken);
    let alert =
        browser.wait_for("return document.getElementById('calc-alert').textContent || null");
    assert_eq!(
        alert,
        "ファイルを読み込みませんでした。学術集会1件目の日付（attendances[0].date）：`2021-13-01` はYYYY-MM-DD形式の日付ではありません。記録は変更していません。"
    );
    assert_eq!(saved(&browser), before);
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
