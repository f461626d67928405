//! [`BadCell`]: a value that does not fit its field's type (SPEC 5). Unlike a
//! [`RowError`](super::RowError) it does not leave the lead out: the value becomes
//! missing, the lead is evaluated, and the cell is reported once and counted.

use super::error::{RowPlace, quote_value};
use std::fmt;
use std::sync::Arc;

/// One unreadable value, treated as missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCell {
    /// The display name of the leads file.
    pub file: Arc<str>,
    /// 1-based data-row number.
    pub row: usize,
    /// The file's own line number (a CSV header is line 1, as a spreadsheet shows it).
    pub line: Option<usize>,
    /// The field, by its dotted name.
    pub field: String,
    /// The column (or JSON key) the value came from.
    pub column: String,
    /// The value as read (shortened when long).
    pub value: String,
    /// Why it does not fit, lowercase, starting with the quoted value.
    pub message: String,
}

impl BadCell {
    /// A bad cell at `place`.
    pub(super) fn new(
        place: RowPlace,
        file: &str,
        (field, column): (&str, &str),
        value: &str,
        why: &str,
    ) -> BadCell {
        BadCell {
            file: Arc::from(file),
            row: place.row,
            line: place.line,
            field: field.to_string(),
            column: column.to_string(),
            value: value.chars().take(256).collect(),
            message: format!("{} {why}", quote_value(value)),
        }
    }
}

impl BadCell {
    /// The diagnostic code of every bad cell.
    pub(crate) fn code(&self) -> crate::diagnostics::Code {
        crate::diagnostics::Code::BadCell
    }

    /// The report without "treated as missing": for a test case, where a value that
    /// does not fit is a mistake in the case itself.
    pub fn problem(&self) -> String {
        let place = match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => format!("{}: row {}", self.file, self.row),
        };
        let column = match self.column == self.field {
            true => String::new(),
            false => format!(" (column `{}`)", self.column),
        };
        format!("{place}: field `{}`{column}: {}", self.field, self.message)
    }
}

impl fmt::Display for BadCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; treated as missing", self.problem())
    }
}

#[cfg(test)]
mod tests;
