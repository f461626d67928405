//! Counting outcomes while the leads stream by, then turning the counts into figures.
//!
//! Everything is a count or a sorted list of (score, won) pairs, so the figures do not
//! depend on the order leads arrive in: the same leads always give the same figures.

use super::figures::{
    About, Backtest, Decile, RuleFigures, ScoreFigures, TierFigures, VariantFigures, rate, round4,
};
use crate::report::Number;
use std::collections::BTreeMap;

/// One decided lead, as the tally needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Observation<'a> {
    pub(crate) won: bool,
    pub(crate) tier: usize,
    pub(crate) scores: &'a [f64],
    /// Per segment and score rule (in `Program::rule_labels` order).
    pub(crate) fired: &'a [bool],
    /// (A/B step index, variant index) pairs the lead is assigned.
    pub(crate) variants: &'a [(usize, usize)],
}

/// `[leads, won]`.
type Counts = [usize; 2];

/// The counts of one backtest.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tally {
    won: usize,
    lost: usize,
    tiers: Vec<Counts>,
    /// Of the leads each rule fired for.
    rules: Vec<Counts>,
    scores: Vec<Vec<(f64, bool)>>,
    variants: BTreeMap<(usize, usize), Counts>,
}

/// The names the figures are labelled with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Labels {
    pub(crate) tiers: Vec<String>,
    pub(crate) scores: Vec<String>,
    pub(crate) rules: Vec<String>,
    /// Per A/B step: (tier, `day N CHANNEL`, variant templates).
    pub(crate) steps: Vec<(String, String, Vec<String>)>,
}

impl Tally {
    pub(crate) fn new(labels: &Labels) -> Tally {
        Tally {
            tiers: vec![[0, 0]; labels.tiers.len()],
            rules: vec![[0, 0]; labels.rules.len()],
            scores: vec![Vec::new(); labels.scores.len()],
            ..Tally::default()
        }
    }

    pub(crate) fn add(&mut self, lead: Observation<'_>) {
        let won = usize::from(lead.won);
        self.won += won;
        self.lost += 1 - won;
        if let Some(counts) = self.tiers.get_mut(lead.tier) {
            bump(counts, won);
        }
        for (counts, _) in self.rules.iter_mut().zip(lead.fired).filter(|(_, f)| **f) {
            bump(counts, won);
        }
        for (column, &score) in self.scores.iter_mut().zip(lead.scores) {
            column.push((score, lead.won));
        }
        for &key in lead.variants {
            bump(self.variants.entry(key).or_default(), won);
        }
    }

    /// The figures, labelled.
    pub(crate) fn figures(mut self, labels: &Labels, by_variant: bool, about: About) -> Backtest {
        let decided = self.won + self.lost;
        let base_rate = rate(self.won, decided);
        let tiers = labels
            .tiers
            .iter()
            .zip(&self.tiers)
            .map(|(tier, &[leads, won])| {
                let win_rate = rate(won, leads);
                TierFigures {
                    tier: tier.clone(),
                    leads,
                    won,
                    lost: leads - won,
                    win_rate,
                    lift: lift(won, leads, self.won, decided),
                    share_of_wins: rate(won, self.won),
                }
            })
            .collect();
        let scores = labels
            .scores
            .iter()
            .zip(&mut self.scores)
            .map(|(name, column)| {
                column.sort_by(|a, b| a.0.total_cmp(&b.0));
                ScoreFigures {
                    score: name.clone(),
                    auc: auc(column),
                    deciles: deciles(column),
                }
            })
            .collect();
        let rules = labels
            .rules
            .iter()
            .zip(&self.rules)
            .map(|(rule, &[fired, won])| RuleFigures {
                rule: rule.clone(),
                fired,
                win_rate_fired: rate(won, fired),
                win_rate_not_fired: rate(self.won - won, decided - fired),
            })
            .collect();
        let variants = by_variant.then(|| self.variant_figures(labels));
        Backtest {
            decided,
            won: self.won,
            lost: self.lost,
            base_rate,
            tiers,
            scores,
            rules,
            variants,
            about,
        }
    }

    fn variant_figures(&self, labels: &Labels) -> Vec<VariantFigures> {
        let mut rows = Vec::new();
        for (step_index, (tier, step, templates)) in labels.steps.iter().enumerate() {
            for (variant_index, template) in templates.iter().enumerate() {
                let [leads, won] = self
                    .variants
                    .get(&(step_index, variant_index))
                    .copied()
                    .unwrap_or_default();
                rows.push(VariantFigures {
                    tier: tier.clone(),
                    step: step.clone(),
                    variant: template.clone(),
                    leads,
                    won,
                    win_rate: rate(won, leads),
                });
            }
        }
        rows
    }
}

fn bump(counts: &mut Counts, won: usize) {
    counts[0] += 1;
    counts[1] += won;
}

/// (won ÷ leads) ÷ (all won ÷ decided), computed from the counts (not from rounded rates).
fn lift(won: usize, leads: usize, all_won: usize, decided: usize) -> Option<f64> {
    if leads == 0 || all_won == 0 {
        return None;
    }
    Some(round4(
        (won as f64 * decided as f64) / (leads as f64 * all_won as f64),
    ))
}

/// The area under the ROC curve of pairs sorted by score: the share of (won, lost)
/// pairs in which the won lead scores higher, a tie counting one half.
pub(crate) fn auc(sorted: &[(f64, bool)]) -> Option<f64> {
    let won = sorted.iter().filter(|(_, w)| *w).count();
    let lost = sorted.len() - won;
    if won == 0 || lost == 0 {
        return None;
    }
    let mut lost_below = 0.0;
    let mut wins = 0.0;
    for group in ties(sorted) {
        let group_won = group.iter().filter(|(_, w)| *w).count() as f64;
        let group_lost = group.len() as f64 - group_won;
        wins += group_won * (lost_below + 0.5 * group_lost);
        lost_below += group_lost;
    }
    Some(round4(wins / (won as f64 * lost as f64)))
}

/// Win rate by decile of rank; a run of equal scores stays in the decile its first
/// lead falls in, so the figures never depend on how ties are ordered.
pub(crate) fn deciles(sorted: &[(f64, bool)]) -> Vec<Decile> {
    let n = sorted.len();
    let mut out: Vec<(usize, f64, f64, usize, usize)> = Vec::new();
    let mut rank = 0;
    for group in ties(sorted) {
        let decile = (rank * 10 / n).min(9);
        let score = group[0].0;
        let won = group.iter().filter(|(_, w)| *w).count();
        match out.last_mut() {
            Some(last) if last.0 == decile => {
                last.2 = score;
                last.3 += group.len();
                last.4 += won;
            }
            _ => out.push((decile, score, score, group.len(), won)),
        }
        rank += group.len();
    }
    out.into_iter()
        .map(|(_, from, to, leads, won)| Decile {
            from: Number(from),
            to: Number(to),
            leads,
            win_rate: rate(won, leads),
        })
        .collect()
}

/// Runs of equal scores in a sorted list.
fn ties(sorted: &[(f64, bool)]) -> impl Iterator<Item = &[(f64, bool)]> {
    sorted.chunk_by(|a, b| a.0 == b.0)
}

#[cfg(test)]
mod tests;
