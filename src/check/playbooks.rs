//! Playbooks and balance: from the AST to [`PlaybookPlan`] and [`BalancePlan`].

use super::rules::TierTable;
use super::{Checker, suggest};
use crate::diagnostics::{Code, Diagnostic};
use crate::program::{BalancePlan, Channel, PlaybookPlan, StepPlan, TierId};
use crate::source::Span;
use crate::syntax::ast::{self, BalanceLimit, Item};
use std::collections::BTreeMap;
use std::sync::Arc;

impl Checker<'_> {
    /// Compiles every playbook; also returns, per tier, the index of its playbook.
    pub(super) fn compile_playbooks(
        &mut self,
        program: &ast::Program,
        tiers: &TierTable,
    ) -> (Vec<PlaybookPlan>, Vec<Option<usize>>) {
        let mut plans = Vec::new();
        let mut of_tier: Vec<Option<usize>> = vec![None; tiers.names.len()];
        for item in &program.items {
            let Item::Playbook(playbook) = item else {
                continue;
            };
            let tier = self.playbook_tier(playbook, tiers);
            if let Some(slot) = tier.and_then(|t| of_tier.get_mut(t)) {
                match slot {
                    Some(first) => {
                        let first_span = plans
                            .get(*first)
                            .map_or(playbook.span, |p: &PlaybookPlan| p.span);
                        self.error(
                            Diagnostic::at(
                                Code::SecondPlaybook,
                                playbook.span,
                                format!("a second playbook for tier `{}`", playbook.tier.name),
                            )
                            .with_secondary(first_span, "first playbook here")
                            .with_help("a tier has one playbook: merge their steps"),
                        );
                    }
                    None => *slot = Some(plans.len()),
                }
            }
            plans.push(self.playbook(playbook, tier.unwrap_or(0)));
        }
        if !plans.is_empty() {
            self.warn_tiers_without_playbook(tiers, &of_tier);
        }
        (plans, of_tier)
    }

    fn playbook_tier(&mut self, playbook: &ast::Playbook, tiers: &TierTable) -> Option<TierId> {
        let name = &playbook.tier;
        let id = tiers.id(&name.name);
        if id.is_none() && tiers.present {
            self.unknown_tier(name, tiers, "a playbook");
        }
        id
    }

    fn unknown_tier(&mut self, name: &ast::Ident, tiers: &TierTable, what: &str) {
        let help =
            suggest(&name.name, tiers.names.iter().map(String::as_str)).unwrap_or_else(|| {
                let all: Vec<String> = tiers.names.iter().map(|t| format!("`{t}`")).collect();
                format!("the tiers are: {}", all.join(", "))
            });
        self.error(
            Diagnostic::at(
                Code::UnknownTier,
                name.span,
                format!("{what} for unknown tier `{}`", name.name),
            )
            .with_help(help),
        );
    }

    fn playbook(&mut self, playbook: &ast::Playbook, tier: TierId) -> PlaybookPlan {
        let mut steps = Vec::with_capacity(playbook.steps.len());
        let mut keys: BTreeMap<String, Span> = BTreeMap::new();
        let mut latest: Option<(u32, Span)> = None;
        for step in &playbook.steps {
            let plan = self.step(step, &playbook.owner.name);
            if let Some(first) = keys.get(&*plan.key) {
                self.error(
                    Diagnostic::at(
                        Code::StepTwice,
                        step.span,
                        format!("step `{}` appears twice in this playbook", plan.key),
                    )
                    .with_secondary(*first, "first here")
                    .with_help("the same template on the same day would be drafted once"),
                );
            } else {
                keys.insert(plan.key.to_string(), step.span);
            }
            match latest {
                Some((day, at)) if step.day < day => self.diags.push(
                    Diagnostic::at(
                        Code::StepsOutOfOrder,
                        step.span,
                        format!("step on day {} comes after a step on day {day}", step.day),
                    )
                    .with_secondary(at, format!("day {day}"))
                    .with_help("steps run in day order; list them that way"),
                ),
                _ => latest = Some((step.day, step.span)),
            }
            steps.push(plan);
        }
        steps.sort_by_key(|s| s.day);
        let exits = playbook
            .exits
            .iter()
            .map(|e| (self.compile_cond_id(e), Arc::from(self.text_of(e.span))))
            .collect();
        PlaybookPlan {
            tier,
            tier_name: playbook.tier.name.clone(),
            owner: playbook.owner.name.clone(),
            handoff: playbook.handoff.as_ref().map(|h| h.value.clone()),
            steps,
            exits,
            on_workdays: playbook.on_workdays.is_some(),
            span: playbook.span,
        }
    }

    fn step(&mut self, step: &ast::Step, default_owner: &str) -> StepPlan {
        let channel = Channel::from_name(&step.channel.name).unwrap_or_else(|| {
            self.unknown_channel(&step.channel);
            Channel::Task
        });
        let (guard, negated, guard_text) = match &step.guard {
            Some(g) => {
                let keyword = if g.negated { "unless" } else { "when" };
                let text = format!("{keyword} {}", self.text_of(g.condition.span));
                (
                    Some(self.compile_cond_id(&g.condition)),
                    g.negated,
                    Some(text),
                )
            }
            None => (None, false, None),
        };
        StepPlan {
            key: format!("day{}:{}", step.day, step.template.value).into(),
            day: step.day,
            channel,
            template: step.template.value.as_str().into(),
            variants: self.compile_variants(step),
            owner: step
                .owner
                .as_ref()
                .map_or(default_owner, |o| o.name.as_str())
                .into(),
            guard,
            negated,
            guard_text,
            span: step.span,
        }
    }

    fn unknown_channel(&mut self, name: &ast::Ident) {
        let names = Channel::STEP_CHANNELS.map(Channel::name);
        let list = format!("channels are: {}", names.join(", "));
        let help = match suggest(&name.name, names) {
            Some(hint) => format!("{hint} {list}"),
            None => list,
        };
        self.error(
            Diagnostic::at(
                Code::UnknownChannel,
                name.span,
                format!("unknown channel `{}`", name.name),
            )
            .with_help(help),
        );
    }

    fn warn_tiers_without_playbook(&mut self, tiers: &TierTable, of_tier: &[Option<usize>]) {
        for (id, name) in tiers.names.iter().enumerate() {
            if of_tier.get(id).copied().flatten().is_some() {
                continue;
            }
            let span = tiers.spans.get(id).copied().unwrap_or_default();
            self.diags.push(
                Diagnostic::at(
                    Code::TierWithoutPlaybook,
                    span,
                    format!("tier `{name}` has no playbook"),
                )
                .with_help(format!(
                    "its leads get no drafts; add `playbook {name} owner … {{ … }}` if they should"
                )),
            );
        }
    }

    /// Merges every `balance` block into one plan.
    pub(super) fn compile_balance(
        &mut self,
        program: &ast::Program,
        tiers: &TierTable,
    ) -> BalancePlan {
        let mut plan = BalancePlan::default();
        for item in &program.items {
            let Item::Balance(balance) = item else {
                continue;
            };
            for rule in &balance.rules {
                match rule.limit {
                    BalanceLimit::Percent(p) => {
                        if !(0.0..=100.0).contains(&p) {
                            self.error(
                                Diagnostic::at(
                                    Code::BadPercentage,
                                    rule.span,
                                    "a percentage must be between 0% and 100%",
                                )
                                .with_label(format!("{}%", crate::value::format_number(p))),
                            );
                        }
                        match tiers.id(&rule.subject.name) {
                            Some(tier) => plan.tier_shares.push((tier, p)),
                            None if tiers.present => {
                                self.unknown_tier(&rule.subject, tiers, "a balance limit");
                            }
                            None => {}
                        }
                    }
                    BalanceLimit::PerDay(n) => {
                        plan.owner_capacity.push((rule.subject.name.clone(), n));
                    }
                }
            }
        }
        plan
    }
}
