//! The preview folder, `OUTBOX/preview`, kept in step with the last good reload file
//! by file.
//!
//! The watch remembers what it wrote there (path → SHA-256 of the bytes). Each good
//! reload then:
//! - writes the drafts that are new or changed, each replaced atomically (a temp file
//!   in the same folder, then a rename), so a reader sees the old file or the new one,
//!   never half of one. Nothing is synced to disk: a preview is rebuilt on the next
//!   start anyway, and syncing thousands of files would cost seconds;
//! - leaves unchanged drafts untouched (same inode, same mtime), so an editor or mail
//!   client showing one does not reload it;
//! - removes the drafts no longer due, and the folders that leaves empty (the files
//!   become spares that later new drafts are written into: see [`super::spare`]).
//!
//! A failed reload calls nothing here, so the last good preview stays as it is. The
//! first good reload of a session starts clean: whatever an earlier session left in
//! the folder goes (stale drafts, temp files of a killed watch, folders), and so do the
//! `.preview-*` folders older versions swapped the preview through — except files
//! whose bytes are exactly a draft due now, which are kept as they are rather than
//! deleted and written again (restarting a watch then touches nothing, and spares the
//! file system thousands of deletions and creations). The folder belongs to the watch:
//! a file edited or deleted there by hand is set right when its draft changes.

use super::spare::{self, SPARE_DIR, SparePool};
use crate::engine::{ContentDigest, PreviewDraft};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The live preview's name inside the outbox.
pub const PREVIEW_DIR: &str = "preview";

/// Folders of the earlier whole-folder swap start with this (beside the preview).
const OLD_SWAP_PREFIX: &str = ".preview-";

/// A draft being written is `.<name>` + this, beside its final name.
const TEMP_SUFFIX: &str = ".leadplay-tmp";

/// What one [`PreviewFolder::sync`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncReport {
    /// Drafts written (new or changed).
    pub written: usize,
    /// Drafts left as they were.
    pub unchanged: usize,
    /// Drafts removed (no longer due).
    pub removed: usize,
}

/// Files of the preview that could not be written or removed.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} `{}`: {source}", .path.display())]
pub struct PreviewError {
    /// `write`, `remove` or `clear`.
    pub action: &'static str,
    /// The first file (or folder) that failed.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
    /// How many files failed in all (they are retried on the next reload).
    pub failed: usize,
}

/// The preview folder of one watch session.
#[derive(Debug)]
pub struct PreviewFolder {
    dir: PathBuf,
    /// What this session put there: path (relative to `dir`) → digest of the bytes.
    written: HashMap<PathBuf, ContentDigest>,
    /// Whether leftovers of earlier sessions were cleared.
    started: bool,
    spares: SparePool,
}

impl PreviewFolder {
    /// The preview folder of `outbox`; nothing is touched before the first sync.
    pub fn new(outbox: &Path) -> PreviewFolder {
        PreviewFolder {
            dir: outbox.join(PREVIEW_DIR),
            written: HashMap::new(),
            started: false,
            spares: SparePool::new(outbox),
        }
    }

    /// Removes the spare files (when the watch ends); the preview stays.
    pub fn finish(&mut self) {
        self.spares.clear();
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes the folder hold exactly `drafts` (paths relative to it; of two drafts with
    /// one path, the later wins). Files that fail are reported and retried next time;
    /// everything else is done regardless.
    pub fn sync(&mut self, drafts: &[PreviewDraft]) -> Result<SyncReport, PreviewError> {
        let wanted: HashMap<&Path, &PreviewDraft> =
            drafts.iter().map(|d| (d.path.as_path(), d)).collect();
        if !self.started {
            self.clear_old_swaps()?;
            self.adopt_or_remove(&self.dir.clone(), &wanted)?;
            self.started = true;
        }
        let mut changed: Vec<&PreviewDraft> = wanted
            .values()
            .filter(|d| self.written.get(&d.path) != Some(&d.digest))
            .copied()
            .collect();
        changed.sort_by(|a, b| a.path.cmp(&b.path));
        let mut stale: Vec<PathBuf> = self
            .written
            .keys()
            .filter(|p| !wanted.contains_key(p.as_path()))
            .cloned()
            .collect();
        stale.sort();

        let mut failures = Failures::default();
        self.write_all(&changed, &mut failures);
        self.remove_all(&stale, &mut failures);
        self.remove_empty_folders(&stale);
        let report = SyncReport {
            written: changed.len(),
            unchanged: wanted.len() - changed.len(),
            removed: stale.len(),
        };
        failures.into_result(report)
    }

    /// Removes the `.preview-*` folders of the earlier whole-folder swap.
    fn clear_old_swaps(&self) -> Result<(), PreviewError> {
        let mut doomed = Vec::new();
        if let Some(outbox) = self.dir.parent()
            && let Ok(entries) = fs::read_dir(outbox)
        {
            doomed.extend(
                entries
                    .filter_map(Result::ok)
                    .filter(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        name.starts_with(OLD_SWAP_PREFIX) || name == SPARE_DIR
                    })
                    .map(|e| e.path())
                    .filter(|p| p.is_dir()),
            );
        }
        for dir in doomed {
            match fs::remove_dir_all(&dir) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(clear_error(&dir, e)),
                _ => {}
            }
        }
        Ok(())
    }

