//! Rendering diagnostics like rustc: `error[LP0101]: message`, then `file:line:col`,
//! the source line with a caret, and `= help: …`.

use super::{Diagnostic, Severity};
use crate::source::SourceMap;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::ops::Range;

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
    base.with_code(d.code.as_str())
        .with_message(d.message.clone())
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
