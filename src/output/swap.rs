//! Making the new site durable and putting it in place of the old one in a
//! single step, so that a reader, or the disk after a crash, sees either the
//! whole previous site or the whole new one.

use std::fs;
use std::io;
use std::path::Path;

/// Flushes everything written under `dir` to the disk: file contents,
/// the folders' entries, and `dir` itself.
#[cfg(target_os = "linux")]
pub fn sync_tree(dir: &Path, _files: &[&Path]) -> io::Result<()> {
    // One syncfs flushes every file of the file system that holds `dir`:
    // far fewer system calls than a fsync per file, and the same guarantee.
    let folder = fs::File::open(dir)?;
    rustix::fs::syncfs(&folder)?;
    Ok(())
}

/// Flushes everything written under `dir` to the disk: every file, then
/// every folder, then `dir` itself.
#[cfg(not(target_os = "linux"))]
pub fn sync_tree(dir: &Path, files: &[&Path]) -> io::Result<()> {
    use rayon::prelude::*;
    files
        .par_iter()
        .try_for_each(|file| fs::File::open(dir.join(file))?.sync_all())?;
    let mut folders: Vec<&Path> = files.iter().filter_map(|file| file.parent()).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        sync_dir(&dir.join(folder))?;
    }
    sync_dir(dir)
}

/// Flushes a folder's entries (a rename in it) to the disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // Folders cannot be opened for a flush here; the rename is as
        // durable as the file system makes it.
        let _ = dir;
        Ok(())
    }
}

/// How the new site took the place of the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// There was no output: one rename.
    Renamed,
    /// The two folders traded places in one step; the old site is at `new`.
    Exchanged,
    /// The system cannot trade places in one step: three renames, with a
    /// moment in which the output does not exist.
    ThreeRenames,
}

/// Puts the folder `new` at `output`, and what was at `output` (if anything)
/// at `new`. `aside` is a free name used only where the system has no atomic
/// exchange.
pub fn exchange(new: &Path, output: &Path, aside: &Path) -> io::Result<Swap> {
    if fs::symlink_metadata(output).is_err() {
        fs::rename(new, output)?;
        return Ok(Swap::Renamed);
    }
    match atomic_exchange(new, output) {
        Ok(()) => Ok(Swap::Exchanged),
        Err(error) if exchange_unsupported(&error) => {
            fs::rename(output, aside)?;
            if let Err(error) = fs::rename(new, output) {
                let _ = fs::rename(aside, output);
                return Err(error);
            }
            fs::rename(aside, new)?;
            Ok(Swap::ThreeRenames)
        }
        Err(error) => Err(error),
    }
}

#[cfg(target_os = "linux")]
fn atomic_exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn atomic_exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether an exchange failed only because the system or the file system
/// cannot do it (an old kernel, a network file system).
fn exchange_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || matches!(error.raw_os_error(), Some(code) if code == EINVAL || code == ENOSYS)
}

#[cfg(target_os = "linux")]
const EINVAL: i32 = rustix::io::Errno::INVAL.raw_os_error();
#[cfg(target_os = "linux")]
const ENOSYS: i32 = rustix::io::Errno::NOSYS.raw_os_error();
#[cfg(not(target_os = "linux"))]
const EINVAL: i32 = -1;
#[cfg(not(target_os = "linux"))]
const ENOSYS: i32 = -1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_folders_trade_places() {
        let dir = tempfile::tempdir().unwrap();
        let (new, output, aside) = (
            dir.path().join("new"),
            dir.path().join("out"),
            dir.path().join("aside"),
        );
        fs::create_dir(&new).unwrap();
        fs::write(new.join("f"), "new").unwrap();
        assert_eq!(exchange(&new, &output, &aside).unwrap(), Swap::Renamed);
        fs::create_dir(&new).unwrap();
        fs::write(new.join("f"), "newer").unwrap();
        let swap = exchange(&new, &output, &aside).unwrap();
        #[cfg(target_os = "linux")]
        assert_eq!(swap, Swap::Exchanged);
        let _ = swap;
        assert_eq!(fs::read_to_string(output.join("f")).unwrap(), "newer");
        assert_eq!(fs::read_to_string(new.join("f")).unwrap(), "new");
        assert!(!aside.exists());
    }
}
