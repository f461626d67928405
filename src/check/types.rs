//! Static types of expressions and the type-mismatch diagnostics.
//!
//! Without a `fields` block a field's type is only known at run time (`Ty::Any`), and
//! nothing involving it is a type error: a mismatch there makes the comparison unknown.

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;
use crate::value::FieldType;

/// The static type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    /// Known at check time.
    Known(FieldType),
    /// Typed by look at run time, or already reported as an error.
    Any,
}

impl Ty {
    pub(super) const BOOL: Ty = Ty::Known(FieldType::Bool);
    pub(super) const NUMBER: Ty = Ty::Known(FieldType::Number);
    pub(super) const TEXT: Ty = Ty::Known(FieldType::Text);
    pub(super) const DATE: Ty = Ty::Known(FieldType::Date);
    pub(super) const LIST: Ty = Ty::Known(FieldType::List);

    pub(super) fn is(self, t: FieldType) -> bool {
        self == Ty::Known(t)
    }

    /// `Any` when the known type fails the test (like `Option::filter`).
    pub(super) fn filter(self, keep: impl FnOnce(FieldType) -> bool) -> Ty {
        match self {
            Ty::Known(t) if keep(t) => self,
            _ => Ty::Any,
        }
    }
}

/// "a number", "text", "a date" … for messages.
pub(super) fn describe(t: FieldType) -> &'static str {
    match t {
        FieldType::Text => "text",
        FieldType::Number | FieldType::Money | FieldType::Percent => "a number",
        FieldType::Bool => "a condition",
        FieldType::Date | FieldType::DateTime => "a date",
        FieldType::List => "a list",
    }
}

/// "a number or a date" from a list of allowed types.
fn describe_all(allowed: &[FieldType]) -> String {
    let words: Vec<&str> = allowed.iter().map(|&t| describe(t)).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl Checker<'_> {
    /// Reports when `ty` is not one of `allowed`: ``"`what` needs …, found …"``.
    pub(super) fn expect(&mut self, ty: Ty, allowed: &[FieldType], span: Span, what: &str) {
        if let Ty::Known(found) = ty {
            if !allowed.contains(&found) {
                self.error(
                    Diagnostic::at(
                        Code::TypeMismatch,
                        span,
                        format!(
                            "{what} needs {}, found {}",
                            describe_all(allowed),
                            describe(found)
                        ),
                    )
                    .with_label(found.name()),
                );
            }
        }
    }

    /// Reports a value that cannot be a condition.
    pub(super) fn expect_condition(&mut self, ty: Ty, span: Span) {
        let Ty::Known(found) = ty else { return };
        if found == FieldType::Bool {
            return;
        }
        let help = match found {
            FieldType::Number => "compare it, e.g. `… > 0`",
            FieldType::Date => "compare it, e.g. `days_since(…) > 30`",
            FieldType::List => "test membership, e.g. `… contains \"vip\"`",
            _ => "compare it, e.g. `… == \"yes\"`, or test `… is present`",
        };
        self.error(
            Diagnostic::at(
                Code::NotACondition,
                span,
                format!("expected a condition, found {}", describe(found)),
            )
            .with_label(found.name())
            .with_help(help),
        );
    }

    /// Reports two sides that can never be equal (number vs text, lists …).
    pub(super) fn expect_comparable(&mut self, left: Ty, right: Ty, op: &str, span: Span) {
        let (Ty::Known(a), Ty::Known(b)) = (left, right) else {
            return;
        };
        if a == FieldType::List || b == FieldType::List {
            self.error(
                Diagnostic::at(
                    Code::ListComparison,
                    span,
                    format!("`{op}` cannot compare lists"),
                )
                .with_help("test membership with `in` or `contains`"),
            );
        } else if a != b {
            self.error(
                Diagnostic::at(
                    Code::Incomparable,
                    span,
                    format!("cannot compare {} with {}", describe(a), describe(b)),
                )
                .with_label(format!("{} `{op}` {}", a.name(), b.name())),
            );
        }
    }

    /// Reports an ordering (`<` …) of anything but two numbers or two dates.
    pub(super) fn expect_ordered(&mut self, left: Ty, right: Ty, op: &str, span: Span) {
        const ORDERED: [FieldType; 2] = [FieldType::Number, FieldType::Date];
        let what = format!("`{op}`");
        let before = self.diags.len();
        self.expect(left, &ORDERED, span, &what);
        if self.diags.len() == before {
            self.expect(right, &ORDERED, span, &what);
        }
        if self.diags.len() == before {
            self.expect_comparable(left, right, op, span);
        }
    }
}
