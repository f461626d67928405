//! Compiling expressions: resolve, type-check and lower to [`Node`]s in one pass.
//!
//! Errors are reported and compilation goes on with a placeholder of type `Any`, so one
//! mistake does not hide the next (or cascade into more).

use super::types::Ty;
use super::{Checker, MAX_EXPR_DEPTH, suggest};
use crate::diagnostics::{Code, Diagnostic};
use crate::program::{ArithOp, CmpOp, Cond, Function, Node, TextOp};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::value::{FieldType, Value};
use regex::RegexBuilder;

/// Compiled-regex size limit: a hostile pattern is a check error, not a memory blowup.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

fn missing() -> (Node, Ty) {
    (Node::Const(Value::Missing), Ty::Any)
}

impl Checker<'_> {
    /// Compiles a rule condition (must be a condition).
    pub(super) fn compile_cond(&mut self, e: &Expr) -> Cond {
        let (cond, ty) = self.compile_root(e);
        self.expect_condition(ty, e.span);
        cond
    }

    /// Compiles an expression used as a value; returns its type too.
    pub(super) fn compile_root(&mut self, e: &Expr) -> (Cond, Ty) {
        self.deps.clear();
        let (node, ty) = if depth(e) > MAX_EXPR_DEPTH {
            self.error(
                Diagnostic::at(Code::TooDeep, e.span, "expression is too deeply nested")
                    .with_help("split it into segments"),
            );
            missing()
        } else {
            self.expr(e)
        };
        let mut fields = std::mem::take(&mut self.deps);
        fields.sort_unstable();
        fields.dedup();
        let cond = Cond {
            node,
            text: self.text_of(e.span),
            fields,
        };
        (cond, ty)
    }

    fn expr(&mut self, e: &Expr) -> (Node, Ty) {
        match &e.kind {
            ExprKind::Number(n) => (
                Node::Const(Value::Number(self.finite(*n, e.span))),
                Ty::NUMBER,
            ),
            ExprKind::Text(s) => (Node::Const(Value::Text(s.clone())), Ty::TEXT),
            ExprKind::Bool(b) => (Node::Const(Value::Bool(*b)), Ty::BOOL),
            ExprKind::Date(d) => (Node::Const(Value::Date(*d)), Ty::DATE),
            ExprKind::Today => (Node::Today, Ty::DATE),
            ExprKind::List(items) => (Node::Const(Value::List(self.list(items))), Ty::LIST),
            ExprKind::Path(path) => self.resolve(path, e.span),
            ExprKind::Call { function, args } => {
                self.call(&function.name, function.span, args, e.span)
            }
            ExprKind::Unary { op, operand } => self.unary(*op, operand),
            ExprKind::Binary {
                op,
                op_span,
                left,
                right,
            } => self.binary(*op, *op_span, left, right),
            ExprKind::Presence { operand, present } => {
                let (node, _) = self.expr(operand);
                (Node::Present(Box::new(node), *present), Ty::BOOL)
            }
        }
    }

    /// A numeric literal must be finite (`1e999` is not a number anyone meant).
    pub(super) fn finite(&mut self, n: f64, span: Span) -> f64 {
        if n.is_finite() {
            return n;
        }
        self.error(Diagnostic::at(
            Code::NumberTooLarge,
            span,
            "number is too large",
        ));
        0.0
    }

    /// A list literal: its items must be literals themselves.
    fn list(&mut self, items: &[Expr]) -> Vec<Value> {
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            match self.expr(item) {
                (Node::Const(v), _) if !matches!(v, Value::List(_)) => values.push(v),
                _ => self.error(
                    Diagnostic::at(
                        Code::ListNotLiteral,
                        item.span,
                        "list items must be literals",
                    )
                    .with_help("write the values out, e.g. `[\"saas\", \"fintech\"]`"),
                ),
            }
        }
        values
    }

    fn call(&mut self, name: &str, name_span: Span, args: &[Expr], span: Span) -> (Node, Ty) {
        let compiled: Vec<(Node, Ty, Span)> = args
            .iter()
            .map(|a| {
                let (n, t) = self.expr(a);
                (n, t, a.span)
            })
            .collect();
        let Some(function) = Function::from_name(name) else {
            let names = Function::ALL.map(Function::name);
            let help = suggest(name, names)
                .unwrap_or_else(|| format!("functions are: {}", names.join(", ")));
            self.error(
                Diagnostic::at(
                    Code::UnknownFunction,
                    name_span,
                    format!("unknown function `{name}`"),
                )
                .with_help(help),
            );
            return missing();
        };
        let mut compiled = compiled.into_iter();
        let (Some((arg, ty, arg_span)), None) = (compiled.next(), compiled.next()) else {
            self.error(Diagnostic::at(
                Code::ArgumentCount,
                span,
                format!("`{name}` takes 1 argument, found {}", args.len()),
            ));
            return missing();
        };
        self.expect(ty, function.accepts(), arg_span, &format!("`{name}`"));
        (
            Node::Call(function, Box::new(arg)),
            Ty::Known(function.returns()),
        )
    }

    fn unary(&mut self, op: UnaryOp, operand: &Expr) -> (Node, Ty) {
        let (node, ty) = self.expr(operand);
        match op {
            UnaryOp::Not => {
                self.expect_condition(ty, operand.span);
                (Node::Not(Box::new(node)), Ty::BOOL)
            }
            UnaryOp::Neg => {
                self.expect(ty, &[FieldType::Number], operand.span, "`-`");
                match node {
                    Node::Const(Value::Number(n)) => (Node::Const(Value::Number(-n)), Ty::NUMBER),
                    other => (Node::Neg(Box::new(other)), Ty::NUMBER),
                }
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, op_span: Span, left: &Expr, right: &Expr) -> (Node, Ty) {
        if op == BinaryOp::Matches {
            return self.matches(left, right);
        }
        let (l, lt) = self.expr(left);
        let (r, rt) = self.expr(right);
        let what = format!("`{}`", op.symbol());
        match op {
            BinaryOp::And | BinaryOp::Or => {
                self.expect_condition(lt, left.span);
                self.expect_condition(rt, right.span);
                (Node::logic(op == BinaryOp::And, l, r), Ty::BOOL)
            }
            BinaryOp::Eq | BinaryOp::Ne => {
                self.expect_comparable(lt, rt, op.symbol(), op_span);
                (Node::equality(op == BinaryOp::Ne, l, r), Ty::BOOL)
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                self.expect_ordered(lt, rt, op.symbol(), op_span);
                (Node::ordering(cmp_op(op), l, r), Ty::BOOL)
            }
            BinaryOp::In | BinaryOp::NotIn => {
                self.check_membership(lt, (&r, rt), left.span, right.span, &what);
                (Node::membership(op == BinaryOp::NotIn, l, r), Ty::BOOL)
            }
            BinaryOp::Contains => {
                self.expect(lt, &[FieldType::Text, FieldType::List], left.span, &what);
                if lt.is(FieldType::Text) {
                    self.expect(rt, &[FieldType::Text], right.span, &what);
                } else if lt.is(FieldType::List) {
                    self.check_membership(rt, (&l, lt), right.span, left.span, &what);
                }
                (Node::text_test(TextOp::Contains, l, r), Ty::BOOL)
            }
            BinaryOp::StartsWith | BinaryOp::EndsWith => {
                self.expect(lt, &[FieldType::Text], left.span, &what);
                self.expect(rt, &[FieldType::Text], right.span, &what);
                let text_op = if op == BinaryOp::StartsWith {
                    TextOp::StartsWith
                } else {
                    TextOp::EndsWith
                };
                (Node::text_test(text_op, l, r), Ty::BOOL)
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                // One report per operator: `date - date` is one mistake, not two.
                let before = self.diags.len();
                self.expect(lt, &[FieldType::Number], left.span, &what);
                if self.diags.len() == before {
                    self.expect(rt, &[FieldType::Number], right.span, &what);
                }
                if lt.is(FieldType::Date) || rt.is(FieldType::Date) {
                    self.help_last("date arithmetic is not supported: use `days_since(date)` or `days_until(date)`");
                }
                (Node::Arith(arith_op(op), Box::new([l, r])), Ty::NUMBER)
            }
            // Handled above: its right side must stay a literal.
            BinaryOp::Matches => missing(),
        }
    }

    /// `item in list`: the list side must be a list, and the item comparable with the
    /// list's literal items (when both are known).
    fn check_membership(
        &mut self,
        item: Ty,
        (list, list_ty): (&Node, Ty),
        item_span: Span,
        list_span: Span,
        what: &str,
    ) {
        if let Ty::Known(found) = list_ty.filter(|t| t != FieldType::List) {
            let mut d = Diagnostic::at(
                Code::NeedsList,
                list_span,
                format!(
                    "{what} needs a list, found {}",
                    super::types::describe(found)
                ),
            )
            .with_label(found.name());
            if found == FieldType::Text {
                d = d.with_help("for a substring test use `contains`");
            }
            self.error(d);
            return;
        }
        if item.is(FieldType::List) {
            self.expect(item, &[FieldType::Text, FieldType::Number], item_span, what);
            return;
        }
        let Node::Const(Value::List(values)) = list else {
            return;
        };
        let kinds: Vec<FieldType> = values.iter().filter_map(Value::field_type).collect();
        if let (Ty::Known(t), Some(&first)) = (item, kinds.first()) {
            if !kinds.contains(&t) {
                self.expect_comparable(item, Ty::Known(first), what.trim_matches('`'), item_span);
            }
        }
    }

    fn matches(&mut self, left: &Expr, right: &Expr) -> (Node, Ty) {
        let (l, lt) = self.expr(left);
        self.expect(lt, &[FieldType::Text], left.span, "`matches`");
        let ExprKind::Text(pattern) = &right.kind else {
            self.error(
                Diagnostic::at(
                    Code::MatchesNotLiteral,
                    right.span,
                    "the right side of `matches` must be a string literal",
                )
                .with_help("write the regular expression in quotes, e.g. `matches \"(?i)^vp\"`"),
            );
            return missing();
        };
        let built = RegexBuilder::new(pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build();
        match built {
            Ok(regex) => (Node::Matches(Box::new(l), Box::new(regex)), Ty::BOOL),
            Err(e) => {
                self.error(
                    Diagnostic::at(Code::BadRegex, right.span, "invalid regular expression")
                        .with_label(regex_problem(&e))
                        .with_help("see https://docs.rs/regex/#syntax"),
                );
                missing()
            }
        }
    }
}

/// The one-line reason from a regex error (its Display spans several lines).
fn regex_problem(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(_) => "the pattern is too large".to_string(),
        other => other
            .to_string()
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().trim_start_matches("error: ").to_string())
            .unwrap_or_else(|| "invalid pattern".to_string()),
    }
}

