//! The interpreter of compiled expressions ([`Node`]).
//!
//! The checker has resolved every name to a slot and folded the literals of the
//! common shapes, so evaluating a node does no lookups and no allocation. Trees are
//! only as deep as the checker allows (see `check::MAX_EXPR_DEPTH`), so recursion is
//! bounded.

use super::ops::{self, Val};
use crate::program::{
    ArithOp, CmpOp, FoldedProbe, Node, TextOp, Truth, text_contains, text_ends_with,
    text_starts_with,
};
use crate::value::Value;
use chrono::NaiveDate;

/// What a node reads besides itself: the lead, the cached segments/scores, the date.
pub(crate) struct Ctx<'a> {
    pub(crate) values: &'a [Value],
    pub(crate) derived: &'a [f64],
    pub(crate) today: NaiveDate,
}

impl<'a> Ctx<'a> {
    fn derived(&self, slot: u32) -> f64 {
        self.derived.get(slot as usize).copied().unwrap_or(f64::NAN)
    }
}

/// Encodes a segment's truth in a derived slot (NaN = unknown).
pub(crate) fn truth_to_slot(t: Truth) -> f64 {
    match t {
        Truth::True => 1.0,
        Truth::False => 0.0,
        Truth::Unknown => f64::NAN,
    }
}

fn slot_to_truth(x: f64) -> Truth {
    if x == 1.0 {
        Truth::True
    } else if x == 0.0 {
        Truth::False
    } else {
        Truth::Unknown
    }
}

impl Node {
    /// Evaluates the node as a condition.
    pub(crate) fn truth<'a>(&'a self, cx: &Ctx<'a>) -> Truth {
        match self {
            Node::Not(n) => ops::not(n.truth(cx)),
            Node::And(nodes) => all(nodes, cx),
            Node::Or(nodes) => ops::not(all_not(nodes, cx)),
            Node::Present(n, present) => Truth::from(n.value(cx).is_missing() != *present),
            Node::Segment(slot) => slot_to_truth(cx.derived(*slot)),
            Node::Compare(op, pair) => compare(*op, &pair[0].value(cx), &pair[1].value(cx)),
            Node::CompareNum(op, n, k) => match n.value(cx) {
                Val::Num(x) => x
                    .partial_cmp(k)
                    .map_or(Truth::Unknown, |o| op.holds(o).into()),
                other => compare(*op, &other, &Val::Num(*k)),
            },
            Node::TextEq {
                operand,
                folded,
                negated,
            } => {
                let t = match operand.value(cx) {
                    Val::Text(s) => Truth::from(FoldedProbe::new(&s).equals(folded)),
                    other => ops::equal(&other, &Val::Text(folded.as_ref().into())),
                };
                if *negated { ops::not(t) } else { t }
            }
            Node::InTexts {
                operand,
                folded,
                negated,
            } => {
                let t = match operand.value(cx) {
                    Val::Text(s) => {
                        let probe = FoldedProbe::new(&s);
                        Truth::from(folded.iter().any(|f| probe.equals(f)))
                    }
                    _ => Truth::Unknown,
                };
                if *negated { ops::not(t) } else { t }
            }
            Node::In { operands, negated } => {
                let t = match operands[1].value(cx) {
                    Val::List(list) => ops::member(&operands[0].value(cx), list),
                    _ => Truth::Unknown,
                };
                if *negated { ops::not(t) } else { t }
            }
            Node::Text(op, pair) => text_test(*op, &pair[0].value(cx), &pair[1].value(cx)),
            Node::Matches(n, regex) => match n.value(cx) {
                Val::Text(s) => Truth::from(regex.is_match(&s)),
                _ => Truth::Unknown,
            },
            Node::Const(Value::Bool(b)) => Truth::from(*b),
            other => ops::as_truth(&other.value(cx)),
        }
    }

    /// Evaluates the node as a value.
    pub(crate) fn value<'a>(&'a self, cx: &Ctx<'a>) -> Val<'a> {
        match self {
            Node::Const(v) => Val::of(v),
            Node::Field(slot) => cx.values.get(*slot as usize).map_or(Val::Missing, Val::of),
            Node::Today => Val::Date(cx.today),
            Node::Score(slot) => Val::num(cx.derived(*slot)),
            Node::Neg(n) => match n.value(cx) {
                Val::Num(x) => Val::num(-x),
                _ => Val::Missing,
            },
            Node::Arith(op, pair) => arith(*op, pair[0].value(cx), pair[1].value(cx)),
            Node::Call(f, arg) => f.apply(arg.value(cx), cx.today),
            condition => Val::truth(condition.truth(cx)),
        }
    }
}

/// `and` over all nodes, short-circuiting on the first false.
fn all<'a>(nodes: &'a [Node], cx: &Ctx<'a>) -> Truth {
    let mut unknown = false;
    for n in nodes {
        match n.truth(cx) {
            Truth::False => return Truth::False,
            Truth::Unknown => unknown = true,
            Truth::True => {}
        }
    }
    if unknown { Truth::Unknown } else { Truth::True }
}

/// `not (a or b)` = `not a and not b`, short-circuiting on the first true operand.
fn all_not<'a>(nodes: &'a [Node], cx: &Ctx<'a>) -> Truth {
    let mut unknown = false;
    for n in nodes {
        match n.truth(cx) {
            Truth::True => return Truth::False,
            Truth::Unknown => unknown = true,
            Truth::False => {}
        }
    }
    if unknown { Truth::Unknown } else { Truth::True }
}

fn compare(op: CmpOp, a: &Val<'_>, b: &Val<'_>) -> Truth {
    match op {
        CmpOp::Eq => ops::equal(a, b),
        CmpOp::Ne => ops::not(ops::equal(a, b)),
        _ => ops::order(a, b).map_or(Truth::Unknown, |o| op.holds(o).into()),
    }
}

fn arith<'a>(op: ArithOp, a: Val<'a>, b: Val<'a>) -> Val<'a> {
    let (Val::Num(x), Val::Num(y)) = (a, b) else {
        return Val::Missing;
    };
    match op {
        ArithOp::Add => Val::num(x + y),
        ArithOp::Sub => Val::num(x - y),
        ArithOp::Mul => Val::num(x * y),
        // Division by zero is unknown, not infinity.
        ArithOp::Div if y == 0.0 => Val::Missing,
        ArithOp::Div => Val::num(x / y),
    }
}

fn text_test(op: TextOp, a: &Val<'_>, b: &Val<'_>) -> Truth {
    match (op, a, b) {
        (_, Val::Missing, _) | (_, _, Val::Missing) => Truth::Unknown,
        (TextOp::Contains, Val::List(list), item) => ops::member(item, list),
        (TextOp::Contains, Val::Text(s), Val::Text(n)) => text_contains(s, n).into(),
        (TextOp::StartsWith, Val::Text(s), Val::Text(p)) => text_starts_with(s, p).into(),
        (TextOp::EndsWith, Val::Text(s), Val::Text(p)) => text_ends_with(s, p).into(),
        _ => Truth::Unknown,
    }
}
