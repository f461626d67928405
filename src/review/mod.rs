//! The review page (SPEC §7): one self-contained HTML file to review a day's drafts.
//!
//! The page is a pure function of a [`Review`] — the run's summary, tier history,
//! transitions, balance, rule counts and the queue of drafts — so the same inputs give
//! the same bytes. [`page`] writes it; the CLI gathers the data from the engine's results
//! (`eval`, `report`, `watch`). Nothing on the page loads anything: CSS, script and the
//! SVG charts are inline, and a Content-Security-Policy forbids every network load.

mod build;
mod charts;
mod draft;
mod escape;
mod gather;
mod html;
mod queue;
mod runs;

pub use build::{PageJob, default_page_path, write_page};
pub use draft::{DraftBody, DraftView};
pub use gather::{
    QueueEntry, balance, queue_entries, relative_href, step_counts, team_of, tier_counts,
    transitions,
};
pub use html::page;
pub use runs::{RunRecord, append_run, read_runs};

use crate::report::Summary;
use chrono::NaiveDate;

/// The page's file name in a day's outbox folder.
pub const PAGE_FILE: &str = "index.html";

/// What made the page: the real run, a `report` preview, or the `watch` preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Written by `eval` after a real run.
    Run,
    /// Written by `leadplay report` (nothing else written).
    Report,
    /// Written by `watch`; reloads itself when `version.js` beside it changes.
    Watch,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// Who wrote the page.
    pub kind: PageKind,
    /// The evaluation's summary.
    pub summary: Summary,
    /// Leads per tier, hottest first: (tier, leads, leads not suppressed).
    pub tiers: Vec<TierCount>,
    /// Past real runs, oldest first (one per date: the day's last run).
    pub history: Vec<RunRecord>,
    /// Lines of the runs file that could not be read.
    pub history_errors: usize,
    /// Tier moves of this evaluation with the leads behind them.
    pub transitions: Vec<Transition>,
    /// Balance and capacity against the `balance` block.
    pub balance: Vec<BalanceRow>,
    /// How often each rule fired; `None` when the leads could not be read twice (stdin).
    pub rules: Option<Vec<RuleGroup>>,
    /// Steps drafted, skipped, deferred or failed in this evaluation.
    pub steps: Vec<StepCount>,
    /// Every draft of the day, in queue order.
    pub drafts: Vec<QueueDraft>,
}

/// One tier's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierCount {
    /// The tier name.
    pub tier: String,
    /// Leads in it.
    pub leads: usize,
    /// Leads in it that no suppress rule matched.
    pub live: usize,
}

/// One `from → to` move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The tier the state held.
    pub from: String,
    /// The tier now.
    pub to: String,
    /// The leads that moved, by id.
    pub leads: Vec<String>,
}

/// One line of the balance table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRow {
    /// A tier, or a team (`sales`).
    pub subject: String,
    /// What was measured: `14.3% of live leads`, `40 drafts today`.
    pub actual: String,
    /// The limit as written: `at most 25%`, `at most 40 per day`, or `no limit`.
    pub limit: String,
    /// Over the limit (a warning, or drafts deferred).
    pub over: bool,
}

/// How often the rules of one kind fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGroup {
    /// `score fit`, `tiers`, `suppress`.
    pub title: String,
    /// (rule text, leads it fired for).
    pub rules: Vec<(String, usize)>,
    /// Leads counted.
    pub of: usize,
}

/// What became of one playbook step's due items in this evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepCount {
    /// The tier whose playbook it is.
    pub tier: String,
    /// `day 3 email cold/promotion`, or `handoff warm/handoff_note`.
    pub step: String,
    /// Drafted (or, in a preview, to be drafted).
    pub drafted: usize,
    /// Skipped (condition, suppression).
    pub skipped: usize,
    /// Deferred by a capacity limit.
    pub deferred: usize,
    /// Failed to render.
    pub failed: usize,
}

/// One draft in the review queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueDraft {
    /// The lead's id.
    pub lead: String,
    /// The lead's tier.
    pub tier: String,
    /// The channel (`email`, `handoff` …).
    pub channel: String,
    /// The template name.
    pub template: String,
    /// The team, and the rep when the team has members: the folders between the date
    /// and the file (`sales`, `sales/priya`).
    pub team: String,
    /// The draft file, relative to the page (for the link).
    pub href: String,
    /// The draft file as the user sees it (workspace-relative).
    pub path: String,
    /// Already on disk (false: a preview of what `eval` will write).
    pub written: bool,
    /// The draft decoded for display; `None` when it could not be read.
    pub view: Option<DraftView>,
    /// The lead's `explain` trace.
    pub explain: Option<String>,
}

#[cfg(test)]
mod tests;
