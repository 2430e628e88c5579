//! Making the spare folder hold exactly the new site: what the new site does
//! not have is removed, the folders it lacks are created, every file that
//! changed is written. A file is never rewritten in place: a changed file is
//! unlinked and created anew, so that a reader holding the old one open
//! reads the old bytes to the end, and a hard link to it elsewhere (a copy
//! made with `cp -al`) keeps its content. A file whose bytes did not change
//! is left as it is. Links are never followed: a link found in the spare is
//! removed itself (its target untouched), and files are created so that a
//! link put in their place meanwhile makes the write fail.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use super::OutputFile;

/// Makes `dir` hold exactly `files`; returns how many files were written
/// (the others were already there, byte for byte). The system calls, not
/// the bytes, are the cost on a slow file system, so files are handled in
/// parallel.
pub fn fill(dir: &Path, files: &[&OutputFile]) -> Result<usize> {
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
    // Plain files already there, with their sizes.
    let mut existing_files: BTreeMap<String, u64> = BTreeMap::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let relative = super::relative_path(dir, &entry);
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
        } else if kind.is_file() && wanted_files.contains(relative.as_str()) {
            let size = entry
                .metadata()
                .with_context(|| format!("cannot read {}", entry.path().display()))?
                .len();
            existing_files.insert(relative, size);
        } else {
            // A link, anything else that is not a plain file, or a file the
            // new site does not have.
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    // In path order a parent comes before its children.
    for folder in wanted_folders.difference(&existing_folders) {
        let target = dir.join(folder);
        fs::create_dir(&target).with_context(|| format!("cannot create {}", target.display()))?;
    }
    let written: Vec<bool> = files
        .par_iter()
        .map(|file| {
            let target = dir.join(&file.path);
            let existing = existing_files.get(&file.path).copied();
            write_if_changed(&target, &file.bytes, existing)
                .with_context(|| format!("cannot write {}", target.display()))
        })
        .collect::<Result<_>>()?;
    Ok(written.into_iter().filter(|written| *written).count())
}

/// Writes a file unless it holds these bytes already (`existing` is the
/// size of the plain file there, if any); true when it wrote.
fn write_if_changed(path: &Path, bytes: &[u8], existing: Option<u64>) -> io::Result<bool> {
    if let Some(size) = existing {
        if size == bytes.len() as u64 && fs::read(path)? == bytes {
            return Ok(false);
        }
        fs::remove_file(path)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)?.write_all(bytes)?;
    Ok(true)
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
    fn a_changed_file_is_a_new_file_and_an_unchanged_one_is_left_alone() {
        use std::io::Read as _;
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let snapshot = tempfile::tempdir().unwrap();
        fill_with(dir.path(), &[("a.html", "one"), ("same.html", "same")]);
        // A hard-linked copy of the site, and a reader with a file open.
        fs::hard_link(dir.path().join("a.html"), snapshot.path().join("a.html")).unwrap();
        let mut reader = fs::File::open(dir.path().join("a.html")).unwrap();
        let same_inode = fs::metadata(dir.path().join("same.html")).unwrap().ino();
        let files = files(&[("a.html", "two, longer"), ("same.html", "same")]);
        assert_eq!(
            fill(dir.path(), &files.iter().collect::<Vec<_>>()).unwrap(),
            1
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("a.html")).unwrap(),
            "two, longer"
        );
        assert_eq!(
            fs::read_to_string(snapshot.path().join("a.html")).unwrap(),
            "one"
        );
        let mut held = String::new();
        reader.read_to_string(&mut held).unwrap();
        assert_eq!(held, "one");
        assert_eq!(
            fs::metadata(dir.path().join("same.html")).unwrap().ino(),
            same_inode
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
