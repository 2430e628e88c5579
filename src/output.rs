//! The output stage, the only code that touches the output directory. The
//! whole site is written to a fresh sibling directory and swapped in only
//! when complete, so a failed build leaves the previous output as it was.

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::BTreeSet;

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

/// Writes `files` as the new content of `output`, atomically as far as the
/// file system allows: a staging directory next to `output` is filled, then
/// renamed into place; the old output is removed only after that.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    let parent = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = output
        .file_name()
        .with_context(|| format!("{} is not a directory name", output.display()))?
        .to_string_lossy()
        .into_owned();
    if output.exists() && !output.is_dir() {
        bail!("{} exists and is not a directory", output.display());
    }
    let staging = parent.join(format!(".{name}.tanni-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.tanni-old-{}", std::process::id()));
    for stale in [&staging, &retired] {
        if stale.exists() {
            fs::remove_dir_all(stale)
                .with_context(|| format!("cannot remove {}", stale.display()))?;
        }
    }
    if let Err(error) = fill(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if output.exists() {
        fs::rename(output, &retired)
            .with_context(|| format!("cannot move the old {} aside", output.display()))?;
    }
    if let Err(error) = fs::rename(&staging, output) {
        // Put the previous output back before reporting.
        if retired.exists() {
            let _ = fs::rename(&retired, output);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(error)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    if retired.exists() {
        fs::remove_dir_all(&retired)
            .with_context(|| format!("cannot remove the old output {}", retired.display()))?;
    }
    Ok(())
}

/// Writes every file into the staging directory: the folders first, each
/// once, then the files in parallel (on a slow file system the system calls,
/// not the bytes, are the cost).
fn fill(staging: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(staging).with_context(|| format!("cannot create {}", staging.display()))?;
    let mut folders = BTreeSet::new();
    for file in files {
        if file
            .path
            .split('/')
            .any(|part| part == ".." || part.is_empty())
        {
            bail!(
                "refusing to write outside the output directory: {}",
                file.path
            );
        }
        let mut folder = Path::new(&file.path).parent();
        while let Some(path) = folder.filter(|path| !path.as_os_str().is_empty()) {
            folders.insert(path.to_path_buf());
            folder = path.parent();
        }
    }
    // In path order a parent comes before its children.
    for folder in &folders {
        let target = staging.join(folder);
        fs::create_dir(&target).with_context(|| format!("cannot create {}", target.display()))?;
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        fs::write(&target, &file.bytes)
            .with_context(|| format!("cannot write {}", target.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_site_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        write_site(
            &output,
            &[
                OutputFile::new("a/index.html", "one"),
                OutputFile::new("old.txt", "x"),
            ],
        )
        .unwrap();
        write_site(&output, &[OutputFile::new("a/index.html", "two")]).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!output.join("old.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
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
