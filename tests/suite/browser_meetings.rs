//! The table of every meeting (`/<lang>/meetings/`) in a real browser
//! (headless Chromium), against the catalog: the name box filters as one
//! types (NFKC, any case, every word in one of the names of either
//! language), the selects and the 必須 box show exactly the catalog's
//! matching meetings, empty sections hide and a filter without a match says
//! so; the headers sort up, down, then back to the catalog's order; the
//! state lives in the address, comes back from a shared link (values the
//! page does not offer left out), and goes with the reset button or with a
//! jump link to a hidden section, and going back in the history brings back
//! the earlier address's filter; the form stays hidden until the script
//! shows it; on a phone the rows are cards and a filtered-out card is not
//! shown. No test leaves an error in the console.
//!
//! Every expected row is computed from the catalog (`real_site()`), never
//! written down: the tests hold as the catalog grows.

use crate::common;

use std::cmp::Reverse;

use common::browser::{self, site_url, Browser, ARROW_DOWN, ENTER};
use common::real_site;
use serde::Deserialize;
use tanni::model::{Lang, Meeting};

// ---------------------------------------------------------------------------
// The catalog's side: what the page must show.

/// Text as the page's filter compares it: NFKC, lower case, one space
/// between words.
fn fold(text: &str) -> String {
    let nfkc: String = tanni_core::normalize::nfkc(text.chars())
        .into_iter()
        .collect();
    nfkc.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every name of a meeting, in both languages, former names and aliases,
/// folded: what the filter's words are looked for in.
fn folded_names(meeting: &Meeting) -> String {
    let names = Lang::ALL
        .iter()
        .map(|&lang| meeting.name.get(lang).to_string())
        .chain(
            meeting
                .former_names
                .iter()
                .flat_map(|former| Lang::ALL.map(|lang| former.get(lang).to_string())),
        )
        .chain(meeting.aliases.iter().cloned());
    names.map(|name| fold(&name)).collect::<Vec<_>>().join(" ")
}

/// Whether every word of a query is in one of the meeting's names.
fn names_hold(meeting: &Meeting, query: &str) -> bool {
    let names = folded_names(meeting);
    fold(query).split(' ').all(|word| names.contains(word))
}

fn meetings() -> &'static [Meeting] {
    &real_site().catalog.meetings
}

/// The ids of the catalog's meetings that `keep` keeps, in catalog order.
fn ids_where(keep: impl Fn(&Meeting) -> bool) -> Vec<String> {
    meetings()
        .iter()
        .filter(|meeting| keep(meeting))
        .map(|meeting| meeting.id.clone())
        .collect()
}

fn all_ids() -> Vec<String> {
    ids_where(|_| true)
}

/// The ids of `keep`'s meetings sorted by credits as the credits header
/// does: ascending or descending, ties in catalog order, meetings without
/// a value last either way.
fn by_credits(keep: impl Fn(&Meeting) -> bool, descending: bool) -> Vec<String> {
    let mut kept: Vec<(usize, &Meeting)> = meetings()
        .iter()
        .enumerate()
        .filter(|(_, meeting)| keep(meeting))
        .collect();
    if descending {
        kept.sort_by_key(|&(order, m)| (m.credits.is_none(), Reverse(m.credits), order));
    } else {
        kept.sort_by_key(|&(order, m)| (m.credits.is_none(), m.credits, order));
    }
    kept.into_iter().map(|(_, m)| m.id.clone()).collect()
}

/// The ids of each section of the table, in order: the catalog cut where
/// the category or the subcategory or region changes.
fn catalog_sections() -> Vec<Vec<String>> {
    let mut sections: Vec<Vec<String>> = Vec::new();
    let mut at = None;
    for meeting in meetings() {
        let here = Some((meeting.category, meeting.group()));
        if here != at {
            sections.push(Vec::new());
            at = here;
        }
        sections.last_mut().unwrap().push(meeting.id.clone());
    }
    sections
}

/// The regions of the catalog (the groups of a category grouped by region).
fn region_ids() -> Vec<String> {
    let mut regions: Vec<String> = Vec::new();
    for meeting in meetings() {
        if let Some(region) = &meeting.region {
            if !regions.contains(region) {
                regions.push(region.clone());
            }
        }
    }
    regions
}

/// The credit values the catalog gives, smallest first.
fn credit_values() -> Vec<u32> {
    let mut values: Vec<u32> = meetings().iter().filter_map(|m| m.credits).collect();
    values.sort_unstable();
    values.dedup();
    values
}

