//! JSON Lines: one object per line. A line that does not parse is a row error for that
//! line, not the end of the run; blank lines are skipped.

use super::error::{LeadsError, RowPlace};
use super::raw::{RawBody, RawLead};
use super::record_source::OneByOne;
use std::io::BufRead;
use std::path::PathBuf;

/// Reads JSON Lines records in batches, one line buffer reused throughout.
pub(super) struct JsonLinesSource {
    input: Box<dyn BufRead + Send>,
    file: String,
    line: usize,
    rows: usize,
    buffer: Vec<u8>,
}

impl JsonLinesSource {
    pub(super) fn new(input: Box<dyn BufRead + Send>, file: &str) -> JsonLinesSource {
        JsonLinesSource {
            input,
            file: file.to_string(),
            line: 0,
            rows: 0,
            buffer: Vec::new(),
        }
    }
}

impl OneByOne for JsonLinesSource {
    fn next_record(&mut self) -> Result<Option<RawLead>, LeadsError> {
        loop {
            self.buffer.clear();
            let read = self
                .input
                .read_until(b'\n', &mut self.buffer)
                .map_err(|source| LeadsError::Io {
                    path: PathBuf::from(&self.file),
                    source,
                })?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            let text = line_content(&self.buffer, self.line == 1);
            if text.trim_ascii().is_empty() {
                continue;
            }
            self.rows += 1;
            let place = RowPlace {
                row: self.rows,
                line: Some(self.line),
                by_line: true,
            };
            let body = match serde_json::from_slice::<serde_json::Value>(text) {
                Ok(value) => object_body(value, place, &self.file),
                Err(e) => unreadable(
                    place,
                    &self.file,
                    format!("invalid JSON: {}", json_message(&e)),
                ),
            };
            return Ok(Some(RawLead { place, body }));
        }
    }
}

/// The line without its end (`\n` or `\r\n`) and, on the first line, without a BOM.
fn line_content(buffer: &[u8], first: bool) -> &[u8] {
    let mut text = buffer;
    if first {
        text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    }
    text = text.strip_suffix(b"\n").unwrap_or(text);
    text.strip_suffix(b"\r").unwrap_or(text)
}

/// A parsed JSON value as a record: objects are leads, anything else is a row error.
pub(super) fn object_body(value: serde_json::Value, place: RowPlace, file: &str) -> RawBody {
    match value {
        serde_json::Value::Object(object) => RawBody::Object(object),
        other => unreadable(
            place,
            file,
            format!("expected an object, found {}", json_kind(&other)),
        ),
    }
}

fn unreadable(place: RowPlace, file: &str, message: String) -> RawBody {
    RawBody::Unreadable(Box::new(place.error(
        crate::diagnostics::Code::MalformedRecord,
        file,
        None,
        None,
        message,
    )))
}

/// "a number", "a list" … for messages.
pub(super) fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a bool",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// serde_json's message with its column, for a one-line record.
fn json_message(error: &serde_json::Error) -> String {
    format!(
        "{} at column {}",
        strip_position(&error.to_string()),
        error.column()
    )
}

/// A parser message without its trailing ` at line N column M` (we say where ourselves).
pub(super) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests;
