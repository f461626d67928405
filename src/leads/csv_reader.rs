//! Streaming CSV: the header is read once, then each row becomes one [`RawLead`] holding
//! its cells in a single buffer. Rows may have any number of cells (coercion judges).

use super::error::{LeadsError, RowPlace, quote_value};
use super::raw::{RawBody, RawLead};
use csv::{ByteRecord, StringRecord};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

/// Reads CSV rows in batches.
pub(super) struct CsvSource {
    reader: csv::Reader<Box<dyn Read + Send>>,
    header: Arc<[String]>,
    file: String,
    rows: usize,
    /// Sizes of the last record, so each new record is allocated once at the right size.
    last_len: usize,
    last_fields: usize,
}

impl CsvSource {
    /// Opens a CSV stream and reads its header row (an empty input has no columns).
    pub(super) fn new(input: Box<dyn Read + Send>, file: &str) -> Result<CsvSource, LeadsError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut first = ByteRecord::new();
        let has_header = reader
            .read_byte_record(&mut first)
            .map_err(|e| csv_error(e, file))?;
        let header: Arc<[String]> = if has_header {
            first.iter().map(header_name).collect()
        } else {
            Arc::from(Vec::new())
        };
        Ok(CsvSource {
            reader,
            last_len: first.as_slice().len(),
            last_fields: header.len(),
            header,
            file: file.to_string(),
            rows: 0,
        })
    }

    /// The trimmed header names.
    pub(super) fn columns(&self) -> &[String] {
        &self.header
    }

    /// The shared header.
    pub(super) fn header(&self) -> Arc<[String]> {
        Arc::clone(&self.header)
    }

    /// Reads up to `max` rows into `out`; false once the input is exhausted.
    pub(super) fn read_batch(
        &mut self,
        out: &mut Vec<RawLead>,
        max: usize,
    ) -> Result<bool, LeadsError> {
        while out.len() < max {
            let mut record = ByteRecord::with_capacity(self.last_len, self.last_fields);
            let more = self
                .reader
                .read_byte_record(&mut record)
                .map_err(|e| csv_error(e, &self.file))?;
            if !more {
                return Ok(false);
            }
            self.rows += 1;
            if is_blank(&record) {
                // A row of bare commas is what spreadsheets leave below the data.
                continue;
            }
            self.last_len = record.as_slice().len();
            self.last_fields = record.len();
            out.push(self.raw_lead(record));
        }
        Ok(true)
    }

    fn raw_lead(&self, record: ByteRecord) -> RawLead {
        let place = RowPlace {
            row: self.rows,
            // The csv crate's line; it does not count wholly empty lines it skips, so
            // after one the line can be early (the row number stays exact).
            line: record
                .position()
                .and_then(|p| usize::try_from(p.line()).ok()),
            by_line: false,
        };
        let body = match StringRecord::from_byte_record(record) {
            Ok(record) => RawBody::Csv {
                record,
                header: Arc::clone(&self.header),
            },
            Err(e) => {
                let column = e.utf8_error().field();
                let field = self.header.get(column).map(String::as_str);
                let cell = e.into_byte_record();
                let shown =
                    String::from_utf8_lossy(cell.get(column).unwrap_or_default()).into_owned();
                let message = format!("{} is not valid UTF-8", quote_value(&shown));
                RawBody::Unreadable(Box::new(place.error(
                    &self.file,
                    field,
                    Some(&shown),
                    message,
                )))
            }
        };
        RawLead { place, body }
    }
}

/// A header cell: lossy UTF-8 (a broken header byte must not stop the run), a leading
/// BOM dropped, surrounding spaces trimmed.
fn header_name(cell: &[u8]) -> String {
    let name = String::from_utf8_lossy(cell);
    name.trim_start_matches('\u{feff}').trim().to_string()
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|cell| cell.trim_ascii().is_empty())
}

fn csv_error(error: csv::Error, file: &str) -> LeadsError {
    let line = error
        .position()
        .and_then(|p| usize::try_from(p.line()).ok());
    let message = format!("unreadable CSV: {}", error.to_string().to_lowercase());
    match error.into_kind() {
        csv::ErrorKind::Io(source) => LeadsError::Io {
            path: PathBuf::from(file),
            source,
        },
        _ => LeadsError::Malformed {
            file: file.to_string(),
            line,
            column: None,
            message,
        },
    }
}