fn lang_of(code: &str) -> Lang {
    match code {
        "ja" => Lang::Ja,
        "en" => Lang::En,
        other => panic!("no language {other}"),
    }
}

/// The status line for `shown` of every meeting, from the site's strings.
fn count_text(lang: &str, shown: usize) -> String {
    real_site()
        .strings
        .get(lang_of(lang), "filter_count")
        .replace("{shown}", &shown.to_string())
        .replace("{total}", &meetings().len().to_string())
}

// ---------------------------------------------------------------------------
// The page's side: opening it, using its controls, reading its state.

/// WebDriver's code for the Home key.
const HOME: &str = "\u{E011}";

fn page_url(lang: &str, query: &str) -> String {
    format!("{}/{lang}/meetings/{query}", site_url())
}

/// Opens the table page (`query` "" or "?…") and waits for its script.
fn open(browser: &Browser, lang: &str, query: &str) {
    browser.goto(&page_url(lang, query));
    browser.wait_for(
        "var form = document.getElementById('meetings-filter');
         return form && !form.hidden && document.querySelector('#meetings-table th .sort-button') !== null;",
    );
}

/// Types a query into the name box, after what is there.
fn type_query(browser: &Browser, text: &str) {
    browser.type_into("#filter-q", text);
    browser.wait_for(&format!(
        "return document.getElementById('filter-q').value.endsWith({text:?})"
    ));
}

/// Chooses a value of a select with the keyboard, as a reader does: the
/// select focused, Home, then the down arrow to the option. (A WebDriver
/// click on an option fires `change` alone, where a reader's choice fires
/// `input` too.)
fn choose(browser: &Browser, select: &str, value: &str) {
    let index = browser.eval(&format!(
        "var select = document.getElementById({select:?});
         select.focus();
         return Array.from(select.options).findIndex(o => o.value === {value:?});"
    ));
    let index = index
        .as_u64()
        .unwrap_or_else(|| panic!("#{select} offers no {value:?}"));
    browser.press(&format!("{HOME}{}", ARROW_DOWN.repeat(index as usize)));
    browser.wait_for(&format!(
        "return document.getElementById({select:?}).value === {value:?}"
    ));
}

/// Ticks or unticks the 必須 box by clicking it.
fn set_required(browser: &Browser, checked: bool) {
    browser.click("#filter-required");
    browser.wait_for(&format!(
        "return document.getElementById('filter-required').checked === {checked}"
    ));
}

/// Clicks a column's sort button (`name`, `credits`, …).
fn click_header(browser: &Browser, key: &str) {
    browser.click(&format!(
        "#meetings-table th[data-sort='{key}'] .sort-button"
    ));
}

/// The filter's controls as the page shows them.
#[derive(Debug, Deserialize, PartialEq)]
struct Controls {
    q: String,
    category: String,
    region: String,
    credits: String,
    required: bool,
}

impl Controls {
    fn cleared() -> Controls {
        Controls {
            q: String::new(),
            category: String::new(),
            region: String::new(),
            credits: String::new(),
            required: false,
        }
    }
}

#[derive(Debug, Deserialize)]
struct Section {
    /// The id of its heading, the target of its jump link.
    anchor: String,
    shown: bool,
    /// Its meetings' ids, in the order of its rows, shown or not.
    ids: Vec<String>,
    /// How many of its rows are shown.
    shown_rows: usize,
}

/// What the table shows now.
#[derive(Debug, Deserialize)]
struct TableState {
    /// The ids of the rows shown (rendered, not only unhidden), top to bottom.
    shown: Vec<String>,
    /// Rows marked hidden that are laid out all the same.
    hidden_but_displayed: Vec<String>,
    /// The `display` of the rows shown, each value once.
    shown_displays: Vec<String>,
    sections: Vec<Section>,
    /// Whether the body of sorted rows is shown, and how many rows it has.
    sorted_shown: bool,
    sorted_rows: usize,
    /// `key:aria-sort` of each header that has the attribute.
    aria_sort: Vec<String>,
    count: String,
    none_shown: bool,
    search: String,
    hash: String,
    controls: Controls,
}

