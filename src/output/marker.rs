//! The marker file, `.tanni-output`: it says that a folder was written by
//! tanni and lists every file tanni wrote there, so that a build can tell
//! its own files from anyone else's before it replaces the folder.

use std::collections::BTreeSet;

/// The marker's name, at the top of every site tanni writes.
pub const MARKER: &str = ".tanni-output";

/// What the marker says to whoever finds it, before the list of files.
const HEADER: &str = "This folder was written by `tanni build`, which replaces it whole on every build.\nA build refuses to replace it while it holds anything not listed below.\n\n";

/// The marker of a site made of `paths` (`/`-separated, under the folder).
pub fn marker_text<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::from(HEADER);
    let sorted: BTreeSet<&str> = paths.into_iter().collect();
    for path in sorted {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// The files a marker lists; `None` for a text tanni did not write.
pub fn listed(text: &str) -> Option<BTreeSet<String>> {
    let list = text.strip_prefix(HEADER)?;
    Some(list.lines().map(str::to_string).collect())
}

/// The folders that hold the listed files, as `a`, `a/b`.
pub fn folders(files: &BTreeSet<String>) -> BTreeSet<String> {
    let mut folders = BTreeSet::new();
    for file in files {
        let mut folder = file.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if !folders.insert(parent.to_string()) {
                break;
            }
            folder = parent;
        }
    }
    folders
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_lists_its_files_and_reads_back() {
        let text = marker_text(["ja/index.html", "404.html", "ja/meetings/a/index.html"]);
        let files = listed(&text).unwrap();
        assert_eq!(
            files.iter().map(String::as_str).collect::<Vec<_>>(),
            ["404.html", "ja/index.html", "ja/meetings/a/index.html"]
        );
        assert_eq!(
            folders(&files).into_iter().collect::<Vec<_>>(),
            ["ja", "ja/meetings", "ja/meetings/a"]
        );
        assert_eq!(listed("written by someone else"), None);
    }
}
