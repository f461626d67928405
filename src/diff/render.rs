//! The three ways to print a diff: a terminal table, markdown for a pull-request
//! comment, and a stable JSON object.

use super::compare::{Changes, DeferredChange, DraftChange, ScoreChange, SuppressionChange};
use crate::value::format_number;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write;

mod markdown;
mod table;

/// Rows listed per table in `table` and `md` output (JSON lists every row).
pub(super) const ROWS_SHOWN: usize = 50;

/// A diff with what it compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// The revision as given (`HEAD~1`).
    pub rev: String,
    /// Its commit.
    pub commit: String,
    /// The evaluation date (`YYYY-MM-DD` in JSON).
    #[serde(serialize_with = "date_text")]
    pub as_of: NaiveDate,
    /// The leads file as shown.
    pub leads_file: String,
    /// What differs.
    #[serde(flatten)]
    pub changes: Changes,
    /// The backtest figures before and after, when outcomes are configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<super::OutcomeDiff>,
}

fn date_text<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date.format("%Y-%m-%d").to_string())
}

impl DiffReport {
    /// The JSON object (keys in a fixed order), with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string());
        text.push('\n');
        text
    }

    /// What every format's title names: the revision as given, its commit (short), the
    /// number of leads, the leads file and the day.
    fn title_facts(&self) -> (&str, &str, usize, &str, NaiveDate) {
        let commit = self.commit.get(..10).unwrap_or(&self.commit);
        (
            &self.rev,
            commit,
            self.changes.leads,
            &self.leads_file,
            self.as_of,
        )
    }

    /// The terminal table.
    pub fn to_table(&self) -> String {
        self.render(&table::Table)
    }

    /// Markdown for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        self.render(&markdown::Markdown)
    }

    /// The one walk over the sections, in the order both formats show them.
    fn render<F: Format>(&self, format: &F) -> String {
        let c = &self.changes;
        let mut out = String::new();
        format.title(&mut out, self);
        if c.is_empty() {
            out.push_str(F::NO_CHANGES);
            return out;
        }
        one_side_only(&mut out, c);
        format.tier_moves(&mut out, c);
        format.scores(&mut out, &c.scores);
        format.suppression(&mut out, &c.suppression);
        let (appear, disappear) = draft_counts(c);
        format.drafts(&mut out, appear, disappear, &c.drafts);
        format.deferred(&mut out, &c.deferred);
        out
    }
}

/// A text format of the diff: one method per section, called by
/// [`DiffReport::render`] in order.
trait Format {
    /// Instead of every section, when nothing differs (a line, with its newline).
    const NO_CHANGES: &'static str;
    /// The first lines: what is compared with what.
    fn title(&self, out: &mut String, report: &DiffReport);
    /// How many leads move from which tier to which, then each lead.
    fn tier_moves(&self, out: &mut String, changes: &Changes);
    /// Per score, how it changes.
    fn scores(&self, out: &mut String, scores: &[ScoreChange]);
    /// Leads whose suppression changes.
    fn suppression(&self, out: &mut String, changes: &[SuppressionChange]);
    /// Drafts due today that appear or disappear.
    fn drafts(&self, out: &mut String, appear: usize, disappear: usize, drafts: &[DraftChange]);
    /// Drafts capacity limits defer, per owner whose count differs.
    fn deferred(&self, out: &mut String, deferred: &[DeferredChange]);
}

fn one_side_only(out: &mut String, c: &Changes) {
    for (ids, side) in [
        (
            &c.only_before,
            "only at the revision (row errors in the working tree)",
        ),
        (
            &c.only_after,
            "only in the working tree (row errors at the revision)",
        ),
    ] {
        if !ids.is_empty() {
            let _ = writeln!(out, "{} leads {side}\n", ids.len());
        }
    }
}

pub(super) fn score_row(s: &ScoreChange) -> Vec<String> {
    let change = match (s.status, &s.mean_delta) {
        ("added", _) => "new score".to_string(),
        ("removed", _) => "removed".to_string(),
        (_, Some(mean)) => {
            let sign = if mean.0 > 0.0 { "+" } else { "" };
            let leads = if s.leads_changed == 1 {
                "lead"
            } else {
                "leads"
            };
            format!(
                "{} {leads} changed, mean {sign}{}",
                s.leads_changed,
                format_number(mean.0)
            )
        }
        _ => "no change".to_string(),
    };
    vec![s.score.clone(), change]
}

fn draft_counts(c: &Changes) -> (usize, usize) {
    let appear = c.drafts.iter().filter(|d| d.change == "appears").count();
    (appear, c.drafts.len() - appear)
}
