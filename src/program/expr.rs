//! Compiled expressions: what the checker leaves of an expression.
//!
//! Every name is resolved to a slot and the common shapes (`field OP number`,
//! `field == "text"`, `field in ["a", "b"]`) are specialized with their literals
//! folded once ([`super::text::fold`]); `eval` interprets these nodes.

use super::function::Function;
use crate::value::Value;
use regex::Regex;
use std::cmp::Ordering;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub(crate) fn holds(self, ord: Ordering) -> bool {
        match self {
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::Ne => ord != Ordering::Equal,
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        }
    }
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// A text (or list) test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextOp {
    /// Substring on text, membership on a list.
    Contains,
    StartsWith,
    EndsWith,
}

/// A compiled expression.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A literal (text kept as written; lists of literals).
    Const(Value),
    /// A lead field by slot.
    Field(u32),
    /// The evaluation date.
    Today,
    /// A segment's cached truth, by derived slot.
    Segment(u32),
    /// A score's cached total, by derived slot.
    Score(u32),
    Neg(Box<Node>),
    Arith(ArithOp, Box<[Node; 2]>),
    Call(Function, Box<Node>),
    Not(Box<Node>),
    /// Flattened `a and b and c`.
    And(Box<[Node]>),
    /// Flattened `a or b or c`.
    Or(Box<[Node]>),
    /// `is present` (true) / `is missing` (false): never unknown.
    Present(Box<Node>, bool),
    Compare(CmpOp, Box<[Node; 2]>),
    /// `x OP 1000`: the common case, without materializing the literal.
    CompareNum(CmpOp, Box<Node>, f64),
    /// `x == "lit"` / `x != "lit"` with the literal folded.
    TextEq {
        operand: Box<Node>,
        folded: Box<str>,
        negated: bool,
    },
    /// `x in ["a", "b"]` / `not in` with the literals folded.
    InTexts {
        operand: Box<Node>,
        folded: Box<[Box<str>]>,
        negated: bool,
    },
    /// `x in list` / `not in` in general.
    In {
        operands: Box<[Node; 2]>,
        negated: bool,
    },
    Text(TextOp, Box<[Node; 2]>),
    Matches(Box<Node>, Box<Regex>),
}
