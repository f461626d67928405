//! The three ways to print a diff: a terminal table, markdown for a pull-request
//! comment, and a stable JSON object.

use super::compare::{Changes, ScoreChange};
use crate::value::format_number;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write;

/// Rows listed per table in `table` and `md` output (JSON lists every row).
const ROWS_SHOWN: usize = 50;

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

    fn short_commit(&self) -> &str {
        self.commit.get(..10).unwrap_or(&self.commit)
    }

    /// The terminal table.
    pub fn to_table(&self) -> String {
        let c = &self.changes;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "diff {} ({}) → working tree: {} leads from {}, as of {}",
            self.rev,
            self.short_commit(),
            c.leads,
            self.leads_file,
            self.as_of
        );
        if c.is_empty() {
            out.push_str("no changes: every lead keeps its tier, scores, suppression and drafts\n");
            return out;
        }
        one_side_only(&mut out, c);
        let _ = writeln!(out, "tier moves: {}", c.moved.len());
        let counts: Vec<Vec<String>> = c
            .tier_moves
            .iter()
            .map(|m| vec![format!("{} → {}", m.from, m.to), m.leads.to_string()])
            .collect();
        table(&mut out, &counts, "  ");
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
        capped_table(&mut out, &moved, "    ");
        out.push_str("score changes:\n");
        let scores: Vec<Vec<String>> = c.scores.iter().map(score_row).collect();
        table(&mut out, &scores, "  ");
        let _ = writeln!(out, "suppression changes: {}", c.suppression.len());
        let suppression: Vec<Vec<String>> = c
            .suppression
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    format!("was: {}", suppressed(s.before.as_deref())),
                    format!("now: {}", suppressed(s.after.as_deref())),
                ]
            })
            .collect();
        capped_table(&mut out, &suppression, "  ");
        let (appear, disappear) = draft_counts(c);
        let _ = writeln!(
            out,
            "drafts due today: {appear} appear, {disappear} disappear"
        );
        let drafts: Vec<Vec<String>> = c
            .drafts
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
        capped_table(&mut out, &drafts, "  ");
        for d in &c.deferred {
            let _ = writeln!(
                out,
                "  deferred by capacity ({}): {} → {}",
                d.owner, d.before, d.after
            );
        }
        out
    }

    /// Markdown for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        let c = &self.changes;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "### leadplay diff: `{}` → working tree\n\n{} leads from `{}`, as of {} (`{}` is {}).\n",
            self.rev,
            c.leads,
            self.leads_file,
            self.as_of,
            self.rev,
            self.short_commit()
        );
        if c.is_empty() {
            out.push_str(
                "No changes: every lead keeps its tier, scores, suppression and drafts.\n",
            );
            return out;
        }
        one_side_only(&mut out, c);
        let _ = writeln!(out, "**Tier moves: {}**\n", c.moved.len());
        if !c.moved.is_empty() {
            let counts: Vec<Vec<String>> = c
                .tier_moves
                .iter()
                .map(|m| vec![m.from.clone(), m.to.clone(), m.leads.to_string()])
                .collect();
            md_table(&mut out, &["from", "to", "leads"], &counts);
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
            details(
                &mut out,
                &format!("Leads that move ({})", moved.len()),
                |out| {
                    md_table(
                        out,
                        &["lead", "from", "to", "rule before", "rule after"],
                        &moved,
                    );
                },
            );
        }
        out.push_str("**Scores**\n\n");
        let scores: Vec<Vec<String>> = c.scores.iter().map(score_row).collect();
        md_table(&mut out, &["score", "change"], &scores);
        let _ = writeln!(out, "**Suppression changes: {}**\n", c.suppression.len());
        if !c.suppression.is_empty() {
            let rows: Vec<Vec<String>> = c
                .suppression
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        code(s.before.as_deref()),
                        code(s.after.as_deref()),
                    ]
                })
                .collect();
            md_table(
                &mut out,
                &["lead", "suppressed by, before", "suppressed by, after"],
                &rows,
            );
        }
        let (appear, disappear) = draft_counts(c);
        let _ = writeln!(
            out,
            "**Drafts due today: {appear} appear, {disappear} disappear**\n"
        );
        if !c.drafts.is_empty() {
            let rows: Vec<Vec<String>> = c
                .drafts
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
            details(&mut out, &format!("Drafts ({})", rows.len()), |out| {
                md_table(
                    out,
                    &["lead", "change", "template", "channel", "owner"],
                    &rows,
                );
            });
        }
        if !c.deferred.is_empty() {
            out.push_str("Deferred by capacity limits (a draft can disappear because another lead's now takes its place):

");
            let rows: Vec<Vec<String>> = c
                .deferred
                .iter()
                .map(|d| vec![d.owner.clone(), d.before.to_string(), d.after.to_string()])
                .collect();
            md_table(&mut out, &["owner", "before", "after"], &rows);
        }
        out
    }
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

fn score_row(s: &ScoreChange) -> Vec<String> {
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

fn suppressed(rule: Option<&str>) -> String {
    match rule {
        Some(r) => format!("suppressed by `{r}`"),
        None => "not suppressed".to_string(),
    }
}

fn draft_counts(c: &Changes) -> (usize, usize) {
    let appear = c.drafts.iter().filter(|d| d.change == "appears").count();
    (appear, c.drafts.len() - appear)
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
