//! Every page of the built site is valid HTML: the W3C Nu HTML Checker finds
//! no error in any of them. Every kind of page, in both languages and in the
//! states script puts it in (suggestions open, the calculator with entries),
//! passes axe-core in headless Chromium, and text in the other language is
//! marked with its `lang`. The checkers come from `npm ci` (package.json).

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::browser::{self, site_dir, site_url, Browser, ARROW_DOWN};
use common::checkers;
use serde_json::{json, Value};

// ---- The Nu HTML Checker. ---------------------------------------------------

/// The search box as it used to be: the checker must find its two errors, or
/// its silence about the site would mean nothing.
const CANARY: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>canary</title></head>\n<body><form role=\"search\"><label for=\"q\">Search</label><input id=\"q\" name=\"q\" type=\"search\" role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"s\"><ul id=\"s\" role=\"listbox\" aria-label=\"Suggestions\" hidden></ul></form></body>\n</html>\n";

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = checkers::vnu_jar() else {
        return;
    };
    let site = site_dir();
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| entry.into_path())
        .collect();
    assert!(pages.len() > 800, "the site has its pages: {}", pages.len());
    let canary_dir = tempfile::tempdir().unwrap();
    let canary = canary_dir.path().join("canary.html");
    std::fs::write(&canary, CANARY).unwrap();

    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--stdout"])
        .args(&pages)
        .arg(&canary)
        .output()
        .expect("java runs vnu.jar");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "vnu.jar gave no JSON report ({error}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });

    let site_prefix = format!("file:{}/", site.display());
    let mut errors = Vec::new();
    let mut canary_errors = Vec::new();
    // Warnings and notes are shown, not failed on: the checker reads the
    // pages as file: URLs, where it takes the CSP's 'self' to block the
    // site's own stylesheets and scripts, which a served page does not; and
    // it takes the `#ui-strings` JSON block for an inline script, which a
    // browser never runs (a data block), so that the CSP does not apply to
    // it (the browser tests find no CSP error in the console).
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    for message in report["messages"].as_array().expect("a list of messages") {
        let url = message["url"].as_str().unwrap_or("?");
        let text = message["message"].as_str().unwrap_or("?");
        let kind = message["type"].as_str().unwrap_or("?");
        if kind == "info" {
            *warnings.entry(text.to_string()).or_default() += 1;
        } else if url.ends_with("/canary.html") {
            canary_errors.push(text.to_string());
        } else {
            errors.push(format!(
                "{}:{}:{}: {kind}: {text}\n    {}",
                url.strip_prefix(&site_prefix).unwrap_or(url),
                message["lastLine"],
                message["firstColumn"],
                message["extract"].as_str().unwrap_or("").replace('\n', "⏎")
            ));
        }
    }
    for (warning, count) in &warnings {
        eprintln!("vnu warning ({count} pages): {warning}");
    }
    assert_eq!(
        canary_errors,
        [
            "Bad value “combobox” for attribute “role” on element “input”.",
            "Attribute “aria-expanded” not allowed on element “input” at this point."
        ],
        "the checker finds the canary's errors"
    );
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker finds {} errors in the {} pages:\n{}",
        errors.len(),
        pages.len(),
        errors.join("\n")
    );
}

// ---- axe-core and the language of text, in the browser. ---------------------

