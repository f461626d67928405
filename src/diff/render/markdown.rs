//! The diff as Markdown for a pull-request comment: tables (cells escaped), long
//! listings folded in `<details>`, at most [`ROWS_SHOWN`] rows each.

use super::{DiffReport, Format, ROWS_SHOWN, score_row};
use crate::diff::compare::{Changes, DeferredChange, DraftChange, ScoreChange, SuppressionChange};
use std::fmt::Write;

/// The Markdown being written.
pub(super) struct Markdown;

impl Format for Markdown {
    const NO_CHANGES: &'static str =
        "No changes: every lead keeps its tier, scores, suppression and drafts.\n";

    fn title(&self, out: &mut String, report: &DiffReport) {
        let (rev, commit, leads, leads_file, as_of) = report.title_facts();
        let _ = writeln!(
            out,
            "### leadplay diff: `{rev}` → working tree\n\n{leads} leads from `{leads_file}`, as of {as_of} (`{rev}` is {commit}).\n"
        );
    }

    fn tier_moves(&self, out: &mut String, c: &Changes) {
        let _ = writeln!(out, "**Tier moves: {}**\n", c.moved.len());
        if c.moved.is_empty() {
            return;
        }
        let counts: Vec<Vec<String>> = c
            .tier_moves
            .iter()
            .map(|m| vec![m.from.clone(), m.to.clone(), m.leads.to_string()])
            .collect();
        md_table(out, &["from", "to", "leads"], &counts);
        let moved: Vec<Vec<String>> = c
            .moved
            .iter()
            .map(|m| {
                vec![
                    m.id.clone(),
                    m.from.clone(),
                    m.to.clone(),
                    code(m.rule_before.as_deref()),
                    code(m.rule_after.as_deref()),
                ]
            })
            .collect();
        let header = ["lead", "from", "to", "rule before", "rule after"];
        let summary = format!("Leads that move ({})", moved.len());
        details(out, &summary, |out| md_table(out, &header, &moved));
    }

    fn scores(&self, out: &mut String, scores: &[ScoreChange]) {
        out.push_str("**Scores**\n\n");
        let rows: Vec<Vec<String>> = scores.iter().map(score_row).collect();
        md_table(out, &["score", "change"], &rows);
    }

    fn suppression(&self, out: &mut String, changes: &[SuppressionChange]) {
        let _ = writeln!(out, "**Suppression changes: {}**\n", changes.len());
        if changes.is_empty() {
            return;
        }
        let rows: Vec<Vec<String>> = changes
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    code(s.before.as_deref()),
                    code(s.after.as_deref()),
                ]
            })
            .collect();
        let header = ["lead", "suppressed by, before", "suppressed by, after"];
        md_table(out, &header, &rows);
    }

    fn drafts(&self, out: &mut String, appear: usize, disappear: usize, drafts: &[DraftChange]) {
        let _ = writeln!(
            out,
            "**Drafts due today: {appear} appear, {disappear} disappear**\n"
        );
        if drafts.is_empty() {
            return;
        }
        let rows: Vec<Vec<String>> = drafts
            .iter()
            .map(|d| {
                vec![
                    d.id.clone(),
                    d.change.to_string(),
                    format!("`{}`", d.template),
                    d.channel.clone(),
                    d.owner.clone(),
                ]
            })
            .collect();
        let header = ["lead", "change", "template", "channel", "owner"];
        let summary = format!("Drafts ({})", rows.len());
        details(out, &summary, |out| md_table(out, &header, &rows));
    }

    fn deferred(&self, out: &mut String, deferred: &[DeferredChange]) {
        if deferred.is_empty() {
            return;
        }
        out.push_str("Deferred by capacity limits (a draft can disappear because another lead's now takes its place):\n\n");
        let rows: Vec<Vec<String>> = deferred
            .iter()
            .map(|d| vec![d.owner.clone(), d.before.to_string(), d.after.to_string()])
            .collect();
        md_table(out, &["owner", "before", "after"], &rows);
    }
}

/// `` `text` `` (or `—` for none) for a markdown cell.
fn code(text: Option<&str>) -> String {
    match text {
        Some(t) => format!("`{}`", t.replace('`', "'")),
        None => "—".to_string(),
    }
}

fn details(out: &mut String, summary: &str, body: impl FnOnce(&mut String)) {
    let _ = writeln!(out, "<details><summary>{summary}</summary>\n");
    body(out);
    out.push_str("</details>\n\n");
}

/// A markdown table (cells escaped), at most [`ROWS_SHOWN`] rows.
fn md_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}|", vec!["---"; header.len()].join("|"));
    for row in rows.iter().take(ROWS_SHOWN) {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if rows.len() > ROWS_SHOWN {
        let _ = writeln!(
            out,
            "\n… and {} more (`leadplay diff --format json` lists all)",
            rows.len() - ROWS_SHOWN
        );
    }
    out.push('\n');
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
