//! Making the spare folder hold exactly the new site, in two steps: first
//! ([`prepare`]) what the new site does not have is removed; then
//! ([`Filler::put`]) each file is put in as it is made, from any thread,
//! the folders it lacks created as it comes (at 100,000 meetings, creating
//! the 200,000 folders of the pages one after the other, before the first
//! page was rendered, took a core for some 25 seconds).
//!
//! A file is never rewritten in place: a changed file is unlinked and
//! created anew, so that a reader holding the old one open reads the old
//! bytes to the end, and a hard link to it elsewhere (a copy made with
//! `cp -al`) keeps its content. A file whose bytes are those of the
//! previous site (the output) is not written again: the spare gets a hard
//! link to the output's file, which keeps its time of modification, so a
//! deploy that looks at times sends only what changed. A file the spare
//! already holds byte for byte is left as it is. Links are never followed:
//! a link found in the spare is removed itself (its target untouched), and
//! files are created so that a link put in their place meanwhile makes the
//! write fail.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::{self, Read as _, Write as _};
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context as _, Result};

/// The plain files the spare held before the build, with their sizes.
pub type Existing = BTreeMap<String, u64>;

/// The folders of the spare, those it held and those made since.
#[derive(Debug, Default)]
pub struct Folders(Mutex<HashSet<String>>);

impl Folders {
    /// Makes the folder that `path` (a file's, relative to `spare`) is in,
    /// and those above it, where the spare lacks them.
    fn make_parent(&self, spare: &Path, path: &str) -> io::Result<()> {
        let Some((parent, _)) = path.rsplit_once('/') else {
            return Ok(());
        };
        if self.held(parent) {
            return Ok(());
        }
        // Another thread may be making it too: that is no error.
        fs::create_dir_all(spare.join(parent))?;
        let mut made = self.0.lock().expect("no thread panics holding it");
        let mut folder = parent;
        loop {
            made.insert(folder.to_string());
            match folder.rsplit_once('/') {
                Some((above, _)) => folder = above,
                None => break,
            }
        }
        Ok(())
    }

    fn held(&self, folder: &str) -> bool {
        self.0
            .lock()
            .expect("no thread panics holding it")
            .contains(folder)
    }
}

/// Makes `dir` hold nothing that is not in `paths`; returns the plain files
/// already there, with their sizes, and the folders kept.
pub fn prepare(dir: &Path, paths: &BTreeSet<&str>) -> Result<(Existing, Folders)> {
    let mut wanted_folders: BTreeSet<&str> = BTreeSet::new();
    for path in paths {
        let mut folder = *path;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            wanted_folders.insert(parent);
            folder = parent;
        }
    }
    let mut existing_folders: BTreeSet<String> = BTreeSet::new();
    let mut existing_files = Existing::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .min_depth(1)
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let relative = super::relative_path(dir, &entry);
        let kind = entry.file_type();
        if kind.is_dir() {
            if wanted_folders.contains(relative.as_str()) {
                existing_folders.insert(relative);
            } else {
                // remove_dir_all removes links inside without following them.
                fs::remove_dir_all(entry.path())
                    .with_context(|| format!("cannot remove {}", entry.path().display()))?;
                walker.skip_current_dir();
            }
        } else if kind.is_file() && paths.contains(relative.as_str()) {
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
    Ok((
        existing_files,
        Folders(Mutex::new(existing_folders.into_iter().collect())),
    ))
}

/// What putting one file in the spare took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// Its bytes were written: a new or changed file.
    Written,
    /// The previous site's file, byte for byte, linked in.
    Linked,
    /// The spare held it already, byte for byte.
    Kept,
}

/// Puts files into a prepared spare.
pub struct Filler<'a> {
    pub spare: &'a Path,
    /// The previous site, whose unchanged files are linked, not written.
    pub previous: Option<&'a Path>,
    pub existing: &'a Existing,
    pub folders: &'a Folders,
}

impl Filler<'_> {
    /// Puts one file of the new site in the spare.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<Put> {
        let target = self.spare.join(path);
        let existing = self.existing.get(path).copied();
        self.folders
            .make_parent(self.spare, path)
            .and_then(|()| self.put_at(&target, path, bytes, existing))
            .with_context(|| format!("cannot write {}", target.display()))
    }

    fn put_at(
        &self,
        target: &Path,
        path: &str,
        bytes: &[u8],
        existing: Option<u64>,
    ) -> io::Result<Put> {
        if let Some(previous) = self.previous.map(|dir| dir.join(path)) {
            if let Some(put) = link_if_same(&previous, target, bytes, existing.is_some())? {
                return Ok(put);
            }
        }
        if let Some(size) = existing {
            if size == bytes.len() as u64 && holds(target, bytes)? {
                return Ok(Put::Kept);
            }
            fs::remove_file(target)?;
        }
        create(target, bytes)?;
        Ok(Put::Written)
    }
}

