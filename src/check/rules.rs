//! Segments, scores, tiers and suppression.

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::program::TierId;
use crate::program::{self, Cond, Def};
use crate::source::Span;
use crate::syntax::ast::{self, Item};
use crate::value::FieldType;

/// The checked `tiers` block.
#[derive(Debug, Default)]
pub(super) struct TierTable {
    /// Tier names in heat order, each once.
    pub(super) names: Vec<String>,
    /// Where each tier is first named.
    pub(super) spans: Vec<Span>,
    /// The compiled rules.
    pub(super) rules: Vec<program::TierRule>,
    /// Whether a `tiers` block exists (if not, playbooks are not checked against it).
    pub(super) present: bool,
}

impl TierTable {
    pub(super) fn id(&self, name: &str) -> Option<TierId> {
        self.names.iter().position(|n| n == name)
    }

    fn intern(&mut self, name: &ast::Ident) -> TierId {
        self.id(&name.name).unwrap_or_else(|| {
            self.names.push(name.name.clone());
            self.spans.push(name.span);
            self.names.len() - 1
        })
    }
}

impl Checker<'_> {
    /// Compiles every segment and score, in source order.
    pub(super) fn compile_defs(&mut self, program: &ast::Program) -> Vec<Def> {
        let mut defs = Vec::new();
        for item in &program.items {
            let index = defs.len();
            let name = self.defs.entries.get(index).map(|e| e.name.clone());
            let name = name.unwrap_or_default();
            self.current = Some(index);
            match item {
                Item::Segment(segment) => {
                    let cond = self.compile_cond(&segment.expr);
                    if let Some(fields) = self.defs.seg_fields.get_mut(index) {
                        fields.clone_from(&cond.fields);
                    }
                    defs.push(Def::Segment { name, cond });
                }
                Item::Score(score) => defs.push(self.compile_score(name, score)),
                _ => {}
            }
        }
        self.current = None;
        defs
    }

    fn compile_score(&mut self, name: String, score: &ast::Score) -> Def {
        let rules = score
            .rules
            .iter()
            .map(|rule| self.compile_score_rule(rule))
            .collect();
        let mut range = None;
        for r in &score.ranges {
            if range.is_some() {
                let first = score.ranges.first().map_or(r.span, |f| f.span);
                self.error(
                    Diagnostic::at(
                        Code::SecondRange,
                        r.span,
                        format!("a second `range` in score `{name}`"),
                    )
                    .with_secondary(first, "first `range` here"),
                );
                continue;
            }
            let (low, high) = (self.finite(r.low, r.span), self.finite(r.high, r.span));
            if low > high {
                self.error(
                    Diagnostic::at(Code::BackwardRange, r.span, "`range` runs backwards")
                        .with_help(format!(
                            "the low bound comes first: `range {}..{}`",
                            crate::value::format_number(high),
                            crate::value::format_number(low)
                        )),
                );
            }
            range = Some((low, high));
        }
        Def::Score { name, rules, range }
    }

    fn compile_score_rule(&mut self, rule: &ast::ScoreRule) -> program::ScoreRule {
        let points = self.finite(rule.points, rule.span);
        let kind = match &rule.kind {
            ast::ScoreRuleKind::When(cond) => program::ScoreRuleKind::When(self.compile_cond(cond)),
            ast::ScoreRuleKind::Per { expr, cap } => {
                let (quantity, ty) = self.compile_root(expr);
                self.expect(ty, &[FieldType::Number], expr.span, "`per`");
                let cap = cap.map(|c| self.cap(c, rule.span));
                program::ScoreRuleKind::Per { quantity, cap }
            }
        };
        let decay = rule.decay.as_ref().map(|d| self.compile_decay(rule, d));
        program::ScoreRule {
            points,
            kind,
            decay,
            text: self.text_of(rule.span),
        }
    }

    /// `decaying from DATE half-life D days`: DATE must be a date, D positive.
    fn compile_decay(&mut self, rule: &ast::ScoreRule, decay: &ast::Decay) -> program::Decay {
        if let ast::ScoreRuleKind::Per { .. } = rule.kind {
            self.error(
                Diagnostic::at(
                    Code::DecayNotWhen,
                    decay.span,
                    "only a `when` rule can decay",
                )
                .with_help("write the rule as `+N when COND decaying from DATE half-life D days`"),
            );
        }
        let (date, ty) = self.compile_root(&decay.date);
        self.expect(ty, &[FieldType::Date], decay.date.span, "`decaying from`");
        let half_life = self.finite(decay.half_life, decay.span);
        if half_life <= 0.0 {
            self.error(
                Diagnostic::at(
                    Code::HalfLifeZero,
                    decay.span,
                    "a half-life must be more than 0 days",
                )
                .with_help("e.g. `half-life 30 days`: the points halve every 30 days"),
            );
        }
        program::Decay { date, half_life }
    }

    fn cap(&mut self, cap: f64, span: Span) -> f64 {
        let cap = self.finite(cap, span);
        if cap < 0.0 {
            self.error(
                Diagnostic::at(
                    Code::UpToNotPositive,
                    span,
                    "`up to` needs a positive number",
                )
                .with_help("the cap limits the rule's points either way; drop the sign"),
            );
        }
        cap.abs()
    }

    /// Compiles the `tiers` block (exactly one is required, ending with `otherwise`).
    pub(super) fn compile_tiers(&mut self, program: &ast::Program) -> TierTable {
        let mut table = TierTable::default();
        let blocks: Vec<&ast::Tiers> = program
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Tiers(t) => Some(t),
                _ => None,
            })
            .collect();
        let Some((first, extra)) = blocks.split_first() else {
            self.error(
                Diagnostic::global(Code::NoTiers, "the program has no `tiers` block")
                    .with_help("add one, e.g. `tiers { hot when score >= 50  cold otherwise }`"),
            );
            return table;
        };
        table.present = true;
        for block in extra {
            self.error(
                Diagnostic::at(Code::SecondTiers, block.span, "a second `tiers` block")
                    .with_secondary(first.span, "first `tiers` block here")
                    .with_help("tier order is heat order: keep every tier rule in one block"),
            );
            for rule in &block.rules {
                if let Some(c) = &rule.condition {
                    self.compile_cond(c);
                }
            }
        }
        self.tier_rules(first, &mut table);
        table
    }

    fn tier_rules(&mut self, block: &ast::Tiers, table: &mut TierTable) {
        let mut otherwise: Option<Span> = None;
        for rule in &block.rules {
            if let Some(at) = otherwise {
                self.error(
                    Diagnostic::at(
                        Code::AfterOtherwise,
                        rule.span,
                        "a tier rule after `otherwise` can never match",
                    )
                    .with_secondary(at, "`otherwise` matches every lead")
                    .with_help("`otherwise` must be the last rule"),
                );
            }
            let tier = table.intern(&rule.tier);
            let cond = rule.condition.as_ref().map(|c| self.compile_cond(c));
            if cond.is_none() {
                otherwise.get_or_insert(rule.span);
            }
            table.rules.push(program::TierRule {
                tier,
                cond,
                text: self.text_of(rule.span),
            });
        }
        if otherwise.is_none() {
            self.error(
                Diagnostic::at(
                    Code::NoOtherwise,
                    block.span,
                    "the `tiers` block has no `otherwise` rule",
                )
                .with_help("end it with a catch-all tier, e.g. `cold otherwise`"),
            );
        }
    }

    /// Compiles every `suppress when` rule.
    pub(super) fn compile_suppress(&mut self, program: &ast::Program) -> Vec<Cond> {
        program
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Suppress(s) => Some(self.compile_cond(&s.condition)),
                _ => None,
            })
            .collect()
    }

    /// Compiles a step guard or exit into the program's condition table.
    pub(super) fn compile_cond_id(&mut self, e: &ast::Expr) -> crate::program::CondId {
        let cond = self.compile_cond(e);
        self.conds.push(cond);
        crate::program::CondId(u32::try_from(self.conds.len() - 1).unwrap_or(u32::MAX))
    }
}
