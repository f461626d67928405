//! Streaming CSV: the header is read once, then rows are copied into shared chunks (one
//! reused record, no allocation per row). Rows may have any number of cells and any
//! bytes: coercion judges the cells the program reads.

use super::csv_rows::{CHUNK_ROWS, ChunkBuilder};
use super::error::{LeadsError, RowPlace};
use super::raw::{RawBody, RawLead};
use csv::ByteRecord;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

/// Reads CSV rows in batches.
pub(super) struct CsvSource {
    reader: csv::Reader<Box<dyn Read + Send>>,
    header: Arc<[String]>,
    file: String,
    rows: usize,
    /// Reused for every row: rows are copied into chunks, not allocated one by one.
    record: ByteRecord,
    /// Kept from batch to batch, so each chunk's buffers start at the last one's size.
    chunk: ChunkBuilder,
}

impl CsvSource {
    /// Opens a CSV stream and reads its header row (an empty input has no columns).
    pub(super) fn new(input: Box<dyn Read + Send>, file: &str) -> Result<CsvSource, LeadsError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            // Reads larger than the input's own buffer bypass it: one copy of the
            // file, not two, and fewer reads.
            .buffer_capacity(256 * 1024)
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
            record: first,
            chunk: ChunkBuilder::new(Arc::clone(&header)),
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
        let mut places = Vec::with_capacity(CHUNK_ROWS);
        let mut more = true;
        while out.len() + places.len() < max {
            more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| csv_error(e, &self.file))?;
            if !more {
                break;
            }
            self.rows += 1;
            if is_blank(&self.record) {
                // A row of bare commas is what spreadsheets leave below the data.
                continue;
            }
            self.chunk.push_record(&self.record);
            places.push(self.place());
            if self.chunk.len() == CHUNK_ROWS {
                flush(&mut self.chunk, &mut places, out);
            }
        }
        flush(&mut self.chunk, &mut places, out);
        Ok(more)
    }

    fn place(&self) -> RowPlace {
        RowPlace {
            row: self.rows,
            // The csv crate's line; it does not count wholly empty lines it skips, so
            // after one the line can be early (the row number stays exact).
            line: self
                .record
                .position()
                .and_then(|p| usize::try_from(p.line()).ok()),
            by_line: false,
        }
    }
}

/// Turns the collected rows into records sharing one chunk.
fn flush(chunk: &mut ChunkBuilder, places: &mut Vec<RowPlace>, out: &mut Vec<RawLead>) {
    let rows = chunk.finish();
    out.extend(places.drain(..).zip(rows).map(|(place, row)| RawLead {
        place,
        body: RawBody::Csv(row),
    }));
}

/// A header cell: lossy UTF-8 (a broken header byte must not stop the run), a leading
/// BOM dropped, surrounding spaces trimmed.
fn header_name(cell: &[u8]) -> String {
    let name = String::from_utf8_lossy(cell);
    name.trim_start_matches('\u{feff}').trim().to_string()
}

/// Every cell empty or white space: the cells are one buffer, so one check covers them.
fn is_blank(record: &ByteRecord) -> bool {
    record.as_slice().trim_ascii().is_empty()
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
