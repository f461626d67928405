//! `explain`: why a lead got its scores, tier and suppression, rule by rule.
//!
//! Not the hot path: it re-evaluates every rule of one lead and keeps the results, in
//! a structure (for JSON or tests) that also prints as stable human text.

use super::node::Ctx;
use super::ops::Val;
use super::{decayed, per_points};
use crate::program::{Cond, Def, Program, ScoreRuleKind, TierId, Truth};
use crate::value::Value;
use chrono::NaiveDate;

/// The result of one condition, and the missing values that made it unknown.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionExplain {
    /// True, false or unknown.
    pub truth: Truth,
    /// Fields it depends on that the lead lacks (only when unknown).
    pub missing: Vec<String>,
}

/// One segment's value.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentExplain {
    /// The segment's name.
    pub name: String,
    /// Its condition's source text.
    pub text: String,
    /// Its value for this lead.
    pub result: ConditionExplain,
}

/// What one score rule did.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleResult {
    /// A `when` rule fired and added its points.
    Fired {
        /// The points added.
        points: f64,
    },
    /// A `when` rule did not fire: its condition was false or unknown.
    NotFired(ConditionExplain),
    /// A `per` rule: points × quantity, capped.
    Per {
        /// The quantity's value.
        quantity: f64,
        /// Points × quantity before the cap.
        raw: f64,
        /// What was added.
        points: f64,
        /// The cap, if the rule has one.
        cap: Option<f64>,
    },
    /// A decaying `when` rule fired: its points, halved every `half_life` days.
    Decayed {
        /// The rule's full points.
        full: f64,
        /// What was added.
        points: f64,
        /// Days since the rule's date.
        days: i64,
        /// The half-life in days.
        half_life: f64,
    },
    /// A decaying `when` rule whose condition held but whose date was missing: adds
    /// nothing.
    DecayMissing {
        /// The missing fields the date depends on.
        missing: Vec<String>,
    },
    /// A `per` rule whose quantity was missing (or not a number): adds nothing.
    PerMissing {
        /// The missing fields it depends on.
        missing: Vec<String>,
    },
}

/// One score rule and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRuleExplain {
    /// The rule's source text.
    pub text: String,
    /// What it did.
    pub result: RuleResult,
}

/// One score, rule by rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreExplain {
    /// The score's name.
    pub name: String,
    /// Every rule, in order.
    pub rules: Vec<ScoreRuleExplain>,
    /// The sum of the rules' points before `range`.
    pub sum: f64,
    /// `range LO..HI`, if any.
    pub range: Option<(f64, f64)>,
    /// The final value.
    pub total: f64,
}

/// One line of `tiers` and what it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct TierRuleExplain {
    /// The tier it names.
    pub tier: String,
    /// The line's source text.
    pub text: String,
    /// The condition's result; `None` for `otherwise` or a rule never reached.
    pub result: Option<ConditionExplain>,
    /// Whether it was tried (no earlier rule matched).
    pub reached: bool,
    /// Whether it chose the tier.
    pub chosen: bool,
}

/// One `suppress` rule and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct SuppressExplain {
    /// The condition's source text.
    pub text: String,
    /// Its result.
    pub result: ConditionExplain,
}

/// Everything `leadplay explain` shows about one lead.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Every segment.
    pub segments: Vec<SegmentExplain>,
    /// Every score.
    pub scores: Vec<ScoreExplain>,
    /// Every tier rule, in order.
    pub tier_rules: Vec<TierRuleExplain>,
    /// The chosen tier.
    pub tier: String,
    /// Every suppress rule.
    pub suppress: Vec<SuppressExplain>,
    /// The first suppress rule that held.
    pub suppressed_by: Option<usize>,
}

