//! `.leadplay/runs.jsonl`: one line per real run, the history behind the page's charts.

use crate::atomic::write_atomic;
use crate::report::Summary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The runs file's name, beside the state file.
pub const RUNS_FILE: &str = "runs.jsonl";

/// One real run, as the page's history reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The as-of date (`YYYY-MM-DD`).
    pub date: String,
    /// Records read.
    pub leads: usize,
    /// Leads per tier, hottest first: `[["hot", 43], …]` (an object would lose the order).
    pub tiers: Vec<(String, usize)>,
    /// `from → to` moves: `{"cold → warm": 12}`.
    #[serde(default)]
    pub transitions: BTreeMap<String, usize>,
    /// Drafts per team (and rep) and channel.
    #[serde(default)]
    pub drafts: BTreeMap<String, BTreeMap<String, usize>>,
    /// Suppressed leads.
    #[serde(default)]
    pub suppressed: usize,
    /// Drafts deferred by capacity, per team.
    #[serde(default)]
    pub deferred: BTreeMap<String, usize>,
}

/// The runs file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} `{}`: {source}", path.display())]
pub struct RunsError {
    action: &'static str,
    path: PathBuf,
    source: std::io::Error,
}

impl RunRecord {
    /// The record of a run from its summary.
    pub fn from_summary(summary: &Summary) -> RunRecord {
        RunRecord {
            date: summary.as_of.map(|d| d.to_string()).unwrap_or_default(),
            leads: summary.leads_read,
            tiers: summary.tiers.clone(),
            transitions: summary
                .transitions
                .iter()
                .map(|((from, to), n)| (format!("{from} → {to}"), *n))
                .collect(),
            drafts: summary.drafts.clone(),
            suppressed: summary.suppressed_count(),
            deferred: summary.deferred.clone(),
        }
    }

    /// This run, with the drafts and moves of an earlier run the same day added in.
    fn after(mut self, earlier: RunRecord) -> RunRecord {
        for (change, n) in earlier.transitions {
            *self.transitions.entry(change).or_default() += n;
        }
        for (team, channels) in earlier.drafts {
            let mine = self.drafts.entry(team).or_default();
            for (channel, n) in channels {
                *mine.entry(channel).or_default() += n;
            }
        }
        self
    }

    /// Drafts of the run, all teams and channels.
    pub fn draft_count(&self) -> usize {
        self.drafts.values().flat_map(|c| c.values()).sum()
    }
}

/// The runs file beside the state file.
pub fn runs_path(state_path: &Path) -> PathBuf {
    state_path.with_file_name(RUNS_FILE)
}

/// Appends one run. The whole file is rewritten atomically (it grows by a line a
/// day), so a crash never leaves half a line.
pub fn append_run(state_path: &Path, record: &RunRecord) -> Result<(), RunsError> {
    let path = runs_path(state_path);
    let mut text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(RunsError {
                action: "read",
                path,
                source,
            });
        }
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    // Plain strings and numbers always serialize.
    text.push_str(&serde_json::to_string(record).unwrap_or_default());
    text.push('\n');
    write_atomic(&path, text.as_bytes()).map_err(|source| RunsError {
        action: "write",
        path,
        source,
    })
}

/// The history up to `until` (inclusive), one record per date, oldest first, and how
/// many lines could not be read. A date run twice counts the drafts and moves of both
/// runs, and the tiers, suppressed and deferred leads of the last. A missing file is
/// an empty history.
pub fn read_runs(state_path: &Path, until: &str) -> (Vec<RunRecord>, usize) {
    let Ok(text) = std::fs::read_to_string(runs_path(state_path)) else {
        return (Vec::new(), 0);
    };
    let mut by_date: BTreeMap<String, RunRecord> = BTreeMap::new();
    let mut bad = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<RunRecord>(line) {
            Ok(record) if record.date.as_str() <= until => match by_date.remove(&record.date) {
                Some(earlier) => {
                    by_date.insert(record.date.clone(), record.after(earlier));
                }
                None => {
                    by_date.insert(record.date.clone(), record);
                }
            },
            Ok(_) => {}
            Err(_) => bad += 1,
        }
    }
    (by_date.into_values().collect(), bad)
}

#[cfg(test)]
mod tests;
