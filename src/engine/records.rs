//! One lead's output record (`--format jsonl|json|csv`) as the bytes that are printed:
//! the same bytes whether the lead is formatted the moment it is final (and spooled)
//! or at the end of the run.

use super::tally::{is_made, report};
use crate::program::Outcome;
use crate::report::{CsvRow, append_csv_row};
use crate::schedule::LeadPlan;
use std::path::Path;

/// The per-lead output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// One JSON object a line.
    Jsonl,
    /// A JSON array, one object a line.
    Json,
    /// A header, then one row a lead.
    Csv,
}

/// What a record needs besides the lead: the score names and, for JSON, where drafts
/// go (paths relative to the workspace root).
#[derive(Debug, Clone, Copy)]
pub(super) struct RecordContext<'a> {
    pub(super) format: RecordFormat,
    pub(super) score_names: &'a [String],
    /// (workspace root, draft root).
    pub(super) paths: (&'a Path, &'a Path),
}

impl RecordContext<'_> {
    /// Appends the lead's record to `out`: a CSV row with its line end, or a JSON
    /// object without one (the JSON array indents and separates them).
    pub(super) fn append(&self, plan: &LeadPlan, outcome: &Outcome, out: &mut Vec<u8>) {
        match self.format {
            RecordFormat::Jsonl | RecordFormat::Json => {
                let report = report(self.score_names, Some(self.paths), plan, outcome);
                out.extend_from_slice(report.to_json_line().as_bytes());
            }
            RecordFormat::Csv => {
                let row = CsvRow {
                    id: &plan.id,
                    tier: &plan.tier_name,
                    previous_tier: plan.previous_tier.as_deref(),
                    scores: &outcome.scores,
                    suppressed: plan.suppressed_by.is_some(),
                    drafts: plan
                        .items
                        .iter()
                        .filter(|i| is_made(i))
                        .map(|i| &*i.template),
                };
                append_csv_row(out, row);
            }
        }
    }
}