impl Program {
    /// A tier's name as text (empty for an id out of range).
    fn tier_text(&self, tier: TierId) -> String {
        self.tiers
            .get(tier)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    /// Explains one lead's scores, tier and suppression.
    pub fn explain(&self, values: &[Value], today: NaiveDate) -> Explanation {
        let mut scratch = self.scratch();
        self.derive(values, today, &mut scratch);
        let cx = Ctx {
            values,
            derived: &scratch.derived,
            today,
        };
        let mut out = Explanation {
            segments: Vec::new(),
            scores: Vec::new(),
            tier_rules: Vec::new(),
            tier: String::new(),
            suppress: Vec::new(),
            suppressed_by: None,
        };
        for (def, &value) in self.defs().iter().zip(&scratch.derived) {
            match def {
                Def::Segment { name, cond } => out.segments.push(SegmentExplain {
                    name: name.clone(),
                    text: cond.text.clone(),
                    result: self.explain_cond(cond, &cx),
                }),
                Def::Score { name, rules, range } => {
                    let rules: Vec<_> = rules.iter().map(|r| self.explain_rule(r, &cx)).collect();
                    let sum = rules
                        .iter()
                        .fold(0.0, |s, r| super::add(s, r.result.points()));
                    out.scores.push(ScoreExplain {
                        name: name.clone(),
                        rules,
                        sum,
                        range: *range,
                        total: value,
                    });
                }
            }
        }
        self.explain_tiers(&cx, &mut out);
        for cond in self.suppress() {
            let result = self.explain_cond(cond, &cx);
            if out.suppressed_by.is_none() && result.truth.is_true() {
                out.suppressed_by = Some(out.suppress.len());
            }
            out.suppress.push(SuppressExplain {
                text: cond.text.clone(),
                result,
            });
        }
        out
    }

    /// Explains a step guard or exit condition for one lead (only tests ask today).
    #[cfg(test)]
    pub(crate) fn explain_condition(
        &self,
        id: crate::program::CondId,
        values: &[Value],
        today: NaiveDate,
    ) -> ConditionExplain {
        let mut scratch = super::Scratch::default();
        self.derive(values, today, &mut scratch);
        let cx = Ctx {
            values,
            derived: &scratch.derived,
            today,
        };
        match self.cond(id) {
            Some(cond) => self.explain_cond(cond, &cx),
            None => ConditionExplain {
                truth: Truth::Unknown,
                missing: Vec::new(),
            },
        }
    }

    fn explain_tiers(&self, cx: &Ctx<'_>, out: &mut Explanation) {
        let mut chosen = false;
        for rule in self.tier_rules() {
            let reached = !chosen;
            let result = match (&rule.cond, reached) {
                (Some(cond), true) => Some(self.explain_cond(cond, cx)),
                _ => None,
            };
            let fires = reached && result.as_ref().is_none_or(|r| r.truth.is_true());
            if fires {
                chosen = true;
                out.tier = self.tier_text(rule.tier);
            }
            out.tier_rules.push(TierRuleExplain {
                tier: self.tier_text(rule.tier),
                text: rule.text.clone(),
                result,
                reached,
                chosen: fires,
            });
        }
    }

    fn explain_rule(&self, rule: &super::ScoreRule, cx: &Ctx<'_>) -> ScoreRuleExplain {
        let result = match &rule.kind {
            ScoreRuleKind::When(cond) => {
                let c = self.explain_cond(cond, cx);
                match &rule.decay {
                    _ if !c.truth.is_true() => RuleResult::NotFired(c),
                    Some(decay) => match decay.date.node.value(cx) {
                        Val::Date(date) => {
                            let days = (cx.today - date).num_days();
                            RuleResult::Decayed {
                                full: rule.points,
                                points: decayed(rule.points, days, decay.half_life),
                                days,
                                half_life: decay.half_life,
                            }
                        }
                        _ => RuleResult::DecayMissing {
                            missing: self.missing_fields(&decay.date, cx),
                        },
                    },
                    None => RuleResult::Fired {
                        points: rule.points,
                    },
                }
            }
            ScoreRuleKind::Per { quantity, cap } => match quantity.node.value(cx) {
                Val::Num(x) => RuleResult::Per {
                    quantity: x,
                    raw: rule.points * x,
                    points: per_points(rule.points, x, *cap),
                    cap: *cap,
                },
                _ => RuleResult::PerMissing {
                    missing: self.missing_fields(quantity, cx),
                },
            },
        };
        ScoreRuleExplain {
            text: rule.text.clone(),
            result,
        }
    }

    fn explain_cond(&self, cond: &Cond, cx: &Ctx<'_>) -> ConditionExplain {
        let truth = cond.node.truth(cx);
        let missing = if truth == Truth::Unknown {
            self.missing_fields(cond, cx)
        } else {
            Vec::new()
        };
        ConditionExplain { truth, missing }
    }

    fn missing_fields(&self, cond: &Cond, cx: &Ctx<'_>) -> Vec<String> {
        cond.fields
            .iter()
            .filter(|&&slot| cx.values.get(slot as usize).is_none_or(Value::is_missing))
            .filter_map(|&slot| self.schema.fields.get(slot as usize))
            .map(|f| f.display_name())
            .collect()
    }
}

impl RuleResult {
    /// The points this rule added.
    pub fn points(&self) -> f64 {
        match self {
            RuleResult::Fired { points }
            | RuleResult::Per { points, .. }
            | RuleResult::Decayed { points, .. } => *points,
            RuleResult::NotFired(_)
            | RuleResult::PerMissing { .. }
            | RuleResult::DecayMissing { .. } => 0.0,
        }
    }
}
