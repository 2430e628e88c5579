//! Random inputs against the loader, the Markdown pages and the renderer:
//! whatever a maintainer's files hold, the check either refuses it with
//! messages or the site renders, its indexes load, and searching for any
//! name answers. No input passes the check and then breaks the build or the
//! search; nothing panics.

use crate::common;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use tanni::config::EngineKind;
use tanni::content::parse_page;
use tanni::diagnostics::{Diagnostics, SourceFile};
use tanni::model::Lang;

// Markdown pages.

/// Pieces of Markdown that open and close what a page could abuse.
fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "# ",
            "## T {#a onclick=alert(1)}",
            "## U {#b .c}",
            "{#",
            "}",
            "{",
            "[a](",
            "](",
            "javascript:",
            "JaVa\tScript:",
            "data:text/html,",
            "vbscript:",
            "mailto:x@y",
            "https://example.org/",
            "//evil.example/",
            ")",
            "![i](",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "`",
            "```\n",
            "*",
            "_",
            "\n",
            "\n\n",
            " ",
            "    ",
            "|a|b|\n|-|-|\n",
            "&amp;",
            "&#106;avascript:",
            "<",
            ">",
            "\"",
            "'",
            "=",
            "[r]: ",
            "<https://example.org>",
            "<javascript:alert(1)>",
            "> ",
            "- ",
            "1. ",
            "&#x1b;",
            "&#x202E;",
            "&#0;",
            "&#x85;",
            "{#main}",
            "{#search-input}",
            "\\",
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Every attribute of every tag of an HTML text: (name, value).
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let mut rest = tag
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest);
        while let Some(eq) = rest.find('=') {
            let name = rest[..eq].trim().to_lowercase();
            let after = &rest[eq + 1..];
            let (value, next) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let end = after[1..].find(quote).map_or(after.len(), |i| i + 1);
                    (&after[1..end], after.get(end + 1..).unwrap_or(""))
                }
                _ => after.split_once(char::is_whitespace).unwrap_or((after, "")),
            };
            found.push((name, value.to_string()));
            rest = next;
        }
    }
    found
}

/// The scheme a browser would give a URL written in an attribute.
fn scheme(value: &str) -> Option<String> {
    let decoded = value
        .replace("&amp;", "&")
        .replace("&#x3A;", ":")
        .replace("&colon;", ":");
    let cleaned: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| scheme.to_ascii_lowercase())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_page_is_refused_at_a_place_or_renders_inert(body in markdown()) {
        let text = format!("+++\ntitle = \"T\"\ndescription = \"D\"\n+++\n\n{body}");
        let file = SourceFile::new("content/en/page.md", text.clone());
        let mut problems = Diagnostics::default();
        match parse_page(&file, "page", &mut problems) {
            Some(page) => {
                prop_assert!(problems.is_empty());
                let forbidden = page.html.chars().find(|&c| tanni::limits::is_forbidden(c));
                prop_assert!(forbidden.is_none(), "{forbidden:?} in {}", page.html);
                for (name, value) in attributes(&page.html) {
                    prop_assert!(!name.starts_with("on"), "{name}={value} in {}", page.html);
                    if name == "href" {
                        let scheme = scheme(&value);
                        prop_assert!(
                            scheme.as_deref().is_none_or(|s| ["http", "https", "mailto"].contains(&s)),
                            "href={value} in {}", page.html
                        );
                    }
                    if name == "src" {
                        prop_assert!(scheme(&value).is_none() && !value.starts_with("//"), "src={value}");
                    }
                }
            }
            None => {
                prop_assert!(!problems.is_empty());
                for problem in &problems.0 {
                    let location = problem.location.as_ref().expect("a page's problem has a place");
                    prop_assert!(location.line >= 1 && location.line <= text.lines().count() + 1);
                    let _ = problem.to_string();
                }
            }
        }
    }
}

// The catalog loader, and what the check lets through.

/// A small site whose meeting file each case rewrites.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| common::fixture_site(None)).path()
}

/// Text of any kind: scripts, markup, formulas, long words, stop words only.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,12}",
        "[a-zA-Z][a-zA-Z ]{0,20}",
        "[日本核医学会研究地方ｶﾞﾝﾏＲＳＮＡ]{1,10}",
        "[a-z0-9]{60,300}",
        Just("of the".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        Just("\"><img src=x onerror=alert(1)>".to_string()),
    ]
}

/// Mostly what the check accepts, sometimes what it must refuse.
fn valid_or<T: std::fmt::Debug + Clone + 'static>(
    valid: impl Strategy<Value = T> + 'static,
    wild: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![12 => valid, 1 => wild].boxed()
}

fn meeting(number: usize) -> impl Strategy<Value = toml::Table> {
    let placement = prop_oneof![
        Just((1_i64, None)),
        prop::sample::select(vec!["north", "kanto"]).prop_map(|r| (9, Some(r.to_string()))),
    ];
    let wild_placement = (any::<i64>(), prop::option::of("\\PC{0,6}"));
    (
        valid_or(Just(format!("m{number}")), "\\PC{0,8}"),
        (valid_or(any_text(), Just(String::new())), any_text()),
        valid_or(placement, wild_placement),
        valid_or(prop::option::of(1_i64..=15), prop::option::of(any::<i64>())),
        prop::collection::vec(any_text(), 0..3),
        valid_or(prop::collection::vec(any_text(), 1..3), Just(Vec::new())),
        any::<bool>(),
    )
        .prop_map(
            |(id, (ja, en), (category, region), credits, aliases, source, required)| {
                let mut table = toml::Table::new();
                table.insert("id".into(), id.into());
                let mut name = toml::Table::new();
                name.insert("ja".into(), ja.into());
                name.insert("en".into(), en.into());
                table.insert("name".into(), name.into());
                table.insert("category".into(), category.into());
                if let Some(region) = region {
                    table.insert("region".into(), region.into());
                }
                if let Some(credits) = credits {
                    table.insert("credits".into(), credits.into());
                }
                table.insert("required".into(), required.into());
                table.insert("aliases".into(), aliases.into());
                table.insert("source".into(), source.into());
                table
            },
        )
}

fn meeting_file() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (meeting(0), meeting(1), meeting(2)).prop_map(|(a, b, c)| {
            let meetings = vec![a, b, c];
            let mut document = toml::Table::new();
            document.insert(
                "meeting".into(),
                toml::Value::Array(meetings.into_iter().map(toml::Value::Table).collect()),
            );
            toml::to_string(&document).unwrap()
        }),
        1 => "\\PC{0,200}",
    ]
}

proptest! {
    // About a third of the cases pass the check and are rendered.
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn what_the_check_accepts_renders_and_every_name_is_searchable(file in meeting_file()) {
        let root = site();
        fs::write(root.join("catalog/meetings/09.toml"), &file).unwrap();
        match tanni::load::load_site(root) {
            Ok(site) => {
                let files = tanni::pipeline::render_site(&site, EngineKind::Tera)
                    .unwrap_or_else(|error| panic!("checked, then failed to render: {error:#}\n{file}"));
                prop_assert!(files.iter().any(|f| f.path == "data/catalog.csv"));
                let readings = tanni::search::meeting_readings(&site);
                for lang in Lang::ALL {
                    let index = tanni::search::build_index(&site, lang, &readings);
                    let searcher = index.searcher();
                    for meeting in &site.catalog.meetings {
                        let _ = searcher.search(meeting.name.get(lang), 10);
                        for alias in &meeting.aliases {
                            let _ = searcher.search(alias, 10);
                        }
                    }
                }
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                let _ = problems.to_string();
            }
        }
    }
}
