//! Search in a real browser (headless Chromium): the header box, the results
//! page, and the same ranking as `tanni search`, with no console errors.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::browser::{self, site_url, Browser, ARROW_DOWN, ENTER};
use common::repo_root;
use serde_json::Value;

/// The refs of the suggestions shown for a query typed into the header box.
fn suggestions(browser: &Browser, query: &str) -> Vec<String> {
    browser.clear("#search-input");
    browser.type_into("#search-input", query);
    let refs = browser.wait_for(&format!(
        "var input = document.getElementById('search-input');
         if (input.value !== {query:?}) return null;
         var list = document.getElementById('search-suggestions');
         if (list.hidden) return null;
         var links = Array.from(list.querySelectorAll('[role=option][data-href]')).map(o => o.dataset.href);
         return links.length ? links : null;"
    ));
    serde_json::from_value(refs).unwrap()
}

fn meeting_href(lang: &str, id: &str) -> String {
    format!("../../{lang}/meetings/{id}/")
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn typing_into_the_header_box_shows_the_expected_meeting_first_and_enter_opens_it() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    let cases = [
        ("ja", "関東地方会", "jrs-kanto-regional-meeting"),
        (
            "ja",
            "日本医学放射線学会関東地方会",
            "jrs-kanto-regional-meeting",
        ),
        ("en", "Tokyo Heart", "tokyo-heart-imaging-club"),
        ("ja", "Advanced CT", "society-of-advanced-medical-imaging"),
        ("ja", "ＲＳＮＡ", "rsna"),
        (
            "ja",
            "ｉｖｒ",
            "japanese-society-of-interventional-radiology",
        ),
        ("en", "European Congress", "ecr"),
        ("ja", "ミッドウィンターセミナー", "jcr-winter-seminar"),
    ];
    for (lang, query, id) in cases {
        browser.goto(&format!("{}/{lang}/categories/", site_url()));
        let shown = suggestions(&browser, query);
        assert_eq!(
            shown[0],
            meeting_href(lang, id),
            "{lang} {query:?}: {shown:?}"
        );
        browser.type_into("#search-input", &format!("{ARROW_DOWN}{ENTER}"));
        browser.wait_for(&format!(
            "return location.pathname.endsWith('/{lang}/meetings/{id}/')"
        ));
        assert!(browser.url().ends_with(&format!("/{lang}/meetings/{id}/")));
        assert_eq!(browser.console_errors(), Vec::<String>::new(), "{query}");
    }
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_matched_part_of_a_suggestion_is_marked() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{}/ja/", site_url()));
    suggestions(&browser, "関東地方会");
    let marked =
        browser.eval("return document.querySelector('#search-suggestions mark').textContent");
    assert_eq!(marked, "関東地方会");
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_slash_key_focuses_the_search_box() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{}/en/rules/", site_url()));
    browser.press("/");
    assert_eq!(
        browser.eval("return document.activeElement.id"),
        "search-input"
    );
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_results_page_works_as_a_shared_link_and_says_when_nothing_matches() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(390, 844);
    for (lang, query) in [("ja", "関東地方会"), ("ja", "核医学"), ("en", "tokyo")] {
        browser.goto(&format!("{}/{lang}/", site_url()));
        let typed = suggestions(&browser, query);
        let encoded: String = query.bytes().map(|b| format!("%{b:02X}")).collect();
        browser.goto(&format!("{}/{lang}/search/?q={encoded}", site_url()));
        let listed = browser.wait_for(
            "var links = Array.from(document.querySelectorAll('#search-page-results a')).map(a => a.getAttribute('href'));
             return links.length ? links : null;",
        );
        let listed: Vec<String> = serde_json::from_value(listed).unwrap();
        // The suggestions end with a link to this page; the results before it are the page's first ones.
        // Links are relative to their page: compare what they point at.
        let target = |href: &String| href.trim_start_matches("../").to_string();
        let shown: Vec<String> = typed
            .iter()
            .filter(|href| !href.contains("search/?q="))
            .map(target)
            .collect();
        let listed: Vec<String> = listed.iter().take(shown.len()).map(target).collect();
        assert_eq!(shown, listed, "{lang} {query}");
        assert_eq!(
            browser.eval("return document.getElementById('search-input').value"),
            query
        );
    }
    browser.goto(&format!(
        "{}/ja/search/?q=%E9%96%A2%E6%9D%B1%E5%9C%B0%E6%96%B9%E4%BC%9A",
        site_url()
    ));
    let first = browser.wait_for("var a = document.querySelector('#search-page-results a'); return a && a.getAttribute('href');");
    assert_eq!(first, "../../ja/meetings/jrs-kanto-regional-meeting/");

    browser.goto(&format!("{}/en/search/?q=zzzzqqq", site_url()));
    browser.wait_for("return !document.getElementById('search-page-none').hidden");
    let browse =
        browser.eval("return document.querySelector('#search-page-none a').getAttribute('href')");
    assert_eq!(browse, "../../en/categories/");
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// The benchmark's queries (`bench/search_queries.toml`): (language, text).
fn bench_queries() -> Vec<(String, String)> {
    let bench: toml::Value = toml::from_str(
        &std::fs::read_to_string(repo_root().join("bench/search_queries.toml")).unwrap(),
    )
    .unwrap();
    bench["query"]
        .as_array()
        .unwrap()
        .iter()
        .map(|query| {
            (
                query["lang"].as_str().unwrap().to_string(),
                query["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Queries members type, in both languages, for the ranking comparison.
const QUERIES: &[(&str, &str)] = &[
    ("ja", "日本医学放射線学会関東地方会"),
    ("ja", "関東地方会"),
    ("ja", "地方会"),
    ("ja", "IVR"),
    ("ja", "ｉｖｒ"),
    ("ja", "Advanced CT"),
    ("ja", "ECR"),
    ("ja", "総会"),
    ("ja", "核医学"),
    ("ja", "ＲＳＮＡ"),
    ("ja", "必須"),
    ("ja", "第1著者"),
    ("ja", "放射線治療"),
    ("ja", "関"),
    ("en", "breast imaging"),
    ("en", "tokyo"),
    ("en", "pediatric radiology"),
    ("en", "60 credits"),
    ("en", "nuclear medicine kyushu"),
    ("en", "関東"),
];

/// How `tanni search --json` ranks a query: (reference, score, found with a
/// slip corrected), the first 20.
fn cli_ranking(lang: &str, query: &str) -> Vec<(String, f64, bool)> {
    let output = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args([
            "search", query, "--lang", lang, "--json", "--limit", "20", "--root",
        ])
        .arg(repo_root())
        .output()
        .unwrap();
    assert!(output.status.success());
    let native: Value = serde_json::from_slice(&output.stdout).unwrap();
    native
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            (
                hit["url"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches(&format!("/{lang}/"))
                    .to_string(),
                hit["score"].as_f64().unwrap(),
                hit["approximate"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

/// The same, from the page's core (`window.tanniSearch.search`).
fn browser_ranking(hits: &Value) -> Vec<(String, f64, bool)> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            (
                hit["ref"].as_str().unwrap().to_string(),
                hit["score"].as_f64().unwrap(),
                hit["approximate"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_browser_and_tanni_search_rank_the_same_way() {
    if !browser::available() {
        return;
    }
    // These, and every query of the benchmark's set (some of which the site
    // cannot answer, some found only with a slip corrected).
    let mut queries: Vec<(String, String, bool)> = QUERIES
        .iter()
        .map(|(lang, query)| (lang.to_string(), query.to_string(), true))
        .collect();
    for (lang, query) in bench_queries() {
        queries.push((lang, query, false));
    }
    assert!(queries.len() >= 80, "{} queries", queries.len());
    let browser = Browser::start(1280, 900);
    for lang in ["ja", "en"] {
        browser.goto(&format!("{}/{lang}/", site_url()));
        // As a member does: a click (a script's focus() fires nothing while
        // the window itself has no focus, as in a background browser).
        browser.click("#search-input");
        browser.wait_for("return window.tanniSearch ? true : null");
        for (_, query, finds) in queries.iter().filter(|(l, _, _)| l == lang) {
            let in_browser =
                browser.eval(&format!("return window.tanniSearch.search({query:?}, 20)"));
            let native = cli_ranking(lang, query);
            let in_browser = browser_ranking(&in_browser);
            assert!(
                !*finds || !native.is_empty(),
                "{lang} {query:?} finds something"
            );
            assert_eq!(in_browser, native, "{lang} {query:?}");
        }
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// Above 2 GiB of memory a pointer reaches JavaScript as a negative `i32`;
/// a large index put everything above that line and search showed nothing.
/// Here the module's memory is grown past 2 GiB and the memory below used
/// up before the search loads, so its shards, the query and the answer all
/// live above it: the box still suggests, and the ranking is still the
/// CLI's.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn search_works_with_its_memory_above_2_gib() {
    if !browser::available() {
        return;
    }
    const TWO_GIB: u64 = 1 << 31;
    let browser = Browser::start(1280, 900);
    browser.set_script_timeout(std::time::Duration::from_secs(60));
    for lang in ["ja", "en"] {
        browser.goto(&format!("{}/{lang}/", site_url()));
        // The page's own loader module (one instance per URL), before the
        // search box has asked for the index.
        let grown = browser.eval_async(
            "const done = arguments[0];
             const src = document.querySelector('script[type=module][src]').src;
             import(new URL('loader.js', src).href).then(async (loader) => {
               const core = await loader.loadCore();
               const memory = core.x.memory;
               const pages = Math.ceil((2 ** 31 + 2 ** 24 - memory.buffer.byteLength) / 65536);
               memory.grow(pages);
               // The allocator takes the grown memory only once what it
               // had is used up: use it up, so that what the search
               // allocates next lies above 2 GiB.
               for (const size of [1 << 20, 1 << 14, 1 << 10, 64, 16]) {
                 for (let block = core.x.alloc(size); (block >>> 0) < 2 ** 31; block = core.x.alloc(size)) {}
               }
               await loader.loadIndex();
               await core.search('核医学', 20);
               const output = core.x.output_ptr();
               const probe = core.x.alloc(16);
               const high = probe >>> 0;
               core.x.dealloc(probe, 16);
               done({ memory: memory.buffer.byteLength, probe: high, signed: probe, output: output >>> 0 });
             }).catch((error) => done({ error: String(error) }));",
        );
        assert!(grown.get("error").is_none(), "{grown}");
        let memory = grown["memory"].as_u64().unwrap();
        let probe = grown["probe"].as_u64().unwrap();
        assert!(memory > TWO_GIB, "memory {memory}");
        // The test means something only if the module's memory above 2 GiB
        // is in use, as it was for the large index.
        assert!(probe > TWO_GIB, "an allocation after the index at {probe}");
        assert!(grown["signed"].as_i64().unwrap() < 0);
        assert!(
            grown["output"].as_u64().unwrap() > TWO_GIB,
            "the answer to a query lies above 2 GiB: {grown}"
        );
        // The page loaded the search's own module, not the whole core.
        let modules = browser.eval(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm'))",
        );
        assert_eq!(
            modules,
            serde_json::json!([format!("{}/static/tanni-search.wasm", site_url())])
        );

        browser.click("#search-input");
        let query = if lang == "ja" {
            "核医学"
        } else {
            "nuclear medicine"
        };
        let shown = suggestions(&browser, query);
        assert!(!shown.is_empty(), "{lang}: suggestions for {query:?}");
        browser.wait_for("return window.tanniSearch ? true : null");
        for query in [query, "IVR", "日本核医学界"] {
            let in_browser =
                browser.eval(&format!("return window.tanniSearch.search({query:?}, 20)"));
            let in_browser = browser_ranking(&in_browser);
            assert!(!in_browser.is_empty(), "{lang} {query:?}");
            assert_eq!(in_browser, cli_ranking(lang, query), "{lang} {query:?}");
        }
    }
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// A slip is corrected and said to be: in the box (a line above the
/// options, not one to pick) and on the results page.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn a_slip_is_offered_as_did_you_mean() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{}/ja/", site_url()));
    let found = suggestions(&browser, "日本核医学界");
    assert_eq!(
        found[0].trim_start_matches("../"),
        "ja/meetings/japanese-society-of-nuclear-medicine/"
    );
    let note = browser.eval(
        "var note = document.querySelector('#search-suggestions [role=option]');
         return [note.id, note.getAttribute('aria-disabled'), note.textContent];",
    );
    assert_eq!(note[0], "search-option-approximate");
    assert_eq!(note[1], "true", "said, not picked");
    assert!(
        note[2]
            .as_str()
            .unwrap()
            .contains("もしかして「日本核医学会」"),
        "{note}"
    );
    // The first arrow goes to the first result, past the note.
    browser.type_into("#search-input", ARROW_DOWN);
    assert_eq!(
        browser.eval(
            "return document.getElementById('search-input').getAttribute('aria-activedescendant')"
        ),
        "search-option-0"
    );

    browser.goto(&format!("{}/en/search/?q=Neuroradiolgy", site_url()));
    let said = browser.wait_for(
        "var p = document.getElementById('search-page-approximate');
         return p.hidden ? null : p.textContent;",
    );
    assert_eq!(
        said,
        "Did you mean “Neuroradiology”? These are the results for it."
    );
    let listed: Vec<String> = serde_json::from_value(browser.eval(
        "return Array.from(document.querySelectorAll('#search-page-results a')).slice(0, 3).map(a => a.getAttribute('href'))",
    ))
    .unwrap();
    assert!(
        listed.contains(&meeting_href("en", "japanese-society-of-neuroradiology")),
        "{listed:?}"
    );
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// The results page says how many there are, all of them, and shows them
/// a page at a time: 分類9 is a category of 296 meetings.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_results_page_counts_every_result_and_shows_more_on_request() {
    if !browser::available() {
        return;
    }
    let in_category = common::real_site()
        .catalog
        .meetings
        .iter()
        .filter(|meeting| meeting.category == 9)
        .count();
    let native = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["search", "分類9", "--json", "--limit", "100000", "--root"])
        .arg(repo_root())
        .output()
        .unwrap();
    let total = serde_json::from_slice::<Value>(&native.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert!(
        total > in_category,
        "the category and its {in_category} meetings"
    );
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{}/ja/search/?q=%E5%88%86%E9%A1%9E9", site_url()));
    let summary = browser.wait_for(
        "return document.querySelectorAll('#search-page-results a').length
           ? document.getElementById('search-page-summary').textContent : null",
    );
    assert_eq!(summary, format!("{total}件"));
    let count = || -> usize {
        browser
            .eval("return document.querySelectorAll('#search-page-results a').length")
            .as_u64()
            .unwrap() as usize
    };
    let mut shown = count();
    assert_eq!(shown, 50);
    let mut clicks = 0;
    while shown < total {
        let words = browser.eval(
            "var b = document.getElementById('search-page-more'); return b.hidden ? null : b.textContent",
        );
        let next = (total - shown).min(50);
        assert_eq!(
            words,
            format!("さらに{next}件を表示（残り{}件）", total - shown)
        );
        browser.click("#search-page-more");
        // The next results' records are fetched first.
        browser.wait_for(&format!(
            "return document.querySelectorAll('#search-page-results a').length === {} ? true : null",
            shown + next
        ));
        let now = count();
        assert_eq!(now, shown + next);
        // The focus is on the first of the new results.
        let focused = browser.eval(&format!(
            "return document.activeElement === document.querySelectorAll('#search-page-results a')[{shown}];"
        ));
        assert_eq!(focused, true);
        shown = now;
        clicks += 1;
    }
    assert!(clicks >= 5);
    assert_eq!(
        browser.eval("return document.getElementById('search-page-more').hidden"),
        true,
        "nothing more to show"
    );
    // Every result once.
    let distinct = browser.eval(
        "return new Set(Array.from(document.querySelectorAll('#search-page-results a')).map(a => a.href)).size",
    );
    assert_eq!(distinct, total as u64);
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// How many bytes `gzip -9` makes of these.
fn gzip_size(bytes: &[u8]) -> usize {
    let output = Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes)?;
            child.wait_with_output()
        })
        .expect("gzip runs");
    output.stdout.len()
}

/// What one query costs a member who has not searched before: the first
/// query on a page fetches the search's module, its manifest and only the
/// shards and records the query needs. At the real catalog that is less
/// than the whole index and its display records, which every first query
/// fetched before the index was split (272,318 bytes gzipped with the
/// module: the README's table of that release); of the search's files, it
/// fetches those of the words typed and their synonyms, well under half.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_first_query_fetches_only_the_shards_it_needs() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{}/ja/", site_url()));
    browser.click("#search-input");
    let found = suggestions(&browser, "核医学");
    assert_eq!(
        found[0],
        "../ja/meetings/japanese-society-of-nuclear-medicine/"
    );
    let fetched: Vec<String> = serde_json::from_value(browser.eval(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)",
    ))
    .unwrap();
    let dir = browser::site_dir();
    let size = |path: &str| gzip_size(&std::fs::read(dir.join(path)).unwrap());
    let searched: Vec<&str> = fetched
        .iter()
        .filter_map(|path| path.strip_prefix('/'))
        .filter(|path| path.starts_with("ja/search/") || path.ends_with(".wasm"))
        .collect();
    assert!(
        searched.contains(&"static/tanni-search.wasm"),
        "{searched:?}"
    );
    assert!(
        searched.contains(&"ja/search/manifest.json"),
        "{searched:?}"
    );
    let listed: Vec<String> = std::fs::read_dir(dir.join("ja/search"))
        .unwrap()
        .map(|entry| format!("ja/search/{}", entry.unwrap().file_name().to_string_lossy()))
        .collect();
    let shards = |paths: &mut dyn Iterator<Item = &str>| {
        paths
            .filter(|path| path.starts_with("ja/search/i") && path.ends_with(".json"))
            .count()
    };
    let (fetched_shards, all_shards) = (
        shards(&mut searched.iter().copied()),
        shards(&mut listed.iter().map(String::as_str)),
    );
    // The shards of the words typed, and no other: 核 (a lone kanji, which
    // begins words: every shard under it), then 核医, then 核医 and 医学;
    // and of the words 核医学 is read as by its synonyms (`nuclear
    // medicine`: Latin words, which begin words too).
    let manifest: tanni_core::search::shards::Manifest = tanni_core::search::read::from_json(
        &std::fs::read_to_string(dir.join("ja/search/manifest.json")).unwrap(),
    )
    .unwrap();
    let keys = tanni_core::search::shards::Keys::new(manifest.index).unwrap();
    let typed = tanni_core::search::name_key("核医学");
    let synonyms: Vec<&str> = manifest
        .synonyms
        .iter()
        .filter(|group| group.contains(&typed))
        .flatten()
        .flat_map(|word| word.split(' '))
        .collect();
    assert!(synonyms.contains(&"nuclear"), "{synonyms:?}");
    let mut wanted: Vec<String> = keys
        .with_prefix("核")
        .into_iter()
        .chain(synonyms.iter().flat_map(|token| {
            let whole_words = token.chars().count() == 1 || token.is_ascii();
            match whole_words {
                true => keys.with_prefix(token).into_iter().collect::<Vec<_>>(),
                false => keys.of(token).into_iter().collect(),
            }
        }))
        .map(|shard| format!("ja/search/i{shard}.json"))
        .collect();
    wanted.sort();
    wanted.dedup();
    let mut fetched: Vec<&str> = searched
        .iter()
        .copied()
        .filter(|path| path.starts_with("ja/search/i"))
        .collect();
    fetched.sort_unstable();
    assert_eq!(fetched, wanted);
    assert!(
        fetched_shards < all_shards / 2,
        "{fetched_shards} of {all_shards} shards"
    );
    let first: usize = searched.iter().map(|path| size(path)).sum();
    let everything: usize =
        size("static/tanni-search.wasm") + listed.iter().map(|path| size(path)).sum::<usize>();
    println!(
        "first query 核医学: {} files, {first} bytes gzipped ({fetched_shards} of {all_shards} index shards); every file of the search with the module: {everything}",
        searched.len()
    );
    assert!(first <= 272_318, "{first} bytes");
    // Of the search's own files, well under half.
    let module = size("static/tanni-search.wasm");
    assert!(
        (first - module) * 2 < everything - module,
        "{} of {} bytes",
        first - module,
        everything - module
    );
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

/// The figures the README reports: index sizes (raw and gzip), the WASM
/// size, and the query time in the browser over the example queries.
/// Run with `cargo test --release --test suite -- --ignored --nocapture search_figures`.
/// With TANNI_SCREENSHOTS=DIR it also leaves screenshots of the search there.
#[test]
#[ignore = "a measurement, not a check: run it by name"]
fn search_figures() {
    if !browser::available() {
        return;
    }
    let site = tanni::load::load_site(&repo_root()).unwrap();
    let files = tanni::pipeline::render_site(&site, tanni::config::EngineKind::Tera).unwrap();
    for file in files
        .iter()
        .filter(|f| f.path.ends_with("search/manifest.json") || f.path.ends_with(".wasm"))
    {
        let gzipped = gzip_size(&file.bytes);
        println!(
            "{:<28} {:>9} bytes raw {:>8} bytes gzip -9",
            file.path,
            file.bytes.len(),
            gzipped
        );
    }
    let browser = Browser::start(1280, 900);
    for lang in ["ja", "en"] {
        browser.goto(&format!("{}/{lang}/", site_url()));
        let load_ms = browser.eval_async(
            "var done = arguments[0]; var t = performance.now();
             document.getElementById('search-input').focus();
             (function wait() { if (window.tanniSearch) done(performance.now() - t); else setTimeout(wait, 5); })();",
        );
        // The example queries and the benchmark's (slips and questions the
        // site cannot answer among them, which search on with corrections).
        let queries: Vec<String> = QUERIES
            .iter()
            .filter(|(l, _)| *l == lang)
            .map(|(_, q)| q.to_string())
            .chain(
                bench_queries()
                    .into_iter()
                    .filter(|(l, _)| l == lang)
                    .map(|(_, q)| q),
            )
            .collect();
        // The first round fetches what the queries need; the timed rounds
        // after it run on what is loaded.
        let timing = browser.eval_async(&format!(
            "var done = arguments[0]; var queries = {}; var rounds = []; var each = queries.map(() => []);
             (async () => {{
               for (const q of queries) {{ await window.tanniSearch.search(q, 20); }}
               for (var round = 0; round < 50; round++) {{
                 var t = performance.now();
                 for (var i = 0; i < queries.length; i++) {{
                   var s = performance.now();
                   await window.tanniSearch.search(queries[i], 20);
                   each[i].push(performance.now() - s);
                 }}
                 rounds.push((performance.now() - t) / queries.length);
               }}
               rounds.sort((a, b) => a - b);
               var medians = each.map((times) => times.sort((a, b) => a - b)[times.length >> 1]);
               var slowest = medians.indexOf(Math.max(...medians));
               done([rounds[rounds.length >> 1], rounds[rounds.length - 1], rounds.length * queries.length,
                     queries[slowest], medians[slowest]]);
             }})();",
            serde_json::to_string(&queries).unwrap()
        ));
        println!(
            "{lang}: first use (fetch + instantiate + load index) {:.1} ms; per query: median round {:.3} ms, slowest round {:.3} ms ({} queries in 50 rounds); slowest query {} at {:.3} ms (its median)",
            load_ms.as_f64().unwrap(),
            timing[0].as_f64().unwrap(),
            timing[1].as_f64().unwrap(),
            timing[2],
            timing[3],
            timing[4].as_f64().unwrap()
        );
    }
    if let Some(dir) = std::env::var_os("TANNI_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (width, height, lang, query, name) in [
            (1280, 800, "ja", "関東地方会", "search-ja-desktop.png"),
            (390, 844, "en", "tokyo", "search-en-phone.png"),
        ] {
            let browser = Browser::start(width, height);
            browser.goto(&format!("{}/{lang}/", site_url()));
            suggestions(&browser, query);
            browser.screenshot(&dir.join(name));
        }
    }
}

/// The calculator's picker adds a meeting and its credits: it offers only
/// what the name as typed finds, never a slip read as another meeting.
#[test]
#[cfg_attr(
    not(tanni_browser),
    ignore = "needs Chromium: apt-get install chromium chromium-driver"
)]
fn the_calculators_picker_never_offers_a_corrected_meeting() {
    if !browser::available() {
        return;
    }
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{}/ja/calculator/", site_url()));
    let offered = |query: &str| -> Value {
        browser.clear("#calc-meeting");
        browser.type_into("#calc-meeting", query);
        browser.wait_for(&format!(
            "var input = document.getElementById('calc-meeting');
             if (input.value !== {query:?}) return null;
             var list = document.getElementById('calc-meeting-options');
             if (list.hidden || !list.children.length) return null;
             return [Array.from(list.querySelectorAll('[role=option][data-id]')).map(o => o.dataset.id),
                     list.textContent];"
        ))
    };
    let exact = offered("日本核医学会");
    assert_eq!(exact[0][0], "japanese-society-of-nuclear-medicine");
    // The search box reads this slip as 日本核医学会; the picker does not.
    let slip = offered("日本核医学界");
    assert_eq!(slip[0], serde_json::json!([]), "{slip}");
    assert!(!slip[1].as_str().unwrap().contains("もしかして"), "{slip}");
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
