//! Making the spare folder hold exactly the new site: what the new site does
//! not have is removed, the folders it lacks are created, every file is
//! written. Links are never followed: a link found in the spare is removed
//! itself (its target untouched), and files are opened so that a link put in
//! their place meanwhile makes the write fail rather than go elsewhere.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use super::OutputFile;

/// Makes `dir` hold exactly `files`. The system calls, not the bytes, are the
/// cost on a slow file system, so files are written in parallel.
pub fn fill(dir: &Path, files: &[&OutputFile]) -> Result<()> {
    let wanted_files: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let mut wanted_folders: BTreeSet<String> = BTreeSet::new();
    for file in files {
        let mut folder = file.path.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            wanted_folders.insert(parent.to_string());
            folder = parent;
        }
    }
    let mut existing_folders: BTreeSet<String> = BTreeSet::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let relative = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir stays under its root")
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry.file_type();
        if kind.is_dir() {
            if wanted_folders.contains(&relative) {
                existing_folders.insert(relative);
            } else {
                // remove_dir_all removes links inside without following them.
                fs::remove_dir_all(entry.path())
                    .with_context(|| format!("cannot remove {}", entry.path().display()))?;
                walker.skip_current_dir();
            }
        } else if !kind.is_file() || !wanted_files.contains(relative.as_str()) {
            // A link, or anything else that is not a plain file, goes too.
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    // In path order a parent comes before its children.
    for folder in wanted_folders.difference(&existing_folders) {
        let target = dir.join(folder);
        fs::create_dir(&target).with_context(|| format!("cannot create {}", target.display()))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = dir.join(&file.path);
        write_no_follow(&target, &file.bytes)
            .with_context(|| format!("cannot write {}", target.display()))
    })
}

/// Writes a file, refusing to follow a link at its place.
fn write_no_follow(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)?.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter()
            .map(|(path, text)| OutputFile::new(*path, *text))
            .collect()
    }

    fn fill_with(dir: &Path, list: &[(&str, &str)]) {
        let files = files(list);
        fill(dir, &files.iter().collect::<Vec<_>>()).unwrap();
    }

    #[test]
    fn the_folder_ends_up_holding_exactly_the_files() {
        let dir = tempfile::tempdir().unwrap();
        fill_with(
            dir.path(),
            &[("keep/index.html", "1"), ("gone/deep/f.txt", "1")],
        );
        fill_with(
            dir.path(),
            &[("keep/index.html", "2"), ("new/index.html", "2")],
        );
        let mut found: Vec<String> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        found.sort();
        assert_eq!(found, ["keep/index.html", "new/index.html"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("keep/index.html")).unwrap(),
            "2"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_folder_are_removed_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("robots.txt"), "theirs").unwrap();
        fs::create_dir(outside.path().join("folder")).unwrap();
        fs::write(outside.path().join("folder/keep.txt"), "theirs").unwrap();
        let spare = dir.path();
        symlink(outside.path().join("robots.txt"), spare.join("robots.txt")).unwrap();
        symlink(outside.path().join("folder"), spare.join("ja")).unwrap();
        fill_with(spare, &[("robots.txt", "ours"), ("ja/index.html", "ours")]);
        assert_eq!(
            fs::read_to_string(outside.path().join("robots.txt")).unwrap(),
            "theirs"
        );
        assert_eq!(
            fs::read_to_string(outside.path().join("folder/keep.txt")).unwrap(),
            "theirs"
        );
        assert!(!outside.path().join("folder/index.html").exists());
        assert_eq!(
            fs::read_to_string(spare.join("robots.txt")).unwrap(),
            "ours"
        );
        assert!(!fs::symlink_metadata(spare.join("ja"))
            .unwrap()
            .file_type()
            .is_symlink());
    }
}
