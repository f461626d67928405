//! Runtime values and the operators on them, under three-valued logic.
//!
//! [`Val`] is what an expression evaluates to: it borrows text and lists from the lead
//! or from the compiled program, so evaluating a lead allocates nothing (only `lower()`
//! and `domain()` of text that needs changing do). `Val::Missing` doubles as *unknown*.

use crate::program::{Truth, text_eq};
use crate::value::Value;
use crate::value::trim_space;
use chrono::{NaiveDate, NaiveDateTime};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val<'a> {
    /// Missing, or the result of an operation on a missing value (unknown).
    Missing,
    Bool(bool),
    Num(f64),
    Date(NaiveDate),
    /// A `datetime` value: compared with a date, only its date counts.
    Time(NaiveDateTime),
    Text(Cow<'a, str>),
    List(&'a [Value]),
}

impl<'a> Val<'a> {
    /// Borrows a lead (or literal) value. Non-finite numbers count as missing, so no
    /// NaN or infinity ever reaches a comparison or a score.
    pub(crate) fn of(value: &'a Value) -> Val<'a> {
        match value {
            Value::Missing => Val::Missing,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) if n.is_finite() => Val::Num(*n),
            Value::Number(_) => Val::Missing,
            Value::Text(s) => Val::Text(Cow::Borrowed(s)),
            Value::Date(d) => Val::Date(*d),
            Value::DateTime(t) => Val::Time(*t),
            Value::List(items) => Val::List(items),
        }
    }

    /// A number result; non-finite results (overflow, 0/0) are unknown.
    pub(crate) fn num(n: f64) -> Val<'a> {
        if n.is_finite() {
            Val::Num(n)
        } else {
            Val::Missing
        }
    }

    /// A condition's result as a value.
    pub(crate) fn truth(t: Truth) -> Val<'a> {
        match t {
            Truth::True => Val::Bool(true),
            Truth::False => Val::Bool(false),
            Truth::Unknown => Val::Missing,
        }
    }

    pub(crate) fn is_missing(&self) -> bool {
        matches!(self, Val::Missing)
    }
}

/// Negation under three-valued logic: `not unknown` is unknown.
pub(crate) fn not(t: Truth) -> Truth {
    match t {
        Truth::True => Truth::False,
        Truth::False => Truth::True,
        Truth::Unknown => Truth::Unknown,
    }
}

/// A value in a condition position. Untyped data says yes/no in many ways, so text
/// `yes/no/true/false/y/n/1/0` and the numbers 1/0 count as bools; anything else is
/// unknown.
pub(crate) fn as_truth(v: &Val<'_>) -> Truth {
    match v {
        Val::Bool(b) => Truth::from(*b),
        Val::Text(s) => text_truth(s).map_or(Truth::Unknown, Truth::from),
        Val::Num(n) if *n == 1.0 => Truth::True,
        Val::Num(n) if *n == 0.0 => Truth::False,
        _ => Truth::Unknown,
    }
}

fn text_truth(s: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "y", "1"];
    const FALSE: [&str; 4] = ["false", "no", "n", "0"];
    let s = trim_space(s);
    if TRUE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

/// `==`: unknown when either side is missing or the kinds differ (a bool compared
/// with bool-looking text or 1/0 compares as bools).
pub(crate) fn equal(a: &Val<'_>, b: &Val<'_>) -> Truth {
    match (a, b) {
        (Val::Missing, _) | (_, Val::Missing) => Truth::Unknown,
        (Val::Num(x), Val::Num(y)) => Truth::from(x == y),
        (Val::Date(x), Val::Date(y)) => Truth::from(x == y),
        (Val::Time(x), Val::Time(y)) => Truth::from(x == y),
        (Val::Time(t), Val::Date(d)) | (Val::Date(d), Val::Time(t)) => Truth::from(t.date() == *d),
        (Val::Bool(x), Val::Bool(y)) => Truth::from(x == y),
        (Val::Text(x), Val::Text(y)) => Truth::from(text_eq(x, y)),
        (Val::Bool(x), other) | (other, Val::Bool(x)) => match as_truth(other) {
            Truth::Unknown => Truth::Unknown,
            t => Truth::from(t.is_true() == *x),
        },
        _ => Truth::Unknown,
    }
}

/// The order of two numbers or two dates; `None` for anything else.
pub(crate) fn order(a: &Val<'_>, b: &Val<'_>) -> Option<Ordering> {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        (Val::Time(x), Val::Time(y)) => Some(x.cmp(y)),
        (Val::Time(x), Val::Date(y)) => Some(x.date().cmp(y)),
        (Val::Date(x), Val::Time(y)) => Some(x.cmp(&y.date())),
        _ => None,
    }
}

/// Membership of `item` in `list`: true when an element equals it, unknown when no
/// element does but some comparison was unknown (as SQL's `IN`).
pub(crate) fn member(item: &Val<'_>, list: &[Value]) -> Truth {
    if item.is_missing() {
        return Truth::Unknown;
    }
    let mut unknown = false;
    for element in list {
        match equal(item, &Val::of(element)) {
            Truth::True => return Truth::True,
            Truth::Unknown => unknown = true,
            Truth::False => {}
        }
    }
    if unknown {
        Truth::Unknown
    } else {
        Truth::False
    }
}

#[cfg(test)]
mod tests;
