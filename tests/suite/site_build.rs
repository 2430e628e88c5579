//! Building the real site: every page in both languages, links that resolve,
//! escaped text, byte-identical rebuilds, and two engines that agree.

use crate::common;

use std::collections::BTreeSet;
use std::fs;

use common::*;
use tanni::config::EngineKind;
use tanni::model::Lang;
use tanni::pipeline::{build, BuildOptions};

#[test]
fn building_the_real_catalog_gives_one_page_per_meeting_in_each_language() {
    let site = real_site();
    let output = real_output();
    assert!(
        site.catalog.meetings.len() > 400,
        "the whole seed list is in the catalog"
    );
    for lang in Lang::ALL {
        let pages: BTreeSet<&String> = output
            .keys()
            .filter(|path| path.starts_with(&format!("{}/meetings/", lang.code())))
            .filter(|path| !path.ends_with("/meetings/index.html"))
            .collect();
        assert_eq!(pages.len(), site.catalog.meetings.len(), "{lang:?}");
        for meeting in &site.catalog.meetings {
            let page = text(
                output,
                &format!("{}/meetings/{}/index.html", lang.code(), meeting.id),
            );
            // A name without kana or kanji is English: a Japanese page says
            // so; it leads with the meeting's Japanese name where it has one.
            let shown = match (lang, &meeting.japanese_name) {
                (Lang::Ja, Some(japanese)) => japanese,
                _ => meeting.name.get(lang),
            };
            let name = tanni::view::lang::name(shown, lang);
            let lang_attribute = name
                .lang
                .map(|written| format!(" lang=\"{written}\""))
                .unwrap_or_default();
            assert!(
                page.contains(&format!(
                    "<h1{lang_attribute}>{}</h1>",
                    tanni::render::template_engine::escape_html(&name.text)
                )),
                "{}",
                meeting.id
            );
        }
    }
}

/// Without scripts the table of every meeting is the whole catalog: one row
/// per meeting in the catalog's order, none hidden, each linking to its page
/// and carrying its credits; the filter form is hidden until its script runs.
#[test]
fn the_table_of_every_meeting_lists_the_whole_catalog_without_scripts() {
    let site = real_site();
    let output = real_output();
    for lang in Lang::ALL {
        let page = text(output, &format!("{}/meetings/index.html", lang.code()));
        assert!(page.contains("<form class=\"table-filter\" id=\"meetings-filter\""));
        let form = &page[page.find("id=\"meetings-filter\"").unwrap()..];
        assert!(
            form[..form.find('>').unwrap()].contains(" hidden"),
            "{lang:?}"
        );
        let rows: Vec<&str> = page.split("<tr data-order=").skip(1).collect();
        assert_eq!(rows.len(), site.catalog.meetings.len(), "{lang:?}");
        for (order, (row, meeting)) in rows.iter().zip(&site.catalog.meetings).enumerate() {
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(row.starts_with(&format!("\"{order}\"")), "{row}");
            assert!(!row.contains(" hidden"), "{row}");
            assert!(
                row.contains(&format!(
                    "href=\"../../{}/meetings/{}/\"",
                    lang.code(),
                    meeting.id
                )),
                "{lang:?} {}: {row}",
                meeting.id
            );
            let credits = meeting.credits.map(|c| c.to_string()).unwrap_or_default();
            assert!(
                row.contains(&format!("data-credits=\"{credits}\"")),
                "{row}"
            );
            assert!(
                row.contains(&format!("data-category=\"{}\"", meeting.category)),
                "{row}"
            );
        }
        // Category 9's regions each have a jump link to their section.
        let nine = site.catalog.category(9).unwrap();
        assert_eq!(nine.groups.len(), 6);
        for group in &nine.groups {
            let anchor = tanni::view::group_anchor(&group.id);
            assert!(
                page.contains(&format!("<a href=\"#{anchor}\">")),
                "{anchor}"
            );
            assert!(page.contains(&format!("id=\"{anchor}\"")), "{anchor}");
        }
    }
}

