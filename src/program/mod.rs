//! The checked program: what `check` makes of the `.play` files and everything after
//! it reads — definitions (segments and scores, in slot order), compiled expressions,
//! tiers, suppression, playbooks, `assign` blocks, A/B variants and `balance`.
//!
//! This layer sits between the syntax and the engine: it depends on source spans and
//! value types only. `check` builds a [`Program`] with [`Program::new`]; `eval` scores
//! and tiers leads with it, `schedule`, `render` and `assign` read its playbook side.

mod assign;
mod expr;
mod function;
mod outcome;
mod playbook;
mod rules;
mod text;
mod variant;

#[cfg(test)]
mod tests;

pub(crate) use assign::{AssignPlan, AssignRulePlan, PickPlan};
pub(crate) use expr::{ArithOp, CmpOp, Node, TextOp};
pub(crate) use function::Function;
pub use outcome::{CondId, Outcome, Scores, TierId, Truth};
pub use playbook::Channel;
pub(crate) use playbook::{BalancePlan, PlaybookPlan, StepPlan};
pub(crate) use rules::{Cond, Decay, Def, ScoreRule, ScoreRuleKind, TierRule};
pub(crate) use text::{
    FoldedProbe, lowercase, text_contains, text_ends_with, text_eq, text_starts_with,
};
pub(crate) use variant::{VariantPlan, pick as pick_variant};

use crate::schema::LeadSchema;
use std::sync::Arc;

/// A checked program, ready to evaluate leads.
#[derive(Debug, Clone)]
pub struct Program {
    /// The fields a lead must provide, slot by slot (the lead loader fills them).
    pub(crate) schema: LeadSchema,
    /// Tier names in heat order (hottest first), each once.
    pub(crate) tiers: Vec<Arc<str>>,
    /// Score names in declaration order ([`Outcome::scores`] follows it).
    pub(crate) score_names: Vec<String>,
    /// The source text of each `suppress` condition ([`Outcome::suppressed_by`] indexes it).
    pub(crate) suppress_rules: Vec<Arc<str>>,
    /// One plan per `playbook` block, in source order.
    pub(crate) playbooks: Vec<PlaybookPlan>,
    /// The merged `balance` blocks.
    pub(crate) balance: BalancePlan,
    /// The `assign` blocks, one per team.
    pub(crate) assign: Vec<AssignPlan>,
    // The compiled rules stay private: only [`Program::new`] makes a program, and
    // `eval` reads them through the accessors below.
    /// Segments and scores in definition order.
    defs: Vec<Def>,
    tier_rules: Vec<TierRule>,
    suppress: Vec<Cond>,
    /// Step guards, exits and `assign` conditions, indexed by [`CondId`].
    conds: Vec<Cond>,
    /// Per tier, the index of its playbook in `playbooks`.
    playbook_of_tier: Vec<Option<usize>>,
}

/// The compiled parts `check` hands to [`Program::new`], each in source order.
#[derive(Debug)]
pub(crate) struct ProgramParts {
    /// The fields a lead must provide.
    pub(crate) schema: LeadSchema,
    /// Tier names in heat order (hottest first), each once.
    pub(crate) tiers: Vec<String>,
    /// Segments and scores in definition order.
    pub(crate) defs: Vec<Def>,
    /// The `tiers` block's lines.
    pub(crate) tier_rules: Vec<TierRule>,
    /// The `suppress` conditions.
    pub(crate) suppress: Vec<Cond>,
    /// Step guards, exits and `assign` conditions, indexed by [`CondId`].
    pub(crate) conds: Vec<Cond>,
    /// One plan per `playbook` block.
    pub(crate) playbooks: Vec<PlaybookPlan>,
    /// Per tier, the index of its playbook in `playbooks`.
    pub(crate) playbook_of_tier: Vec<Option<usize>>,
    /// The merged `balance` blocks.
    pub(crate) balance: BalancePlan,
    /// The `assign` blocks.
    pub(crate) assign: Vec<AssignPlan>,
}