/// Runs axe-core on the page as it is now, and checks that text in the
/// other language is marked; returns what is wrong, one line per finding.
fn findings(browser: &Browser, axe: &str, state: &str) -> Vec<String> {
    let mut found: Vec<String> = browser
        .axe_violations(axe)
        .into_iter()
        .map(|finding| format!("{state}: {finding}"))
        .collect();
    // Japanese text has kana or kanji; on an English page it needs
    // lang="ja". On a Japanese page a run of English words (the Japanese name
    // of an international meeting is often its English one) needs lang="en".
    let unmarked = browser.eval(
        "var japanese = /[\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f]/;
         var english = /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/;
         var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
         var unmarked = [];
         while (walker.nextNode()) {
           var node = walker.currentNode;
           var text = node.data.trim();
           var parent = node.parentElement;
           if (!text || parent.closest('script, style, noscript')) continue;
           var lang = (parent.closest('[lang]') || document.documentElement).lang;
           var wrong = lang === 'en' ? japanese.test(text) : (!japanese.test(text) && english.test(text));
           if (wrong) unmarked.push(parent.tagName.toLowerCase() + (parent.className ? '.' + parent.className : '') + ' (lang ' + lang + '): ' + text.slice(0, 80));
         }
         return unmarked;",
    );
    for text in unmarked.as_array().expect("a list") {
        found.push(format!(
            "{state}: other-language text without its lang: {}",
            text.as_str().unwrap_or("?")
        ));
    }
    found
}

fn assert_none(findings: &[String]) {
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

/// A browser for axe: its script may take a while on the long pages.
fn axe_browser() -> Option<(Browser, String)> {
    if !browser::available() {
        return None;
    }
    let axe = checkers::axe_source()?;
    let browser = Browser::start(1280, 900);
    browser.set_script_timeout(Duration::from_secs(120));
    Some((browser, axe))
}

/// Waits for a page's script to have done what it does on load.
fn wait_until_ready(browser: &Browser) {
    browser.wait_for(
        "var results = document.getElementById('search-page');
         if (results && new URLSearchParams(location.search).get('q')
             && !document.querySelector('#search-page-results li')
             && document.getElementById('search-page-none').hidden) return false;
         var calculator = document.getElementById('calculator');
         return !calculator || calculator.dataset.state === 'ready';",
    );
}

/// Every kind of page, both languages, as it is after loading.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn every_kind_of_page_passes_axe_in_both_languages() {
    let Some((browser, axe)) = axe_browser() else {
        return;
    };
    let mut pages = vec!["index.html".to_string(), "404.html".to_string()];
    for (lang, query) in [("ja", "核医学"), ("en", "nuclear medicine")] {
        for path in [
            "",
            "rules/",
            "about/",
            "categories/",
            "categories/1/",
            "categories/6/",
            "categories/9/",
            // Flags, former names and an English name in both languages.
            "meetings/snmmi/",
            // Two former names, aliases.
            "meetings/society-of-advanced-medical-imaging/",
            // Two flags.
            "meetings/kagoshima-diagnostic-imaging-conference/",
            "data-quality/",
            "search/",
            "calculator/",
            // The table of every meeting, whole, and filtered and sorted.
            "meetings/",
            "meetings/?category=9&region=kanto&sort=credits-desc",
        ] {
            pages.push(format!("{lang}/{path}"));
        }
        let encoded: String = query.bytes().map(|b| format!("%{b:02X}")).collect();
        pages.push(format!("{lang}/search/?q={encoded}"));
        pages.push(format!("{lang}/search/?q=zzzzqqq"));
    }
    let mut found = Vec::new();
    for page in &pages {
        browser.goto(&format!("{}/{page}", site_url()));
        wait_until_ready(&browser);
        found.extend(findings(&browser, &axe, page));
    }
    assert_none(&found);
}

/// The header search with its suggestions open, one highlighted with the
/// arrow key; and open with nothing found.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_open_search_suggestions_pass_axe() {
    let Some((browser, axe)) = axe_browser() else {
        return;
    };
    let mut found = Vec::new();
    for (lang, query) in [("ja", "核医学"), ("en", "nuclear medicine")] {
        browser.goto(&format!("{}/{lang}/categories/", site_url()));
        browser.type_into("#search-input", query);
        browser.wait_for(
            "return !document.getElementById('search-suggestions').hidden
                 && document.querySelectorAll('#search-suggestions [role=option]').length > 1",
        );
        browser.press(&ARROW_DOWN.repeat(2));
        assert_eq!(
            browser.eval(
                "return document.getElementById('search-input').getAttribute('aria-activedescendant')"
            ),
            "search-option-1"
        );
        found.extend(findings(
            &browser,
            &axe,
            &format!("{lang}: suggestions for {query}, the second highlighted"),
        ));
        browser.clear("#search-input");
        browser.type_into("#search-input", "zzzzqqq");
        browser.wait_for(
            "return !document.getElementById('search-suggestions').hidden
                 && document.querySelector('#search-suggestions .search-none')",
        );
        found.extend(findings(
            &browser,
            &axe,
            &format!("{lang}: suggestions with nothing found"),
        ));
    }
    assert_none(&found);
}

