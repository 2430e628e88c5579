//! The language switch in a real browser (headless Chromium): the twin page
//! opens with the reader's query and anchor, including what the page's
//! scripts wrote into the address after it loaded.

use crate::common;

use common::browser::{self, site_url, Browser};

/// Follows the switch on the page at `from` and waits for the twin page,
/// whose address must end with `expected`.
fn switch(browser: &Browser, from: &str, expected: &str) {
    // Back up to the header, as a reader would. (On the calculator, whose
    // date field holds the focus, chromedriver's click gives the window the
    // focus again, which scrolls back to the field and misses the link.)
    browser.eval("document.querySelector('a.lang-switch').focus(); window.scrollTo(0, 0)");
    browser.click("a.lang-switch");
    browser.wait_for(&format!(
        "return location.href.endsWith({expected:?}) && document.readyState === 'complete' ? true : null"
    ));
    assert!(
        browser.url().ends_with(expected),
        "{from}: {} does not end with {expected}",
        browser.url()
    );
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_switch_carries_the_query_and_the_anchor_to_the_twin_page() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);

    // A search's results: the twin page searches for the same words.
    browser.goto(&format!("{}/ja/search/?q=RSNA", site_url()));
    switch(&browser, "search", "/en/search/?q=RSNA");
    browser.wait_for("return document.getElementById('search-input').value === 'RSNA' || null");

    // An anchor both languages share.
    browser.goto(&format!("{}/en/rules/#postponement", site_url()));
    switch(&browser, "rules", "/ja/rules/#postponement");

    // A meeting page's "add to the calculator" link, then the switch.
    browser.goto(&format!("{}/ja/calculator/?add=rsna", site_url()));
    browser
        .wait_for("return document.getElementById('calculator').dataset.state === 'ready' || null");
    switch(&browser, "calculator", "/en/calculator/?add=rsna");

    // The table's filter, typed after the page loaded.
    browser.goto(&format!("{}/ja/meetings/", site_url()));
    browser.wait_for("return !document.getElementById('meetings-filter').hidden || null");
    browser.type_into("#filter-q", "rsna");
    browser.wait_for("return location.search === '?q=rsna' || null");
    switch(&browser, "meetings", "/en/meetings/?q=rsna");
    browser.wait_for("return document.getElementById('filter-q').value === 'rsna' || null");

    // A page with nothing to carry links to the plain twin.
    browser.goto(&format!("{}/ja/categories/", site_url()));
    switch(&browser, "categories", "/en/categories/");

    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