/// The depth of an expression tree, measured without recursion.
fn depth(e: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(e, 1usize)];
    while let Some((e, d)) = stack.pop() {
        deepest = deepest.max(d);
        if d > MAX_EXPR_DEPTH {
            break;
        }
        match &e.kind {
            ExprKind::List(items) | ExprKind::Call { args: items, .. } => {
                stack.extend(items.iter().map(|i| (i, d + 1)));
            }
            ExprKind::Unary { operand, .. } | ExprKind::Presence { operand, .. } => {
                stack.push((operand, d + 1));
            }
            ExprKind::Binary { left, right, .. } => {
                stack.push((left, d + 1));
                stack.push((right, d + 1));
            }
            _ => {}
        }
    }
    deepest
}

fn cmp_op(op: BinaryOp) -> CmpOp {
    match op {
        BinaryOp::Lt => CmpOp::Lt,
        BinaryOp::Le => CmpOp::Le,
        BinaryOp::Gt => CmpOp::Gt,
        BinaryOp::Ge => CmpOp::Ge,
        BinaryOp::Ne => CmpOp::Ne,
        _ => CmpOp::Eq,
    }
}

fn arith_op(op: BinaryOp) -> ArithOp {
    match op {
        BinaryOp::Sub => ArithOp::Sub,
        BinaryOp::Mul => ArithOp::Mul,
        BinaryOp::Div => ArithOp::Div,
        _ => ArithOp::Add,
    }
}
