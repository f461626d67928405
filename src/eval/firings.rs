//! Which segments and score rules fire for a lead: what `backtest` relates to outcomes.
//!
//! Kept apart from the hot path: [`Program::evaluate_into`] only sums points, and only a
//! backtest needs to know, rule by rule, which of them added any.

use super::node::{Ctx, truth_to_slot};
use super::{Def, Program, Scratch};
use crate::value::Value;
use chrono::NaiveDate;

/// A segment or a score rule, as a backtest names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLabel {
    /// `segment enterprise` or `fit: +20 when enterprise`.
    pub text: String,
    /// The score the rule belongs to (`None` for a segment).
    pub score: Option<String>,
}

impl Program {
    /// Every segment and score rule, in definition order ([`Program::rule_firings`]
    /// follows the same order).
    pub(crate) fn rule_labels(&self) -> Vec<RuleLabel> {
        let mut labels = Vec::new();
        for def in self.defs() {
            match def {
                Def::Segment { name, .. } => labels.push(RuleLabel {
                    text: format!("segment {name}"),
                    score: None,
                }),
                Def::Score { name, rules, .. } => {
                    labels.extend(rules.iter().map(|rule| RuleLabel {
                        text: format!("{name}: {}", rule.text),
                        score: Some(name.clone()),
                    }));
                }
            }
        }
        labels
    }

    /// For one lead whose segments and scores `scratch` holds (right after
    /// [`Program::evaluate_into`] on the same values), whether each segment holds and
    /// each score rule adds points, appended to `out` in [`Program::rule_labels`] order.
    pub(crate) fn rule_firings(
        &self,
        values: &[Value],
        today: NaiveDate,
        scratch: &Scratch,
        out: &mut Vec<bool>,
    ) {
        let cx = Ctx {
            values,
            derived: &scratch.derived,
            today,
        };
        for (def, &value) in self.defs().iter().zip(&scratch.derived) {
            match def {
                Def::Segment { .. } => {
                    out.push(value == truth_to_slot(crate::program::Truth::True))
                }
                Def::Score { rules, .. } => {
                    out.extend(rules.iter().map(|rule| rule.points(&cx) != 0.0));
                }
            }
        }
    }
}