/// A record with meetings and papers, some not counted, short of the
/// requirements: the results, the chart, the not-counted list and the plan.
const RECORD: &str = r#"{"period_start":"2021-04-01","postponed":false,"attendances":[{"meeting":"jrs-annual-meeting","date":"2021-04-16"},{"meeting":"jrs-autumn-meeting","date":"2022-09-23"},{"meeting":"jrs-kanto-regional-meeting","date":"2023-02-11"},{"meeting":"snmmi","date":"2023-06-10"},{"meeting":"rsna","date":"2023-11-26"},{"meeting":"rsna","date":"2023-11-26"},{"meeting":"jcr-midsummer-seminar","date":"2020-07-10"}],"papers":[{"date":"2022-06-01","peer_reviewed":true,"first_author":true,"title":"腹部CTの研究"},{"date":"2022-09-01","peer_reviewed":true,"first_author":true},{"date":"2024-01-15","peer_reviewed":false,"first_author":false,"title":"Case report"}]}"#;

/// The calculator with entries, while an entry is edited, with the meeting
/// picker open, and with the form's errors shown.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_calculator_with_entries_passes_axe() {
    let Some((browser, axe)) = axe_browser() else {
        return;
    };
    let mut found = Vec::new();
    for (lang, query) in [("ja", "核医学"), ("en", "nuclear medicine")] {
        // A day inside the record's period, so that the plan shows.
        let url = format!("{}/{lang}/calculator/?as_of=2023-06-01", site_url());
        browser.goto(&url);
        browser.eval(&format!(
            "localStorage.setItem('tanni.record.v1', {})",
            serde_json::to_string(RECORD).unwrap()
        ));
        browser.goto(&url);
        wait_until_ready(&browser);
        let shown = browser.eval(
            "return [document.querySelectorAll('#calc-attendances > li').length,
                     document.querySelectorAll('#calc-papers > li').length,
                     document.querySelectorAll('#calc-chart-svg rect').length > 0,
                     document.querySelectorAll('#calc-not-counted li').length > 1,
                     document.querySelectorAll('#calc-plan .plan-options > li').length > 0]",
        );
        assert_eq!(
            shown,
            json!([7, 3, true, true, true]),
            "{lang}: the record is shown"
        );
        found.extend(findings(
            &browser,
            &axe,
            &format!("{lang}: calculator with entries"),
        ));

        browser.click("#calc-attendances li[data-index='1'] button[data-action='edit-date']");
        browser.click("#calc-papers li[data-index='0'] button[data-action='edit-paper']");
        found.extend(findings(
            &browser,
            &axe,
            &format!("{lang}: calculator, editing"),
        ));

        browser.type_into("#calc-meeting", query);
        browser.wait_for(
            "return !document.getElementById('calc-meeting-options').hidden
                 && document.querySelectorAll('#calc-meeting-options [role=option]').length > 1",
        );
        browser.press(ARROW_DOWN);
        assert_eq!(
            browser.eval(
                "return document.getElementById('calc-meeting').getAttribute('aria-activedescendant')"
            ),
            "calc-option-0"
        );
        found.extend(findings(
            &browser,
            &axe,
            &format!("{lang}: meeting picker open"),
        ));

        browser.clear("#calc-meeting");
        browser.click("#calc-meeting-form button[type=submit]");
        browser.wait_for("return document.getElementById('calc-meeting').getAttribute('aria-invalid') === 'true'");
        found.extend(findings(
            &browser,
            &axe,
            &format!("{lang}: the form's errors shown"),
        ));
    }
    assert_none(&found);
}
