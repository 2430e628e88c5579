//! The output stage, the only code that touches the output folder.
//!
//! The output folder is tanni's alone: a build writes only into a folder that
//! is missing, empty, or marked by the file `.tanni-output` as written by
//! tanni before, and refuses the site root, its sources, any parent of the
//! root and anything behind a symbolic link (see [`guard`]). One build at a
//! time writes to an output: a second waits for the lock.
//!
//! The new site is written into a hidden sibling, the spare
//! (`.public.tanni-spare`), flushed to the disk, and then put in the output's
//! place in one step (see [`swap`]): a reader or a crash sees the whole
//! previous site or the whole new one. The previous site stays as the spare,
//! and the next build rewrites it in place ([`fill`]): only folders that are
//! new are created, which on a file system where creating a folder is slow
//! makes a rebuild several times faster than writing every folder anew.
//!
//! The files are handed over as they are made ([`Output::write_with`] and
//! its [`Sink`]), so a build holds no more of the site in memory than the
//! pages being rendered; the paths are announced first, and the site is
//! swapped in only when every announced file has arrived. A file whose
//! bytes are those of the previous site is linked, not written again.

mod fill;
pub mod guard;
pub mod marker;
mod state;
pub mod swap;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::RwLock;

use anyhow::{bail, Context as _, Result};

use guard::Paths;
pub use guard::Refusal;
pub use marker::MARKER;
use state::{check_state, Role, State};
pub use swap::Swap;

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

/// What writing a site did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub swap: Swap,
    /// How many files were written; the others were the previous site's
    /// or the spare's already, byte for byte.
    pub changed: usize,
}

/// Where a build hands the files of the new site as it makes them, from
/// any thread. Each announced path must arrive once. Paths known only once
/// some work is done (the search's shards) are announced then
/// (`announce`), before their files arrive.
pub struct Sink<'a> {
    filler: fill::Filler<'a>,
    spare: &'a Path,
    /// Each announced path, by its place in `arrived`.
    announced: RwLock<Announced>,
    written: AtomicUsize,
}

/// The paths announced, and whether each has arrived.
#[derive(Default)]
struct Announced {
    places: HashMap<String, usize>,
    arrived: Vec<AtomicBool>,
    /// What the spare's marker lists (it lists every announced path before
    /// any of their files is in the spare).
    listed: BTreeSet<String>,
}

