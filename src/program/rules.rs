//! The compiled rules: segments and scores (definitions), tier rules, suppression and
//! the conditions steps and exits refer to. `check` builds them; `eval` runs them.

use super::expr::Node;
use super::outcome::TierId;

/// A compiled condition with what explain needs to talk about it.
#[derive(Debug, Clone)]
pub(crate) struct Cond {
    pub(crate) node: Node,
    /// The source text, whitespace normalized.
    pub(crate) text: String,
    /// The field slots it depends on, directly or through segments (sorted, unique):
    /// explain names the missing ones when the condition is unknown.
    pub(crate) fields: Vec<u32>,
}

/// A segment or score, in definition order; its value lands in derived slot = index.
#[derive(Debug, Clone)]
pub(crate) enum Def {
    Segment {
        name: String,
        cond: Cond,
    },
    Score {
        name: String,
        rules: Vec<ScoreRule>,
        range: Option<(f64, f64)>,
    },
}

/// One score rule.
#[derive(Debug, Clone)]
pub(crate) struct ScoreRule {
    pub(crate) points: f64,
    pub(crate) kind: ScoreRuleKind,
    /// `decaying from DATE half-life D days`, if given.
    pub(crate) decay: Option<Decay>,
    /// The rule line's source text.
    pub(crate) text: String,
}

/// A `when` rule's points halve every `half_life` days after `date`.
#[derive(Debug, Clone)]
pub(crate) struct Decay {
    pub(crate) date: Cond,
    pub(crate) half_life: f64,
}

/// `when COND` or `per EXPR [up to CAP]`.
#[derive(Debug, Clone)]
pub(crate) enum ScoreRuleKind {
    When(Cond),
    Per { quantity: Cond, cap: Option<f64> },
}

/// One line of `tiers`; `cond` is `None` for `otherwise`.
#[derive(Debug, Clone)]
pub(crate) struct TierRule {
    pub(crate) tier: TierId,
    pub(crate) cond: Option<Cond>,
    pub(crate) text: String,
}
