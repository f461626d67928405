//! The one way leadplay writes a file it must never leave half-written: drafts, the
//! state, the runs history, the review page, `fmt`'s rewrites, `init`'s workspace.
//!
//! The data goes to a temp file created exclusively (`create_new`) beside the target, is
//! flushed to disk, renamed over the target, and the folder is synced so the rename
//! itself survives a power cut. Temp files are named `.<name>.<pid>-<n>.tmp`
//! ([`temp_path_beside`]); [`temp_file_pid`] reads that name back, so the clean-up of a
//! killed run's leftovers (`engine::leftovers`) matches exactly what this module writes.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` atomically: parent folders are created, the data goes to a
/// temp file in the same folder, is flushed to disk and renamed over `path`. Readers see
/// the old file or the new one, never a part of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = parent_of(path);
    fs::create_dir_all(parent)?;
    let temp = temp_path_beside(path)?;
    let result = write_synced(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // Best effort: the temp file is ours and useless now.
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_dir(parent);
    Ok(())
}

/// Like [`write_atomic`], but never replaces a file: when `path` exists (or appears
/// meanwhile) the result is an `AlreadyExists` error and nothing changes. The temp file
/// is linked to its name, which fails instead of replacing, then removed.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = parent_of(path);
    fs::create_dir_all(parent)?;
    let temp = temp_path_beside(path)?;
    let result = write_synced(&temp, bytes).and_then(|()| link_or_move(&temp, path));
    // Linked or not, the temp name has served: the target (if any) is a second link.
    // After a move it is gone already, and the error is ignored.
    let _ = fs::remove_file(&temp);
    result?;
    sync_dir(parent);
    Ok(())
}

/// Gives `temp` the name `path` without replacing a file there. A hard link does it
/// in one step. File systems without hard links (FAT, exFAT, some network shares)
/// refuse the link; there the name is checked, then the temp file is renamed. A file
/// created between the check and the rename would be replaced, which is acceptable
/// for `init`'s own fresh folder.
fn link_or_move(temp: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(temp, path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
            if path.exists() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("`{}` exists", path.display()),
                ));
            }
            fs::rename(temp, path)
        }
        linked => linked,
    }
}

/// `.<name>.<pid>-<n>.tmp` beside `path`: hidden, unique within this process (`n`
/// counts) and across processes (`pid`), and recognisable by [`temp_file_pid`].
pub fn temp_path_beside(path: &Path) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{}` has no file name", path.display()),
        )
    })?;
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut temp_name = OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}-{unique}.tmp", std::process::id()));
    Ok(parent_of(path).join(temp_name))
}

/// The pid in a temp file name made by [`temp_path_beside`] (`.<name>.<pid>-<n>.tmp`),
/// `None` for any other name.
pub fn temp_file_pid(file_name: &str) -> Option<u32> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, counter) = inner.rsplit_once('-')?;
    let (_, pid) = rest.rsplit_once('.')?;
    counter.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// The folder `path` lies in (`.` for a bare file name).
pub fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes a rename in `dir` durable. Not every platform can open a folder for syncing
/// (Windows cannot); there the rename is as durable as the OS makes it.
pub fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Creates `temp` (failing if anything is there: never someone else's file), writes
/// and fsyncs it.
fn write_synced(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests;
