//! Runtime values and the operators on them, under three-valued logic.
//!
//! [`Val`] is what an expression evaluates to: it borrows text and lists from the lead
//! or from the compiled program, so evaluating a lead allocates nothing (only `lower()`
//! and `domain()` of text that needs changing do). `Val::Missing` doubles as *unknown*.

use crate::plan::Truth;
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

/// Folds a literal at compile time: trimmed, lowercased character by character (the
/// same folding the runtime side uses, so both sides always agree).
pub(crate) fn fold(s: &str) -> String {
    lower_chars(s.trim()).collect()
}

/// Case- and surrounding-space-insensitive equality.
pub(crate) fn text_eq(a: &str, b: &str) -> bool {
    let (a, b) = (trim_space(a), trim_space(b));
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        lower_chars(a).eq(lower_chars(b))
    }
}

/// A text about to be compared with folded literals ([`fold`]): trimmed and checked
/// for ASCII once, however many literals it meets (`x in ["a", "b", "c"]`).
pub(crate) struct FoldedProbe<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> FoldedProbe<'a> {
    pub(crate) fn new(text: &'a str) -> FoldedProbe<'a> {
        let text = trim_space(text);
        FoldedProbe {
            text,
            ascii: text.is_ascii(),
        }
    }

    /// `text_eq(text, folded)` for a folded literal. ASCII text folds to ASCII of the
    /// same length, and lowercasing is stable, so a literal of another length (or with
    /// other characters) cannot match: compared byte for byte without folding.
    pub(crate) fn equals(&self, folded: &str) -> bool {
        if self.ascii {
            // The literal is folded already: only the text side needs lowering.
            self.text.len() == folded.len()
                && self
                    .text
                    .bytes()
                    .zip(folded.bytes())
                    .all(|(t, f)| t.to_ascii_lowercase() == f)
        } else {
            text_eq(self.text, folded)
        }
    }
}

/// Case-insensitive substring test.
pub(crate) fn text_contains(haystack: &str, needle: &str) -> bool {
    let needle = trim_space(needle);
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        // Rare (non-ASCII text): fold both and let `str::contains` search.
        fold(haystack).contains(&fold(needle))
    }
}

/// Case-insensitive prefix test (surrounding space ignored).
pub(crate) fn text_starts_with(text: &str, prefix: &str) -> bool {
    let (t, p) = (trim_space(text), trim_space(prefix));
    if t.is_ascii() && p.is_ascii() {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    } else {
        let mut chars = lower_chars(t);
        lower_chars(p).all(|c| chars.next() == Some(c))
    }
}

/// Case-insensitive suffix test (surrounding space ignored).
pub(crate) fn text_ends_with(text: &str, suffix: &str) -> bool {
    let (t, s) = (trim_space(text), trim_space(suffix));
    if t.is_ascii() && s.is_ascii() {
        t.len() >= s.len()
            && t.as_bytes()
                .get(t.len() - s.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(s.as_bytes()))
    } else {
        let mut chars = t.chars().rev().flat_map(|c| fold_char(c).rev());
        s.chars()
            .rev()
            .flat_map(|c| fold_char(c).rev())
            .all(|c| chars.next() == Some(c))
    }
}

/// Case-folds text character by character, without allocating.
fn lower_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(fold_char)
}

/// One character folded: lowercase, with the final sigma `ς` read as `σ` (lowercasing
/// alone would make `ΟΔΟΣ` and `οδος` differ).
fn fold_char(c: char) -> impl DoubleEndedIterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// Lowercases text, borrowing it when it is already lowercase.
pub(crate) fn lowercase(s: Cow<'_, str>) -> Cow<'_, str> {
    let needs = if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        s.chars().any(|c| c.to_lowercase().ne(std::iter::once(c)))
    };
    if needs {
        Cow::Owned(s.chars().flat_map(char::to_lowercase).collect())
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
