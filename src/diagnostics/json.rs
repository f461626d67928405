//! `check --format json`: every diagnostic as one JSON object (code, severity, file,
//! line, column, end, message, help) and a summary, for editors and CI annotations.

use super::{Code, Diagnostic, Severity};
use crate::source::SourceMap;
use serde::Serialize;

/// One problem as the JSON output shows it: positions are 1-based, columns count
/// characters, `file` is relative to the workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// `LP0101`.
    pub code: Code,
    /// `error` or `warning`: the code's own, or what the command makes of it.
    pub severity: Severity,
    /// The file, as shown in text output; `null` for problems of no file.
    pub file: Option<String>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// Line of the span's end, when known.
    pub end_line: Option<usize>,
    /// Column just after the span's end, when known.
    pub end_column: Option<usize>,
    /// The message, as in text output.
    pub message: String,
    /// The help line, if any.
    pub help: Option<String>,
}

impl Entry {
    /// A diagnostic of the playbooks, templates, config or tests.
    pub fn from_diagnostic(sources: &SourceMap, d: &Diagnostic) -> Entry {
        let mut entry = Entry::new(d.code, d.message.clone(), d.help.clone());
        if let Some((span, file)) = d.span.and_then(|s| Some((s, sources.get(s.file)?))) {
            let (line, column) = line_column(&file.text, span.start as usize);
            let (end_line, end_column) = line_column(&file.text, span.end as usize);
            entry.file = Some(file.name.clone());
            (entry.line, entry.column) = (Some(line), Some(column));
            (entry.end_line, entry.end_column) = (Some(end_line), Some(end_column));
        }
        entry
    }

    /// A problem of no source span (lead data): the file and line when known.
    pub fn new(code: Code, message: String, help: Option<String>) -> Entry {
        Entry {
            code,
            severity: code.severity(),
            file: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            message,
            help,
        }
    }

    /// The same entry at `file`, `line`.
    pub fn in_file(mut self, file: &str, line: Option<usize>) -> Entry {
        self.file = Some(file.to_string());
        self.line = line;
        self
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: &'a [Entry],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

/// The whole JSON document, pretty-printed, ending in a newline. Entries keep their
/// order: the caller sorts them (by file and position) so the output is deterministic.
pub fn document(entries: &[Entry]) -> String {
    let errors = entries
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .count();
    let doc = Document {
        diagnostics: entries,
        summary: Summary {
            errors,
            warnings: entries.len() - errors,
        },
    };
    // Serializing plain strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