impl Sink<'_> {
    /// Announces more paths of the new site, before their files are put:
    /// the spare's marker lists them and their folders are made.
    pub fn announce(&self, paths: &[String]) -> Result<()> {
        let mut announced = self.announced.write().expect("no thread panics holding it");
        check_paths(
            announced
                .places
                .keys()
                .map(String::as_str)
                .filter(|path| *path != MARKER)
                .chain(paths.iter().map(String::as_str)),
        )?;
        announced.listed.extend(paths.iter().cloned());
        fill::replace(
            &self.spare.join(MARKER),
            marker::marker_text(announced.listed.iter().map(String::as_str)).as_bytes(),
        )
        .with_context(|| format!("cannot write {}", self.spare.join(MARKER).display()))?;
        for path in paths {
            if let Some((folder, _)) = path.rsplit_once('/') {
                // The spare holds no link (`fill::prepare` removed them):
                // every folder here is the spare's own.
                let folder = self.spare.join(folder);
                fs::create_dir_all(&folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
            }
            let at = announced.arrived.len();
            announced.places.insert(path.clone(), at);
            announced.arrived.push(AtomicBool::new(false));
        }
        Ok(())
    }

    /// Puts one file of the new site in place.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let announced = self.announced.read().expect("no thread panics holding it");
        let Some(&at) = announced.places.get(path) else {
            bail!("{path} was made but not announced: the build does not know all its files");
        };
        if announced.arrived[at].swap(true, Ordering::Relaxed) {
            bail!(
                "two files of the site would be written to {path}: each page needs a path of its own"
            );
        }
        if self.filler.put(path, bytes)? == fill::Put::Written {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Puts the spare's final marker, listing every file (linked from the
    /// previous site's where that lists the same). It is not counted among
    /// the files written: it was rewritten as paths were announced.
    fn put_marker(&self, text: &[u8]) -> Result<()> {
        self.filler.put(MARKER, text)?;
        let announced = self.announced.read().expect("no thread panics holding it");
        if let Some(&at) = announced.places.get(MARKER) {
            announced.arrived[at].store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    /// The announced paths that have not arrived.
    fn missing(&self) -> Vec<String> {
        let announced = self.announced.read().expect("no thread panics holding it");
        let mut missing: Vec<String> = announced
            .places
            .iter()
            .filter(|(_, &at)| !announced.arrived[at].load(Ordering::Relaxed))
            .map(|(path, _)| path.clone())
            .collect();
        missing.sort_unstable();
        missing
    }

    /// Every path announced, the marker among them, sorted.
    fn paths(&self) -> Vec<String> {
        let announced = self.announced.read().expect("no thread panics holding it");
        let mut paths: Vec<String> = announced.places.keys().cloned().collect();
        paths.sort_unstable();
        paths
    }
}

/// Where a site is written: an output folder that passed the checks that do
/// not depend on its content (not the root, not a source, not a link).
#[derive(Debug, Clone)]
pub struct Output {
    paths: Paths,
}

impl Output {
    /// Resolves the output folder of the site at `root`, refusing one that
    /// tanni must never write to. Nothing is created or moved.
    pub fn new(root: &Path, output: &Path) -> Result<Output, Refusal> {
        guard::resolve(root, output).map(|paths| Output { paths })
    }

    /// The output folder as the user named it.
    pub fn path(&self) -> &Path {
        &self.paths.shown
    }

    /// The hidden folder that keeps the previous site.
    pub fn spare(&self) -> &Path {
        &self.paths.spare
    }

    /// Writes `files` as the whole new content of the output folder and
    /// returns how it was swapped in (see [`Output::write_with`]).
    pub fn write(&self, files: &[OutputFile], on_wait: impl FnOnce()) -> Result<Written> {
        let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        self.write_with(&paths, on_wait, |sink| {
            files
                .iter()
                .try_for_each(|file| sink.put(&file.path, &file.bytes))
        })
    }

    /// Writes the files at `paths` as the whole new content of the output
    /// folder: `make` hands each to the sink as it is made, and when it has
    /// returned with all of them, the new site is swapped in. Returns how.
    /// Another build writing to the same output is waited for; `on_wait` is
    /// called before waiting. Refuses a folder (the output or the spare)
    /// that holds what tanni did not write, before anything moves. Where
    /// `make` fails, or leaves a file out, the output is left as it was.
    pub fn write_with(
        &self,
        paths: &[&str],
        on_wait: impl FnOnce(),
        make: impl FnOnce(&Sink) -> Result<()>,
    ) -> Result<Written> {
        check_paths(paths.iter().copied())?;
        let Paths {
            shown,
            output,
            spare,
            lock,
        } = &self.paths;
        let aside = aside_path(output);
        let parent = output.parent().expect("a resolved output has a parent");
        let _lock = match lock_file(lock, false, on_wait)? {
            Some(file) => file,
            None => {
                // No build has written here yet: refuse before anything is
                // created, the lock file included. (Where the lock exists,
                // the folders are looked at only under it: a build that is
                // filling the spare holds it.)
                if let Err(refusal) = self.check_folders(&aside) {
                    if fs::symlink_metadata(lock).is_err() {
                        return Err(refusal.into());
                    }
                }
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
                lock_file(lock, true, || {})?.expect("a created lock file")
            }
        };
        recover_interrupted_swap(output, &aside, shown)?;
        let (output_state, spare_state) = self.check_folders(&aside)?;
        let mut listed = match spare_state {
            State::Owned(listed) => listed,
            State::Empty => BTreeSet::new(),
            State::Missing => {
                create_spare(spare, output, output_state != State::Missing)?;
                BTreeSet::new()
            }
        };
        // The marker first, listing what the spare will hold while it is
        // filled: a build stopped half-way leaves a spare still known as
        // tanni's, with nothing in it unlisted.
        listed.extend(paths.iter().map(|path| path.to_string()));
        // A new file: the spare's may be the output's own (a hard link).
        fill::replace(
            &spare.join(MARKER),
            marker::marker_text(listed.iter().map(String::as_str)).as_bytes(),
        )
        .with_context(|| format!("cannot write {}", spare.join(MARKER).display()))?;
        let mut all: BTreeSet<&str> = paths.iter().copied().collect();
        all.insert(MARKER);
        let (existing, folders) = fill::prepare(spare, &all)?;
        let sink = Sink {
            filler: fill::Filler {
                spare,
                previous: matches!(output_state, State::Owned(_)).then_some(output.as_path()),
                existing: &existing,
                folders: &folders,
            },
            spare,
            announced: RwLock::new(Announced {
                places: all
                    .iter()
                    .enumerate()
                    .map(|(at, path)| (path.to_string(), at))
                    .collect(),
                arrived: all.iter().map(|_| AtomicBool::new(false)).collect(),
                listed,
            }),
            written: AtomicUsize::new(0),
        };
        make(&sink)?;
        let all = sink.paths();
        sink.put_marker(
            marker::marker_text(
                all.iter()
                    .map(String::as_str)
                    .filter(|path| *path != MARKER),
            )
            .as_bytes(),
        )?;
        let missing = sink.missing();
        if let Some(first) = missing.first() {
            bail!(
                "the build did not make {} of the files it announced ({first}, …); the output was left as it was",
                missing.len()
            );
        }
        let all: Vec<&Path> = all.iter().map(Path::new).collect();
        swap::sync_tree(spare, &all)
            .with_context(|| format!("cannot flush {} to the disk", spare.display()))?;
        let swapped = swap::exchange(spare, output, &aside)
            .with_context(|| format!("cannot move the new site into {}", shown.display()))?;
        swap::sync_dir(parent)
            .with_context(|| format!("cannot flush {} to the disk", parent.display()))?;
        Ok(Written {
            swap: swapped,
            changed: sink.written.into_inner(),
        })
    }

    /// The output and the spare, each missing, empty or wholly tanni's; and
    /// a folder left aside by an interrupted swap, if any, tanni's too.
    fn check_folders(&self, aside: &Path) -> Result<(State, State), Refusal> {
        let Paths {
            shown,
            output,
            spare,
            ..
        } = &self.paths;
        check_state(aside, shown, Role::Spare)?;
        Ok((
            check_state(output, shown, Role::Output)?,
            check_state(spare, shown, Role::Spare)?,
        ))
    }
}

/// Creates the spare, with the mode and group of the output where there is
/// one: the two folders take turns as the output, and the output keeps the
/// permissions its owner gave it.
fn create_spare(spare: &Path, output: &Path, output_exists: bool) -> Result<()> {
    fs::create_dir(spare).with_context(|| format!("cannot create {}", spare.display()))?;
    if output_exists {
        let meta =
            fs::metadata(output).with_context(|| format!("cannot read {}", output.display()))?;
        fs::set_permissions(spare, meta.permissions())
            .with_context(|| format!("cannot set the permissions of {}", spare.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            // Best effort: only the owner of both, or root, may change it.
            let _ = std::os::unix::fs::chown(spare, None, Some(meta.gid()));
        }
    }
    Ok(())
}

/// The path of a walked entry under `dir`, `/`-separated as the site's
/// paths are.
fn relative_path(dir: &Path, entry: &walkdir::DirEntry) -> String {
    entry
        .path()
        .strip_prefix(dir)
        .expect("walkdir stays under its root")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Holds the lock of an output for as long as the file is open; `None`
/// when the lock file does not exist and `create` is false.
fn lock_file(path: &Path, create: bool, on_wait: impl FnOnce()) -> Result<Option<fs::File>> {
    let mut options = fs::OpenOptions::new();
    options
        .read(true)
        .write(true)
        .create(create)
        .truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !create => return Ok(None),
        Err(error) => {
            return Err(error)
                .with_context(|| format!("cannot open the lock file {}", path.display()))
        }
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            on_wait();
            file.lock()
                .with_context(|| format!("cannot lock {}", path.display()))?;
        }
        Err(fs::TryLockError::Error(error)) => {
            return Err(error).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
    Ok(Some(file))
}

/// Where the output waits during a swap on a system without an atomic
/// exchange.
fn aside_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .expect("a resolved output has a name")
        .to_string_lossy();
    output.with_file_name(format!(".{name}.tanni-old"))
}

/// A build stopped between the renames of a swap without an atomic exchange
/// leaves the previous site aside: put it back, or drop it if the new one
/// made it into place.
fn recover_interrupted_swap(output: &Path, aside: &Path, shown: &Path) -> Result<()> {
    if !matches!(check_state(aside, shown, Role::Spare)?, State::Owned(_)) {
        return Ok(());
    }
    if check_state(output, shown, Role::Output)? == State::Missing {
        fs::rename(aside, output)
            .with_context(|| format!("cannot put {} back", aside.display()))?;
    } else {
        fs::remove_dir_all(aside).with_context(|| format!("cannot remove {}", aside.display()))?;
    }
    Ok(())
}

/// Every path stays inside the output, names one file, and leaves the marker
/// to the output stage.
pub fn check_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Result<()> {
    let mut seen = BTreeSet::new();
    for path in paths {
        if path
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty() || part.contains('\\'))
        {
            bail!("refusing to write outside the output directory: {path}");
        }
        if path == MARKER {
            bail!("{MARKER} is the output stage's own file; no page may take its name");
        }
        if !seen.insert(path) {
            bail!(
                "two files of the site would be written to {path}: each page needs a path of its own"
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
