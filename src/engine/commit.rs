//! The drafts of a real run, written the way the disk is fast and crash-safe at once.
//!
//! Writing each draft durably on its own (write a temp file, fsync it, rename it,
//! fsync its folder) costs two synchronous disk flushes per draft: 87,000 drafts took
//! 50 s where copying them takes 6. Here the drafts are written as temp files in
//! parallel without a flush ([`DraftBatch::stage`]); then [`DraftBatch::commit`]
//! makes them all durable together (fsyncs issued from many threads at once), renames
//! each into place and syncs the few folders involved. The state is saved only after that, so it never claims a draft that is
//! not on disk, and no draft is ever visible half-written — a temp file is complete
//! and durable before it gets its name.
//!
//! A draft whose file already exists with other bytes (a reviewer's edit, or an
//! earlier version of the same draft) is never replaced: the new draft is written
//! beside it as `<name>.<hash>.<ext>` and the run reports it.

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A draft written as a temp file, waiting for its name.
#[derive(Debug)]
struct Staged {
    temp: PathBuf,
    path: PathBuf,
}

/// A draft that was not written over a different file already at its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptFile {
    /// The file that was kept, as it was.
    pub kept: PathBuf,
    /// Where the new draft went instead.
    pub written: PathBuf,
}

/// The drafts of one run (see the module documentation).
#[derive(Debug)]
pub(super) struct DraftBatch {
    outbox: PathBuf,
    staged: Mutex<Vec<Staged>>,
    /// Drafts already on disk with the right bytes (their folders are synced too).
    present: Mutex<Vec<PathBuf>>,
    kept: Mutex<Vec<KeptFile>>,
}

impl DraftBatch {
    pub fn new(outbox: PathBuf) -> DraftBatch {
        DraftBatch {
            outbox,
            staged: Mutex::new(Vec::new()),
            present: Mutex::new(Vec::new()),
            kept: Mutex::new(Vec::new()),
        }
    }

    /// Writes `bytes` as a temp file beside `path` and returns the path the draft will
    /// have after [`DraftBatch::commit`]: `path` itself, or the path beside it when a
    /// different file is there. A file with exactly these bytes is left as it is (a
    /// crashed run's draft, written again on the re-run).
    pub fn stage(&self, path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
        let target = match same_bytes(path, bytes)? {
            Some(true) => {
                // A crashed run's draft: its folder may not have been synced yet.
                lock(&self.present).push(path.to_path_buf());
                return Ok(path.to_path_buf());
            }
            None => path.to_path_buf(),
            Some(false) => {
                let beside = beside_path(path, bytes);
                if same_bytes(&beside, bytes)? == Some(true) {
                    lock(&self.present).push(beside.clone());
                    return Ok(beside);
                }
                lock(&self.kept).push(KeptFile {
                    kept: path.to_path_buf(),
                    written: beside.clone(),
                });
                beside
            }
        };
        let parent = parent_of(&target);
        fs::create_dir_all(parent)?;
        let temp = crate::atomic::temp_path_beside(&target)?;
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .and_then(|mut file| file.write_all(bytes));
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        lock(&self.staged).push(Staged {
            temp,
            path: target.clone(),
        });
        Ok(target)
    }

    /// Makes every staged draft durable, gives each its name, and syncs the folders.
    /// On failure the temp files that remain are removed; the caller must then not
    /// record the state.
    pub fn commit(self) -> io::Result<Vec<KeptFile>> {
        let mut staged = self.staged.into_inner().unwrap_or_else(|e| e.into_inner());
        let kept = self.kept.into_inner().unwrap_or_else(|e| e.into_inner());
        let present = self.present.into_inner().unwrap_or_else(|e| e.into_inner());
        if staged.is_empty() && present.is_empty() {
            return Ok(kept);
        }
        // Name order: the same renames in the same order on every run.
        staged.sort_by(|a, b| a.path.cmp(&b.path));
        let result = sync_data(&staged)
            .and_then(|()| rename_all(&staged))
            .and_then(|()| {
                let paths = staged.iter().map(|s| s.path.as_path());
                sync_folders(
                    &self.outbox,
                    paths.chain(present.iter().map(PathBuf::as_path)),
                )
            });
        if result.is_err() {
            for s in &staged {
                let _ = fs::remove_file(&s.temp);
            }
        }
        result.map(|()| kept)
    }
}

/// `Some(true)` when `path` holds exactly `bytes`, `Some(false)` when it holds others,
/// `None` when there is no file.
fn same_bytes(path: &Path, bytes: &[u8]) -> io::Result<Option<bool>> {
    match fs::metadata(path) {
        Ok(meta) if meta.len() != bytes.len() as u64 => Ok(Some(false)),
        Ok(_) => Ok(Some(fs::read(path)? == bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// `a/L-1--hot-briefing.md` → `a/L-1--hot-briefing.3fa9c2d1.md` (a hash of the new
/// bytes: the same draft lands on the same name on every run).
pub fn beside_path(path: &Path, bytes: &[u8]) -> PathBuf {
    let hash: String = Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.{hash}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{hash}"),
    };
    path.with_file_name(name)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Every staged file's data on disk: an fsync per file, issued from many threads at
/// once so the disk sees them together (the file system batches them into few
/// journal commits). Only our files are flushed: a `syncfs` would also wait for every
/// other program's unwritten data on the same disk (on a shared build machine, far
/// more than the drafts).
fn sync_data(staged: &[Staged]) -> io::Result<()> {
    let threads = SYNC_THREADS.min(staged.len()).max(1);
    let chunk = staged.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = staged
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .try_for_each(|s| File::open(&s.temp).and_then(|f| f.sync_data()))
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err(io::Error::other("sync failed")))
        })
    })
}

/// fsyncs in flight at once: they wait on the disk, not the CPU.
const SYNC_THREADS: usize = 32;

fn rename_all(staged: &[Staged]) -> io::Result<()> {
    for s in staged {
        fs::rename(&s.temp, &s.path)?;
    }
    Ok(())
}

/// Syncs every folder a draft was renamed in, and their parents up to the outbox's
/// own parent (a folder made today is only durable once its parent is synced).
fn sync_folders<'p>(outbox: &Path, paths: impl Iterator<Item = &'p Path>) -> io::Result<()> {
    let stop = parent_of(outbox);
    let mut folders = BTreeSet::new();
    for path in paths {
        let mut dir = parent_of(path);
        while folders.insert(dir.to_path_buf()) && dir != stop {
            match dir.parent() {
                Some(up) if dir.starts_with(stop) => dir = up,
                _ => break,
            }
        }
    }
    for dir in folders {
        // Not every platform can open a folder to sync it (Windows cannot).
        if let Ok(handle) = File::open(&dir) {
            handle.sync_all()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
