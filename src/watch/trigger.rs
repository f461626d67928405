//! What starts a reload: debounced file-system events on the watched folders, and stop
//! requests (Ctrl-C).
//!
//! Folders are watched, never single files: editors save by writing a temp file and
//! renaming it over the original, which ends a file watch but not a folder's.

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// How long a path must stay quiet before its change is delivered: long enough to join
/// an editor's write-twice or write-temp-then-rename into one reload.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// What the watch loop waits for.
#[derive(Debug)]
pub enum Signal {
    /// Files changed under a watched folder (not yet filtered by relevance).
    Changed(Change),
    /// The file watcher reported an error.
    WatchFailed(String),
    /// Stop watching (Ctrl-C).
    Stop,
}

/// One debounced batch of changes.
#[derive(Debug, Clone)]
pub struct Change {
    /// When the batch was delivered: the end of the debounce window.
    pub delivered: Instant,
    /// When the latest raw event of the batch was seen.
    pub last_seen: Instant,
    /// Every path the events named, sorted and unique.
    pub paths: Vec<PathBuf>,
    /// The watcher lost events and asks for a full rescan.
    pub rescan: bool,
}

impl Change {
    /// Merges a later batch into this one.
    pub fn merge(&mut self, later: Change) {
        self.last_seen = self.last_seen.max(later.last_seen);
        self.paths.extend(later.paths);
        self.paths.sort();
        self.paths.dedup();
        self.rescan |= later.rescan;
    }

    /// Whether any changed path matters to the plan.
    pub fn is_relevant(&self, plan: &WatchPlan) -> bool {
        self.rescan || self.paths.iter().any(|p| plan.is_relevant(p))
    }
}

/// The folders to watch and which files in them matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchPlan {
    /// The workspace root (watched non-recursively, for `leadplay.yaml`).
    pub root: PathBuf,
    /// The playbooks folder (watched recursively: `.play` files, templates, tests).
    pub playbooks: PathBuf,
    /// `leadplay.yaml`.
    pub config_file: PathBuf,
    /// The leads file, when there is one (its folder is watched non-recursively).
    pub leads: Option<PathBuf>,
    /// Where our own writes go (the outbox, `.leadplay/`, the state file): never a reason
    /// to reload, or every preview would trigger the next.
    pub ignored: Vec<PathBuf>,
}

impl WatchPlan {
    /// The folders to watch, `true` for recursive: each once, and none inside a folder
    /// that is already watched recursively.
    pub fn folders(&self) -> BTreeMap<PathBuf, bool> {
        let mut wanted: BTreeMap<PathBuf, bool> = BTreeMap::new();
        let leads_folder = self.leads.as_deref().and_then(Path::parent);
        let entries = [
            (Some(self.root.as_path()), false),
            (Some(self.playbooks.as_path()), true),
            (leads_folder, false),
        ];
        for (folder, recursive) in entries {
            if let Some(folder) = folder {
                *wanted.entry(folder.to_path_buf()).or_default() |= recursive;
            }
        }
        let recursive: Vec<PathBuf> = wanted
            .iter()
            .filter(|(_, r)| **r)
            .map(|(p, _)| p.clone())
            .collect();
        wanted.retain(|p, r| *r || !recursive.iter().any(|outer| p.starts_with(outer)));
        wanted
    }

    /// Whether a change at `path` calls for a reload.
    pub fn is_relevant(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|i| path.starts_with(i)) || is_editor_scratch(path) {
            return false;
        }
        path.starts_with(&self.playbooks)
            || path == self.config_file
            || self.leads.as_deref() == Some(path)
    }
}

/// Swap, backup and lock files editors write beside the file being edited.
fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913" // vim's probe for whether it may write in the folder
}

/// The debounced file watcher, and which folders it watches.
pub struct Trigger {
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    /// Watched folders (`true`: recursively).
    watched: BTreeMap<PathBuf, bool>,
    /// Folders that could not be watched, with the error last reported.
    failed: BTreeMap<PathBuf, String>,
}

impl Trigger {
    /// A watcher that sends every debounced batch (and watcher error) to `signals`.
    pub fn new(signals: Sender<Signal>) -> Result<Trigger, notify::Error> {
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            if let Some(signal) = to_signal(result) {
                // The loop is gone only when we are shutting down.
                let _ = signals.send(signal);
            }
        })?;
        Ok(Trigger {
            debouncer,
            watched: BTreeMap::new(),
            failed: BTreeMap::new(),
        })
    }

    /// Watches the plan's folders, dropping folders no longer wanted. A folder named in
    /// `changed` was itself removed, created or renamed, so its old watch may be dead:
    /// it is watched afresh. Returns a warning for each folder that newly failed.
    pub fn apply(&mut self, plan: &WatchPlan, changed: &[PathBuf]) -> Vec<String> {
        let wanted = plan.folders();
        let stale: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(dir, recursive)| {
                wanted.get(*dir) != Some(*recursive) || changed.iter().any(|c| dir.starts_with(c))
            })
            .map(|(dir, _)| dir.clone())
            .collect();
        for dir in stale {
            // A folder that is gone has no watch left to remove.
            let _ = self.debouncer.unwatch(&dir);
            self.watched.remove(&dir);
        }
        self.failed.retain(|dir, _| wanted.contains_key(dir));
        let mut warnings = Vec::new();
        for (dir, recursive) in wanted {
            if self.watched.contains_key(&dir) {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match self.debouncer.watch(&dir, mode) {
                Ok(()) => {
                    self.failed.remove(&dir);
                    self.watched.insert(dir, recursive);
                }
                Err(e) => {
                    let message = e.to_string();
                    if self.failed.get(&dir) != Some(&message) {
                        warnings.push(format!(
                            "cannot watch `{}`: {message}; will retry after the next change",
                            dir.display()
                        ));
                    }
                    self.failed.insert(dir, message);
                }
            }
        }
        warnings
    }
}

/// A debounced batch as a signal; `None` when it held only reads.
fn to_signal(result: DebounceEventResult) -> Option<Signal> {
    match result {
        Ok(events) => to_change(events, Instant::now()).map(Signal::Changed),
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            Some(Signal::WatchFailed(text.join("; ")))
        }
    }
}

/// Keeps the events that change something: opening and reading a file (which our own
/// reload does) must not trigger another reload.
fn to_change(events: Vec<DebouncedEvent>, delivered: Instant) -> Option<Change> {
    let changes: Vec<DebouncedEvent> = events
        .into_iter()
        .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
        .collect();
    let last_seen = changes.iter().map(|e| e.time).max()?;
    let rescan = changes.iter().any(|e| e.event.need_rescan());
    let mut paths: Vec<PathBuf> = changes.into_iter().flat_map(|e| e.event.paths).collect();
    paths.sort();
    paths.dedup();
    Some(Change {
        delivered,
        last_seen,
        paths,
        rescan,
    })
}

#[cfg(test)]
mod tests;
