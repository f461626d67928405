//! The errors coercion reports: the row errors' builders (the cold path, kept out of
//! line so [`Coercer`]'s per-cell loops stay small) and the shape checks of a file
//! (its key column) and of a row (its width).

use super::coerce::Coercer;
use super::convert::Mismatch;
use super::csv_rows::CsvRow;
use super::error::{LeadsError, RowError, RowPlace, quote_value};
use super::reader::LeadReader;
use super::slot::Slot;
use crate::diagnostics::Code;
use crate::schema::LeadSchema;

impl Coercer {
    #[cold]
    #[inline(never)]
    pub(super) fn key_error(&self, place: RowPlace, message: &str) -> RowError {
        place.error(
            Code::BadKey,
            self.file(),
            Some(self.key_name()),
            None,
            message.to_string(),
        )
    }

    #[cold]
    #[inline(never)]
    pub(super) fn required_missing(&self, slot: &Slot, place: RowPlace) -> RowError {
        place.error(
            Code::RequiredMissing,
            self.file(),
            Some(&slot.dotted),
            None,
            "a required value is missing".to_string(),
        )
    }

    #[cold]
    #[inline(never)]
    pub(super) fn not_utf8(&self, slot: &Slot, bytes: &[u8], place: RowPlace) -> RowError {
        let shown = String::from_utf8_lossy(bytes);
        let message = format!("{} is not valid UTF-8", quote_value(&shown));
        place.error(
            Code::NotUtf8Value,
            self.file(),
            Some(&slot.dotted),
            Some(&shown),
            message,
        )
    }

    #[cold]
    #[inline(never)]
    pub(super) fn mismatch(
        &self,
        slot: &Slot,
        shown: &str,
        mismatch: Mismatch,
        place: RowPlace,
    ) -> RowError {
        let message = format!("{} {}", quote_value(shown), mismatch.describe());
        place.error(
            Code::RequiredUnreadable,
            self.file(),
            Some(&slot.dotted),
            Some(shown),
            message,
        )
    }
}

/// A CSV file must have the key's column (JSON records name their own keys): checked
/// once, before any row, so a wrong export is one clear error.
pub fn check_key_column(reader: &LeadReader, schema: &LeadSchema) -> Result<(), LeadsError> {
    let (Some(columns), Some(key)) = (reader.columns(), schema.fields.get(schema.key)) else {
        return Ok(());
    };
    let wanted = key.source_name();
    if columns.is_empty() || columns.contains(&wanted) {
        return Ok(());
    }
    Err(LeadsError::NoKeyColumn {
        file: reader.display_name().to_string(),
        key: wanted,
        columns: columns.to_vec(),
    })
}

/// A row with more cells than the header is an error unless the extra cells are empty
/// (a trailing comma); a row with fewer cells is an error (a truncated line). Runs for
/// every row: `#[inline]` because since it left `coerce.rs` it was no longer inlined
/// (callgrind, 200k leads: `coerce_into` 609 M → 648 M instructions without it).
#[inline]
pub(super) fn check_row_width(row: &CsvRow, place: RowPlace, file: &str) -> Result<(), RowError> {
    let (cells, width) = (row.len(), row.header().len());
    let extra_blank = || row.cells().skip(width).all(|c| c.trim_ascii().is_empty());
    if cells == width || (cells > width && extra_blank()) {
        return Ok(());
    }
    let message = format!("the row has {cells} cells but the header has {width} columns");
    Err(place.error(Code::RowWidth, file, None, None, message))
}
