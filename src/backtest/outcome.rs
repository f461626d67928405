//! Telling won from lost: the outcome field's value against the `--won` and `--lost`
//! lists, compared as the language compares text (ignoring case and surrounding space).

use crate::program::text_eq;
use crate::value::{Value, format_number};

/// What a lead's outcome value says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OutcomeClass {
    /// One of the won values.
    Won,
    /// One of the lost values (or, without a lost list, any other value).
    Lost,
    /// No value.
    Missing,
    /// A value in neither list (an open deal), as written.
    Other(String),
}

/// Classifies leads by the value in one slot.
#[derive(Debug, Clone)]
pub(crate) struct Classifier {
    pub(crate) slot: usize,
    pub(crate) won: Vec<String>,
    /// Empty: every present value that is not won is lost.
    pub(crate) lost: Vec<String>,
}

impl Classifier {
    pub(crate) fn classify(&self, values: &[Value]) -> OutcomeClass {
        let Some(text) = values.get(self.slot).and_then(as_text) else {
            return OutcomeClass::Missing;
        };
        let text = text.trim();
        if text.is_empty() {
            OutcomeClass::Missing
        } else if self.won.iter().any(|w| text_eq(w, text)) {
            OutcomeClass::Won
        } else if self.lost.is_empty() || self.lost.iter().any(|l| text_eq(l, text)) {
            OutcomeClass::Lost
        } else {
            OutcomeClass::Other(text.to_string())
        }
    }
}

/// A scalar value as the text a `--won` value is compared with.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Text(s) => Some(s.clone()),
        Value::Number(n) => Some(format_number(*n)),
        Value::Bool(b) => Some(b.to_string()),
        Value::Date(d) => Some(d.to_string()),
        Value::DateTime(_) => Some(value.to_string()),
        Value::Missing | Value::List(_) => None,
    }
}

#[cfg(test)]
mod tests;
