//! The figures of a backtest as plain data: what `--format json` prints, what the
//! review page charts, and what `diff` compares. Rates are fractions (0–1), rounded to
//! four decimals; a rate with no leads under it is `null`.

use crate::report::Number;
use serde::Serialize;

/// Every figure of one backtest. The JSON keys are exactly those of SPEC §8 (plus
/// `variants` with `--by-variant`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// Leads whose outcome is won or lost.
    pub decided: usize,
    /// Won leads.
    pub won: usize,
    /// Lost leads.
    pub lost: usize,
    /// won ÷ decided.
    pub base_rate: Option<f64>,
    /// Per tier, hottest first.
    pub tiers: Vec<TierFigures>,
    /// Per score, in declaration order.
    pub scores: Vec<ScoreFigures>,
    /// Per segment and score rule, in definition order.
    pub rules: Vec<RuleFigures>,
    /// Per variant of every A/B step (`--by-variant` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants: Option<Vec<VariantFigures>>,
    /// What was read, for the human formats (not part of the JSON object).
    #[serde(skip)]
    pub about: About,
}

/// What a backtest read and left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct About {
    /// The outcome field.
    pub outcome: String,
    /// The values that count as won.
    pub won_values: Vec<String>,
    /// The values that count as lost (empty: any other value).
    pub lost_values: Vec<String>,
    /// The leads file as shown.
    pub leads_file: String,
    /// The evaluation date.
    pub as_of: String,
    /// Leads read without error.
    pub leads: usize,
    /// Leads left out because their outcome is open or missing.
    pub undecided: usize,
    /// Rows left out by row errors.
    pub row_errors: usize,
    /// Undecided outcome values and their counts (the first 64 distinct values).
    pub undecided_values: Vec<(String, usize)>,
}

/// One tier's outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierFigures {
    /// The tier's name.
    pub tier: String,
    /// Decided leads in the tier.
    pub leads: usize,
    /// Won.
    pub won: usize,
    /// Lost.
    pub lost: usize,
    /// won ÷ leads.
    pub win_rate: Option<f64>,
    /// win rate ÷ base rate.
    pub lift: Option<f64>,
    /// won ÷ all wins.
    pub share_of_wins: Option<f64>,
}

/// How well one score ranks won above lost leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreFigures {
    /// The score's name.
    pub score: String,
    /// The chance that a random won lead scores above a random lost one (ties count one
    /// half); `null` without both.
    pub auc: Option<f64>,
    /// Win rate by score decile, lowest scores first. Leads with the same score share a
    /// decile, so a score with few distinct values has fewer than ten.
    pub deciles: Vec<Decile>,
}

/// One score decile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decile {
    /// The lowest score in it.
    pub from: Number,
    /// The highest score in it.
    pub to: Number,
    /// Decided leads in it.
    pub leads: usize,
    /// Their win rate.
    pub win_rate: Option<f64>,
}

/// One segment or score rule against the outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFigures {
    /// `segment NAME` or `SCORE: RULE`.
    pub rule: String,
    /// Decided leads it fired for (a segment: held; a score rule: added points).
    pub fired: usize,
    /// Win rate of those leads.
    pub win_rate_fired: Option<f64>,
    /// Win rate of the other decided leads.
    pub win_rate_not_fired: Option<f64>,
}

/// One variant of an A/B step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantFigures {
    /// The tier whose playbook has the step.
    pub tier: String,
    /// `day N CHANNEL`.
    pub step: String,
    /// The variant's template.
    pub variant: String,
    /// Decided leads of the tier assigned this variant.
    pub leads: usize,
    /// Won.
    pub won: usize,
    /// Their win rate.
    pub win_rate: Option<f64>,
}

/// `part ÷ whole` rounded to four decimals; `None` when `whole` is 0.
pub fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round4(part as f64 / whole as f64))
}

/// Rounds to four decimals (rates and AUC are shown to a hundredth of a percent).
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A rate as a percentage with one decimal (`18.2%`), or `–`.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.1}%", r * 100.0))
}
