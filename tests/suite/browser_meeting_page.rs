//! A meeting's page in a real browser (headless Chromium), printed: no
//! buttons, and under the content the site's disclaimer, the source line
//! and the page's own address, so that a sheet on its own says what it is
//! and where it came from.

use crate::common;

use common::browser::{self, site_url, Browser};

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_printed_meeting_page_has_no_buttons_and_keeps_the_disclaimer_the_source_and_its_address() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    for lang in ["ja", "en"] {
        browser.goto(&format!("{}/{lang}/meetings/rsna/", site_url()));
        let shown = |selector: &str| {
            browser.eval(&format!(
                "var node = document.querySelector({selector:?});
                 return node !== null && node.getClientRects().length > 0;"
            ))
        };
        // On screen: the button, no address line.
        assert_eq!(shown(".add-to-calculator"), true, "{lang}");
        assert_eq!(shown(".site-footer .print-url"), false, "{lang}");
        browser.emulate_print(true);
        for hidden in [
            ".add-to-calculator",
            ".site-header",
            ".lang-switch",
            ".site-footer .downloads",
        ] {
            assert_eq!(shown(hidden), false, "{lang}: {hidden} is printed");
        }
        assert_eq!(
            browser.eval(
                "return Array.from(document.querySelectorAll('button, .button'))
                   .filter(b => b.getClientRects().length > 0).length"
            ),
            0,
            "{lang}: a button is printed"
        );
        for kept in [".site-footer", ".site-footer .print-url", ".source pre"] {
            assert_eq!(shown(kept), true, "{lang}: {kept} is not printed");
        }
        let canonical = browser.eval("return document.querySelector('link[rel=canonical]').href");
        assert_eq!(
            browser.eval("return document.querySelector('.site-footer .print-url').textContent"),
            canonical,
            "{lang}"
        );
        assert!(canonical
            .as_str()
            .unwrap()
            .ends_with(&format!("/{lang}/meetings/rsna/")));
        let footer = browser.eval("return document.querySelector('.site-footer').innerText");
        let footer = footer.as_str().unwrap();
        let strings = &common::real_site().strings;
        let of = |key: &str| match lang {
            "ja" => strings.ja[key].clone(),
            _ => strings.en[key].clone(),
        };
        assert!(footer.contains(&of("footer_note")), "{lang}: {footer}");
        assert!(footer.contains(&of("footer_source")), "{lang}: {footer}");
        browser.emulate_print(false);
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
