//! Compiler-style diagnostics: `file:line:col`, the source line, a caret, a message, help.
//!
//! Every layer collects [`Diagnostic`]s instead of stopping at the first problem; the
//! CLI renders them all with [`render`] (`error[LP0101]: unknown name …`) or as JSON
//! with [`json::document`]. Every diagnostic carries a [`Code`] naming its kind.

mod code;
pub mod json;
mod render;

pub use code::Code;
pub use render::{render, render_to_string};

use crate::source::Span;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not fail `check`.
    Warning,
    /// Fails `check` and stops `eval`.
    Error,
}

/// One problem found in the user's files, pointing at where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The kind of problem; decisions about a diagnostic read this, never the message.
    /// Shown to library users as text by [`Diagnostic::code`].
    pub(crate) code: Code,
    /// Error or warning (the code's severity).
    pub severity: Severity,
    /// Lowercase, one line, user input in backticks.
    pub message: String,
    /// Where; `None` for problems that belong to no file position.
    pub span: Option<Span>,
    /// Short text under the caret.
    pub label: Option<String>,
    /// A suggestion, shown as `= help: …`.
    pub help: Option<String>,
    /// Further spans worth showing, with their labels (e.g. "first defined here").
    pub secondary: Vec<(Span, String)>,
}

impl Diagnostic {
    /// A problem of kind `code` at a span; the code decides error or warning.
    pub(crate) fn at(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Some(span), message)
    }

    /// A problem of kind `code` that belongs to no file position.
    pub(crate) fn global(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, None, message)
    }

    fn new(code: Code, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            span,
            label: None,
            help: None,
            secondary: Vec::new(),
        }
    }

    /// Adds help text.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a label under the caret.
    pub(crate) fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary span.
    pub(crate) fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary.push((span, label.into()));
        self
    }

    /// The diagnostic's code as shown, `LP0101`: stable across releases and wording
    /// changes, each explained in `docs/diagnostics.md`. Match on this, not the message.
    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// True when any diagnostic in the list is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Sorts diagnostics by file and position so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.span.map(|s| (s.file, s.start, s.end)));
}

/// The closest candidate to `name` by edit distance, for "did you mean" help.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(name.chars().count()) / 3).max(1))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
