//! `sw.js`, the service worker at the site's root that keeps the site
//! working offline after a first visit: its code (`worker.js`) under a
//! header the build writes, naming the build's version (a hash of every
//! other file's path and bytes) and the files to cache.
//!
//! A site up to [`WHOLE_SITE_BYTES`] is cached whole: the catalog of today
//! is 13 MB (2 to 3 MB as the network carries it). A larger one (a synthetic
//! catalog of 10,000 meetings is 180 MB) caches its pages but the meetings'
//! and its scripts; the search's files and the meetings' pages are kept as
//! they are fetched.

use serde_json::json;

use crate::output::OutputFile;

pub const PATH: &str = "sw.js";

const WORKER: &str = include_str!("worker.js");

/// What the worker caches of a file of the build.
#[derive(Debug, PartialEq, Eq)]
enum Cached {
    /// When the worker installs.
    Shell,
    /// Once it runs, a few at a time: the meetings' pages.
    Later,
    /// Not at all: what a reader of the site does not open (the sitemap,
    /// robots.txt, the catalog's downloads, the 404 page).
    No,
}

fn cached(path: &str) -> Cached {
    if path.starts_with("data/") || matches!(path, "sitemap.xml" | "robots.txt" | "404.html" | PATH)
    {
        return Cached::No;
    }
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [_, "meetings", _, "index.html"] => Cached::Later,
        _ => Cached::Shell,
    }
}

/// A file of a language's search (`ja/search/…`).
fn is_search(path: &str) -> bool {
    path.split('/').nth(1) == Some("search") && !path.ends_with("index.html")
}

/// A file's address as the worker asks for it: a page by its folder.
fn address(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// The most a site's cached files may weigh for the worker to cache them
/// all when it starts.
pub const WHOLE_SITE_BYTES: u64 = 32 << 20;

/// A file of the build as the worker's header is made from it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Made {
    pub path: String,
    /// FNV-1a of the bytes.
    pub hash: u64,
    pub len: u64,
}

/// The worker of a build whose other files are `files`, in any order.
pub fn service_worker(mut files: Vec<Made>) -> OutputFile {
    files.sort();
    let mut version = String::new();
    for file in &files {
        version.push_str(&format!("{} {:016x}\n", file.path, file.hash));
    }
    let version = format!(
        "{:016x}",
        tanni_core::search::shards::fnv1a(version.as_bytes())
    );
    let weight: u64 = files
        .iter()
        .filter(|file| cached(&file.path) != Cached::No)
        .map(|file| file.len)
        .sum();
    let whole = weight <= WHOLE_SITE_BYTES;
    let list = |which: Cached| -> Vec<&str> {
        files
            .iter()
            .filter(|file| cached(&file.path) == which)
            .filter(|file| whole || !(which == Cached::Later || is_search(&file.path)))
            .map(|file| address(&file.path))
            .collect()
    };
    let text = format!(
        "// Made by tanni for this build; the code below is src/offline/worker.js.\nconst VERSION = {};\nconst SHELL = {};\nconst PAGES = {};\n\n{WORKER}",
        json!(version),
        json!(list(Cached::Shell)),
        json!(list(Cached::Later)),
    );
    OutputFile::new(PATH, text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(files: &[(&str, u64)]) -> String {
        let files = files
            .iter()
            .map(|(path, hash)| Made {
                path: path.to_string(),
                hash: *hash,
                len: 1000,
            })
            .collect();
        String::from_utf8(service_worker(files).bytes).unwrap()
    }

    #[test]
    fn the_pages_and_the_search_are_cached_and_the_version_follows_every_byte() {
        let files = [
            ("ja/index.html", 1),
            ("ja/meetings/rsna/index.html", 2),
            ("ja/search/meta.json", 3),
            ("static/tanni.wasm", 4),
            ("data/catalog.csv", 5),
            ("404.html", 6),
        ];
        let text = worker(&files);
        assert!(
            text.contains(r#"const SHELL = ["ja/","ja/search/meta.json","static/tanni.wasm"];"#),
            "{text}"
        );
        assert!(
            text.contains(r#"const PAGES = ["ja/meetings/rsna/"];"#),
            "{text}"
        );
        // The same files in another order: the same worker.
        let mut reversed = files;
        reversed.reverse();
        assert_eq!(worker(&reversed), text);
        // One byte of one file, even one not cached: another version.
        let mut changed = files;
        changed[4].1 = 50;
        assert_ne!(worker(&changed), text);
        assert_eq!(worker(&changed).len(), text.len());
    }

    #[test]
    fn a_site_too_large_to_cache_whole_caches_its_shell_and_the_rest_as_fetched() {
        let big = |path: &str, len: u64| Made {
            path: path.to_string(),
            hash: 1,
            len,
        };
        let files = vec![
            big("ja/index.html", 1000),
            big("static/tanni.wasm", 1000),
            big("ja/search/i0.json", WHOLE_SITE_BYTES),
            big("ja/meetings/rsna/index.html", 1000),
            big("data/catalog.json", WHOLE_SITE_BYTES),
        ];
        let text = String::from_utf8(service_worker(files).bytes).unwrap();
        assert!(
            text.contains(r#"const SHELL = ["ja/","static/tanni.wasm"];"#),
            "{text}"
        );
        assert!(text.contains("const PAGES = [];"), "{text}");
    }
}
