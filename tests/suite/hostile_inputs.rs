//! Inputs written to break the build, the search or a reader's browser or
//! spreadsheet. What `tanni check` accepts must build and be searchable, and
//! come out inert; what it cannot accept is refused with its place.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{fixture_site, read_tree, tanni_in};
use tanni::search::{LanguageIndex, LocalSearch};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_ok(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what}: exit {:?}\n{}",
        output.status.code(),
        stderr(output)
    );
}

/// Builds a site and returns its files.
fn built(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    assert_ok(&tanni_in(root, &["check"]), "check");
    assert_ok(&tanni_in(root, &["build"]), "build");
    read_tree(&root.join("public"))
}

/// Loads a built language index as the browser does.
fn load_index(files: &std::collections::BTreeMap<String, Vec<u8>>, lang: &str) -> LocalSearch {
    let prefix = format!("{lang}/");
    let search: Vec<(String, String)> = files
        .iter()
        .filter_map(|(path, bytes)| {
            let path = path.strip_prefix(&prefix)?;
            path.starts_with("search/")
                .then(|| (path.to_string(), String::from_utf8(bytes.clone()).unwrap()))
        })
        .collect();
    LanguageIndex::from_files(search).searcher()
}

/// The attribute names of a tag's text (`a href="…" class=x`), lowercased;
/// quoted values are skipped whole.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = tag.chars().peekable();
    // The tag name.
    while chars.next_if(|c| !c.is_whitespace()).is_some() {}
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/'))
                .collect();
        if name.is_empty() && chars.next().is_none() {
            return names;
        }
        if !name.is_empty() {
            names.push(name.to_lowercase());
        }
        if chars.next_if_eq(&'=').is_some() {
            match chars.next() {
                Some(quote @ ('"' | '\'')) => while chars.next().is_some_and(|c| c != quote) {},
                _ => while chars.next_if(|c| !c.is_whitespace()).is_some() {},
            }
        }
    }
}

#[test]
fn what_the_check_accepts_builds_searches_and_comes_out_inert() {
    let site = fixture_site(Some("hostile-accepted"));
    let files = built(site.path());

    // A 225-letter word and a 300-digit number: indexed, loadable, found.
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(5);
    let en = load_index(&files, "en");
    assert_eq!(en.search(&word, 5)[0].reference, "about/#what");
    let ja = load_index(&files, "ja");
    assert_eq!(
        ja.search(&"1234567890".repeat(30), 5)[0].reference,
        "about/#what"
    );
    let searched = tanni_in(site.path(), &["search", &word, "--lang", "en", "--json"]);
    assert_ok(&searched, "tanni search");
    assert!(String::from_utf8_lossy(&searched.stdout).contains("/en/about/#what"));

    // Markup in names, aliases, notes and Markdown is text on every page.
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for injected in ["<script>alert", "<img src=x", "<b>単位数", "javascript:"] {
            assert!(!html.contains(injected), "{path} holds {injected}");
        }
        // Every real tag's attributes: none is an event handler.
        for tag in html.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let names = attribute_names(tag);
            assert!(
                !names.iter().any(|name| name.starts_with("on")),
                "{path} has a tag with an event handler: {names:?}"
            );
        }
    }
    let about = String::from_utf8_lossy(&files["en/about/index.html"]);
    assert!(
        about.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{about}"
    );
    assert!(
        about.contains("<h2 id=\"what\" class=\"intro\">"),
        "{about}"
    );

    // Cells a spreadsheet would run as formulas are text.
    let csv = String::from_utf8(files["data/catalog.csv"].clone()).unwrap();
    let row = csv
        .lines()
        .find(|line| line.starts_with("jsnm-north-japan-regional-meeting,"))
        .unwrap();
    assert!(
        row.contains(r#""'=HYPERLINK(""https://evil.example/"",""詳細"")""#),
        "{row}"
    );
    assert!(row.contains(",'+81 Nuclear Medicine"), "{row}");
    assert!(row.contains(r#""'@SUM(A1:A9); -1+1;"#), "{row}");
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell starts a formula: {cell:?}"
            );
        }
    }
}

