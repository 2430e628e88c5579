//! One fixture site that holds every attack on the inputs at once
//! (tests/fixtures/hostile): `tanni check` refuses each at its place, in one
//! report, compared whole.

use crate::common;

use common::assert_reports;

#[test]
fn a_hostile_site_is_refused_at_every_place_it_attacks() {
    // Each attack of the fixture, in the order the checks read the files:
    // a base URL that runs script, characters spelled as escapes that hide
    // or reorder text, a name longer than any name, rules that would make
    // the engine allocate without end, page names that are no URL or take a
    // built-in page's place, and Markdown that would run script or load a
    // tracker.
    assert_reports(
        "hostile",
        r#"error: the base URL must start with https:// or http://, not `javascript:`
 --> site.toml:5:12
  |
5 | base_url = "javascript:alert(1)"
  |            ^^^^^^^^^^^^^^^^^^^^^

error: a control character U+0000 is not allowed in an input
 --> catalog/meetings/09.toml:5:15
  |
5 | name = { ja = "日本核医学会\u0000北日本地方会", en = "North Japan Regional Meeting \u202Eof the JSNM" }
  |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
help: remove the escape: such characters are invisible, or make text show in another order than it is stored

error: a bidirectional control character U+202E is not allowed in an input
 --> catalog/meetings/09.toml:5:42
  |
5 | name = { ja = "日本核医学会\u0000北日本地方会", en = "North Japan Regional Meeting \u202Eof the JSNM" }
  |                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
help: remove the escape: such characters are invisible, or make text show in another order than it is stored

error: an alias of `kanto-ivr-study-group` is 300 characters long; at most 200 are allowed
  --> catalog/meetings/09.toml:17:12
   |
17 | aliases = ["IVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVRIVR"]
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: period_years is 4294967295; it must be from 1 to 20
 --> catalog/rules.toml:2:16
  |
2 | period_years = 4294967295
  |                ^^^^^^^^^^

error: papers.cap_per_year is 100000000; it must be from 0 to 1000
  --> catalog/rules.toml:14:16
   |
14 | cap_per_year = 100000000
   |                ^^^^^^^^^

error: the page name `a b` is not a slug: it becomes the page's URL
 --> content/ja/a b.md:1:1
help: name the file with lowercase letters a-z, digits and `-` only, such as `renewal-faq.md`

error: the page name `search` is taken by a page every site has (/ja/search/)
 --> content/ja/search.md:1:1
help: these names are taken: categories, meetings, data-quality, search, calculator; give the page another name

error: the page name `a b` is not a slug: it becomes the page's URL
 --> content/en/a b.md:1:1
help: name the file with lowercase letters a-z, digits and `-` only, such as `renewal-faq.md`

error: the heading attribute `onclick` is not allowed: a heading may carry only an {#id} and {.class}es
 --> content/en/about.md:6:1
  |
6 | ## About this site {#what onclick=alert(1)}
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the link `javascript:alert(document.cookie)` uses `javascript:`; a link may be http, https, mailto or relative
 --> content/en/about.md:8:6
  |
8 | Read [the rules](javascript:alert(document.cookie)) or [this](data:text/html,<script>alert(1)</script>).
  |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the link `data:text/html,<script>alert(1)</script>` uses `data:`; a link may be http, https, mailto or relative
 --> content/en/about.md:8:56
  |
8 | Read [the rules](javascript:alert(document.cookie)) or [this](data:text/html,<script>alert(1)</script>).
  |                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the image `https://tracker.example/pixel.png` is not on the site: an image must be a relative path, since no request may leave the site
  --> content/en/about.md:10:1
   |
10 | ![a pixel](https://tracker.example/pixel.png)
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the page name `search` is taken by a page every site has (/en/search/)
 --> content/en/search.md:1:1
help: these names are taken: categories, meetings, data-quality, search, calculator; give the page another name

error: found 14 problems
"#,
    );
}
