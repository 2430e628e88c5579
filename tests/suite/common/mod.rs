//! Helpers shared by the integration tests: the real site, built in memory
//! or into a temporary directory, and small readers of its output.

#![allow(dead_code)]

pub mod browser;
pub mod calculator;
pub mod checkers;
pub mod served;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tanni::config::EngineKind;
use tanni::model::Site;
use tanni::pipeline::render_site;

/// The repository root: the real site.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real site, loaded once per test binary.
pub fn real_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        tanni::load::load_site(&repo_root())
            .unwrap_or_else(|problems| panic!("the real site does not load:\n{problems}"))
    })
}

/// The real site rendered with an engine: path → bytes.
pub fn rendered(engine: EngineKind) -> BTreeMap<String, Vec<u8>> {
    render_site(real_site(), engine)
        .expect("the real site renders")
        .into_iter()
        .map(|file| (file.path, file.bytes))
        .collect()
}

/// The real site rendered with the default engine, once per test binary.
pub fn real_output() -> &'static BTreeMap<String, Vec<u8>> {
    static OUTPUT: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    OUTPUT.get_or_init(|| rendered(EngineKind::Tera))
}

pub fn text<'a>(output: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    let bytes = output
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not built"));
    std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"))
}

/// Copies the inputs of the real site (not its output) into `dest`.
pub fn copy_real_site(dest: &Path) {
    for entry in ["site.toml", "catalog", "content", "themes"] {
        copy_tree(&repo_root().join(entry), &dest.join(entry));
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`: relative path → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read(entry.path()).unwrap())
        })
        .collect()
}

/// The values of every `attribute="…"` in an HTML text.
pub fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = html[start..].find('"').expect("attribute is closed") + start;
            &html[start..end]
        })
        .collect()
}

/// Resolves a relative link of the page at `page` (a path under the output
/// root) to the output path it names, `index.html` added for folders.
/// Returns `None` for links that leave the site (they must not exist).
pub fn resolve(page: &str, href: &str) -> (String, Option<String>) {
    let (without_fragment, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (href, None),
    };
    let path = without_fragment.split('?').next().unwrap();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return (page.to_string(), fragment);
    }
    for segment in path.split('/') {
        match segment {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{page}: link {href} climbs above the site root"
                );
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    (target, fragment)
}

/// A small site in a temporary folder: the `minimal` fixture with the
/// repository's themes, and the fixture `case` laid over it (`None` for none).
pub fn fixture_site(case: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo_root().join("tests/fixtures");
    copy_tree(&fixtures.join("minimal"), dir.path());
    copy_tree(&repo_root().join("themes"), &dir.path().join("themes"));
    if let Some(case) = case {
        overlay(case, dir.path());
    }
    dir
}

/// Runs the `tanni` binary with `args` in `dir`.
pub fn tanni_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Lays a fixture's files (tests/fixtures/`case`) over the site in `dir`.
pub fn overlay(case: &str, dir: &Path) {
    let fixture = repo_root().join("tests/fixtures").join(case);
    assert!(fixture.is_dir(), "no fixture {}", fixture.display());
    copy_tree(&fixture, dir);
}

/// `tanni check` on the `minimal` site with `case` laid over it (`minimal`
/// for none): its exit code and what it printed to stderr.
pub fn check_report(case: &str) -> (i32, String) {
    let site = fixture_site((case != "minimal").then_some(case));
    let output = tanni_in(site.path(), &["check"]);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// `tanni check` on `case` fails with exactly `expected` on stderr.
pub fn assert_reports(case: &str, expected: &str) {
    let (code, stderr) = check_report(case);
    assert!(
        code == 1 && stderr == expected,
        "case {case}: exit code {code}, expected 1\n--- printed:\n{stderr}\n--- expected:\n{expected}"
    );
}
