//! Compiled expressions: what the checker leaves of an expression.
//!
//! Every name is resolved to a slot and the common shapes (`field OP number`,
//! `field == "text"`, `field in ["a", "b"]`) are specialized with their literals
//! folded once ([`super::text::fold`]); `eval` interprets these nodes.

use super::function::Function;
use super::text::fold;
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

/// The checker builds nodes through these: each specializes a common shape with its
/// literal folded once, so the interpreter never folds or converts per lead.
impl Node {
    /// `and`/`or`, flattening chains so `a or b or c` is one node.
    pub(crate) fn logic(and: bool, l: Node, r: Node) -> Node {
        let mut items = Vec::new();
        for n in [l, r] {
            match (and, n) {
                (true, Node::And(inner)) | (false, Node::Or(inner)) => {
                    items.extend(inner.into_vec())
                }
                (_, other) => items.push(other),
            }
        }
        if and {
            Node::And(items.into_boxed_slice())
        } else {
            Node::Or(items.into_boxed_slice())
        }
    }

    /// `==` / `!=`, with a text literal folded once (on either side).
    pub(crate) fn equality(negated: bool, l: Node, r: Node) -> Node {
        let op = if negated { CmpOp::Ne } else { CmpOp::Eq };
        match (l, r) {
            (n, Node::Const(Value::Text(s))) | (Node::Const(Value::Text(s)), n) => Node::TextEq {
                operand: Box::new(n),
                folded: fold(&s).into(),
                negated,
            },
            (l, r) => Node::ordering(op, l, r),
        }
    }

    /// A comparison, with a number literal kept beside the operand (on either side).
    pub(crate) fn ordering(op: CmpOp, l: Node, r: Node) -> Node {
        match (l, r) {
            (n, Node::Const(Value::Number(k))) => Node::CompareNum(op, Box::new(n), k),
            (Node::Const(Value::Number(k)), n) => Node::CompareNum(Node::flip(op), Box::new(n), k),
            (l, r) => Node::Compare(op, Box::new([l, r])),
        }
    }

    /// The same comparison with its sides swapped (`1 < x` is `x > 1`).
    fn flip(op: CmpOp) -> CmpOp {
        match op {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            same => same,
        }
    }

    /// `in` / `not in`, with a list of text literals folded once.
    pub(crate) fn membership(negated: bool, item: Node, list: Node) -> Node {
        match list {
            Node::Const(Value::List(values))
                if values.iter().all(|v| matches!(v, Value::Text(_))) =>
            {
                let folded = values
                    .iter()
                    .map(|v| match v {
                        Value::Text(s) => fold(s).into_boxed_str(),
                        _ => Box::from(""),
                    })
                    .collect();
                Node::InTexts {
                    operand: Box::new(item),
                    folded,
                    negated,
                }
            }
            list => Node::In {
                operands: Box::new([item, list]),
                negated,
            },
        }
    }

    /// A text test, with a literal right side folded once.
    pub(crate) fn text_test(op: TextOp, l: Node, r: Node) -> Node {
        let r = match r {
            Node::Const(Value::Text(s)) => Node::Const(Value::Text(fold(&s))),
            other => other,
        };
        Node::Text(op, Box::new([l, r]))
    }
}
