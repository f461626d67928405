//! `assign` blocks: from the AST to [`AssignPlan`]s (conditions compiled like step
//! guards; member names are checked against the roster by [`crate::assign`]).

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::program::{AssignPlan, AssignRulePlan, PickPlan};
use crate::syntax::ast::{self, AssignPick, Item};

impl Checker<'_> {
    /// Compiles every `assign` block; a second block for one team is an error.
    pub(super) fn compile_assign(&mut self, program: &ast::Program) -> Vec<AssignPlan> {
        let mut plans: Vec<AssignPlan> = Vec::new();
        for item in &program.items {
            let Item::Assign(block) = item else {
                continue;
            };
            if let Some(first) = plans.iter().find(|p| p.team == block.team.name) {
                let first_span = first.team_span;
                self.error(
                    Diagnostic::at(
                        Code::SecondAssign,
                        block.team.span,
                        format!("a second `assign` block for team `{}`", block.team.name),
                    )
                    .with_secondary(first_span, "first block here")
                    .with_help("a team has one `assign` block: merge their rules"),
                );
                continue;
            }
            let rules = block.rules.iter().map(|r| self.assign_rule(r)).collect();
            plans.push(AssignPlan {
                team: block.team.name.clone(),
                team_span: block.team.span,
                rules,
            });
        }
        plans
    }

    fn assign_rule(&mut self, rule: &ast::AssignRule) -> AssignRulePlan {
        let pick = match &rule.pick {
            AssignPick::Member(m) => PickPlan::Member(m.name.clone(), m.span),
            AssignPick::RoundRobin(list) => PickPlan::RoundRobin(
                list.as_ref()
                    .map(|l| l.iter().map(|m| (m.name.clone(), m.span)).collect()),
            ),
        };
        AssignRulePlan {
            pick,
            cond: rule.condition.as_ref().map(|c| self.compile_cond_id(c)),
            text: self.text_of(rule.span).into(),
            span: rule.span,
        }
    }
}
