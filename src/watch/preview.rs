//! The preview folder, `OUTBOX/preview`, replaced whole on every good reload.
//!
//! A reload renders into a fresh folder beside the live one and then swaps: the old
//! folder is renamed away, the new one renamed in, and the old one deleted. A reader
//! (an editor, a mail client) sees the old preview or the new one, never a mix, and
//! drafts that are no longer due disappear with the old folder. The two renames leave
//! the name missing for an instant; nothing portable swaps two non-empty folders in
//! one step.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

/// The live preview's name inside the outbox.
pub const PREVIEW_DIR: &str = "preview";

/// Names of our in-flight folders start with this (hidden, beside the live preview).
const TEMP_PREFIX: &str = ".preview-";

/// A preview being rendered beside the live one.
#[derive(Debug)]
pub struct PreviewSwap {
    live: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
}

impl PreviewSwap {
    /// Creates an empty folder to render into. `tag` makes the names unique.
    pub fn begin(outbox: &Path, tag: &str) -> io::Result<PreviewSwap> {
        let swap = PreviewSwap {
            live: outbox.join(PREVIEW_DIR),
            fresh: outbox.join(format!("{TEMP_PREFIX}new-{tag}")),
            old: outbox.join(format!("{TEMP_PREFIX}old-{tag}")),
        };
        remove_if_present(&swap.fresh)?;
        fs::create_dir_all(&swap.fresh)?;
        Ok(swap)
    }

    /// Where to render.
    pub fn fresh(&self) -> &Path {
        &self.fresh
    }

    /// The live preview folder.
    pub fn live(&self) -> &Path {
        &self.live
    }

    /// Puts the fresh folder in place. Returns the replaced folder, now under a
    /// temporary name, for the caller to delete (see [`Janitor`]).
    pub fn commit(self) -> io::Result<Option<PathBuf>> {
        let replaced = match fs::rename(&self.live, &self.old) {
            Ok(()) => Some(self.old.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                self.abandon();
                return Err(e);
            }
        };
        if let Err(e) = fs::rename(&self.fresh, &self.live) {
            // Put the old preview back rather than leave none.
            if let Some(old) = &replaced {
                let _ = fs::rename(old, &self.live);
            }
            self.abandon();
            return Err(e);
        }
        Ok(replaced)
    }

    /// Drops the fresh folder (the evaluation failed): the live preview stays.
    pub fn abandon(self) {
        // Best effort: a leftover is removed by `remove_leftovers` next start.
        let _ = remove_if_present(&self.fresh);
    }
}

/// Removes in-flight folders a killed watch left in the outbox.
pub fn remove_leftovers(outbox: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(outbox) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(TEMP_PREFIX) && entry.path().is_dir() {
            remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

fn remove_if_present(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Deletes replaced previews on a background thread, so deleting thousands of old
/// drafts does not delay the next screen.
#[derive(Debug, Default)]
pub struct Janitor {
    running: Vec<JoinHandle<()>>,
}

impl Janitor {
    /// Deletes `dir` in the background.
    pub fn delete(&mut self, dir: PathBuf) {
        self.running.retain(|h| !h.is_finished());
        let spawned = std::thread::Builder::new()
            .name("preview-cleanup".into())
            .spawn({
                let dir = dir.clone();
                move || {
                    let _ = remove_if_present(&dir);
                }
            });
        match spawned {
            Ok(handle) => self.running.push(handle),
            // No thread to be had: delete here and now.
            Err(_) => {
                let _ = remove_if_present(&dir);
            }
        }
    }

    /// Waits for every deletion (before exiting, so none is cut short).
    pub fn finish(&mut self) {
        for handle in self.running.drain(..) {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    #[test]
    fn commit_replaces_the_live_preview_and_drops_stale_drafts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outbox = dir.path().join("drafts");
        write(&outbox.join("preview/2026-11-26/sales/old.md"), "old");

        let swap = PreviewSwap::begin(&outbox, "1-1").expect("begin");
        write(&swap.fresh().join("2026-11-27/sales/new.md"), "new");
        let replaced = swap.commit().expect("commit").expect("an old preview");
        assert!(replaced.join("2026-11-26/sales/old.md").exists());

        let mut janitor = Janitor::default();
        janitor.delete(replaced.clone());
        janitor.finish();
        assert!(!replaced.exists());
        assert!(outbox.join("preview/2026-11-27/sales/new.md").exists());
        assert!(!outbox.join("preview/2026-11-26").exists());
        let names: Vec<String> = fs::read_dir(&outbox)
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["preview"]);
    }

    #[test]
    fn the_first_commit_has_nothing_to_replace() {
        let dir = tempfile::tempdir().expect("tempdir");
        let swap = PreviewSwap::begin(dir.path(), "1-1").expect("begin");
        assert_eq!(swap.commit().expect("commit"), None);
        assert!(dir.path().join(PREVIEW_DIR).is_dir());
    }

    #[test]
    fn abandon_keeps_the_live_preview() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(&dir.path().join("preview/a.md"), "a");
        let swap = PreviewSwap::begin(dir.path(), "1-2").expect("begin");
        write(&swap.fresh().join("b.md"), "b");
        swap.abandon();
        assert!(dir.path().join("preview/a.md").exists());
        assert!(!dir.path().join(".preview-new-1-2").exists());
    }

    #[test]
    fn leftovers_of_a_killed_watch_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(&dir.path().join(".preview-new-9-3/x.md"), "x");
        write(&dir.path().join(".preview-old-9-2/y.md"), "y");
        write(&dir.path().join("preview/z.md"), "z");
        write(&dir.path().join("2026-11-27/sales/w.md"), "w");
        remove_leftovers(dir.path()).expect("clean");
        assert!(!dir.path().join(".preview-new-9-3").exists());
        assert!(!dir.path().join(".preview-old-9-2").exists());
        assert!(dir.path().join("preview/z.md").exists());
        assert!(dir.path().join("2026-11-27/sales/w.md").exists());
        remove_leftovers(&dir.path().join("missing")).expect("no outbox is fine");
    }
}
