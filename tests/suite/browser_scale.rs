//! Search at scale, in Chromium: a synthetic catalog of 100,000 meetings
//! (`examples/synth.rs`), built, served and searched as a member would. The
//! first query must show what `tanni search` finds first, and fetch at most
//! 300 KB gzipped in all, the WebAssembly module included.
//!
//! It writes and builds a site of some 2.7 GB and takes minutes, so it runs
//! by name: `cargo test --release --test suite -- --ignored --nocapture browser_scale::`
//! (`TANNI_SCALE_MEETINGS=N` for another size).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::{self, serve, Browser};

/// How many bytes `gzip -9` makes of a file.
fn gzip_size(path: &Path) -> usize {
    let output = Command::new("gzip")
        .arg("-9c")
        .arg(path)
        .output()
        .expect("gzip runs");
    assert!(output.status.success());
    output.stdout.len()
}

/// The synthetic catalog's writer, built beside this test by `cargo test`.
fn synth() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    dir.join("examples").join("synth")
}

#[test]
#[ignore = "builds a site of 100,000 meetings (minutes, GBs of disk): run it by name"]
fn the_first_query_at_100000_meetings_fetches_little_and_finds_what_the_cli_finds() {
    if !browser::available() {
        return;
    }
    let meetings: usize = std::env::var("TANNI_SCALE_MEETINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    let out = work.path().join("public");
    let status = Command::new(synth())
        .args(["--meetings", &meetings.to_string(), "--out"])
        .arg(&root)
        .status()
        .expect("the synth example is built with the tests");
    assert!(status.success());
    let options = tanni::pipeline::BuildOptions {
        output_dir: Some(out.clone()),
        ..Default::default()
    };
    let report = tanni::pipeline::build(&root, &options).expect("the synthetic site builds");
    assert_eq!(report.meetings, meetings);

    // What the CLI finds first, reading the built search.
    let cli = Command::new(env!("CARGO_BIN_EXE_tanni"))
        .args(["search", "核医学", "--json", "--limit", "1", "--root"])
        .arg(&root)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let first: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    let first_url = first[0]["url"].as_str().expect("the CLI finds something");

    let url = serve(out.clone());
    let browser = Browser::start(1280, 900);
    browser.goto(&format!("{url}/ja/"));
    browser.click("#search-input");
    browser.type_into("#search-input", "核医学");
    let shown = browser.wait_for(
        "var list = document.getElementById('search-suggestions');
         if (list.hidden) return null;
         var links = Array.from(list.querySelectorAll('[role=option][data-href]'))
           .map(o => new URL(o.dataset.href, location.href).pathname);
         return links.length ? links : null;",
    );
    assert_eq!(
        shown[0], first_url,
        "the page shows first what the CLI finds first"
    );

    let fetched: Vec<String> = serde_json::from_value(browser.eval(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)",
    ))
    .unwrap();
    let searched: Vec<&str> = fetched
        .iter()
        .filter_map(|path| path.strip_prefix('/'))
        .filter(|path| path.starts_with("ja/search/") || path.ends_with(".wasm"))
        .collect();
    let bytes: usize = searched.iter().map(|path| gzip_size(&out.join(path))).sum();
    println!(
        "{meetings} meetings: the first query (核医学) fetched {} files, {bytes} bytes gzipped: {searched:?}",
        searched.len()
    );
    assert_eq!(browser.console_errors(), Vec::<String>::new());
    assert!(
        bytes <= 300_000,
        "the first query fetched {bytes} bytes gzipped, more than 300 KB (300,000 B)"
    );
}
