//! The diff as a terminal table: aligned columns, at most [`ROWS_SHOWN`] rows each.

use super::{DiffReport, Format, ROWS_SHOWN, score_row};
use crate::diff::compare::{Changes, DeferredChange, DraftChange, ScoreChange, SuppressionChange};
use std::fmt::Write;

/// The terminal table being written.
#[derive(Default)]
pub(super) struct Table {
    out: String,
}

impl Format for Table {
    fn text(&mut self) -> &mut String {
        &mut self.out
    }

    fn title(&mut self, report: &DiffReport) {
        let _ = writeln!(
            self.out,
            "diff {} ({}) → working tree: {} leads from {}, as of {}",
            report.rev,
            report.short_commit(),
            report.changes.leads,
            report.leads_file,
            report.as_of
        );
    }

    fn no_changes(&mut self) {
        self.out
            .push_str("no changes: every lead keeps its tier, scores, suppression and drafts\n");
    }

    fn tier_moves(&mut self, c: &Changes) {
        let _ = writeln!(self.out, "tier moves: {}", c.moved.len());
        let counts: Vec<Vec<String>> = c
            .tier_moves
            .iter()
            .map(|m| vec![format!("{} → {}", m.from, m.to), m.leads.to_string()])
            .collect();
        table(&mut self.out, &counts, "  ");
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
        capped_table(&mut self.out, &moved, "    ");
    }

    fn scores(&mut self, scores: &[ScoreChange]) {
        self.out.push_str("score changes:\n");
        let rows: Vec<Vec<String>> = scores.iter().map(score_row).collect();
        table(&mut self.out, &rows, "  ");
    }

    fn suppression(&mut self, changes: &[SuppressionChange]) {
        let _ = writeln!(self.out, "suppression changes: {}", changes.len());
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
        capped_table(&mut self.out, &rows, "  ");
    }

    fn drafts(&mut self, appear: usize, disappear: usize, drafts: &[DraftChange]) {
        let _ = writeln!(
            self.out,
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
        capped_table(&mut self.out, &rows, "  ");
    }

    fn deferred(&mut self, deferred: &[DeferredChange]) {
        for d in deferred {
            let _ = writeln!(
                self.out,
                "  deferred by capacity ({}): {} → {}",
                d.owner, d.before, d.after
            );
        }
    }

    fn finish(self) -> String {
        self.out
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