const STATE_SCRIPT: &str = "
    var table = document.getElementById('meetings-table');
    var form = document.getElementById('meetings-filter');
    function shown(node) { return node.getClientRects().length > 0; }
    function id(row) {
      var parts = row.querySelector('th a').getAttribute('href').split('/').filter(Boolean);
      return parts[parts.length - 1];
    }
    function meetingRows(root) { return Array.from(root.querySelectorAll('tr[data-order]')); }
    var rows = meetingRows(table);
    var sorted = table.querySelector('tbody.sorted-rows');
    var displays = [];
    rows.filter(shown).forEach(function (row) {
      var display = getComputedStyle(row).display;
      if (displays.indexOf(display) < 0) { displays.push(display); }
    });
    var region = form.elements.namedItem('region');
    return {
      shown: rows.filter(shown).map(id),
      hidden_but_displayed: rows.filter(function (row) { return row.hidden && getComputedStyle(row).display !== 'none'; }).map(id),
      shown_displays: displays,
      sections: Array.from(table.tBodies).filter(function (body) { return body !== sorted; }).map(function (body) {
        return {
          anchor: body.querySelector('.section-row th').id,
          shown: shown(body),
          ids: meetingRows(body).map(id),
          shown_rows: meetingRows(body).filter(shown).length,
        };
      }),
      sorted_shown: sorted ? shown(sorted) : false,
      sorted_rows: sorted ? sorted.rows.length : 0,
      aria_sort: Array.from(table.tHead.rows[0].cells).filter(function (th) { return th.hasAttribute('aria-sort'); })
        .map(function (th) { return th.dataset.sort + ':' + th.getAttribute('aria-sort'); }),
      count: document.getElementById('filter-count').textContent,
      none_shown: shown(document.getElementById('filter-none')),
      search: location.search,
      hash: location.hash,
      controls: {
        q: form.elements.namedItem('q').value,
        category: form.elements.namedItem('category').value,
        region: region ? region.value : '',
        credits: form.elements.namedItem('credits').value,
        required: form.elements.namedItem('required').checked,
      },
    };";

fn read_state(browser: &Browser) -> TableState {
    serde_json::from_value(browser.eval(STATE_SCRIPT)).expect("the table's state")
}

