//! `diff REV` with outcomes: the backtest figures of the revision's program and of the
//! working tree's, side by side ("hot win rate 18.2% → 24.0%").

use crate::backtest::{Backtest, percent};
use serde::Serialize;
use std::fmt::Write;

/// The backtest of both sides, on the same leads and date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeDiff {
    /// At the revision.
    pub before: Backtest,
    /// In the working tree.
    pub after: Backtest,
}

/// One compared figure: a label and its value on each side, as text.
struct Line {
    label: String,
    before: String,
    after: String,
}

impl OutcomeDiff {
    /// The terminal lines.
    pub fn to_table(&self) -> String {
        let mut out = format!("outcomes: {}\n", self.heading());
        let lines = self.lines();
        let width = lines
            .iter()
            .map(|l| l.label.chars().count())
            .max()
            .unwrap_or(0);
        for l in lines {
            let pad = " ".repeat(width - l.label.chars().count());
            let _ = writeln!(out, "  {}{pad}  {} → {}", l.label, l.before, l.after);
        }
        out
    }

    /// A markdown table for the pull request.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "\n**Outcomes** ({})\n\n| | before | after |\n|---|--:|--:|\n",
            self.heading()
        );
        for l in self.lines() {
            let _ = writeln!(out, "| {} | {} | {} |", l.label, l.before, l.after);
        }
        out
    }

    fn heading(&self) -> String {
        let a = &self.after.about;
        format!(
            "`{}` won = {}, {} decided leads, base win rate {}",
            a.outcome,
            a.won_values.join(", "),
            self.after.decided,
            percent(self.after.base_rate)
        )
    }

    fn lines(&self) -> Vec<Line> {
        let mut lines = Vec::new();
        let (before, after) = (&self.before, &self.after);
        let mut tiers: Vec<&str> = after.tiers.iter().map(|t| t.tier.as_str()).collect();
        tiers.extend(
            before
                .tiers
                .iter()
                .map(|t| t.tier.as_str())
                .filter(|t| !after.tiers.iter().any(|a| a.tier == *t)),
        );
        for tier in tiers {
            let b = before.tiers.iter().find(|t| t.tier == tier);
            let a = after.tiers.iter().find(|t| t.tier == tier);
            lines.push(Line {
                label: format!("{tier} win rate"),
                before: percent(b.and_then(|t| t.win_rate)),
                after: percent(a.and_then(|t| t.win_rate)),
            });
            lines.push(Line {
                label: format!("{tier} leads"),
                before: b.map_or(0, |t| t.leads).to_string(),
                after: a.map_or(0, |t| t.leads).to_string(),
            });
            lines.push(Line {
                label: format!("{tier} share of wins"),
                before: percent(b.and_then(|t| t.share_of_wins)),
                after: percent(a.and_then(|t| t.share_of_wins)),
            });
        }
        let mut scores: Vec<&str> = after.scores.iter().map(|s| s.score.as_str()).collect();
        scores.extend(
            before
                .scores
                .iter()
                .map(|s| s.score.as_str())
                .filter(|s| !after.scores.iter().any(|a| a.score == *s)),
        );
        for score in scores {
            let auc = |side: &Backtest| {
                side.scores
                    .iter()
                    .find(|s| s.score == score)
                    .and_then(|s| s.auc)
                    .map_or_else(|| "–".to_string(), |a| format!("{a:.3}"))
            };
            lines.push(Line {
                label: format!("{score} AUC"),
                before: auc(before),
                after: auc(after),
            });
        }
        lines
    }
}
