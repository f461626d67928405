//! Evaluation: scores, tiers and suppression of a checked [`Program`] for one lead at
//! a time.
//!
//! Evaluating a lead walks the program's compiled nodes over the lead's slot-ordered
//! values (see [`crate::schema::LeadSchema`]). Segments and scores are
//! computed once per lead, in definition order, into a small scratch buffer that later
//! expressions read by index.

mod deciding;
mod explain;
mod explain_text;
mod firings;
mod functions;
mod node;
mod ops;
mod variants;

#[cfg(test)]
mod tests;

pub use deciding::deciding_rules;
pub use explain::{
    ConditionExplain, Explanation, RuleResult, ScoreExplain, ScoreRuleExplain, SegmentExplain,
    SuppressExplain, TierRuleExplain,
};

use crate::program::{
    CondId, Decay, Def, Outcome, Program, ScoreRule, ScoreRuleKind, Scores, TierId, Truth,
};
use crate::value::Value;
use chrono::NaiveDate;
use node::{Ctx, truth_to_slot};

/// Reusable per-thread buffers so that evaluating a lead allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    derived: Vec<f64>,
}

impl Program {
    /// A scratch buffer sized for this program (one per thread).
    pub fn scratch(&self) -> Scratch {
        Scratch {
            derived: Vec::with_capacity(self.defs().len()),
        }
    }

    /// Scores, tiers and suppression for one lead (values in schema slot order).
    pub fn evaluate(&self, values: &[Value], today: NaiveDate) -> Outcome {
        let mut out = Outcome {
            tier: 0,
            scores: Scores::with_capacity(self.score_names.len()),
            suppressed_by: None,
        };
        self.evaluate_into(values, today, &mut self.scratch(), &mut out);
        out
    }

    /// The hot path: like [`Program::evaluate`], reusing `scratch` and `out`'s buffers.
    /// Afterwards `scratch` holds this lead's segments and scores, which the scheduler
    /// reads its step conditions from.
    pub fn evaluate_into(
        &self,
        values: &[Value],
        today: NaiveDate,
        scratch: &mut Scratch,
        out: &mut Outcome,
    ) {
        self.derive(values, today, scratch);
        let cx = Ctx {
            values,
            derived: &scratch.derived,
            today,
        };
        out.scores.clear();
        for (def, &value) in self.defs().iter().zip(&scratch.derived) {
            if let Def::Score { .. } = def {
                out.scores.push(value);
            }
        }
        out.tier = self.tier_of(&cx);
        out.suppressed_by = self
            .suppress()
            .iter()
            .position(|c| c.node.truth(&cx).is_true());
    }

    /// A step guard or exit condition for one lead.
    pub(crate) fn condition(&self, id: CondId, values: &[Value], today: NaiveDate) -> Truth {
        let mut scratch = self.scratch();
        self.derive(values, today, &mut scratch);
        self.condition_cached(id, values, today, &scratch)
    }

    /// Like [`Program::condition`], reading segments and scores from a scratch buffer
    /// that [`Program::evaluate_into`] just filled for the same lead.
    pub(crate) fn condition_cached(
        &self,
        id: CondId,
        values: &[Value],
        today: NaiveDate,
        scratch: &Scratch,
    ) -> Truth {
        let cx = Ctx {
            values,
            derived: &scratch.derived,
            today,
        };
        self.cond(id).map_or(Truth::Unknown, |c| c.node.truth(&cx))
    }

    /// Computes every segment and score, in definition order, into `scratch`.
    fn derive(&self, values: &[Value], today: NaiveDate, scratch: &mut Scratch) {
        scratch.derived.clear();
        for def in self.defs() {
            let cx = Ctx {
                values,
                derived: &scratch.derived,
                today,
            };
            let value = match def {
                Def::Segment { cond, .. } => truth_to_slot(cond.node.truth(&cx)),
                Def::Score { rules, range, .. } => {
                    let total = rules.iter().fold(0.0, |sum, r| add(sum, r.points(&cx)));
                    clamp(total, *range)
                }
            };
            scratch.derived.push(value);
        }
    }

    fn tier_of(&self, cx: &Ctx<'_>) -> TierId {
        self.tier_rules()
            .iter()
            .find(|r| r.cond.as_ref().is_none_or(|c| c.node.truth(cx).is_true()))
            .map_or(self.tiers.len().saturating_sub(1), |r| r.tier)
    }
}

impl ScoreRule {
    /// The points this rule adds for a lead (0 when it does not fire).
    fn points(&self, cx: &Ctx<'_>) -> f64 {
        match &self.kind {
            ScoreRuleKind::When(cond) => {
                if !cond.node.truth(cx).is_true() {
                    0.0
                } else if let Some(decay) = &self.decay {
                    decay.points(self.points, cx).unwrap_or(0.0)
                } else {
                    self.points
                }
            }
            ScoreRuleKind::Per { quantity, cap } => match quantity.node.value(cx) {
                ops::Val::Num(x) => per_points(self.points, x, *cap),
                _ => 0.0,
            },
        }
    }
}

impl Decay {
    /// The decayed points, or `None` when the date is missing.
    fn points(&self, full: f64, cx: &Ctx<'_>) -> Option<f64> {
        match self.date.node.value(cx) {
            ops::Val::Date(date) => {
                Some(decayed(full, (cx.today - date).num_days(), self.half_life))
            }
            _ => None,
        }
    }
}

/// `points × 0.5^(days ÷ half-life)`, rounded to two decimals; a date in the future (or
/// today) does not decay.
pub(crate) fn decayed(points: f64, days: i64, half_life: f64) -> f64 {
    if days <= 0 || half_life <= 0.0 {
        return points;
    }
    let value = points * 0.5f64.powf(days as f64 / half_life);
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.is_finite() { rounded } else { 0.0 }
}

/// `N per x up to CAP`: N × x, at most CAP either way; an overflow adds nothing.
pub(crate) fn per_points(points: f64, x: f64, cap: Option<f64>) -> f64 {
    let raw = points * x;
    let capped = cap.map_or(raw, |c| raw.min(c).max(-c));
    if capped.is_finite() { capped } else { 0.0 }
}

/// Adds without ever reaching infinity or NaN.
pub(crate) fn add(sum: f64, points: f64) -> f64 {
    let total = sum + points;
    if total.is_finite() {
        total
    } else {
        f64::MAX.copysign(total)
    }
}

/// Applies `range LO..HI` (without `f64::clamp`, which panics on odd bounds).
pub(crate) fn clamp(total: f64, range: Option<(f64, f64)>) -> f64 {
    range.map_or(total, |(low, high)| total.max(low).min(high))
}
