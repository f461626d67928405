//! Where `check`'s problems go: rendered on stderr as they come (`--format text`), or
//! gathered into one JSON document on stdout (`--format json`).

use super::ui::Ui;
use crate::diagnostics::json::{Entry, document};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::leads::{BadCell, LeadsError, RowError};
use crate::source::SourceMap;

/// Collects or prints `check`'s diagnostics.
pub(super) struct Reporter<'a> {
    ui: &'a Ui,
    /// `Some` in JSON mode: the entries so far, in report order.
    entries: Option<Vec<Entry>>,
}

impl<'a> Reporter<'a> {
    pub(super) fn new(ui: &'a Ui, json: bool) -> Reporter<'a> {
        Reporter {
            ui,
            entries: json.then(Vec::new),
        }
    }

    /// True in JSON mode: human lines (the data report, `ok:`) stay out of the way.
    pub(super) fn is_json(&self) -> bool {
        self.entries.is_some()
    }

    /// The playbooks', templates', config's diagnostics (sorted by the caller).
    pub(super) fn diagnostics(&mut self, sources: &SourceMap, diags: &[Diagnostic]) {
        match &mut self.entries {
            Some(entries) => {
                entries.extend(diags.iter().map(|d| Entry::from_diagnostic(sources, d)))
            }
            None => self.ui.diagnostics(sources, diags),
        }
    }

    /// A failure that stopped reading the leads.
    pub(super) fn leads_error(&mut self, e: &LeadsError) {
        let help = e.help();
        let entry = Entry::new(e.code(), e.to_string(), help.clone());
        let entry = match e.place() {
            Some((file, line)) => entry.in_file(&file, line),
            None => entry,
        };
        self.push(entry, Severity::Error, help.as_deref());
    }

    /// A lead left out; `check` counts it as an error.
    pub(super) fn row_error(&mut self, e: &RowError) {
        let text = e.to_string();
        let message = match self.is_json() {
            true => after_file(&text, &e.file).to_string(),
            false => text,
        };
        let entry = Entry::new(e.code, message, None).in_file(&e.file, e.line);
        self.push(entry, Severity::Error, None);
    }

    /// A value treated as missing.
    pub(super) fn bad_cell(&mut self, cell: &BadCell) {
        let text = cell.to_string();
        let message = match self.is_json() {
            true => after_file(&text, &cell.file).to_string(),
            false => text,
        };
        let entry = Entry::new(cell.code(), message, None).in_file(&cell.file, cell.line);
        self.push(entry, Severity::Warning, None);
    }

    /// A warning about the whole leads file (a role never filled, unmatched owners).
    pub(super) fn file_warning(&mut self, code: Code, file: &str, message: &str) {
        let entry = Entry::new(code, message.to_string(), None).in_file(file, None);
        self.push(entry, Severity::Warning, None);
    }

    /// Prints the entry now (text) or keeps it for the document (JSON), with the
    /// severity this command gives it.
    fn push(&mut self, mut entry: Entry, severity: Severity, help: Option<&str>) {
        match &mut self.entries {
            Some(entries) => {
                entry.severity = severity;
                entries.push(entry);
            }
            None => self.ui.problem(severity, entry.code, &entry.message, help),
        }
    }

    /// In JSON mode, prints the document on stdout.
    pub(super) fn finish(self) {
        if let Some(entries) = self.entries {
            super::ui::to_stdout(&document(&entries));
        }
    }
}

/// A lead-data message without its leading `file:` or `file:line:` (JSON gives the
/// file and line as fields of their own): `leads.csv: row 4: …` → `row 4: …`.
fn after_file<'t>(text: &'t str, file: &str) -> &'t str {
    let Some(rest) = text.strip_prefix(file) else {
        return text;
    };
    let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_ascii_digit());
    rest.strip_prefix(' ').unwrap_or(rest)
}

#[cfg(test)]
mod tests;
