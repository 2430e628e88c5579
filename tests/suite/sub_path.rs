//! Publishing under a sub-path, as a GitHub Pages project site is
//! (`https://example.github.io/tanni-site/`): every link and asset of every
//! page resolves under that path to a file of the output; `404.html`, which
//! a server shows at any missing address, links from the base path; and the
//! absolute URLs (canonical, hreflang, sitemap.xml, robots.txt) carry it.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::OnceLock;

use common::{attribute_values, read_tree, repo_root};
use tanni::pipeline::{build, BuildOptions};
use url::Url;

const BASE: &str = "https://example.github.io/tanni-site/";

/// Addresses where a server shows `404.html` (GitHub Pages does so at any
/// missing address of the site): at the base's own depth and deeper.
const MISSING: [&str; 3] = [
    "https://example.github.io/tanni-site/missing",
    "https://example.github.io/tanni-site/some/missing/page/",
    "https://example.github.io/tanni-site/ja/meetings/no-such-meeting/",
];

type Files = BTreeMap<String, Vec<u8>>;

/// The real site built with the sub-path base URL, through the CLI's code
/// (`pipeline::build`), into a temporary folder: path → bytes.
fn built() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let options = BuildOptions {
            output_dir: Some(out.clone()),
            base_url: Some(BASE.to_string()),
            ..Default::default()
        };
        build(&repo_root(), &options).expect("the real site builds under a sub-path");
        read_tree(&out)
    })
}

fn text<'a>(files: &'a Files, path: &str) -> &'a str {
    std::str::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not built")),
    )
    .unwrap_or_else(|_| panic!("{path} is not UTF-8"))
}

/// The address of a page of the output: `ja/meetings/rsna/index.html` is
/// served at `BASE` + `ja/meetings/rsna/`.
fn page_url(path: &str) -> Url {
    Url::parse(&format!("{BASE}{}", path.trim_end_matches("index.html"))).unwrap()
}

/// The text of an attribute value as the browser reads it.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                at += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(decoded).expect("a URL of the site decodes to UTF-8")
}

/// The output file a URL of the published site names (a folder: its
/// `index.html`), or why it names none: outside the base, or missing.
fn file_of(files: &Files, url: &Url) -> Result<String, String> {
    let mut bare = url.clone();
    bare.set_fragment(None);
    bare.set_query(None);
    let Some(rest) = bare.as_str().strip_prefix(BASE) else {
        return Err(format!("{url} is outside {BASE}"));
    };
    let mut path = percent_decode(rest);
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    if files.contains_key(&path) {
        Ok(path)
    } else {
        Err(format!("{url} names no file of the output ({path})"))
    }
}

/// Resolves `link` as the page served at `served_at` does; pushes what is
/// wrong with it: a URL outside the base, a missing file, a missing anchor.
fn check_link(files: &Files, page: &str, served_at: &Url, link: &str, problems: &mut Vec<String>) {
    let url = match served_at.join(link) {
        Ok(url) => url,
        Err(error) => return problems.push(format!("{page}: {link:?} is not a URL ({error})")),
    };
    match file_of(files, &url) {
        Err(problem) => problems.push(format!("{page} at {served_at}: {link:?}: {problem}")),
        Ok(target) => {
            let fragment = url.fragment().map(percent_decode).unwrap_or_default();
            if !fragment.is_empty()
                && target.ends_with(".html")
                && !text(files, &target).contains(&format!(" id=\"{fragment}\""))
            {
                problems.push(format!("{page}: {link:?}: {target} has no id {fragment:?}"));
            }
        }
    }
}

/// The links and assets of an HTML page: `href`, `src` and `action`, and
/// the files its scripts fetch from the root the page gives them (the
/// WebAssembly module, the search's manifest, the data, the worker).
fn links_of(html: &str) -> Vec<String> {
    let mut links: Vec<String> = ["href", "src", "action"]
        .into_iter()
        .flat_map(|attribute| attribute_values(html, attribute))
        .map(unescape)
        .collect();
    let opening = "<script type=\"application/json\" id=\"ui-strings\">";
    if let Some(at) = html.find(opening) {
        let json = &html[at + opening.len()..];
        let json = &json[..json.find("</script>").expect("the script is closed")];
        let data: serde_json::Value = serde_json::from_str(json).expect("ui-strings is JSON");
        let field = |name: &str| {
            data[name]
                .as_str()
                .unwrap_or_else(|| panic!("ui-strings has no {name}: {json:.200}"))
                .to_string()
        };
        let (root, lang, module) = (field("root"), field("lang"), field("module"));
        links.extend([
            format!("{root}static/{module}"),
            format!("{root}{lang}/search/manifest.json"),
            format!("{root}data/rules.json"),
            format!("{root}data/catalog.json"),
            format!("{root}sw.js"),
        ]);
    }
    links
}

/// The module specifiers a script imports (`from "./dom.js"`, `import "…"`).
fn imports_of(script: &str) -> Vec<&str> {
    ["from \"", "import \""]
        .into_iter()
        .flat_map(|needle| {
            script.match_indices(needle).map(move |(at, _)| {
                let start = at + needle.len();
                &script[start..start + script[start..].find('"').unwrap()]
            })
        })
        .collect()
}

