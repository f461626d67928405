//! Printing a backtest: an aligned terminal table with a bar per tier, markdown for a
//! pull request, and the stable JSON object.

use super::figures::{Backtest, Decile, percent};
use crate::value::format_number;
use std::fmt::Write;

/// The widest bar, in characters, for the best win rate.
const BAR_WIDTH: usize = 24;

impl Backtest {
    /// The JSON object, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string());
        text.push('\n');
        text
    }

    /// The terminal report.
    pub fn to_table(&self) -> String {
        let mut out = self.heading();
        if self.decided == 0 {
            return out;
        }
        out.push('\n');
        let best = self
            .tiers
            .iter()
            .filter_map(|t| t.win_rate)
            .fold(0.0, f64::max);
        let mut rows = vec![cells(&[
            "tier",
            "leads",
            "won",
            "lost",
            "win rate",
            "lift",
            "share of wins",
            "",
        ])];
        rows.extend(self.tiers.iter().map(|t| {
            let mut row = self.tier_cells(t);
            row.push(bar(t.win_rate, best));
            row
        }));
        table(&mut out, &rows, "LRRRRRR L");
        for score in &self.scores {
            let _ = writeln!(
                out,
                "\nscore {}: AUC {}, win rate by decile",
                score.score,
                auc(score.auc)
            );
            let mut rows = vec![cells(&["scores", "leads", "win rate", ""])];
            let best = score
                .deciles
                .iter()
                .filter_map(|d| d.win_rate)
                .fold(0.0, f64::max);
            rows.extend(score.deciles.iter().map(|d| {
                vec![
                    range(d),
                    d.leads.to_string(),
                    percent(d.win_rate),
                    bar(d.win_rate, best),
                ]
            }));
            table(&mut out, &rows, "LRRL");
        }
        if !self.rules.is_empty() {
            out.push('\n');
            let mut rows = vec![cells(&["rule", "fired", "win rate fired", "not fired"])];
            rows.extend(self.rule_cells());
            table(&mut out, &rows, "LRRR");
        }
        self.variants_table(&mut out);
        out
    }

    /// Markdown, to paste into a pull request.
    pub fn to_markdown(&self) -> String {
        let a = &self.about;
        let mut out = format!(
            "### Backtest: `{}` on `{}`, as of {}\n\n{} of {} leads decided (won {}, lost {}), base win rate **{}**.\n",
            a.outcome,
            a.leads_file,
            a.as_of,
            self.decided,
            a.leads,
            self.won,
            self.lost,
            percent(self.base_rate)
        );
        if self.decided == 0 {
            return out;
        }
        out.push_str("\n| tier | leads | won | lost | win rate | lift | share of wins |\n");
        out.push_str("|---|--:|--:|--:|--:|--:|--:|\n");
        for t in &self.tiers {
            md_row(&mut out, &self.tier_cells(t));
        }
        out.push_str(
            "\n| score | AUC | win rate by decile, lowest scores first |\n|---|--:|---|\n",
        );
        for s in &self.scores {
            let deciles: Vec<String> = s
                .deciles
                .iter()
                .map(|d| format!("{} {}", range(d), percent(d.win_rate)))
                .collect();
            md_row(
                &mut out,
                &[s.score.clone(), auc(s.auc), deciles.join(" · ")],
            );
        }
        if !self.rules.is_empty() {
            out.push_str("\n| rule | fired | win rate fired | not fired |\n|---|--:|--:|--:|\n");
            for row in self.rule_cells() {
                md_row(&mut out, &row);
            }
        }
        if self.variants.is_some() {
            out.push_str(
                "\n| tier | step | variant | leads | won | win rate |\n|---|---|---|--:|--:|--:|\n",
            );
            for row in self.variant_cells() {
                md_row(&mut out, &row);
            }
        }
        out
    }

    fn heading(&self) -> String {
        let a = &self.about;
        let mut out = format!(
            "backtest of `{}` (won: {}{}) on {}, as of {}\n",
            a.outcome,
            a.won_values.join(", "),
            if a.lost_values.is_empty() {
                "; lost: any other value".to_string()
            } else {
                format!("; lost: {}", a.lost_values.join(", "))
            },
            a.leads_file,
            a.as_of
        );
        let _ = writeln!(
            out,
            "  decided    {} of {} leads ({} open or missing{})",
            self.decided,
            a.leads,
            a.undecided,
            if a.row_errors > 0 {
                format!("; {} row errors left out", a.row_errors)
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            out,
            "  outcomes   won {} · lost {} · base win rate {}",
            self.won,
            self.lost,
            percent(self.base_rate)
        );
        out
    }

    fn tier_cells(&self, t: &super::TierFigures) -> Vec<String> {
        vec![
            t.tier.clone(),
            t.leads.to_string(),
            t.won.to_string(),
            t.lost.to_string(),
            percent(t.win_rate),
            t.lift
                .map_or_else(|| "–".to_string(), |l| format!("{l:.2}×")),
            percent(t.share_of_wins),
        ]
    }

    fn rule_cells(&self) -> Vec<Vec<String>> {
        self.rules
            .iter()
            .map(|r| {
                vec![
                    r.rule.clone(),
                    r.fired.to_string(),
                    percent(r.win_rate_fired),
                    percent(r.win_rate_not_fired),
                ]
            })
            .collect()
    }

    fn variants_table(&self, out: &mut String) {
        let Some(variants) = &self.variants else {
            return;
        };
        out.push('\n');
        if variants.is_empty() {
            out.push_str("no step has variants\n");
            return;
        }
        let mut rows = vec![cells(&[
            "tier", "step", "variant", "leads", "won", "win rate",
        ])];
        rows.extend(self.variant_cells());
        table(out, &rows, "LLLRRR");
    }

    /// One row per step variant, for both formats: tier, step, variant, leads, won,
    /// win rate.
    fn variant_cells(&self) -> Vec<Vec<String>> {
        let variants = self.variants.as_deref().unwrap_or_default();
        variants
            .iter()
            .map(|v| {
                vec![
                    v.tier.clone(),
                    v.step.clone(),
                    v.variant.clone(),
                    v.leads.to_string(),
                    v.won.to_string(),
                    percent(v.win_rate),
                ]
            })
            .collect()
    }
}

fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|s| s.to_string()).collect()
}

fn auc(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |a| format!("{a:.3}"))
}

fn range(d: &Decile) -> String {
    if d.from == d.to {
        format_number(d.from.0)
    } else {
        format!("{}–{}", format_number(d.from.0), format_number(d.to.0))
    }
}

/// A bar as long as `rate` is to the `best` rate.
fn bar(rate: Option<f64>, best: f64) -> String {
    let Some(rate) = rate.filter(|_| best > 0.0) else {
        return String::new();
    };
    let cells = ((rate / best) * BAR_WIDTH as f64).round() as usize;
    "█".repeat(cells.clamp(usize::from(rate > 0.0), BAR_WIDTH))
}

/// Aligned columns; `align` has one `L` or `R` per column (a space: left).
fn table(out: &mut String, rows: &[Vec<String>], align: &str) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::from("  ");
        for ((cell, width), side) in row.iter().zip(&widths).zip(align.chars()) {
            let pad = " ".repeat(width - cell.chars().count());
            if side == 'R' {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn md_row(out: &mut String, row: &[String]) {
    let cells: Vec<String> = row
        .iter()
        .map(|c| c.replace('|', "\\|").replace(['\n', '\r'], " "))
        .collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}
