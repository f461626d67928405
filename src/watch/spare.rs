//! Spare files for the preview folder: a preview no longer due is moved out of the
//! preview into `OUTBOX/.preview-spare/` instead of being deleted, and the next new
//! preview is written into one of those files instead of a newly created one.
//!
//! Why: on ext4 without a journal (this project's CI-class VMs), creating a file skips
//! every inode freed in the last minutes, one lookup each, so after a reload that
//! deleted a few hundred previews, each file the next reload creates costs ten times
//! more (measured: 280 files, ~100 ms created against ~9 ms reused). A rule edit that
//! moves leads back and forth does exactly that. Reusing a file is a rename in, an
//! overwrite without truncating to zero (which would make ext4 flush it), a shortening
//! to the new length and the usual rename over the final name: the preview still
//! only ever shows a complete file. The spares are removed when the watch ends; a
//! killed watch's spares are cleared like any `.preview-*` folder at the next start.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The spare folder's name inside the outbox.
pub const SPARE_DIR: &str = ".preview-spare";

/// At most this many spares are kept; more stale previews are deleted.
const MAX_SPARES: usize = 4096;

/// The spare files of one watch session.
#[derive(Debug)]
pub struct SparePool {
    dir: PathBuf,
    files: Vec<PathBuf>,
    next: u64,
}

impl SparePool {
    /// An empty pool in `outbox` (the folder is made when the first spare comes).
    pub fn new(outbox: &Path) -> SparePool {
        SparePool {
            dir: outbox.join(SPARE_DIR),
            files: Vec::new(),
            next: 0,
        }
    }

    /// Where each of `count` stale files should go: a new spare name while the pool
    /// has room (the folder is made here), else `None` (delete it). Call
    /// [`SparePool::kept`] with the ones that were moved.
    pub fn places(&mut self, count: usize) -> Vec<Option<PathBuf>> {
        let room = MAX_SPARES.saturating_sub(self.files.len()).min(count);
        if room > 0 && fs::create_dir_all(&self.dir).is_err() {
            return vec![None; count];
        }
        (0..count)
            .map(|i| {
                (i < room).then(|| {
                    self.next += 1;
                    self.dir.join(format!("{}", self.next))
                })
            })
            .collect()
    }

    /// Records spares that were moved in.
    pub fn kept(&mut self, spares: impl IntoIterator<Item = PathBuf>) {
        self.files.extend(spares);
    }

    /// Takes a spare for each of `count` new files, while there are any.
    pub fn take(&mut self, count: usize) -> Vec<Option<PathBuf>> {
        (0..count).map(|_| self.files.pop()).collect()
    }

    /// Removes the spare folder (when the watch ends).
    pub fn clear(&mut self) {
        self.files.clear();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Moves `stale` to `place` when there is one, else deletes it. A file already gone
/// is fine. Returns whether it became a spare.
pub fn retire(stale: &Path, place: Option<&Path>) -> io::Result<bool> {
    if let Some(place) = place
        && fs::rename(stale, place).is_ok()
    {
        return Ok(true);
    }
    match fs::remove_file(stale) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(false),
    }
}

/// Makes `temp` hold exactly `bytes` by reusing `spare`: moved to `temp`, overwritten
/// in place, cut to length. `Err` when the spare cannot be used (the caller creates
/// `temp` afresh).
pub fn fill_from_spare(spare: &Path, temp: &Path, bytes: &[u8]) -> io::Result<()> {
    fs::rename(spare, temp)?;
    let mut file = fs::OpenOptions::new().write(true).open(temp)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

#[cfg(test)]
mod tests;