#[test]
fn every_page_of_both_languages_is_built() {
    let output = real_output();
    for path in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "data/catalog.json",
        "data/catalog.csv",
        "data/rules.json",
        "static/style.css",
    ] {
        assert!(output.contains_key(path), "{path}");
    }
    for lang in ["ja", "en"] {
        for page in [
            "",
            "rules/",
            "about/",
            "categories/",
            "meetings/",
            "data-quality/",
            "search/",
        ] {
            assert!(
                output.contains_key(&format!("{lang}/{page}index.html")),
                "{lang}/{page}"
            );
        }
        for category in 1..=10 {
            assert!(
                output.contains_key(&format!("{lang}/categories/{category}/index.html")),
                "{lang} category {category}"
            );
        }
    }
}

#[test]
fn every_page_links_to_its_twin_and_declares_it() {
    let output = real_output();
    for (path, bytes) in output
        .iter()
        .filter(|(path, _)| path.starts_with("ja/") || path.starts_with("en/"))
    {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        let (lang, other) = if path.starts_with("ja/") {
            ("ja", "en")
        } else {
            ("en", "ja")
        };
        assert!(
            html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")),
            "{path}"
        );
        let twin = format!("{other}/{}", &path[3..]);
        let switch = html
            .split("class=\"lang-switch\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path} has no language switcher"));
        assert_eq!(resolve(path, switch).0, twin, "{path}");
        let base = &real_site().config.base_url;
        let page_url = path.trim_end_matches("index.html");
        for alternate in [lang, other] {
            let expected = format!(
                "<link rel=\"alternate\" hreflang=\"{alternate}\" href=\"{base}{alternate}/{}\">",
                &page_url[3..]
            );
            assert!(html.contains(&expected), "{path} lacks {expected}");
        }
    }
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let output = real_output();
    let mut checked = 0;
    for (path, bytes) in output
        .iter()
        .filter(|(path, _)| path.ends_with(".html") && *path != "404.html")
    {
        let html = std::str::from_utf8(bytes).unwrap();
        for href in attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"))
        {
            if href.starts_with(&real_site().config.base_url) {
                continue; // canonical and alternate URLs: checked by the twin test
            }
            assert!(
                !href.contains("://") && !href.starts_with("//"),
                "{path} links out of the site: {href}"
            );
            let (target, fragment) = resolve(path, href);
            let target_text = text(output, &target);
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                assert!(
                    target_text.contains(&format!("id=\"{fragment}\"")),
                    "{path}: {href} names a missing anchor"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 10_000, "only {checked} links were checked");
}

#[test]
fn the_404_page_links_from_the_base_path() {
    let page = text(real_output(), "404.html");
    let base_path = real_site().config.base_path();
    for href in attribute_values(page, "href") {
        assert!(
            href.starts_with(base_path) || href.starts_with("https://"),
            "{href}"
        );
    }
}

#[test]
fn markup_in_catalog_text_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_real_site(&root);
    let file = root.join("catalog/meetings/01.toml");
    let original = fs::read_to_string(&file).unwrap();
    let name = "日本医学放射線学会総会";
    assert!(original.contains(&format!("ja = \"{name}\"")));
    let english = "Annual Meeting of the Japan Radiological Society";
    fs::write(
        &file,
        original
            .replacen(
                &format!("ja = \"{name}\""),
                "ja = \"<script>alert('x')</script> & <b>bold</b>\"",
                1,
            )
            .replacen(
                &format!("en = \"{english}\""),
                "en = \"\\\"><img src=x onerror=alert(1)> {{ 7*7 }}\"",
                1,
            ),
    )
    .unwrap();
    let out = dir.path().join("public");
    build(
        &root,
        &BuildOptions {
            output_dir: Some(out.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    let page = fs::read_to_string(out.join("ja/meetings/jrs-annual-meeting/index.html")).unwrap();
    assert!(
        page.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        ),
        "{page}"
    );
    // In an attribute, the quote that would end it is escaped too.
    assert!(
        page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}"),
        "{page}"
    );
    let category = fs::read_to_string(out.join("en/categories/1/index.html")).unwrap();
    assert!(category.contains("lang=\"en\""));
    // No page anywhere carries the markup as markup, or evaluates the
    // template syntax in a name.
    for (path, bytes) in read_tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for injected in ["<script>alert", "<b>bold", "<img src=x", "\"><img", " 49"] {
            assert!(!html.contains(injected), "{path} holds {injected:?}");
        }
    }
}

