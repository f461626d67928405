//! YAML: one sequence of mappings, loaded whole (the YAML crate has no streaming reader;
//! YAML lead files are small hand-kept lists in practice).

use super::error::{LeadsError, RowPlace};
use super::json_lines::{json_kind, object_body, strip_position};
use super::raw::RawLead;
use super::record_source::OneByOne;
use std::io::Read;
use std::path::PathBuf;

/// The elements of a loaded YAML sequence, handed out in batches.
pub(super) struct YamlSource {
    items: std::vec::IntoIter<serde_json::Value>,
    file: String,
    rows: usize,
}

impl YamlSource {
    /// Reads and parses the whole document; an empty document has no leads.
    pub(super) fn new(
        mut input: Box<dyn Read + Send>,
        file: &str,
    ) -> Result<YamlSource, LeadsError> {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|source| LeadsError::Io {
                path: PathBuf::from(file),
                source,
            })?;
        let malformed = |line, column, message: String| LeadsError::Malformed {
            file: file.to_string(),
            line,
            column,
            message,
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            malformed(
                None,
                None,
                format!(
                    "the file is not valid UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        let text = text.trim_start_matches('\u{feff}');
        let document = if text.trim().is_empty() {
            serde_json::Value::Null
        } else {
            crate::yaml::to_json(text)
                .map_err(|e| malformed(e.line, e.column, strip_position(&e.message)))?
        };
        let items = match document {
            serde_json::Value::Array(items) => items,
            serde_json::Value::Null => Vec::new(),
            other => {
                let found = json_kind(&other);
                return Err(malformed(
                    Some(1),
                    Some(1),
                    format!("expected a sequence of lead mappings, found {found}"),
                ));
            }
        };
        Ok(YamlSource {
            items: items.into_iter(),
            file: file.to_string(),
            rows: 0,
        })
    }
}

impl OneByOne for YamlSource {
    fn next_record(&mut self) -> Result<Option<RawLead>, LeadsError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        self.rows += 1;
        // The YAML crate keeps no positions per element, so rows are counted only.
        let place = RowPlace {
            row: self.rows,
            line: None,
            by_line: false,
        };
        let body = object_body(item, place, &self.file);
        Ok(Some(RawLead { place, body }))
    }
}
