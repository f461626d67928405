//! Expressions: the conditions and values of rules, with their spans.

use super::Ident;
use crate::source::Span;

/// An expression with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// Expression forms.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A number literal.
    Number(f64),
    /// A string literal (unescaped).
    Text(String),
    /// `true` / `false`.
    Bool(bool),
    /// A date literal `2026-03-31`.
    Date(chrono::NaiveDate),
    /// `today`: the evaluation date.
    Today,
    /// `[a, b]`
    List(Vec<Expr>),
    /// A name or a nested path `a.b` (a field, segment or score).
    Path(Vec<Ident>),
    /// `f(args)`
    Call {
        /// The function's name.
        function: Ident,
        /// Its arguments.
        args: Vec<Expr>,
    },
    /// A unary operator.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// Its operand.
        operand: Box<Expr>,
    },
    /// A binary operator.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Where the operator was written.
        op_span: Span,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `x is missing` (`present == false`) / `x is present` (`present == true`).
    Presence {
        /// The tested expression.
        operand: Box<Expr>,
        /// True for `is present`.
        present: bool,
    },
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

/// Binary operators, loosest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `contains`
    Contains,
    /// `starts_with`
    StartsWith,
    /// `ends_with`
    EndsWith,
    /// `matches`
    Matches,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Contains => "contains",
            BinaryOp::StartsWith => "starts_with",
            BinaryOp::EndsWith => "ends_with",
            BinaryOp::Matches => "matches",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

impl UnaryOp {
    /// The operator as written (the tests print parsed expressions with it).
    #[cfg(test)]
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Not => "not",
            UnaryOp::Neg => "-",
        }
    }
}

impl Expr {
    /// The immediate sub-expressions.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::List(items) => items.iter().collect(),
            ExprKind::Call { args, .. } => args.iter().collect(),
            ExprKind::Unary { operand, .. } | ExprKind::Presence { operand, .. } => {
                vec![operand]
            }
            ExprKind::Binary { left, right, .. } => vec![left, right],
            _ => Vec::new(),
        }
    }

    /// The depth of the tree (a literal is 1), computed without recursion.
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((e, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(e.children().into_iter().map(|c| (c, d + 1)));
        }
        deepest
    }
}

/// Dropping iteratively: a long operator chain (`a or a or … or a`) is as deep as it is
/// long, and the derived recursive drop would overflow the stack on hostile input.
impl Drop for Expr {
    fn drop(&mut self) {
        let mut stack: Vec<ExprKind> = vec![std::mem::replace(&mut self.kind, ExprKind::Today)];
        while let Some(kind) = stack.pop() {
            match kind {
                ExprKind::List(items) | ExprKind::Call { args: items, .. } => {
                    for mut e in items {
                        stack.push(std::mem::replace(&mut e.kind, ExprKind::Today));
                    }
                }
                ExprKind::Unary { mut operand, .. } | ExprKind::Presence { mut operand, .. } => {
                    stack.push(std::mem::replace(&mut operand.kind, ExprKind::Today));
                }
                ExprKind::Binary {
                    mut left,
                    mut right,
                    ..
                } => {
                    stack.push(std::mem::replace(&mut left.kind, ExprKind::Today));
                    stack.push(std::mem::replace(&mut right.kind, ExprKind::Today));
                }
                _ => {}
            }
        }
    }
}
