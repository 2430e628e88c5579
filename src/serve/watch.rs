//! Watching a site's inputs for `tanni serve`: `site.toml`, `catalog/`,
//! `content/` and `themes/`, through the system's file events (the `notify`
//! crate). A save comes as a burst of events (an editor writes a temporary
//! file and renames it over the old one, or truncates and writes):
//! [`Watch::changes`] gathers a burst until the inputs have been quiet for a
//! moment. What is no input is left out: editors' temporary, swap and backup
//! files, hidden files, the output folder and its hidden siblings, and the
//! build's own reading of the inputs.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher as _};

/// The folders of a site's inputs, each watched whole.
pub const FOLDERS: [&str; 3] = ["catalog", "content", "themes"];
/// The input at the root (the root is watched for it alone).
pub const CONFIG: &str = "site.toml";

/// How long the inputs must stay quiet after a change before it is taken.
pub const QUIET: Duration = Duration::from_millis(100);
/// The longest a burst is gathered: changes that never stop still build.
const LONGEST: Duration = Duration::from_secs(2);

/// The inputs of a site, watched.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    output: PathBuf,
}

impl Watch {
    /// Watches the inputs of the site at `root` (an input folder made later
    /// is watched from then on); changes under `output` are not theirs.
    /// Fails where the system cannot watch (no inotify, or its limit on
    /// watches reached).
    pub fn new(root: &Path, output: &Path) -> notify::Result<Watch> {
        let root = std::path::absolute(root)?;
        let output = std::path::absolute(output)?;
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        for folder in FOLDERS {
            let folder = root.join(folder);
            if folder.is_dir() {
                watcher.watch(&folder, RecursiveMode::Recursive)?;
            }
        }
        Ok(Watch {
            watcher,
            events,
            root,
            output,
        })
    }

    /// Watches an input folder that has just appeared at the root (the
    /// root's own watch sees it come, not what it holds).
    fn watch_new_folder(&mut self, path: &Path) {
        let is_folder = path.parent() == Some(self.root.as_path())
            && FOLDERS.iter().any(|folder| path.ends_with(folder))
            && path.is_dir();
        if is_folder {
            // A folder already watched is watched once all the same.
            let _ = self.watcher.watch(path, RecursiveMode::Recursive);
        }
    }

    /// Waits for a change to the inputs, then until they have been quiet for
    /// [`QUIET`]; returns the inputs changed, relative to the root and
    /// sorted: those that are there still (not a temporary file that a tool
    /// renamed over an input, as `sed -i` does), unless none is (all were
    /// deleted). The list is empty when the system lost count of its events
    /// (anything may have changed).
    pub fn changes(&mut self) -> Vec<PathBuf> {
        let mut changed = BTreeSet::new();
        while let Ok(event) = self.events.recv() {
            if self.take(event, &mut changed) {
                break;
            }
        }
        let first = Instant::now();
        let mut quiet_from = first + QUIET;
        loop {
            let until = quiet_from.min(first + LONGEST);
            let left = until.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    if self.take(event, &mut changed) {
                        quiet_from = Instant::now() + QUIET;
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        let changed: Vec<PathBuf> = changed.into_iter().flatten().collect();
        let there: Vec<PathBuf> = changed
            .iter()
            .filter(|path| self.root.join(path).exists())
            .cloned()
            .collect();
        if there.is_empty() {
            changed
        } else {
            there
        }
    }

    /// Adds what an event changed of the inputs (`None`: it cannot say);
    /// whether it changed any.
    fn take(
        &mut self,
        event: notify::Result<Event>,
        changed: &mut BTreeSet<Option<PathBuf>>,
    ) -> bool {
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            // Lost events, or an error of the watch: anything may have changed.
            _ => {
                changed.insert(None);
                return true;
            }
        };
        if !changes_content(&event.kind) {
            return false;
        }
        if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
            for path in &event.paths {
                self.watch_new_folder(path);
            }
        }
        let mut any = false;
        for path in &event.paths {
            if let Some(input) = self.input(path) {
                changed.insert(Some(input));
                any = true;
            }
        }
        any
    }

    /// The input at `path`, relative to the root, if it is one.
    fn input(&self, path: &Path) -> Option<PathBuf> {
        if path.starts_with(&self.output) {
            return None;
        }
        let relative = path.strip_prefix(&self.root).ok()?;
        let mut names = relative.components().map(|component| match component {
            Component::Normal(name) => Some(name),
            _ => None,
        });
        let top = names.next()??;
        let input = if top == CONFIG {
            relative == Path::new(CONFIG)
        } else {
            FOLDERS.iter().any(|folder| top == *folder)
        };
        let scratch = relative
            .components()
            .any(|component| matches!(component, Component::Normal(name) if is_scratch(name)));
        (input && !scratch).then(|| relative.to_path_buf())
    }
}