#[test]
fn text_in_the_other_language_is_marked_with_its_lang() {
    let output = real_output();
    for (path, marked) in [
        // An international meeting leads with the name Japanese readers
        // know it by, the source's English name beside it, marked English.
        ("ja/meetings/rsna/index.html", "<h1>北米放射線学会</h1>"),
        (
            "ja/meetings/rsna/index.html",
            "<p class=\"other-name\" lang=\"en\">Radiological Society of North America (RSNA)</p>",
        ),
        (
            "ja/categories/6/index.html",
            "lang=\"en\">International Congress of Radiology (ICR)</a>",
        ),
        ("en/meetings/snmmi/index.html", "<li lang=\"ja\">米国核医学会</li>"),
        // The English notes quote the Japanese source.
        (
            "en/data-quality/index.html",
            "two names, <span lang=\"ja\">鹿児島放射線治療研究会</span> and",
        ),
        (
            "ja/meetings/snmmi/index.html",
            "現名称を <span lang=\"en\">Society of Nuclear Medicine and Molecular Imaging (SNMMI)</span>、",
        ),
        (
            "en/rules/index.html",
            "as required (<span lang=\"ja\">必須</span>)",
        ),
    ] {
        assert!(text(output, path).contains(marked), "{path}: {marked}");
    }
}

