//! Lowering of the playbook side: `playbook` blocks with their steps, and `balance`.

use super::ast::*;
use super::grammar::Rule;
use super::lower::Lowerer;
use crate::source::Span;
use pest::iterators::Pair;

impl Lowerer<'_> {
    pub(super) fn playbook(&mut self, pair: Pair<'_, Rule>) -> Playbook {
        let start = self.span(&pair);
        let mut names = Vec::new();
        let mut playbook = Playbook {
            tier: self.missing_ident(start),
            owner: self.missing_ident(start),
            handoff: None,
            steps: Vec::new(),
            exits: Vec::new(),
            on_workdays: None,
            span: start,
        };
        let mut header_end = start;
        for item in pair.into_inner() {
            match item.as_rule() {
                Rule::name => {
                    let n = self.name(item);
                    header_end = n.span;
                    names.push(n);
                }
                Rule::step => {
                    let step = self.step(item);
                    playbook.steps.push(step);
                }
                Rule::handoff => {
                    let span = self.span(&item);
                    if let Some(s) = item.into_inner().find(|p| p.as_rule() == Rule::string) {
                        if playbook.handoff.is_some() {
                            self.error(
                                crate::diagnostics::Code::SecondHandoff,
                                span,
                                "a playbook has at most one `handoff`".into(),
                                None,
                            );
                        }
                        playbook.handoff = Some(self.string(s));
                    }
                }
                Rule::exit_rule => {
                    if let Some(e) = item.into_inner().find(|p| p.as_rule() == Rule::expr) {
                        let e = self.expr(e);
                        playbook.exits.push(e);
                    }
                }
                Rule::on_workdays => {
                    let span = self.span(&item);
                    header_end = span;
                    playbook.on_workdays = Some(span);
                }
                Rule::kw_playbook | Rule::kw_owner => {}
                _ => self.junk(&item, Rule::playbook_item_only),
            }
        }
        let mut names = names.into_iter();
        if let Some(tier) = names.next() {
            playbook.tier = tier;
        }
        if let Some(owner) = names.next() {
            playbook.owner = owner;
        }
        playbook.span = Span {
            end: header_end.end,
            ..start
        };
        playbook
    }

    fn step(&mut self, pair: Pair<'_, Rule>) -> Step {
        let span = self.span(&pair);
        let mut day = 0;
        let mut channel = None;
        let mut template = None;
        let mut owner = None;
        let mut guard = None;
        let mut variants = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::integer => day = self.integer(&p),
                Rule::name => channel = Some(self.name(p)),
                Rule::string => template = Some(self.string(p)),
                Rule::variants => {
                    variants = p.into_inner().map(|v| self.variant(v)).collect();
                    template = variants.first().map(|v: &Variant| v.template.clone());
                }
                Rule::step_owner => owner = p.into_inner().nth(1).map(|n| self.name(n)),
                Rule::guard => {
                    let mut g = p.into_inner();
                    let negated = g.next().is_some_and(|k| k.as_rule() == Rule::kw_unless);
                    if let Some(e) = g.next() {
                        guard = Some(Guard {
                            negated,
                            condition: self.expr(e),
                        });
                    }
                }
                _ => {}
            }
        }
        Step {
            day,
            channel: channel.unwrap_or_else(|| self.missing_ident(span)),
            template: template.unwrap_or(StringLit {
                value: String::new(),
                span,
            }),
            variants,
            owner,
            guard,
            span,
        }
    }

    fn variant(&mut self, pair: Pair<'_, Rule>) -> Variant {
        let span = self.span(&pair);
        let mut template = StringLit {
            value: String::new(),
            span,
        };
        let mut weight = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::string => template = self.string(p),
                Rule::percent => {
                    weight = p
                        .into_inner()
                        .find(|n| n.as_rule() == Rule::number)
                        .map(|n| self.number(&n));
                }
                _ => {}
            }
        }
        Variant {
            template,
            weight,
            span,
        }
    }

    pub(super) fn balance(&mut self, pair: Pair<'_, Rule>) -> Balance {
        let mut inner = pair.into_inner();
        let span = inner.next().map(|k| self.span(&k)).unwrap_or_default();
        let mut rules = Vec::new();
        for item in inner {
            match item.as_rule() {
                Rule::balance_rule => rules.push(self.balance_rule(item)),
                _ => self.junk(&item, Rule::balance_item_only),
            }
        }
        Balance { rules, span }
    }

    fn balance_rule(&mut self, pair: Pair<'_, Rule>) -> BalanceRule {
        let span = self.span(&pair);
        let mut subject = None;
        let mut limit = BalanceLimit::PerDay(0);
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::name => subject = Some(self.name(p)),
                Rule::percent => {
                    let n = p
                        .into_inner()
                        .next()
                        .map(|n| self.number(&n))
                        .unwrap_or(0.0);
                    limit = BalanceLimit::Percent(n);
                }
                Rule::per_day => {
                    let n = p
                        .into_inner()
                        .find(|n| n.as_rule() == Rule::integer)
                        .map(|n| self.integer(&n))
                        .unwrap_or(0);
                    limit = BalanceLimit::PerDay(n);
                }
                _ => {}
            }
        }
        BalanceRule {
            subject: subject.unwrap_or_else(|| self.missing_ident(span)),
            limit,
            span,
        }
    }
}
