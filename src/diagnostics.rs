//! Compiler-style diagnostics: `file:line:col`, the source line, a caret, a message, help.
//!
//! Every layer collects [`Diagnostic`]s instead of stopping at the first problem; the
//! CLI renders them all with [`render`].

use crate::source::{SourceMap, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::ops::Range;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; does not fail `check`.
    Warning,
    /// Fails `check` and stops `eval`.
    Error,
}

/// One problem found in the user's files, pointing at where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
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
    /// An error at a span.
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, Some(span), message)
    }

    /// A warning at a span.
    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, Some(span), message)
    }

    /// An error with no position.
    pub fn error_global(message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, None, message)
    }

    fn new(severity: Severity, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            span,
            label: None,
            help: None,
            secondary: Vec::new(),
        }
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a label under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary span.
    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.secondary.push((span, label.into()));
        self
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

/// Renders diagnostics to a writer (colored when the writer supports it).
pub fn render(
    out: &mut dyn WriteColor,
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let config = term::Config {
        start_context_lines: 0,
        end_context_lines: 0,
        ..term::Config::default()
    };
    let files = MapFiles(sources);
    for d in diagnostics {
        let cs = to_codespan(d);
        term::emit(out, &config, &files, &cs).map_err(|e| match e {
            FilesError::Io(io) => io,
            other => std::io::Error::other(other.to_string()),
        })?;
    }
    Ok(())
}

/// Renders diagnostics to a plain string (no color), for tests and JSON output.
pub fn render_to_string(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut buf = term::termcolor::NoColor::new(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = render(&mut buf, sources, diagnostics);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

fn to_codespan(d: &Diagnostic) -> CsDiagnostic<u32> {
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut labels = Vec::new();
    if let Some(span) = d.span {
        let mut label = Label::primary(span.file.0, span.range());
        if let Some(text) = &d.label {
            label = label.with_message(text.clone());
        }
        labels.push(label);
    }
    for (span, text) in &d.secondary {
        labels.push(Label::secondary(span.file.0, span.range()).with_message(text.clone()));
    }
    let notes = d.help.iter().map(|h| format!("help: {h}")).collect();
    base.with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Adapter so codespan can read our [`SourceMap`].
struct MapFiles<'a>(&'a SourceMap);

impl<'a> Files<'a> for MapFiles<'a> {
    type FileId = u32;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: u32) -> Result<&'a str, FilesError> {
        self.0
            .get(crate::source::FileId(id))
            .map(|f| f.name.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: u32) -> Result<&'a str, FilesError> {
        self.0
            .get(crate::source::FileId(id))
            .map(|f| f.text.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: u32, byte_index: usize) -> Result<usize, FilesError> {
        let text = self.source(id)?;
        let end = byte_index.min(text.len());
        Ok(text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count())
    }

    fn line_range(&'a self, id: u32, line_index: usize) -> Result<Range<usize>, FilesError> {
        let text = self.source(id)?;
        let mut start = 0;
        for _ in 0..line_index {
            match text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => {
                    return Err(FilesError::LineTooLarge {
                        given: line_index,
                        max: 0,
                    });
                }
            }
        }
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        Ok(start..end)
    }
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
mod tests {
    use super::*;
    use crate::source::SourceMap;

    #[test]
    fn renders_file_line_col_caret_and_help() {
        let mut map = SourceMap::new();
        let text = "segment big = employes > 5\n".to_string();
        let file = map.add("playbooks/a.play", "playbooks/a.play", text);
        let d = Diagnostic::error(Span::new(file, 14..22), "unknown field `employes`")
            .with_help("did you mean `employees`?");
        let out = render_to_string(&map, &[d]);
        assert!(out.contains("playbooks/a.play:1:15"), "{out}");
        assert!(out.contains("^^^^^^^^"), "{out}");
        assert!(out.contains("help: did you mean `employees`?"), "{out}");
    }

    #[test]
    fn did_you_mean_picks_closest_and_rejects_far() {
        let c = ["employees", "email", "engagement"];
        assert_eq!(did_you_mean("employes", c), Some("employees"));
        assert_eq!(did_you_mean("zzzzzz", c), None);
    }
}