#[test]
fn an_alias_of_a_hundred_thousand_characters_is_refused_at_its_place() {
    let site = fixture_site(None);
    let file = site.path().join("catalog/meetings/09.toml");
    let text = fs::read_to_string(&file).unwrap();
    let alias = "x".repeat(100_000);
    fs::write(
        &file,
        text.replace(
            "source = [\"関東IVR研究会 3\"]",
            &format!("aliases = [\"{alias}\"]\nsource = [\"関東IVR研究会 3\"]"),
        ),
    )
    .unwrap();
    for command in [&["check"][..], &["build"], &["search", "x"]] {
        let output = tanni_in(site.path(), command);
        let printed = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {printed}");
        assert!(
            printed.contains("an alias of `kanto-ivr-study-group` is 100000 characters long; at most 200 are allowed")
                && printed.contains("--> catalog/meetings/09.toml:15:12"),
            "{command:?}:\n{}",
            &printed[..printed.len().min(400)]
        );
    }
}

#[test]
fn a_word_of_any_length_in_a_page_builds_and_is_found() {
    let site = fixture_site(None);
    let word = "a1".repeat(50_000);
    let page = site.path().join("content/en/about.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{text}\n{word}\n")).unwrap();
    let files = built(site.path());
    assert_eq!(
        load_index(&files, "en").search(&word, 3)[0].reference,
        "about/#what"
    );
    let output = tanni_in(site.path(), &["search", &word[..200], "--lang", "en"]);
    assert_ok(&output, "tanni search");
}

