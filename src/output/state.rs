//! What a folder the output stage would replace holds: nothing, only what
//! tanni wrote there (as its marker lists), or something else, which is
//! refused with its names.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use super::guard::{refuse, Refusal};
use super::marker::{self, MARKER};

/// What a folder the output stage will replace holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Missing,
    Empty,
    /// Written by tanni, and holding nothing else: the files its marker lists.
    Owned(BTreeSet<String>),
}

/// Which of its folders the output stage is looking at, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Output,
    Spare,
}

/// How many foreign entries a refusal names before "and N more".
const NAMED: usize = 5;

/// Whether `dir` may be replaced: missing, empty, or tanni's with nothing
/// in it that tanni did not write.
pub fn check_state(dir: &Path, shown: &Path, role: Role) -> Result<State, Refusal> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(State::Missing),
        Err(error) => {
            return Err(refuse(
                format!("cannot read {}: {error}", dir.display()),
                "check the folder's permissions",
            ))
        }
    };
    let what = match role {
        Role::Output => format!("the site into {}", shown.display()),
        Role::Spare => format!(
            "the site: {} (beside the output, where tanni keeps the previous site)",
            dir.display()
        ),
    };
    let help = match role {
        Role::Output => "tanni writes only into a new or empty folder, or one it wrote before (marked by its .tanni-output file) holding nothing else; name another folder with --output-dir, or move those files away first",
        Role::Spare => "tanni keeps the previous site in that folder; move it away (or delete it, if nothing in it is needed) and build again",
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(
            format!("refusing to write {what}: it is a symbolic link, and tanni never writes through links"),
            help,
        ));
    }
    if !meta.is_dir() {
        return Err(refuse(
            format!("refusing to write {what}: it is a file, not a folder"),
            help,
        ));
    }
    let cannot_read = |error: &dyn fmt::Display| {
        refuse(
            format!("cannot read {}: {error}", dir.display()),
            "check the folder's permissions",
        )
    };
    let marker_text = fs::symlink_metadata(dir.join(MARKER))
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|_| fs::read_to_string(dir.join(MARKER)).unwrap_or_default());
    let listed = marker_text.as_deref().and_then(marker::listed);
    if marker_text.is_some() && listed.is_none() {
        return Err(refuse(
            format!(
                "refusing to write {what}: its {MARKER} lists no files (an earlier tanni wrote it, or someone else), so what in it is tanni's cannot be told"
            ),
            "if it holds only a site tanni built, delete it and build again",
        ));
    }
    let foreign: Vec<String> = match &listed {
        Some(files) => {
            let folders = marker::folders(files);
            let mut foreign = Vec::new();
            let mut walker = walkdir::WalkDir::new(dir)
                .follow_links(false)
                .min_depth(1)
                .sort_by_file_name()
                .into_iter();
            while let Some(entry) = walker.next() {
                let entry = entry.map_err(|error| cannot_read(&error))?;
                let relative = super::relative_path(dir, &entry);
                let kind = entry.file_type();
                // A link where tanni wrote a file or a folder holds nothing
                // of anyone's: it is removed, its target untouched.
                let known = if kind.is_dir() {
                    folders.contains(&relative)
                } else if kind.is_symlink() {
                    files.contains(&relative) || folders.contains(&relative)
                } else {
                    relative == MARKER || files.contains(&relative)
                };
                if !known {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                        foreign.push(format!("{relative}/"));
                    } else {
                        foreign.push(relative);
                    }
                }
            }
            foreign
        }
        None => {
            let mut entries: Vec<String> = fs::read_dir(dir)
                .map_err(|error| cannot_read(&error))?
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            entries.sort();
            entries
        }
    };
    match (listed, foreign.is_empty()) {
        (Some(files), true) => return Ok(State::Owned(files)),
        (None, true) => return Ok(State::Empty),
        _ => {}
    }
    let count = foreign.len();
    let mut named = foreign
        .iter()
        .take(NAMED)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if count > NAMED {
        named.push_str(&format!(" and {} more", count - NAMED));
    }
    Err(refuse(
        format!(
            "refusing to write {what}: it holds {count} entr{} that tanni did not write ({named})",
            if count == 1 { "y" } else { "ies" }
        ),
        help,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_foreign_files_is_refused_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("v");
        assert_eq!(
            check_state(&output, &output, Role::Output),
            Ok(State::Missing)
        );
        fs::create_dir(&output).unwrap();
        assert_eq!(
            check_state(&output, &output, Role::Output),
            Ok(State::Empty)
        );
        fs::write(output.join("thesis.txt"), "x").unwrap();
        let refusal = check_state(&output, Path::new("v"), Role::Output).unwrap_err();
        assert_eq!(
            refusal.message,
            "refusing to write the site into v: it holds 1 entry that tanni did not write (thesis.txt)"
        );
        // A marker that lists thesis.txt does not make it tanni's to
        // replace: it lists what tanni wrote, and tanni wrote index.html.
        fs::write(output.join(MARKER), marker::marker_text(["index.html"])).unwrap();
        fs::write(output.join("index.html"), "site").unwrap();
        let refusal = check_state(&output, Path::new("v"), Role::Output).unwrap_err();
        assert!(refusal.message.ends_with("(thesis.txt)"), "{refusal}");
        fs::remove_file(output.join("thesis.txt")).unwrap();
        let listed = check_state(&output, &output, Role::Output).unwrap();
        assert_eq!(listed, State::Owned(["index.html".to_string()].into()));
        // A folder inside, unlisted, is named as a folder.
        fs::create_dir_all(output.join(".git/objects")).unwrap();
        let refusal = check_state(&output, Path::new("v"), Role::Output).unwrap_err();
        assert!(refusal.message.ends_with("(.git/)"), "{refusal}");
    }
}
