//! The diff as a terminal table: aligned columns, at most [`ROWS_SHOWN`] rows each.

use super::{DiffReport, Format, ROWS_SHOWN, score_row};
use crate::diff::compare::{Changes, DeferredChange, DraftChange, ScoreChange, SuppressionChange};
use std::fmt::Write;

/// The terminal table being written.
pub(super) struct Table;

impl Format for Table {
    const NO_CHANGES: &'static str =
        "no changes: every lead keeps its tier, scores, suppression and drafts\n";

    fn title(&self, out: &mut String, report: &DiffReport) {
        let (rev, commit, leads, leads_file, as_of) = report.title_facts();
        let _ = writeln!(
            out,
            "diff {rev} ({commit}) → working tree: {leads} leads from {leads_file}, as of {as_of}"
        );
    }

    fn tier_moves(&self, out: &mut String, c: &Changes) {
        let _ = writeln!(out, "tier moves: {}", c.moved.len());
        let counts: Vec<Vec<String>> = c
            .tier_moves
            .iter()
            .map(|m| vec![format!("{} → {}", m.from, m.to), m.leads.to_string()])
            .collect();
        table(out, &counts, "  ");
        let moved: Vec<Vec<String>> = c
            .moved
            .iter()
            .map(|m| {
                vec![
                    m.id.clone(),
                    format!("{} → {}", m.from, m.to),
                    format!("was: {}", m.rule_before.as_deref().unwrap_or("?")),
                    format!("now: {}", m.rule_after.as_deref().unwrap_or("?")),
                ]
            })
            .collect();
        capped_table(out, &moved, "    ");
    }

    fn scores(&self, out: &mut String, scores: &[ScoreChange]) {
        out.push_str("score changes:\n");
        let rows: Vec<Vec<String>> = scores.iter().map(score_row).collect();
        table(out, &rows, "  ");
    }

    fn suppression(&self, out: &mut String, changes: &[SuppressionChange]) {
        let _ = writeln!(out, "suppression changes: {}", changes.len());
        let rows: Vec<Vec<String>> = changes
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    format!("was: {}", suppressed(s.before.as_deref())),
                    format!("now: {}", suppressed(s.after.as_deref())),
                ]
            })
            .collect();
        capped_table(out, &rows, "  ");
    }

    fn drafts(&self, out: &mut String, appear: usize, disappear: usize, drafts: &[DraftChange]) {
        let _ = writeln!(
            out,
            "drafts due today: {appear} appear, {disappear} disappear"
        );
        let rows: Vec<Vec<String>> = drafts
            .iter()
            .map(|d| {
                let sign = if d.change == "appears" { "+" } else { "-" };
                vec![
                    d.id.clone(),
                    format!("{sign} {}", d.template),
                    d.channel.clone(),
                    d.owner.clone(),
                ]
            })
            .collect();
        capped_table(out, &rows, "  ");
    }

    fn deferred(&self, out: &mut String, deferred: &[DeferredChange]) {
        for d in deferred {
            let _ = writeln!(
                out,
                "  deferred by capacity ({}): {} → {}",
                d.owner, d.before, d.after
            );
        }
    }
}

fn suppressed(rule: Option<&str>) -> String {
    match rule {
        Some(r) => format!("suppressed by `{r}`"),
        None => "not suppressed".to_string(),
    }
}

/// Aligned columns, at most [`ROWS_SHOWN`] rows.
fn capped_table(out: &mut String, rows: &[Vec<String>], indent: &str) {
    table(out, rows.get(..ROWS_SHOWN).unwrap_or(rows), indent);
    if rows.len() > ROWS_SHOWN {
        let _ = writeln!(
            out,
            "{indent}… and {} more (--format json lists all)",
            rows.len() - ROWS_SHOWN
        );
    }
}

fn table(out: &mut String, rows: &[Vec<String>], indent: &str) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = indent.to_string();
        for (cell, width) in row.iter().zip(&widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(width.saturating_sub(cell.chars().count()) + 2));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