#[test]
fn a_content_page_may_not_take_a_built_in_pages_name() {
    let site = fixture_site(None);
    for lang in ["ja", "en"] {
        fs::write(
            site.path().join(format!("content/{lang}/calculator.md")),
            "+++\ntitle = \"x\"\ndescription = \"x\"\n+++\n\nx\n",
        )
        .unwrap();
    }
    let output = tanni_in(site.path(), &["build"]);
    let printed = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    for lang in ["ja", "en"] {
        assert!(
            printed.contains(&format!(
                "error: the page name `calculator` is taken by a page every site has (/{lang}/calculator/)\n --> content/{lang}/calculator.md:1:1"
            )),
            "{printed}"
        );
    }
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_base_url_that_is_not_an_http_url_is_refused_and_nothing_is_written() {
    let site = fixture_site(None);
    for url in [
        "https://tanni.example.org/\nSitemap: https://evil.example/sitemap.xml",
        "javascript:alert(1)//",
        "ftp://tanni.example.org/",
    ] {
        let output = tanni_in(site.path(), &["build", "--base-url", url]);
        let printed = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{url:?}: {printed}");
        assert!(printed.contains("error: --base-url: "), "{printed}");
        assert!(!site.path().join("public").exists());
    }
    assert_ok(
        &tanni_in(
            site.path(),
            &["build", "--base-url", "https://example.org/sub"],
        ),
        "a good base URL",
    );
    let robots = fs::read_to_string(site.path().join("public/robots.txt")).unwrap();
    assert_eq!(
        robots,
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sub/sitemap.xml\n"
    );
}

#[test]
fn control_and_bidi_characters_written_into_a_file_are_refused_at_their_place() {
    let site = fixture_site(None);
    let file = site.path().join("catalog/meetings/01.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("JRS総会", "JRS\u{0}総会")
            .replace("Autumn Clinical", "Autumn \u{202E}Clinical"),
    )
    .unwrap();
    let page = site.path().join("content/ja/about.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replace("最小の", "最小\u{2066}の")).unwrap();
    let output = tanni_in(site.path(), &["check"]);
    let printed = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    for (what, place) in [
        (
            "a control character U+0000",
            "catalog/meetings/01.toml:7:16",
        ),
        (
            "a bidirectional control character U+202E",
            "catalog/meetings/01.toml:12:47",
        ),
        (
            "a bidirectional control character U+2066",
            "content/ja/about.md:8:7",
        ),
    ] {
        let message = format!("error: {what} is not allowed in an input\n");
        let at = printed
            .find(&message)
            .unwrap_or_else(|| panic!("{what}:\n{printed}"));
        let next_line = printed[at + message.len()..].lines().next().unwrap();
        assert_eq!(next_line.trim(), format!("--> {place}"), "{printed}");
    }
    // The terminal is shown a stand-in, never the character itself.
    assert!(!printed.contains(['\u{0}', '\u{202E}', '\u{2066}']));
}

/// Appends text to a file of the site.
fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    let mut old = fs::read_to_string(&path).unwrap();
    old.push_str(text);
    fs::write(path, old).unwrap();
}

fn replace_in(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let old = fs::read_to_string(&path).unwrap();
    assert!(old.contains(from), "{file} has no {from:?}");
    fs::write(path, old.replace(from, to)).unwrap();
}

#[test]
fn what_would_break_a_build_is_refused_by_the_check_first() {
    type Edit = fn(&Path);
    let cases: [(&str, Edit, &str); 13] = [
        (
            "an id too long for a folder name",
            |root| {
                replace_in(
                    root,
                    "catalog/meetings/09.toml",
                    "id = \"kanto-ivr-study-group\"",
                    &format!("id = \"{}\"", "a".repeat(256)),
                )
            },
            "is 256 characters long; at most 100 are allowed\n  --> catalog/meetings/09.toml:10:6",
        ),
        (
            "a template that does not parse",
            |root| append(root, "themes/default/templates/meeting.html", "{{ oops"),
            "error: Failed to parse 'meeting.html'",
        ),
        (
            "templates that include each other",
            |root| {
                append(
                    root,
                    "themes/default/templates/search_box.html",
                    "{% include \"search_box.html\" %}",
                )
            },
            "error: the templates use each other in a circle: search_box.html → search_box.html",
        ),
        (
            "a template removed",
            |root| fs::remove_file(root.join("themes/default/templates/meeting.html")).unwrap(),
            "meeting.html",
        ),
        (
            "a static file that is the build's own",
            |root| fs::write(root.join("themes/default/static/tanni.wasm"), "x").unwrap(),
            "static/tanni.wasm is written by the build itself",
        ),
        (
            "a static file name that is no URL",
            |root| fs::write(root.join("themes/default/static/a\\b.css"), "x").unwrap(),
            "holds a backslash",
        ),
        (
            "the static folder a file",
            |root| {
                let folder = root.join("themes/default/static");
                fs::remove_dir_all(&folder).unwrap();
                fs::write(folder, "x").unwrap();
            },
            "the theme needs a folder themes/default/static",
        ),
        (
            "a theme outside themes/",
            |root| replace_in(root, "site.toml", "theme = \"default\"", "theme = \"/tmp/evil\""),
            "the theme `/tmp/evil` is not a folder name under themes/",
        ),
        (
            "control characters as Markdown character references",
            |root| append(root, "content/en/about.md", "\nA &#x1b;]0;pwned&#x7; and &#x202E;txet.\n"),
            "a control character U+001B, written as a character reference, is not allowed in an input\n  --> content/en/about.md:10:3",
        ),
        (
            "a heading that takes the id of the page's main element",
            |root| append(root, "content/en/about.md", "\n## Main {#main}\n"),
            "the heading id `main` is taken by an element of the theme\n  --> content/en/about.md:10:1",
        ),
        (
            "a heading that takes the search box's id",
            |root| append(root, "content/ja/about.md", "\n## 検索 {#search-input}\n"),
            "the heading id `search-input` is taken by an element of the theme",
        ),
        (
            "a blank title",
            |root| replace_in(root, "content/en/about.md", "title = \"About this site\"", "title = \" \""),
            "the page's title is blank\n --> content/en/about.md:2:9",
        ),
        (
            "a name of zero-width spaces",
            |root| {
                replace_in(
                    root,
                    "catalog/meetings/09.toml",
                    "en = \"Kanto IVR Study Group\"",
                    "en = \"\u{200B}\u{200B}\"",
                )
            },
            "the name of `kanto-ivr-study-group` is blank in English (`en`)",
        ),
    ];
    for (what, edit, expected) in cases {
        let site = fixture_site(None);
        edit(site.path());
        for command in ["check", "build"] {
            let output = tanni_in(site.path(), &[command]);
            let printed = stderr(&output);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{what}: {command}: {printed}"
            );
            assert!(printed.contains(expected), "{what}: {command}:\n{printed}");
        }
        assert!(!site.path().join("public").exists(), "{what}");
    }
}

/// `japanese_name` is Japanese, and only for a meeting whose `name.ja` is
/// not: each mistake is refused at its place.
#[test]
fn a_japanese_name_that_is_not_japanese_or_not_needed_is_refused_at_its_place() {
    for (given, message) in [
        (
            "Kanto IVR",
            "the Japanese name of `kanto-ivr-study-group` holds no Japanese",
        ),
        (
            "関東IVR",
            "`kanto-ivr-study-group` has a Japanese name already (name.ja)",
        ),
    ] {
        let site = fixture_site(None);
        let file = site.path().join("catalog/meetings/09.toml");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(
            &file,
            text.replace(
                "source = [\"関東IVR研究会 3\"]",
                &format!("japanese_name = \"{given}\"\nsource = [\"関東IVR研究会 3\"]"),
            ),
        )
        .unwrap();
        let output = tanni_in(site.path(), &["check"]);
        let printed = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{printed}");
        assert!(printed.contains(message), "{printed}");
        assert!(
            printed.contains("--> catalog/meetings/09.toml:15:17"),
            "{printed}"
        );
    }
}