impl Program {
    /// Assembles a checked program; the names that explain, reports and outputs show
    /// (scores, suppress rules) are taken from the compiled rules themselves.
    pub(crate) fn new(parts: ProgramParts) -> Program {
        let score_names = parts
            .defs
            .iter()
            .filter_map(|def| match def {
                Def::Score { name, .. } => Some(name.clone()),
                Def::Segment { .. } => None,
            })
            .collect();
        Program {
            score_names,
            suppress_rules: parts
                .suppress
                .iter()
                .map(|c| Arc::from(c.text.as_str()))
                .collect(),
            tiers: parts.tiers.iter().map(|n| Arc::from(n.as_str())).collect(),
            schema: parts.schema,
            playbooks: parts.playbooks,
            balance: parts.balance,
            assign: parts.assign,
            defs: parts.defs,
            tier_rules: parts.tier_rules,
            suppress: parts.suppress,
            conds: parts.conds,
            playbook_of_tier: parts.playbook_of_tier,
        }
    }

    /// The fields a lead must provide, slot by slot: build a lead's values in this
    /// order (missing ones as [`crate::Value::Missing`]).
    pub fn schema(&self) -> &LeadSchema {
        &self.schema
    }

    /// Tier names in heat order (hottest first); [`Outcome::tier`] indexes it.
    pub fn tiers(&self) -> &[Arc<str>] {
        &self.tiers
    }

    /// Score names in declaration order; [`Outcome::scores`] follows it.
    pub fn score_names(&self) -> &[String] {
        &self.score_names
    }

    /// Segment names in declaration order (the checker's tests read them).
    #[cfg(test)]
    pub(crate) fn segment_names(&self) -> Vec<&str> {
        let segments = self.defs.iter().filter_map(|def| match def {
            Def::Segment { name, .. } => Some(name.as_str()),
            Def::Score { .. } => None,
        });
        segments.collect()
    }

    /// Segments and scores in definition order (a definition's value lands in the
    /// derived slot of its index).
    pub(crate) fn defs(&self) -> &[Def] {
        &self.defs
    }

    /// The `tiers` block's lines, first match wins.
    pub(crate) fn tier_rules(&self) -> &[TierRule] {
        &self.tier_rules
    }

    /// The `suppress` conditions, in order.
    pub(crate) fn suppress(&self) -> &[Cond] {
        &self.suppress
    }

    /// The condition a [`CondId`] names.
    pub(crate) fn cond(&self, id: CondId) -> Option<&Cond> {
        self.conds.get(id.0 as usize)
    }

    /// Per tier, the index of its playbook in `playbooks`.
    pub(crate) fn playbook_of_tier(&self) -> &[Option<usize>] {
        &self.playbook_of_tier
    }

    /// Which lead fields (schema slots) the program reads: in any segment, score,
    /// tier, suppress, step or exit condition, and the key. A loader may skip the
    /// work of storing the others (it must still validate them).
    pub fn slots_read(&self) -> Vec<bool> {
        let mut read = vec![false; self.schema.fields.len()];
        let defs = self.defs.iter().flat_map(|def| match def {
            Def::Segment { cond, .. } => vec![cond],
            Def::Score { rules, .. } => rules
                .iter()
                .flat_map(|rule| {
                    let main = match &rule.kind {
                        ScoreRuleKind::When(cond) => cond,
                        ScoreRuleKind::Per { quantity, .. } => quantity,
                    };
                    std::iter::once(main).chain(rule.decay.as_ref().map(|d| &d.date))
                })
                .collect(),
        });
        let tiers = self.tier_rules.iter().filter_map(|rule| rule.cond.as_ref());
        let all = defs.chain(tiers).chain(&self.suppress).chain(&self.conds);
        for slot in all.flat_map(|cond| &cond.fields) {
            if let Some(flag) = read.get_mut(*slot as usize) {
                *flag = true;
            }
        }
        if let Some(flag) = read.get_mut(self.schema.key) {
            *flag = true;
        }
        read
    }

    /// The playbook serving a tier, if it has one.
    pub(crate) fn playbook_for(&self, tier: TierId) -> Option<&PlaybookPlan> {
        let index = (*self.playbook_of_tier.get(tier)?)?;
        self.playbooks.get(index)
    }

    /// The index of a tier by name.
    pub fn tier_id(&self, name: &str) -> Option<TierId> {
        self.tiers.iter().position(|t| **t == *name)
    }
}