/// Every problem of the site's links when published at `BASE`, and how many
/// links were followed. A page is read at its own address; `404.html` at
/// each of `MISSING`; a stylesheet's `url()` and a script's imports from
/// the file's address; the worker's list of files from its own.
fn link_problems(files: &Files) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut follow = |page: &str, served_at: &Url, links: &[String], problems: &mut Vec<String>| {
        for link in links {
            check_link(files, page, served_at, link, problems);
            checked += 1;
        }
    };
    for (path, bytes) in files {
        let Ok(body) = std::str::from_utf8(bytes) else {
            continue;
        };
        if path == "404.html" {
            let links = links_of(body);
            assert!(links.len() >= 4, "404.html links to too little: {links:?}");
            for missing in MISSING {
                follow(path, &Url::parse(missing).unwrap(), &links, &mut problems);
            }
        } else if path.ends_with(".html") {
            follow(path, &page_url(path), &links_of(body), &mut problems);
        } else if path.ends_with(".js") && path.starts_with("static/") {
            let imports: Vec<String> = imports_of(body).into_iter().map(String::from).collect();
            follow(path, &page_url(path), &imports, &mut problems);
        } else if path.ends_with(".css") {
            let urls: Vec<String> = body
                .split("url(")
                .skip(1)
                .map(|rest| rest[..rest.find(')').unwrap()].trim_matches(['"', '\'', ' ']))
                .filter(|url| !url.starts_with("data:") && !url.starts_with('#'))
                .map(String::from)
                .collect();
            follow(path, &page_url(path), &urls, &mut problems);
        } else if path == "sw.js" {
            let line = body
                .lines()
                .find_map(|line| line.strip_prefix("const SHELL = "))
                .expect("sw.js lists the files it keeps");
            let shell: Vec<String> =
                serde_json::from_str(line.trim_end_matches(';')).expect("SHELL is a JSON list");
            assert!(shell.len() > 20, "{shell:?}");
            follow(path, &page_url(path), &shell, &mut problems);
        }
    }
    (problems, checked)
}

#[test]
fn every_link_and_asset_resolves_under_the_sub_path() {
    let files = built();
    let (problems, checked) = link_problems(files);
    assert!(
        problems.is_empty(),
        "{} links do not resolve under {BASE}, the first:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
    assert!(checked > 20_000, "only {checked} links were followed");
}

/// The check itself catches the two ways a 404 page breaks under a
/// sub-path: links from the host's root (`/static/style.css`, which lands
/// outside the site) and links relative to the page (which land under the
/// missing address).
#[test]
fn the_check_catches_a_404_page_linking_from_the_host_root_or_relatively() {
    let files = built();
    let page = text(files, "404.html");
    assert!(
        page.contains("href=\"/tanni-site/static/style.css\""),
        "{page}"
    );
    for (from_root, expected) in [
        ("/", "https://example.github.io/static/style.css is outside"),
        ("", "/some/missing/page/static/style.css names no file"),
    ] {
        let mut broken = files.clone();
        broken.insert(
            "404.html".into(),
            page.replace("/tanni-site/", from_root).into_bytes(),
        );
        let (problems, _) = link_problems(&broken);
        assert!(
            problems
                .iter()
                .all(|problem| problem.starts_with("404.html")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|problem| problem.contains(expected)),
            "{from_root:?}: {problems:?}"
        );
    }
}

#[test]
fn canonical_hreflang_sitemap_and_robots_urls_are_under_the_sub_path() {
    let files = built();
    let pages: Vec<&String> = files
        .keys()
        .filter(|path| path.ends_with(".html"))
        .collect();
    for path in &pages {
        let html = text(files, path);
        let canonical = html
            .split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .unwrap_or_else(|| panic!("{path} has no canonical link"));
        if *path == "404.html" {
            assert_eq!(canonical, format!("{BASE}404.html"));
        } else {
            assert_eq!(canonical, page_url(path).as_str(), "{path}");
        }
        let alternates: Vec<&str> = html
            .split("<link rel=\"alternate\" hreflang=\"")
            .skip(1)
            .map(|rest| {
                let rest = &rest[rest.find("href=\"").unwrap() + 6..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert!(!alternates.is_empty(), "{path} has no hreflang alternate");
        for href in alternates {
            assert!(href.starts_with(BASE), "{path}: {href}");
            file_of(files, &Url::parse(href).unwrap())
                .unwrap_or_else(|problem| panic!("{path}: {problem}"));
        }
    }

    // sitemap.xml: exactly the pages of the language folders, at their
    // addresses under the base, each with its alternates.
    let sitemap = text(files, "sitemap.xml");
    let locs: BTreeSet<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| &rest[..rest.find("</loc>").unwrap()])
        .collect();
    let expected: BTreeSet<String> = pages
        .iter()
        .filter(|path| {
            (path.starts_with("ja/") || path.starts_with("en/")) && path.ends_with("index.html")
        })
        .map(|path| page_url(path).to_string())
        .collect();
    assert_eq!(
        locs,
        expected.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    let hrefs = attribute_values(sitemap, "href");
    assert_eq!(hrefs.len(), 2 * locs.len());
    for url in locs.iter().copied().chain(hrefs) {
        assert!(url.starts_with(BASE), "sitemap.xml: {url}");
        file_of(files, &Url::parse(url).unwrap())
            .unwrap_or_else(|problem| panic!("sitemap.xml: {problem}"));
    }

    let robots = text(files, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|line| line == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

/// `tanni build --base-url` as the GitHub Pages workflow runs it.
#[test]
fn tanni_build_with_a_sub_path_base_url_links_the_404_page_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["build", "--base-url", BASE, "--output-dir"])
        .arg(&out)
        .arg("--root")
        .arg(repo_root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = std::fs::read_to_string(out.join("404.html")).unwrap();
    let stylesheets: Vec<&str> = page
        .split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(stylesheets, ["/tanni-site/static/style.css"], "{page}");
    assert!(out.join("static/style.css").is_file());
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml\n")),
        "{robots}"
    );

    let help = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("--base-url <BASE_URL>") && help.contains("sub-path included"),
        "{help}"
    );
}
