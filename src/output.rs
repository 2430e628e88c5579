//! The output stage, the only code that touches the output directory. The
//! whole site is written into a sibling directory and swapped in only when
//! complete, so a failed build leaves the previous output as it was.
//!
//! The site before the previous one is kept as a hidden sibling (the spare,
//! `.public.tanni-spare`) and rewritten in place by the next build: only
//! folders that are new are created and only files that are gone are removed,
//! which on a file system where creating a folder is slow makes a rebuild
//! several times faster than writing every folder anew. The output itself is
//! never written in place.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;

/// A file of the built site, by its path under the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The sibling folders the output stage uses beside `output`.
struct Siblings {
    /// Filled with the new site, then renamed to the output.
    staging: PathBuf,
    /// The previous output while the new one moves in; then the spare.
    retired: PathBuf,
}

impl Siblings {
    fn of(output: &Path) -> Result<Siblings> {
        let parent = match output.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = output
            .file_name()
            .with_context(|| format!("{} is not a directory name", output.display()))?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        Ok(Siblings {
            staging: parent.join(format!(".{name}.tanni-spare")),
            retired: parent.join(format!(".{name}.tanni-old")),
        })
    }
}

/// Writes `files` as the new content of `output`: the spare (or a new
/// folder) is made to hold exactly these files, then swapped with the output.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    check_paths(files)?;
    if output.exists() && !output.is_dir() {
        bail!("{} exists and is not a directory", output.display());
    }
    let Siblings { staging, retired } = Siblings::of(output)?;
    if retired.exists() {
        // Left by a build that was interrupted mid-swap.
        fs::remove_dir_all(&retired)
            .with_context(|| format!("cannot remove {}", retired.display()))?;
    }
    if staging.exists() && !staging.is_dir() {
        fs::remove_file(&staging)
            .with_context(|| format!("cannot remove {}", staging.display()))?;
    }
    fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    fill(&staging, files)?;
    if output.exists() {
        fs::rename(output, &retired)
            .with_context(|| format!("cannot move the old {} aside", output.display()))?;
    }
    if let Err(error) = fs::rename(&staging, output) {
        // Put the previous output back before reporting.
        if retired.exists() {
            let _ = fs::rename(&retired, output);
        }
        return Err(error)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    if retired.exists() {
        fs::rename(&retired, &staging)
            .with_context(|| format!("cannot keep the previous site as {}", staging.display()))?;
    }
    Ok(())
}

fn check_paths(files: &[OutputFile]) -> Result<()> {
    for file in files {
        if file
            .path
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty())
        {
            bail!(
                "refusing to write outside the output directory: {}",
                file.path
            );
        }
    }
    Ok(())
}

/// Makes `dir` hold exactly `files`: removes what is not in the new site,
/// creates the folders that are missing, and writes every file (in parallel:
/// on a slow file system the system calls, not the bytes, are the cost).
fn fill(dir: &Path, files: &[OutputFile]) -> Result<()> {
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
    let mut walker = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let relative = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir stays under its root")
            .to_string_lossy()
            .replace('\\', "/");
        let is_folder = entry.file_type().is_dir();
        if is_folder && wanted_folders.contains(&relative) {
            existing_folders.insert(relative);
        } else if is_folder {
            fs::remove_dir_all(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
            walker.skip_current_dir();
        } else if !wanted_files.contains(relative.as_str()) {
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
        fs::write(&target, &file.bytes)
            .with_context(|| format!("cannot write {}", target.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_site_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_site(
            &output,
            &[
                OutputFile::new("a/index.html", "one"),
                OutputFile::new("old/x.txt", "x"),
            ],
        )
        .unwrap();
        write_site(
            &output,
            &[
                OutputFile::new("a/index.html", "two"),
                OutputFile::new("b/c/index.html", "c"),
            ],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!output.join("old").exists());
        assert_eq!(
            names(dir.path()),
            [".public.tanni-spare", "public"],
            "the previous site is kept as the spare"
        );
    }

    #[test]
    fn the_spare_is_rewritten_to_hold_exactly_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_site(
            &output,
            &[
                OutputFile::new("keep/index.html", "1"),
                OutputFile::new("gone/deep/f.txt", "1"),
            ],
        )
        .unwrap();
        write_site(&output, &[OutputFile::new("keep/index.html", "2")]).unwrap();
        write_site(
            &output,
            &[
                OutputFile::new("keep/index.html", "3"),
                OutputFile::new("new/index.html", "3"),
            ],
        )
        .unwrap();
        let mut files: Vec<String> = walkdir::WalkDir::new(&output)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&output)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        assert_eq!(files, ["keep/index.html", "new/index.html"]);
        assert_eq!(
            fs::read_to_string(output.join("keep/index.html")).unwrap(),
            "3"
        );
    }

    #[test]
    fn a_path_that_climbs_out_is_refused_and_the_old_site_stays() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_site(&output, &[OutputFile::new("index.html", "old")]).unwrap();
        assert!(write_site(&output, &[OutputFile::new("../evil", "x")]).is_err());
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "old"
        );
    }
}
