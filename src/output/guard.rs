//! What the output stage may write to. A build writes only into a folder
//! that is missing, empty, or marked as tanni's own by a file tanni wrote
//! there; never the site root, a folder of its sources or a parent of the
//! root, and never through a symbolic link. Every refusal comes before
//! anything is moved, and says why and what to do.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

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

pub(super) fn refuse(message: String, help: impl Into<String>) -> Refusal {
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
}
