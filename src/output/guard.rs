//! What the output stage may write to. A build writes only into a folder
//! that is missing, empty, or marked as tanni's own by a file tanni wrote
//! there; never the site root, a folder of its sources or a parent of the
//! root, and never through a symbolic link. Every refusal comes before
//! anything is moved, and says why and what to do.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::marker::{self, MARKER};

/// The folders of a site's sources: an output may never be one of them or
/// lie inside one.
pub const SOURCE_FOLDERS: [&str; 3] = ["catalog", "content", "themes"];

/// Why tanni will not write to a folder, and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub help: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\nhelp: {}", self.message, self.help)
    }
}

impl std::error::Error for Refusal {}

fn refuse(message: String, help: impl Into<String>) -> Refusal {
    Refusal {
        message,
        help: help.into(),
    }
}

/// The places the output stage uses, resolved once.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The output as the user named it, for messages.
    pub shown: PathBuf,
    /// The output as an absolute path, every link above it resolved.
    pub output: PathBuf,
    /// The hidden sibling that receives the new site and keeps the previous one.
    pub spare: PathBuf,
    /// The hidden sibling that builds into this output lock.
    pub lock: PathBuf,
}

/// Resolves the output folder and refuses one that is the root, a parent of
/// it, a source folder or inside one, a symbolic link, or a file.
pub fn resolve(root: &Path, output: &Path) -> Result<Paths, Refusal> {
    let shown = output.to_path_buf();
    let root = fs::canonicalize(root).map_err(|error| {
        refuse(
            format!("cannot find the site root {}: {error}", root.display()),
            "name the folder that holds site.toml with --root",
        )
    })?;
    let absolute = absolute(output).map_err(|error| {
        refuse(
            format!(
                "cannot resolve the output folder {}: {error}",
                shown.display()
            ),
            "name a folder whose parent exists or can be created",
        )
    })?;
    let name = absolute
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| {
            refuse(
                format!("{} cannot be an output folder", shown.display()),
                "name a folder of its own, such as public/",
            )
        })?;
    let parent = absolute.parent().expect("a path with a name has a parent");
    let help_elsewhere = "name a folder of its own for the site with --output-dir, such as public/";
    if absolute == root {
        return Err(refuse(
            format!(
                "refusing to write the site into {}: it is the site root, which holds the sources",
                shown.display()
            ),
            help_elsewhere,
        ));
    }
    if root.starts_with(&absolute) {
        return Err(refuse(
            format!(
                "refusing to write the site into {}: it holds the site root {}",
                shown.display(),
                root.display()
            ),
            help_elsewhere,
        ));
    }
    for source in SOURCE_FOLDERS {
        let source = root.join(source);
        let source = fs::canonicalize(&source).unwrap_or(source);
        if absolute.starts_with(&source) {
            return Err(refuse(
                format!(
                    "refusing to write the site into {}: it is {} the site's sources ({})",
                    shown.display(),
                    if absolute == source {
                        "one of"
                    } else {
                        "inside"
                    },
                    source.display()
                ),
                help_elsewhere,
            ));
        }
    }
    match fs::symlink_metadata(&absolute) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse(
                format!(
                    "refusing to write the site into {}: it is a symbolic link, and tanni never writes through links",
                    shown.display()
                ),
                "name the folder the link points to with --output-dir, or a new folder",
            ))
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                format!(
                    "refusing to write the site into {}: it is a file, not a folder",
                    shown.display()
                ),
                help_elsewhere,
            ))
        }
        _ => {}
    }
    #[cfg(unix)]
    if let (Ok(folder), Ok(above)) = (fs::metadata(&absolute), fs::metadata(parent)) {
        use std::os::unix::fs::MetadataExt as _;
        if folder.dev() != above.dev() {
            return Err(refuse(
                format!(
                    "refusing to write the site into {}: it is a mount point, and tanni replaces the output folder itself on every build",
                    shown.display()
                ),
                "name a folder inside it with --output-dir",
            ));
        }
    }
    let spare = format!(".{name}.tanni-spare");
    if spare.len() > MAX_NAME_BYTES {
        return Err(refuse(
            format!(
                "refusing to write the site into {}: its name is too long for the hidden folders beside it ({spare})",
                shown.display()
            ),
            "name a folder with a shorter name",
        ));
    }
    Ok(Paths {
        shown,
        spare: parent.join(spare),
        lock: parent.join(format!(".{name}.tanni-lock")),
        output: absolute,
    })
}

/// The longest file name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// An absolute form of `path`, every link above its last component resolved
/// and `.` and `..` taken away. The last component itself is kept as named:
/// a link there is refused by the caller, never followed.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    match (path.components().next_back(), path.parent()) {
        (Some(Component::Normal(name)), Some(parent)) => Ok(resolved(parent).join(name)),
        _ => Ok(resolved(&path)),
    }
}

/// The deepest part of `path` that exists, canonicalized, with the rest
/// appended (`..` taking away a part).
fn resolved(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(mut canonical) = fs::canonicalize(existing) {
            for component in rest.iter().rev() {
                match component {
                    Component::Normal(part) => canonical.push(part),
                    Component::ParentDir => {
                        canonical.pop();
                    }
                    _ => {}
                }
            }
            return canonical;
        }
        match (existing.components().next_back(), existing.parent()) {
            (Some(last), Some(parent)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

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

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for folder in SOURCE_FOLDERS {
            fs::create_dir_all(dir.path().join(folder).join("x")).unwrap();
        }
        fs::write(dir.path().join("site.toml"), "").unwrap();
        dir
    }

    fn refused(root: &Path, output: &Path) -> String {
        resolve(root, output).unwrap_err().message
    }

    #[test]
    fn the_root_its_parents_and_its_sources_are_refused() {
        let dir = site();
        let root = dir.path();
        assert!(refused(root, root).contains("it is the site root"));
        assert!(refused(root, &root.join("catalog/..")).contains("it is the site root"));
        assert!(refused(root, &root.join("..")).contains("it holds the site root"));
        assert!(
            refused(root, Path::new("/")).contains("cannot be an output folder")
                || refused(root, Path::new("/")).contains("it holds the site root")
        );
        assert!(refused(root, &root.join("content")).contains("one of the site's sources"));
        assert!(refused(root, &root.join("themes/x/new")).contains("inside the site's sources"));
        assert!(resolve(root, &root.join("public")).is_ok());
        assert!(resolve(root, &root.join("new/deep/public")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_as_the_output_is_refused_and_a_link_above_it_is_resolved() {
        let dir = site();
        let root = dir.path();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("public")).unwrap();
        assert!(refused(root, &root.join("public")).contains("symbolic link"));
        // A link to the sources, as a parent of the output, is seen through.
        std::os::unix::fs::symlink(root.join("content"), root.join("alias")).unwrap();
        assert!(refused(root, &root.join("alias/site")).contains("inside the site's sources"));
    }

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