/// Whether an event can change a file's bytes or name: not reading it (the
/// build opens every input), nor its times or permissions.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// An editor's file beside the one edited, or a hidden one: vim's swap
/// (`.x.swp`), test (`4913`) and backup (`x~`) files, emacs's (`.#x`,
/// `#x#`), JetBrains' (`x___jb_tmp___`), temporary files (`x.tmp`), and the
/// output's hidden siblings (`.public.tanni-spare`).
fn is_scratch(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with(['.', '#'])
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|end| name.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::sync::mpsc::Receiver;

    /// A site's folders with a file each, watched; the changes found, sent
    /// as they come.
    fn watched() -> (tempfile::TempDir, Receiver<Vec<PathBuf>>) {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("site.toml"), "title = 1\n").unwrap();
        for folder in FOLDERS {
            fs::create_dir_all(root.path().join(folder).join("sub")).unwrap();
            fs::write(root.path().join(folder).join("sub/a.toml"), "a").unwrap();
        }
        let mut watch = Watch::new(root.path(), &root.path().join("public")).unwrap();
        let (send, found) = mpsc::channel();
        std::thread::spawn(move || loop {
            if send.send(watch.changes()).is_err() {
                return;
            }
        });
        (root, found)
    }

    fn next(found: &Receiver<Vec<PathBuf>>) -> Option<Vec<String>> {
        found
            .recv_timeout(Duration::from_millis(600))
            .ok()
            .map(|paths| paths.iter().map(|p| p.display().to_string()).collect())
    }

    #[test]
    fn a_burst_of_changes_to_the_inputs_is_one_change() {
        let (root, found) = watched();
        let root = root.path();
        fs::write(root.join("catalog/sub/a.toml"), "b").unwrap();
        fs::write(root.join("themes/sub/new.css"), "c").unwrap();
        fs::write(root.join("site.toml"), "title = 2\n").unwrap();
        assert_eq!(
            next(&found).unwrap(),
            ["catalog/sub/a.toml", "site.toml", "themes/sub/new.css"]
        );
        assert_eq!(next(&found), None);
        // An editor's save: a temporary file renamed over the input.
        fs::write(root.join("content/sub/.a.toml.swp"), "x").unwrap();
        fs::write(root.join("content/sub/a.toml.tmp"), "new").unwrap();
        fs::rename(
            root.join("content/sub/a.toml.tmp"),
            root.join("content/sub/a.toml"),
        )
        .unwrap();
        assert_eq!(next(&found).unwrap(), ["content/sub/a.toml"]);
    }

    #[test]
    fn reading_the_inputs_and_writing_elsewhere_are_no_change() {
        let (root, found) = watched();
        let root = root.path();
        fs::read(root.join("catalog/sub/a.toml")).unwrap();
        fs::read(root.join("site.toml")).unwrap();
        fs::create_dir_all(root.join("public/ja")).unwrap();
        fs::write(root.join("public/ja/index.html"), "x").unwrap();
        fs::create_dir_all(root.join(".public.tanni-spare")).unwrap();
        fs::write(root.join("README.md"), "x").unwrap();
        fs::write(root.join("themes/sub/a.toml~"), "x").unwrap();
        fs::write(root.join("themes/sub/4913"), "x").unwrap();
        assert_eq!(next(&found), None);
    }

    #[test]
    fn an_input_folder_made_later_is_watched_from_then_on() {
        let (root, found) = watched();
        let root = root.path();
        fs::remove_dir_all(root.join("content")).unwrap();
        assert!(next(&found).is_some());
        fs::create_dir(root.join("content")).unwrap();
        assert_eq!(next(&found).unwrap(), ["content"]);
        fs::write(root.join("content/page.md"), "x").unwrap();
        assert_eq!(next(&found).unwrap(), ["content/page.md"]);
    }

    #[test]
    fn what_counts_as_scratch() {
        for name in [
            ".a.swp",
            ".#a.md",
            "#a.md#",
            "a.md~",
            "4913",
            "a.md___jb_tmp___",
        ] {
            assert!(is_scratch(OsStr::new(name)), "{name}");
        }
        for name in ["a.md", "06.toml", "style.css", "site.toml"] {
            assert!(!is_scratch(OsStr::new(name)), "{name}");
        }
    }
}