/// The address's query as pairs, in order.
fn query_pairs(search: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

/// A query for an address, each value percent-encoded.
fn encoded(query: &[(&str, &str)]) -> String {
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in query {
        serializer.append_pair(key, value);
    }
    format!("?{}", serializer.finish())
}

/// Checks that the table shows exactly `expected` (ids in order) and that
/// the rest of the page agrees: hidden rows not laid out, the status line,
/// the notice for no match, sections shown exactly when they hold a shown
/// row (or, sorted, all rows in the one sorted body).
fn assert_shows(browser: &Browser, lang: &str, expected: &[String], context: &str) -> TableState {
    let state = read_state(browser);
    if state.shown != expected {
        let extra: Vec<&String> = state
            .shown
            .iter()
            .filter(|id| !expected.contains(id))
            .collect();
        let missing: Vec<&String> = expected
            .iter()
            .filter(|id| !state.shown.contains(id))
            .collect();
        panic!(
            "{context}: {} rows shown, {} expected; shown but not expected: {:?}; expected but not shown: {:?}; the first ones shown: {:?}; expected: {:?}",
            state.shown.len(),
            expected.len(),
            &extra[..extra.len().min(8)],
            &missing[..missing.len().min(8)],
            &state.shown[..state.shown.len().min(12)],
            &expected[..expected.len().min(12)],
        );
    }
    assert_eq!(
        state.hidden_but_displayed,
        Vec::<String>::new(),
        "{context}: rows marked hidden but laid out"
    );
    assert_eq!(
        state.count,
        count_text(lang, expected.len()),
        "{context}: the status line"
    );
    assert_eq!(
        state.none_shown,
        expected.is_empty(),
        "{context}: the notice for no match"
    );
    if state.aria_sort.is_empty() {
        assert!(
            !state.sorted_shown && state.sorted_rows == 0,
            "{context}: unsorted, yet {} rows in the sorted body (shown: {})",
            state.sorted_rows,
            state.sorted_shown
        );
        for section in &state.sections {
            assert_eq!(
                section.shown,
                section.shown_rows > 0,
                "{context}: section {} is shown {} with {} rows shown",
                section.anchor,
                section.shown,
                section.shown_rows
            );
        }
    } else {
        assert!(
            state.sorted_shown || expected.is_empty(),
            "{context}: sorted, yet the sorted body is not shown"
        );
        assert_eq!(
            state.sorted_rows,
            meetings().len(),
            "{context}: sorted rows"
        );
        let shown: Vec<&str> = state
            .sections
            .iter()
            .filter(|section| section.shown)
            .map(|section| section.anchor.as_str())
            .collect();
        assert!(
            shown.is_empty(),
            "{context}: sorted, yet sections shown: {shown:?}"
        );
    }
    state
}

/// Checks that the rows are back in their sections in catalog order, with
/// no header sorting.
fn assert_catalog_order(state: &TableState, context: &str) {
    let sections: Vec<Vec<String>> = state.sections.iter().map(|s| s.ids.clone()).collect();
    assert_eq!(
        sections,
        catalog_sections(),
        "{context}: the rows of each section"
    );
    assert_eq!(
        state.aria_sort,
        Vec::<String>::new(),
        "{context}: aria-sort"
    );
    assert_eq!(
        state.sorted_rows, 0,
        "{context}: rows left in the sorted body"
    );
}

/// The first two neighbouring rows shown whose names are out of order by
/// the page language's collation (`descending` for the other way), or null.
fn name_disorder(browser: &Browser, descending: bool) -> serde_json::Value {
    browser.eval(&format!(
        "var collator = new Intl.Collator(document.documentElement.lang, {{ numeric: true }});
         var names = Array.from(document.querySelectorAll('#meetings-table tr[data-order]'))
           .filter(function (row) {{ return row.getClientRects().length > 0; }})
           .map(function (row) {{ return row.cells[0].querySelector('a').textContent.trim(); }});
         for (var i = 1; i < names.length; i++) {{
           var order = collator.compare(names[i - 1], names[i]);
           if ({descending} ? order < 0 : order > 0) {{ return [names[i - 1], names[i]]; }}
         }}
         return null;"
    ))
}

fn assert_no_console_errors(browser: &Browser, context: &str) {
    assert_eq!(
        browser.console_errors(),
        Vec::<String>::new(),
        "{context}: console errors"
    );
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn typing_shows_exactly_the_meetings_whose_names_hold_every_word() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    let cases = [
        ("ja", "核医学"),
        // Full-width letters find the names written "IVR".
        ("ja", "ＩＶＲ"),
        ("en", "Tokyo"),
        // Two words: both, in any of the names, in either language.
        ("en", "kanto 地方会"),
        ("en", "regional MEETING"),
    ];
    for (lang, query) in cases {
        let context = format!("{lang} {query:?}");
        let expected = ids_where(|m| names_hold(m, query));
        assert!(
            !expected.is_empty() && expected.len() < meetings().len(),
            "{context}: the catalog gives {} matches, a test needs some but not all",
            expected.len()
        );
        open(&browser, lang, "");
        type_query(&browser, query);
        let state = assert_shows(&browser, lang, &expected, &context);
        assert_eq!(
            query_pairs(&state.search),
            pairs(&[("q", query)]),
            "{context}: the address"
        );
        // Enter neither submits nor reloads: the page and the filter stay.
        browser.eval("window.stillThisPage = true");
        browser.type_into("#filter-q", ENTER);
        let state = assert_shows(&browser, lang, &expected, &format!("{context}, Enter"));
        assert_eq!(
            browser.eval("return window.stillThisPage === true"),
            true,
            "{context}: Enter loaded another page: {}",
            browser.url()
        );
        assert_eq!(
            query_pairs(&state.search),
            pairs(&[("q", query)]),
            "{context}: the address after Enter"
        );
        assert_eq!(state.controls.q, query, "{context}: the box");
        assert_no_console_errors(&browser, &context);
    }
    // The full-width query matched names written in ASCII capitals.
    let ivr = ids_where(|m| names_hold(m, "ＩＶＲ"));
    assert!(
        meetings()
            .iter()
            .filter(|m| ivr.contains(&m.id))
            .any(|m| m.name.ja.contains("IVR")),
        "no name with IVR among {ivr:?}"
    );
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn each_select_and_the_required_box_show_exactly_the_catalogs_meetings() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", "");
    assert_catalog_order(&read_state(&browser), "at first");
    assert_shows(&browser, "ja", &all_ids(), "at first");

    let offered = |select: &str| -> Vec<String> {
        serde_json::from_value(browser.eval(&format!(
            "return Array.from(document.getElementById({select:?}).options).map(o => o.value).filter(Boolean)"
        )))
        .unwrap()
    };
    let categories: Vec<u8> = real_site()
        .catalog
        .categories
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(
        offered("filter-category"),
        categories.iter().map(u8::to_string).collect::<Vec<_>>()
    );
    assert_eq!(offered("filter-region"), region_ids());
    let mut credits: Vec<String> = credit_values().iter().map(u32::to_string).collect();
    if meetings().iter().any(|m| m.credits.is_none()) {
        credits.push("none".to_string());
    }
    assert_eq!(offered("filter-credits"), credits);

    for category in categories {
        let value = category.to_string();
        choose(&browser, "filter-category", &value);
        let expected = ids_where(|m| m.category == category);
        let state = assert_shows(&browser, "ja", &expected, &format!("category {value}"));
        assert_eq!(query_pairs(&state.search), pairs(&[("category", &value)]));
    }
    choose(&browser, "filter-category", "");
    assert_shows(&browser, "ja", &all_ids(), "any category");

    for region in region_ids() {
        choose(&browser, "filter-region", &region);
        let expected = ids_where(|m| m.region.as_deref() == Some(region.as_str()));
        assert!(!expected.is_empty(), "region {region} has no meeting");
        let state = assert_shows(&browser, "ja", &expected, &format!("region {region}"));
        assert_eq!(query_pairs(&state.search), pairs(&[("region", &region)]));
    }
    choose(&browser, "filter-region", "");

    for value in &credits {
        choose(&browser, "filter-credits", value);
        let expected = ids_where(|m| match m.credits {
            Some(credits) => credits.to_string() == *value,
            None => value == "none",
        });
        assert!(!expected.is_empty(), "credits {value}: no meeting");
        let state = assert_shows(&browser, "ja", &expected, &format!("credits {value}"));
        assert_eq!(query_pairs(&state.search), pairs(&[("credits", value)]));
    }
    choose(&browser, "filter-credits", "");

    set_required(&browser, true);
    let required = ids_where(|m| m.required);
    assert!(!required.is_empty() && required.len() < meetings().len());
    let state = assert_shows(&browser, "ja", &required, "required");
    assert_eq!(query_pairs(&state.search), pairs(&[("required", "1")]));
    set_required(&browser, false);
    let state = assert_shows(&browser, "ja", &all_ids(), "required unticked");
    assert_eq!(state.search, "");
    assert_catalog_order(&state, "required unticked");
    assert_no_console_errors(&browser, "selects");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn filters_combine_and_a_combination_without_a_match_says_so() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "en", "");
    let region = region_ids()[0].clone();
    let region_category = meetings()
        .iter()
        .find(|m| m.region.as_deref() == Some(region.as_str()))
        .unwrap()
        .category;
    // The region and a credit value its meetings have: some, not all, of it.
    let in_region = |m: &Meeting| m.region.as_deref() == Some(region.as_str());
    let credits = meetings()
        .iter()
        .filter(|m| in_region(m))
        .find_map(|m| m.credits)
        .expect("a credit value in the region");
    choose(&browser, "filter-category", &region_category.to_string());
    choose(&browser, "filter-region", &region);
    choose(&browser, "filter-credits", &credits.to_string());
    let expected = ids_where(|m| in_region(m) && m.credits == Some(credits));
    assert!(!expected.is_empty());
    let state = assert_shows(&browser, "en", &expected, "category, region and credits");
    assert_eq!(
        query_pairs(&state.search),
        pairs(&[
            ("category", &region_category.to_string()),
            ("region", &region),
            ("credits", &credits.to_string()),
        ])
    );

    // Another category with the region: no meeting, and the page says so.
    let other = real_site()
        .catalog
        .categories
        .iter()
        .map(|c| c.id)
        .find(|&id| id != region_category)
        .unwrap();
    choose(&browser, "filter-category", &other.to_string());
    let state = assert_shows(&browser, "en", &[], "a category with another's region");
    assert!(
        state.sections.iter().all(|section| !section.shown),
        "sections shown without a row"
    );
    // A name no meeting has, alone.
    choose(&browser, "filter-category", "");
    choose(&browser, "filter-region", "");
    choose(&browser, "filter-credits", "");
    assert_shows(&browser, "en", &all_ids(), "no filter");
    type_query(&browser, "zzqqxx");
    assert_shows(&browser, "en", &[], "a name no meeting has");
    assert_no_console_errors(&browser, "combined filters");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_credits_header_sorts_up_then_down_then_back_to_the_catalogs_order() {
    if !browser::available() {
        return;
    }
    assert!(
        meetings().iter().any(|m| m.credits.is_none()),
        "the catalog has no meeting without credits: the test of their place is void"
    );
    let browser = Browser::start(1280, 900);
    open(&browser, "en", "");

    click_header(&browser, "credits");
    let state = assert_shows(&browser, "en", &by_credits(|_| true, false), "ascending");
    assert_eq!(state.aria_sort, vec!["credits:ascending"]);
    assert_eq!(query_pairs(&state.search), pairs(&[("sort", "credits")]));

    click_header(&browser, "credits");
    let state = assert_shows(&browser, "en", &by_credits(|_| true, true), "descending");
    assert_eq!(state.aria_sort, vec!["credits:descending"]);
    assert_eq!(
        query_pairs(&state.search),
        pairs(&[("sort", "credits-desc")])
    );

    // Sorted and filtered: the filter applies to the sorted rows.
    set_required(&browser, true);
    assert_shows(
        &browser,
        "en",
        &by_credits(|m| m.required, true),
        "descending, required only",
    );
    set_required(&browser, false);

    click_header(&browser, "credits");
    let state = assert_shows(&browser, "en", &all_ids(), "third click");
    assert_catalog_order(&state, "third click");
    assert_eq!(state.search, "");
    assert_no_console_errors(&browser, "credits sort");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_other_headers_sort_by_their_column() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    for lang in ["ja", "en"] {
        open(&browser, lang, "");
        click_header(&browser, "name");
        let state = read_state(&browser);
        assert_eq!(state.shown.len(), meetings().len(), "{lang}: by name");
        assert_eq!(state.aria_sort, vec!["name:ascending"]);
        assert_eq!(
            name_disorder(&browser, false),
            serde_json::Value::Null,
            "{lang}: by name, ascending"
        );
        click_header(&browser, "name");
        assert_eq!(
            name_disorder(&browser, true),
            serde_json::Value::Null,
            "{lang}: by name, descending"
        );
        assert_no_console_errors(&browser, lang);
    }

    // 必須 first, each part in catalog order; by category, ties in catalog order.
    open(&browser, "en", "");
    click_header(&browser, "required");
    let mut expected = ids_where(|m| m.required);
    expected.extend(ids_where(|m| !m.required));
    let state = assert_shows(&browser, "en", &expected, "by required");
    assert_eq!(state.aria_sort, vec!["required:ascending"]);
    click_header(&browser, "category");
    let mut by_category: Vec<(usize, &Meeting)> = meetings().iter().enumerate().collect();
    by_category.sort_by_key(|&(order, m)| (Reverse(m.category), order));
    click_header(&browser, "category");
    let expected: Vec<String> = by_category.iter().map(|(_, m)| m.id.clone()).collect();
    let state = assert_shows(&browser, "en", &expected, "by category, descending");
    assert_eq!(state.aria_sort, vec!["category:descending"]);
    assert_eq!(
        query_pairs(&state.search),
        pairs(&[("sort", "category-desc")])
    );
    assert_no_console_errors(&browser, "other headers");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_shared_address_brings_back_the_filter_and_the_sort() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    let region = "kanto";
    let category = meetings()
        .iter()
        .find(|m| m.region.as_deref() == Some(region))
        .expect("a meeting in Kanto")
        .category
        .to_string();
    let word = "radiology";
    let keep = |m: &Meeting| {
        m.region.as_deref() == Some(region)
            && m.category.to_string() == category
            && names_hold(m, word)
    };
    let expected = by_credits(keep, true);
    assert!(!expected.is_empty(), "no meeting in the shared list");
    let shared = [
        ("q", word),
        ("category", category.as_str()),
        ("region", region),
        ("sort", "credits-desc"),
    ];
    open(&browser, "en", &encoded(&shared));
    let state = assert_shows(&browser, "en", &expected, "shared");
    assert_eq!(
        state.controls,
        Controls {
            q: word.to_string(),
            category: category.clone(),
            region: region.to_string(),
            ..Controls::cleared()
        }
    );
    assert_eq!(state.aria_sort, vec!["credits:descending"]);
    assert_eq!(query_pairs(&state.search), pairs(&shared));

    // One more filter keeps the rest in the address.
    choose(&browser, "filter-credits", "2");
    let state = assert_shows(
        &browser,
        "en",
        &by_credits(|m| keep(m) && m.credits == Some(2), true),
        "shared, then 2 credits",
    );
    assert_eq!(
        query_pairs(&state.search),
        pairs(&[
            ("q", word),
            ("category", category.as_str()),
            ("region", region),
            ("credits", "2"),
            ("sort", "credits-desc"),
        ])
    );
    assert_no_console_errors(&browser, "shared");

    // 必須 and a Japanese word, sorted by credits ascending.
    let shared = [("q", "学会"), ("required", "1"), ("sort", "credits")];
    open(&browser, "ja", &encoded(&shared));
    let expected = by_credits(|m| m.required && names_hold(m, "学会"), false);
    assert!(!expected.is_empty());
    let state = assert_shows(&browser, "ja", &expected, "shared, required");
    assert!(state.controls.required);
    assert_eq!(state.controls.q, "学会");
    assert_eq!(state.aria_sort, vec!["credits:ascending"]);
    assert_no_console_errors(&browser, "shared, required");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn values_the_page_does_not_offer_are_left_out_of_a_shared_address() {
    if !browser::available() {
        return;
    }
    assert!(!meetings().iter().any(|m| m.category == 99));
    assert!(!meetings().iter().any(|m| m.credits == Some(7)));
    assert!(!region_ids().iter().any(|r| r == "atlantis"));
    let browser = Browser::start(1280, 900);
    open(
        &browser,
        "en",
        "?category=99&region=atlantis&credits=7&required=yes&sort=bogus",
    );
    let state = assert_shows(&browser, "en", &all_ids(), "unknown values");
    assert_eq!(state.controls, Controls::cleared());
    assert_catalog_order(&state, "unknown values");
    assert_no_console_errors(&browser, "unknown values");

    // A known value beside unknown ones still applies.
    open(&browser, "en", "?category=99&region=kanto&sort=name-up");
    let expected = ids_where(|m| m.region.as_deref() == Some("kanto"));
    let state = assert_shows(&browser, "en", &expected, "kanto beside unknown values");
    assert_eq!(state.controls.category, "");
    assert_eq!(state.controls.region, "kanto");
    assert_eq!(state.aria_sort, Vec::<String>::new());
    assert_no_console_errors(&browser, "kanto beside unknown values");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_reset_button_clears_every_filter_and_the_sort() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", "?category=9&credits=2&sort=credits-desc");
    type_query(&browser, "研究会");
    set_required(&browser, true);
    let expected = by_credits(
        |m| m.category == 9 && m.credits == Some(2) && m.required && names_hold(m, "研究会"),
        true,
    );
    let state = assert_shows(&browser, "ja", &expected, "before the reset");
    assert_eq!(state.aria_sort, vec!["credits:descending"]);

    browser.click("#filter-reset");
    browser.wait_for("return location.search === ''");
    let state = assert_shows(&browser, "ja", &all_ids(), "after the reset");
    assert_eq!(state.controls, Controls::cleared());
    assert_catalog_order(&state, "after the reset");
    assert!(
        browser.url().ends_with("/ja/meetings/"),
        "{}",
        browser.url()
    );
    assert_no_console_errors(&browser, "reset");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_jump_link_to_a_hidden_section_shows_the_whole_table_again() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    let region = "kanto";
    let anchor = format!("group-{region}");
    let link = format!(".jump-links a[href='#{anchor}']");

    // A filter that keeps the section: the link only scrolls.
    let category = meetings()
        .iter()
        .find(|m| m.region.as_deref() == Some(region))
        .unwrap()
        .category;
    open(&browser, "ja", &format!("?category={category}"));
    browser.click(&link);
    browser.wait_for(&format!("return location.hash === '#{anchor}'"));
    let state = assert_shows(
        &browser,
        "ja",
        &ids_where(|m| m.category == category),
        "a link to a shown section",
    );
    assert_eq!(state.controls.category, category.to_string());

    // A filter that hides it, and a sort: the link clears both.
    let other = meetings().iter().find(|m| m.category != category).unwrap();
    open(
        &browser,
        "ja",
        &format!("?category={}&sort=credits", other.category),
    );
    let state = read_state(&browser);
    assert!(
        state
            .sections
            .iter()
            .all(|section| section.anchor != anchor || !section.shown),
        "the section is shown before the link"
    );
    browser.click(&link);
    browser.wait_for(&format!("return location.hash === '#{anchor}'"));
    let state = assert_shows(&browser, "ja", &all_ids(), "after the link");
    assert_catalog_order(&state, "after the link");
    assert_eq!(state.controls, Controls::cleared());
    assert_eq!(state.search, "");
    assert_eq!(state.hash, format!("#{anchor}"));
    assert!(state
        .sections
        .iter()
        .any(|section| section.anchor == anchor && section.shown));
    // The section's heading is in the window.
    let in_view = browser.wait_for(&format!(
        "var rect = document.getElementById('{anchor}').getBoundingClientRect();
         return rect.height > 0 && rect.top >= 0 && rect.bottom <= innerHeight;"
    ));
    assert_eq!(in_view, true);
    assert_no_console_errors(&browser, "jump link");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn on_a_phone_the_rows_are_cards_and_filtered_out_cards_stay_hidden() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(390, 844);
    open(&browser, "ja", "");
    let state = assert_shows(&browser, "ja", &all_ids(), "phone");
    assert_eq!(state.shown_displays, vec!["flex"], "phone: rows as cards");

    type_query(&browser, "地方会");
    let expected = ids_where(|m| names_hold(m, "地方会"));
    assert!(!expected.is_empty() && expected.len() < meetings().len());
    let state = assert_shows(&browser, "ja", &expected, "phone, 地方会");
    assert_eq!(state.shown_displays, vec!["flex"]);
    let hidden_displays = browser.eval(
        "var seen = [];
         document.querySelectorAll('#meetings-table tr[data-order][hidden], #meetings-table tbody[hidden]').forEach(function (node) {
           var display = getComputedStyle(node).display;
           if (seen.indexOf(display) < 0) { seen.push(display); }
         });
         return seen;",
    );
    assert_eq!(hidden_displays, serde_json::json!(["none"]));

    set_required(&browser, true);
    let expected = ids_where(|m| m.required && names_hold(m, "地方会"));
    assert_shows(&browser, "ja", &expected, "phone, 地方会, required");
    click_header(&browser, "credits");
    click_header(&browser, "credits");
    let state = assert_shows(
        &browser,
        "ja",
        &by_credits(|m| m.required && names_hold(m, "地方会"), true),
        "phone, sorted",
    );
    assert_eq!(state.aria_sort, vec!["credits:descending"]);

    browser.click("#filter-reset");
    browser.wait_for("return location.search === ''");
    let state = assert_shows(&browser, "ja", &all_ids(), "phone, reset");
    assert_catalog_order(&state, "phone, reset");
    assert_no_console_errors(&browser, "phone");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn without_the_script_the_filter_form_is_not_shown() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", "");
    // The form the page renders hidden, as it is before the script (or
    // without it): hidden must win over the form's own display.
    let display = browser.eval(
        "var form = document.getElementById('meetings-filter');
         form.hidden = true;
         var display = getComputedStyle(form).display;
         form.hidden = false;
         return display;",
    );
    assert_eq!(display, "none", "a hidden #meetings-filter is laid out");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn going_back_brings_back_the_filter_of_the_earlier_address() {
    if !browser::available() {
        return;
    }
    let region = region_ids()[0].clone();
    let category = meetings()
        .iter()
        .find(|m| m.region.as_ref() == Some(&region))
        .unwrap()
        .category;
    let browser = Browser::start(1280, 900);
    open(&browser, "ja", "");
    // A jump link to a shown section adds an entry to the history; the
    // filter chosen then goes into that entry's address.
    browser.click(&format!(".jump-links a[href='#group-{region}']"));
    browser.wait_for(&format!("return location.hash === '#group-{region}'"));
    choose(&browser, "filter-category", &category.to_string());
    type_query(&browser, "核医学");
    let expected = ids_where(|m| m.category == category && names_hold(m, "核医学"));
    assert!(!expected.is_empty());
    assert_shows(&browser, "ja", &expected, "before going back");
    browser.eval("history.back()");
    browser.wait_for("return location.hash === ''");
    let state = assert_shows(
        &browser,
        "ja",
        &all_ids(),
        "back at the address without a filter",
    );
    assert_eq!(state.controls, Controls::cleared());
    browser.eval("history.forward()");
    browser.wait_for(&format!("return location.hash === '#group-{region}'"));
    let state = assert_shows(&browser, "ja", &expected, "forward again");
    assert_eq!(state.controls.category, category.to_string());
    assert_eq!(state.controls.q, "核医学");
    assert_no_console_errors(&browser, "history");
}