#[test]
fn the_navigation_marks_its_entry_as_the_page_only_on_the_page_itself() {
    let output = real_output();
    for (path, entry, current) in [
        ("en/categories/index.html", "categories", "page"),
        ("en/categories/9/index.html", "categories", "true"),
        ("ja/meetings/rsna/index.html", "categories", "true"),
        ("ja/rules/index.html", "rules", "page"),
        ("en/calculator/index.html", "calculator", "page"),
        ("ja/data-quality/index.html", "data-quality", "page"),
    ] {
        let page = text(output, path);
        assert_eq!(attribute_values(page, "aria-current"), [current], "{path}");
        assert!(
            page.contains(&format!("/{entry}/\" aria-current=\"{current}\">")),
            "{path}"
        );
    }
    for path in ["ja/index.html", "en/search/index.html"] {
        assert!(attribute_values(text(output, path), "aria-current").is_empty());
    }
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let second = dir.path().join("second");
    for out in [&first, &second] {
        build(
            &repo_root(),
            &BuildOptions {
                output_dir: Some(out.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let (first, second) = (read_tree(&first), read_tree(&second));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

#[test]
fn tera_and_minijinja_render_every_file_identically() {
    let tera = real_output();
    let minijinja = rendered(EngineKind::Minijinja);
    assert_eq!(
        tera.keys().collect::<Vec<_>>(),
        minijinja.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in tera {
        assert!(
            bytes == &minijinja[path],
            "{path} differs between tera and minijinja"
        );
    }
}

#[test]
fn no_page_asks_for_anything_outside_the_site() {
    for (path, bytes) in real_output()
        .iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".css"))
    {
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("<script>") && !text.contains(" onclick=") && !text.contains(" onload="),
            "{path} has inline script"
        );
        assert!(
            !text.contains("@import") && !text.contains("url(http"),
            "{path} fetches from elsewhere"
        );
        if path.ends_with(".html") {
            assert!(
                text.contains("Content-Security-Policy"),
                "{path} has no CSP"
            );
        }
    }
}

#[test]
fn the_catalog_downloads_hold_every_meeting() {
    let output = real_output();
    let site = real_site();
    let json: serde_json::Value = serde_json::from_slice(&output["data/catalog.json"]).unwrap();
    let meetings = json["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), site.catalog.meetings.len());
    assert_eq!(json["categories"].as_array().unwrap().len(), 10);
    let first = &meetings[0];
    for field in [
        "id",
        "name",
        "former_names",
        "aliases",
        "category",
        "subcategory",
        "region",
        "credits",
        "required",
        "flags",
        "source",
    ] {
        assert!(
            first.get(field).is_some(),
            "catalog.json meetings lack `{field}`"
        );
    }
    assert_eq!(first["name"]["ja"], "日本医学放射線学会総会");
    assert_eq!(first["credits"], 15);
    assert!(
        meetings.iter().any(|m| m["credits"].is_null()),
        "meetings without a value have credits null"
    );

    let csv = &output["data/catalog.csv"];
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFid,name_ja,name_en,"),
        "the CSV starts with a BOM and its header"
    );
    let rows = std::str::from_utf8(csv).unwrap().lines().count();
    assert_eq!(rows, site.catalog.meetings.len() + 1);

    let rules: serde_json::Value = serde_json::from_slice(&output["data/rules.json"]).unwrap();
    assert_eq!(rules["total_credits"], 60);
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates() {
    let sitemap = text(real_output(), "sitemap.xml");
    let site = real_site();
    let base = &site.config.base_url;
    for meeting in &site.catalog.meetings {
        for lang in ["ja", "en"] {
            assert!(sitemap.contains(&format!("<loc>{base}{lang}/meetings/{}/</loc>", meeting.id)));
        }
    }
    assert!(sitemap.contains(&format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{base}en/rules/\"/>"
    )));
    assert!(text(real_output(), "robots.txt").contains(&format!("Sitemap: {base}sitemap.xml")));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_real_site(&root);
    let out = dir.path().join("public");
    let options = BuildOptions {
        output_dir: Some(out.clone()),
        ..Default::default()
    };
    build(&root, &options).unwrap();
    let before = read_tree(&out);
    fs::write(
        root.join("catalog/meetings/05.toml"),
        "[[meeting]]\nid = \"broken\"\nname = { ja = \"壊れた\" \n",
    )
    .unwrap();
    assert!(build(&root, &options).is_err());
    assert!(
        read_tree(&out) == before,
        "the output changed after a failed build"
    );
}

/// The calculator's page loads the whole core; every other page the search
/// alone, which leaves the calculator out and is the smaller by far.
#[test]
fn each_page_names_the_webassembly_module_it_needs() {
    let output = real_output();
    let whole = &output["static/tanni.wasm"];
    let search = &output["static/tanni-search.wasm"];
    let exports = |module: &[u8], name: &str| {
        module
            .windows(name.len())
            .any(|window| window == name.as_bytes())
    };
    assert!(exports(whole, "calc_ask") && exports(whole, "search_ask"));
    assert!(exports(search, "search_ask") && !exports(search, "calc_ask"));
    assert!(
        search.len() * 3 < whole.len() * 2,
        "search {} B, whole {} B",
        search.len(),
        whole.len()
    );
    // What every page's first search downloads: at most 250 KB (the
    // README's "What the search's module holds" says where it goes).
    assert!(
        search.len() <= 250_000,
        "tanni-search.wasm is {} B, more than 250,000",
        search.len()
    );
    for lang in ["ja", "en"] {
        for (page, module) in [
            ("", "tanni-search.wasm"),
            ("meetings/rsna/", "tanni-search.wasm"),
            ("search/", "tanni-search.wasm"),
            ("calculator/", "tanni.wasm"),
        ] {
            let html = text(output, &format!("{lang}/{page}index.html"));
            assert!(
                html.contains(&format!("\"module\":\"{module}\"")),
                "{lang}/{page} loads {module}"
            );
        }
    }
}

/// Every page says when its data last changed, the sitemap gives it as
/// `lastmod`, and a shared link's preview (OpenGraph) names the page and,
/// for a meeting, its credits.
#[test]
fn pages_carry_the_date_of_their_data_and_a_preview_for_shared_links() {
    let site = real_site();
    let output = real_output();
    let day = site.updated.to_string();
    for lang in Lang::ALL {
        let line = site
            .strings
            .get(lang, "updated_line")
            .replace("{date}", &day);
        let line = tanni::render::template_engine::escape_html(&line);
        for (path, bytes) in output
            .iter()
            .filter(|(path, _)| path.starts_with(&format!("{}/", lang.code())))
            .filter(|(path, _)| path.ends_with(".html"))
        {
            let page = std::str::from_utf8(bytes).unwrap();
            assert!(
                page.contains(&format!("<p class=\"updated\">{line}</p>")),
                "{path}"
            );
        }
        let page = text(output, &format!("{}/meetings/rsna/index.html", lang.code()));
        let rsna = site
            .catalog
            .meetings
            .iter()
            .find(|m| m.id == "rsna")
            .unwrap();
        let credits = site
            .strings
            .get(lang, "credits_many")
            .replace("{n}", &rsna.credits.unwrap().to_string());
        let description = page
            .split("<meta property=\"og:description\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert!(description.ends_with(&credits), "{lang:?}: {description}");
        assert!(page.contains(&format!(
            "<meta property=\"og:url\" content=\"{}{}/meetings/rsna/\">",
            site.config.base_url,
            lang.code()
        )));
    }
    let sitemap = text(output, "sitemap.xml");
    assert_eq!(
        sitemap.matches("<lastmod>").count(),
        sitemap.matches("<loc>").count()
    );
    assert_eq!(
        sitemap
            .matches(&format!("<lastmod>{day}</lastmod>"))
            .count(),
        sitemap.matches("<loc>").count()
    );
}

/// `SOURCE_DATE_EPOCH` sets the day the pages show, for a reproducible
/// build from a fresh checkout (whose files are all as new as the checkout).
#[test]
fn source_date_epoch_sets_the_day_the_pages_show() {
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["build", "--root"])
        .arg(repo_root())
        .arg("--output-dir")
        .arg(out.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let page = fs::read_to_string(out.path().join("en/index.html")).unwrap();
    assert!(page.contains("Data last changed: 2023-11-14."), "{page}");
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["check", "--root"])
        .arg(repo_root())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("SOURCE_DATE_EPOCH is `yesterday`"));
}

/// Japanese typography: no ASCII space after 。 (sentences follow each
/// other without one) and a full-width colon after Japanese text, on every
/// page; the source lines a meeting's page quotes verbatim (`<pre>`) are
/// left as the source has them.
#[test]
fn japanese_text_has_no_space_after_a_full_stop_and_full_width_colons() {
    let output = real_output();
    for (path, bytes) in output.iter().filter(|(path, _)| path.ends_with(".html")) {
        let page = std::str::from_utf8(bytes).unwrap();
        let mut text = String::new();
        for (index, part) in page.split("<pre").enumerate() {
            text.push_str(match (index, part.split_once("</pre>")) {
                (0, _) => part,
                (_, Some((_, after))) => after,
                (_, None) => "",
            });
        }
        assert!(!text.contains("。 "), "{path}: a space after 。");
        assert!(
            !text.contains("ダウンロード:"),
            "{path}: a half-width colon"
        );
    }
    assert!(text(output, "ja/index.html").contains("データのダウンロード：<a"));
}
