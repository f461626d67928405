//! Lowering of `assign TEAM { … }` blocks (SPEC 6).

use super::ast::*;
use super::grammar::Rule;
use super::lower::Lowerer;
use crate::source::Span;
use pest::iterators::Pair;

impl Lowerer<'_> {
    pub(super) fn assign(&mut self, pair: Pair<'_, Rule>) -> Assign {
        let start = self.span(&pair);
        let mut team = None;
        let mut rules = Vec::new();
        for item in pair.into_inner() {
            match item.as_rule() {
                Rule::kw_assign => {}
                Rule::name => team = Some(self.name(item)),
                Rule::assign_member | Rule::assign_rotate => rules.push(self.assign_rule(item)),
                _ => self.junk(&item, Rule::assign_item_only),
            }
        }
        let team = team.unwrap_or_else(|| self.missing_ident(start));
        let span = Span {
            end: team.span.end,
            ..start
        };
        Assign { team, rules, span }
    }

    fn assign_rule(&mut self, pair: Pair<'_, Rule>) -> AssignRule {
        let span = self.span(&pair);
        let rotates = pair.as_rule() == Rule::assign_rotate;
        let mut member = None;
        let mut list = None;
        let mut condition = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::name => member = Some(self.name(p)),
                Rule::member_list => {
                    list = Some(p.into_inner().map(|n| self.name(n)).collect());
                }
                Rule::assign_guard => {
                    condition = p
                        .into_inner()
                        .find(|e| e.as_rule() == Rule::expr)
                        .map(|e| self.expr(e));
                }
                _ => {}
            }
        }
        let pick = if rotates {
            AssignPick::RoundRobin(list)
        } else {
            AssignPick::Member(member.unwrap_or_else(|| self.missing_ident(span)))
        };
        AssignRule {
            pick,
            condition,
            span,
        }
    }
}