/// Where the previous site's file holds `bytes`, makes `target` that same
/// file (a hard link); `None` where it does not, or where the file system
/// cannot link (the caller writes instead).
fn link_if_same(
    previous: &Path,
    target: &Path,
    bytes: &[u8],
    exists: bool,
) -> io::Result<Option<Put>> {
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt as _;
    let meta = match fs::symlink_metadata(previous) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => meta,
        _ => return Ok(None),
    };
    if !holds(previous, bytes)? {
        return Ok(None);
    }
    if exists {
        #[cfg(unix)]
        {
            let here = fs::symlink_metadata(target)?;
            if here.ino() == meta.ino() && here.dev() == meta.dev() {
                return Ok(Some(Put::Kept));
            }
        }
        fs::remove_file(target)?;
    }
    if fs::hard_link(previous, target).is_err() {
        return Ok(None);
    }
    // What was linked must be the plain file just read, not a link put in
    // its place meanwhile.
    #[cfg(unix)]
    {
        let linked = fs::symlink_metadata(target)?;
        if !linked.is_file() || linked.ino() != meta.ino() {
            fs::remove_file(target)?;
            return Ok(None);
        }
    }
    Ok(Some(Put::Linked))
}

/// Whether the plain file at `path` holds exactly `bytes` (read without
/// following a link).
fn holds(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let mut file = open_no_follow(path)?;
    let mut held = Vec::with_capacity(bytes.len() + 1);
    file.read_to_end(&mut held)?;
    Ok(held == bytes)
}

fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)
}

/// Puts a new file at `path` in place of whatever is there (removed, not
/// written through: it may be linked elsewhere).
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    create(path, bytes)
}

/// Creates a new file; fails where anything, a link included, is there.
fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)?.write_all(bytes)
}

/// A spare folder beside a previous site, for the tests.
#[cfg(test)]
pub fn fill(dir: &Path, previous: Option<&Path>, files: &[&super::OutputFile]) -> Result<usize> {
    let paths: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let (existing, folders) = prepare(dir, &paths)?;
    let filler = Filler {
        spare: dir,
        previous,
        existing: &existing,
        folders: &folders,
    };
    let mut written = 0;
    for file in files {
        if filler.put(&file.path, &file.bytes)? == Put::Written {
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutputFile;

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter()
            .map(|(path, text)| OutputFile::new(*path, *text))
            .collect()
    }

    fn fill_with(dir: &Path, list: &[(&str, &str)]) {
        let files = files(list);
        fill(dir, None, &files.iter().collect::<Vec<_>>()).unwrap();
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
            fill(dir.path(), None, &files.iter().collect::<Vec<_>>()).unwrap(),
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

    #[cfg(unix)]
    #[test]
    fn an_unchanged_file_of_the_previous_site_is_linked_not_written() {
        use std::os::unix::fs::MetadataExt as _;
        let previous = tempfile::tempdir().unwrap();
        let spare = tempfile::tempdir().unwrap();
        fill_with(
            previous.path(),
            &[("a/index.html", "same"), ("b.html", "old")],
        );
        let before = fs::metadata(previous.path().join("a/index.html")).unwrap();
        let files = files(&[("a/index.html", "same"), ("b.html", "new")]);
        let files: Vec<&OutputFile> = files.iter().collect();
        // One file written; the other is the previous site's own file.
        assert_eq!(
            fill(spare.path(), Some(previous.path()), &files).unwrap(),
            1
        );
        let linked = fs::metadata(spare.path().join("a/index.html")).unwrap();
        assert_eq!(linked.ino(), before.ino());
        assert_eq!(linked.mtime(), before.mtime());
        assert_eq!(
            fs::read_to_string(spare.path().join("b.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(previous.path().join("b.html")).unwrap(),
            "old"
        );
        // Again: nothing to write, nothing to link.
        assert_eq!(
            fill(spare.path(), Some(previous.path()), &files).unwrap(),
            0
        );
        assert_eq!(
            fs::metadata(spare.path().join("a/index.html"))
                .unwrap()
                .ino(),
            before.ino()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_previous_site_is_not_linked_in() {
        use std::os::unix::fs::symlink;
        let previous = tempfile::tempdir().unwrap();
        let spare = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "same").unwrap();
        symlink(
            outside.path().join("secret"),
            previous.path().join("a.html"),
        )
        .unwrap();
        let files = files(&[("a.html", "same")]);
        let files: Vec<&OutputFile> = files.iter().collect();
        assert_eq!(
            fill(spare.path(), Some(previous.path()), &files).unwrap(),
            1
        );
        assert!(fs::symlink_metadata(spare.path().join("a.html"))
            .unwrap()
            .is_file());
    }
}
