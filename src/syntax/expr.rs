//! Expressions: precedence via pest's Pratt parser, literals unescaped here.

use super::ast::{BinaryOp, Expr, ExprKind, Ident, UnaryOp};
use super::grammar::Rule;
use super::limits::MAX_EXPR_DEPTH;
use super::lower::Lowerer;
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::OnceLock;

/// Operator precedence, loosest first (SPEC 3.2).
fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::op_or, Assoc::Left))
            .op(Op::infix(Rule::op_and, Assoc::Left))
            .op(Op::prefix(Rule::op_not))
            .op(Op::infix(Rule::op_eq, Assoc::Left)
                | Op::infix(Rule::op_ne, Assoc::Left)
                | Op::infix(Rule::op_lt, Assoc::Left)
                | Op::infix(Rule::op_le, Assoc::Left)
                | Op::infix(Rule::op_gt, Assoc::Left)
                | Op::infix(Rule::op_ge, Assoc::Left)
                | Op::infix(Rule::op_in, Assoc::Left)
                | Op::infix(Rule::op_not_in, Assoc::Left)
                | Op::infix(Rule::op_contains, Assoc::Left)
                | Op::infix(Rule::op_starts_with, Assoc::Left)
                | Op::infix(Rule::op_ends_with, Assoc::Left)
                | Op::infix(Rule::op_matches, Assoc::Left)
                | Op::postfix(Rule::is_missing)
                | Op::postfix(Rule::is_present))
            .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
            .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
            .op(Op::prefix(Rule::op_neg))
    })
}

impl Lowerer<'_> {
    /// Lowers an `expr` pair.
    pub(super) fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let expr = self.expr_pairs(pair.into_inner());
        // Everything downstream (checker, formatter, evaluator) may walk the tree
        // recursively, so its depth is bounded here, once.
        if expr.depth() > MAX_EXPR_DEPTH {
            self.error(
                crate::diagnostics::Code::TooDeep,
                span,
                "expression is too long".to_string(),
                Some("at most 200 nested operators are allowed; split it into segments"),
            );
            return Expr {
                kind: ExprKind::Bool(false),
                span,
            };
        }
        expr
    }

    fn expr_pairs(&mut self, pairs: Pairs<'_, Rule>) -> Expr {
        // The Pratt closures each need `self`; a RefCell would do, but threading it
        // through a Cell-free wrapper keeps the borrow checker simple.
        let this = std::cell::RefCell::new(self);
        pratt()
            .map_primary(|p| this.borrow_mut().primary(p))
            .map_prefix(|op, operand| {
                let op_kind = match op.as_rule() {
                    Rule::op_not => UnaryOp::Not,
                    _ => UnaryOp::Neg,
                };
                let span = this.borrow().span(&op).to(operand.span);
                Expr {
                    kind: ExprKind::Unary {
                        op: op_kind,
                        operand: Box::new(operand),
                    },
                    span,
                }
            })
            .map_postfix(|operand, op| {
                let span = operand.span.to(this.borrow().span(&op));
                Expr {
                    kind: ExprKind::Presence {
                        operand: Box::new(operand),
                        present: op.as_rule() == Rule::is_present,
                    },
                    span,
                }
            })
            .map_infix(|left, op, right| {
                let op_span = this.borrow().span(&op);
                let span = left.span.to(right.span);
                Expr {
                    kind: ExprKind::Binary {
                        op: binary_op(op.as_rule()),
                        op_span,
                        left: Box::new(left),
                        right: Box::new(right),
                    },
                    span,
                }
            })
            .parse(pairs)
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => {
                let mut expr = self.expr(pair);
                expr.span = self.paren_span(expr.span);
                return expr;
            }
            Rule::number => ExprKind::Number(self.number(&pair)),
            Rule::string => ExprKind::Text(self.string(pair).value),
            Rule::boolean => ExprKind::Bool(pair.as_str().trim() == "true"),
            Rule::today => ExprKind::Today,
            Rule::date => self.date(&pair),
            Rule::list => ExprKind::List(pair.into_inner().map(|p| self.expr(p)).collect()),
            Rule::call => {
                let mut inner = pair.into_inner();
                let function = inner
                    .next()
                    .map(|p| self.ident(p))
                    .unwrap_or_else(|| Ident {
                        name: String::new(),
                        span,
                    });
                let args = inner.map(|p| self.expr(p)).collect();
                ExprKind::Call { function, args }
            }
            Rule::path => ExprKind::Path(pair.into_inner().map(|p| self.name(p)).collect()),
            _ => ExprKind::Bool(false),
        };
        Expr { kind, span }
    }

    fn date(&mut self, pair: &Pair<'_, Rule>) -> ExprKind {
        match crate::dates::parse_day(pair.as_str()) {
            Ok(d) => ExprKind::Date(d),
            Err(message) => {
                self.error(
                    crate::diagnostics::Code::BadDate,
                    self.span(pair),
                    message,
                    Some("dates are written YYYY-MM-DD, e.g. `2026-03-31`"),
                );
                ExprKind::Date(chrono::NaiveDate::default())
            }
        }
    }
}

fn binary_op(rule: Rule) -> BinaryOp {
    match rule {
        Rule::op_or => BinaryOp::Or,
        Rule::op_and => BinaryOp::And,
        Rule::op_eq => BinaryOp::Eq,
        Rule::op_ne => BinaryOp::Ne,
        Rule::op_lt => BinaryOp::Lt,
        Rule::op_le => BinaryOp::Le,
        Rule::op_gt => BinaryOp::Gt,
        Rule::op_ge => BinaryOp::Ge,
        Rule::op_in => BinaryOp::In,
        Rule::op_not_in => BinaryOp::NotIn,
        Rule::op_contains => BinaryOp::Contains,
        Rule::op_starts_with => BinaryOp::StartsWith,
        Rule::op_ends_with => BinaryOp::EndsWith,
        Rule::op_matches => BinaryOp::Matches,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Sub,
        Rule::op_mul => BinaryOp::Mul,
        _ => BinaryOp::Div,
    }
}
