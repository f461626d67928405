//! A run killed while writing leaves its temp files behind, all named by
//! [`crate::atomic::temp_path_beside`] (`.<name>.<pid>-<n>.tmp`): drafts staged in the
//! outbox, a half-written state or runs history in the state's folder. Versions before
//! the shared helper named the state's temp `<state>.tmp.<pid>`; those are removed too.
//! The next real run removes them — only files of exactly those name patterns, only in
//! the outbox's day folders and the state's folder, and never one whose process is
//! still running (a `watch` writing its preview, on Linux where that can be told).

use crate::atomic::temp_file_pid;
use std::fs;
use std::path::Path;

/// Removes leftover temp files; returns how many. Errors are ignored: a leftover that
/// cannot be removed harms nothing, and the run must not fail over it.
pub fn remove_leftovers(outbox: &Path, state: &Path) -> usize {
    let mut removed = 0;
    if let (Some(dir), Some(name)) = (state.parent(), state.file_name()) {
        let prefix = format!("{}.tmp.", name.to_string_lossy());
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        removed += remove_matching(dir, &|file| {
            file.strip_prefix(&prefix).and_then(|pid| pid.parse().ok())
        });
        // Files beside the state written with `atomic::write_atomic` (state, runs history).
        removed += remove_matching(dir, &temp_file_pid);
    }
    // Drafts live in `<outbox>/<date>/<owner>/…` (deeper with reps): walk day folders.
    let Ok(days) = fs::read_dir(outbox) else {
        return removed;
    };
    for day in days.flatten() {
        let name = day.file_name();
        if is_day_folder(&name.to_string_lossy()) {
            removed += walk(&day.path(), 4);
        }
    }
    removed
}

fn walk(dir: &Path, depth: usize) -> usize {
    let mut removed = remove_matching(dir, &temp_file_pid);
    if depth > 0 {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                removed += walk(&entry.path(), depth - 1);
            }
        }
    }
    removed
}

fn remove_matching(dir: &Path, pid_of: &dyn Fn(&str) -> Option<u32>) -> usize {
    let mut removed = 0;
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(pid) = pid_of(&name.to_string_lossy()) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !is_running_elsewhere(pid) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

fn is_day_folder(name: &str) -> bool {
    crate::dates::parse_day(name).is_ok()
}

/// True when another live process has this pid (Linux: `/proc/<pid>` exists). This
/// process's own pid counts as not running elsewhere: its temp files are not written
/// yet when this runs, so a file with its pid is a dead run's that had the same pid.
fn is_running_elsewhere(pid: u32) -> bool {
    pid != std::process::id()
        && Path::new("/proc/self").exists()
        && Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests;
