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
    /// Appends the lead's record to `out`, framed as it is printed
    /// ([`RecordFormat::frame`]).
    pub(super) fn append(&self, plan: &LeadPlan, outcome: &Outcome, out: &mut Vec<u8>) {
        match self.format {
            RecordFormat::Jsonl | RecordFormat::Json => {
                let report = report(self.score_names, Some(self.paths), plan, outcome);
                self.format.frame(report.to_json_line().as_bytes(), out);
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

/// What a JSON array puts before each of its records: the separator first, so that a
/// record is framed the same wherever it ends up (the array's first record drops the
/// comma, [`super::output`]).
const JSON_SEPARATOR: &[u8] = b",\n  ";

impl RecordFormat {
    /// Appends a record framed as this format prints it: a CSV row carries its own line
    /// end, a JSON line gets one, a JSON array's object the separator before it.
    fn frame(self, record: &[u8], out: &mut Vec<u8>) {
        match self {
            RecordFormat::Jsonl => {
                out.extend_from_slice(record);
                out.push(b'\n');
            }
            RecordFormat::Json => {
                out.extend_from_slice(JSON_SEPARATOR);
                out.extend_from_slice(record);
            }
            RecordFormat::Csv => out.extend_from_slice(record),
        }
    }

    /// A record framed as `self` prints it, framed as `to` does instead (a JSON line and
    /// a JSON array's object are the same object; a CSV row stays as it is).
    pub(super) fn reframe(self, framed: &[u8], to: RecordFormat, out: &mut Vec<u8>) {
        let bare = match self {
            RecordFormat::Jsonl => framed.strip_suffix(b"\n"),
            RecordFormat::Json => framed.strip_prefix(JSON_SEPARATOR),
            RecordFormat::Csv => None,
        };
        out.clear();
        match bare {
            Some(record) if to != RecordFormat::Csv => to.frame(record, out),
            _ => out.extend_from_slice(framed),
        }
    }
}