    /// Walks what an earlier session left in `folder`: a file that is exactly a wanted
    /// draft is kept and recorded as written; a wanted path holding other bytes is left
    /// for the write to replace; everything else is removed, and folders left empty.
    fn adopt_or_remove(
        &mut self,
        folder: &Path,
        wanted: &HashMap<&Path, &PreviewDraft>,
    ) -> Result<(), PreviewError> {
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(clear_error(folder, e)),
        };
        for entry in entries {
            let path = entry.map_err(|e| clear_error(folder, e))?.path();
            let kind = fs::symlink_metadata(&path).map_err(|e| clear_error(&path, e))?;
            if kind.is_dir() {
                self.adopt_or_remove(&path, wanted)?;
                // Not empty: it holds drafts due now.
                let _ = fs::remove_dir(&path);
                continue;
            }
            let rel = path.strip_prefix(&self.dir).unwrap_or(&path);
            match wanted.get(rel) {
                Some(draft) if kind.is_file() => {
                    if fs::read(&path).is_ok_and(|bytes| bytes == draft.contents.as_bytes()) {
                        self.written.insert(rel.to_path_buf(), draft.digest);
                    }
                }
                Some(_) => {}
                None => fs::remove_file(&path).map_err(|e| clear_error(&path, e))?,
            }
        }
        Ok(())
    }

    fn write_all(&mut self, changed: &[&PreviewDraft], failures: &mut Failures) {
        // Folders first, once each (a handful: dates × owners), then files in parallel.
        let folders: BTreeSet<&Path> = changed.iter().filter_map(|d| d.path.parent()).collect();
        for folder in folders {
            let path = self.dir.join(folder);
            if let Err(e) = fs::create_dir_all(&path) {
                failures.add("write", path, e);
            }
        }
        let dir = &self.dir;
        let spares = self.spares.take(changed.len());
        let results: Vec<io::Result<()>> = changed
            .par_iter()
            .zip(spares.par_iter())
            .map(|(d, spare)| {
                replace_file(&dir.join(&d.path), d.contents.as_bytes(), spare.as_deref())
            })
            .collect();
        for (draft, result) in changed.iter().zip(results) {
            match result {
                Ok(()) => {
                    self.written.insert(draft.path.clone(), draft.digest);
                }
                Err(e) => {
                    // Unknown contents now: written again on the next sync.
                    self.written.remove(&draft.path);
                    failures.add("write", dir.join(&draft.path), e);
                }
            }
        }
    }

    fn remove_all(&mut self, stale: &[PathBuf], failures: &mut Failures) {
        let dir = &self.dir;
        let places = self.spares.places(stale.len());
        let results: Vec<io::Result<bool>> = stale
            .par_iter()
            .zip(places.par_iter())
            .map(|(p, place)| spare::retire(&dir.join(p), place.as_deref()))
            .collect();
        for ((path, place), result) in stale.iter().zip(places).zip(results) {
            match result {
                Ok(kept) => {
                    self.written.remove(path);
                    if kept {
                        self.spares.kept(place);
                    }
                }
                // Still ours: removed on the next sync.
                Err(e) => failures.add("remove", dir.join(path), e),
            }
        }
    }

    /// Removes the folders of removed drafts that are now empty, deepest first (a
    /// folder that still holds anything stays: `remove_dir` refuses it).
    fn remove_empty_folders(&self, removed: &[PathBuf]) {
        let folders: BTreeSet<&Path> = removed
            .iter()
            .flat_map(|p| p.ancestors().skip(1))
            .filter(|a| !a.as_os_str().is_empty())
            .collect();
        // In path order a folder comes before everything inside it.
        for folder in folders.iter().rev() {
            let _ = fs::remove_dir(self.dir.join(folder));
        }
    }
}

fn clear_error(path: &Path, source: io::Error) -> PreviewError {
    PreviewError {
        action: "clear",
        path: path.to_path_buf(),
        source,
        failed: 1,
    }
}

/// Writes `bytes` to `.<name>.leadplay-tmp` beside `path` (reusing `spare` when it
/// can), then renames it over `path`.
fn replace_file(path: &Path, bytes: &[u8], spare: Option<&Path>) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "a draft path has no file name")
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(TEMP_SUFFIX);
    let temp = path.with_file_name(temp_name);
    let filled = spare.is_some_and(|s| spare::fill_from_spare(s, &temp, bytes).is_ok());
    let result = if filled {
        Ok(())
    } else {
        fs::write(&temp, bytes)
    }
    .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // Best effort: the temp file is ours and useless now.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The failures of one sync: the first is reported, all are counted.
#[derive(Default)]
struct Failures {
    first: Option<(&'static str, PathBuf, io::Error)>,
    count: usize,
}

impl Failures {
    fn add(&mut self, action: &'static str, path: PathBuf, error: io::Error) {
        self.count += 1;
        self.first.get_or_insert((action, path, error));
    }

    fn into_result(self, report: SyncReport) -> Result<SyncReport, PreviewError> {
        match self.first {
            None => Ok(report),
            Some((action, path, source)) => Err(PreviewError {
                action,
                path,
                source,
                failed: self.count,
            }),
        }
    }
}

#[cfg(all(test, unix))]
mod tests;
