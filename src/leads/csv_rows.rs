//! CSV rows stored a chunk at a time: the cells of many rows share one byte buffer, so
//! reading a row costs a copy, not an allocation. A row is a chunk plus an index.

use super::csv_records::Record;
use std::fmt;
use std::sync::Arc;

/// Rows per chunk: enough to make allocation rare, few enough that a lead kept for a
/// draft keeps little else alive (a chunk of typical CRM rows is tens of kilobytes).
pub(super) const CHUNK_ROWS: usize = 128;

/// The cells of several rows of one file.
#[derive(Debug)]
struct Chunk {
    header: Arc<[String]>,
    bytes: Cells,
    /// The end offset in `bytes` of every cell of every row, row after row.
    cell_ends: Vec<usize>,
    /// Per row: the index in `cell_ends` of its first cell, and its cell count.
    rows: Vec<(usize, usize)>,
}

/// A chunk's cell bytes, end to end. Almost every export is valid UTF-8, so a whole
/// chunk is checked once when it is sealed and its cells are then read as text with a
/// slice, instead of each cell of each lead being checked again on every read.
#[derive(Debug)]
enum Cells {
    /// Not valid UTF-8 as a whole: cells are checked one by one.
    Bytes(Vec<u8>),
    /// Checked: valid UTF-8.
    Text(String),
}

impl Cells {
    fn bytes(&self) -> &[u8] {
        match self {
            Cells::Bytes(bytes) => bytes,
            Cells::Text(text) => text.as_bytes(),
        }
    }

    fn seal(bytes: Vec<u8>) -> Cells {
        match String::from_utf8(bytes) {
            Ok(text) => Cells::Text(text),
            Err(e) => Cells::Bytes(e.into_bytes()),
        }
    }
}

/// One CSV row: its cells as written (bytes; decoded as UTF-8 when read) and the file's
/// header.
#[derive(Clone)]
pub struct CsvRow {
    chunk: Arc<Chunk>,
    index: usize,
}

impl CsvRow {
    /// A row on its own, for tests that build records by hand.
    #[cfg(test)]
    pub fn new<I, C>(header: Arc<[String]>, cells: I) -> CsvRow
    where
        I: IntoIterator<Item = C>,
        C: AsRef<[u8]>,
    {
        let mut builder = ChunkBuilder::new(header);
        builder.push(cells);
        builder.finish().pop().unwrap_or_else(CsvRow::empty)
    }

    #[cfg(test)]
    fn empty() -> CsvRow {
        CsvRow {
            chunk: Arc::new(Chunk {
                header: Arc::from(Vec::new()),
                bytes: Cells::Text(String::new()),
                cell_ends: Vec::new(),
                rows: vec![(0, 0)],
            }),
            index: 0,
        }
    }

    /// The header of the file the row came from (trimmed names).
    pub fn header(&self) -> &Arc<[String]> {
        &self.chunk.header
    }

    /// The number of cells in the row (it may differ from the header's).
    pub fn len(&self) -> usize {
        self.span().1
    }

    /// True for a row without cells.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A cell's bytes, or `None` past the row's end.
    pub fn get(&self, cell: usize) -> Option<&[u8]> {
        self.chunk.bytes.bytes().get(self.range(cell)?)
    }

    /// A cell as text (`Err` with its bytes when they are not UTF-8), or `None` past
    /// the row's end.
    pub fn text(&self, cell: usize) -> Option<Result<&str, &[u8]>> {
        self.texts().get(cell)
    }

    /// The row's cells as text, located once for reading many of them.
    pub fn texts(&self) -> RowTexts<'_> {
        let (first, count) = self.span();
        let chunk = &*self.chunk;
        let base = first
            .checked_sub(1)
            .and_then(|i| chunk.cell_ends.get(i))
            .copied()
            .unwrap_or(0);
        RowTexts {
            text: match &chunk.bytes {
                Cells::Text(text) => Some(text),
                Cells::Bytes(_) => None,
            },
            bytes: chunk.bytes.bytes(),
            ends: chunk
                .cell_ends
                .get(first..first + count)
                .unwrap_or_default(),
            base,
        }
    }

    fn range(&self, cell: usize) -> Option<std::ops::Range<usize>> {
        let (first, count) = self.span();
        if cell >= count {
            return None;
        }
        let ends = &self.chunk.cell_ends;
        let end = *ends.get(first + cell)?;
        let start = match (first + cell).checked_sub(1) {
            Some(previous) => *ends.get(previous)?,
            None => 0,
        };
        Some(start..end)
    }

    /// Every cell in order.
    pub fn cells(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len()).filter_map(|cell| self.get(cell))
    }

    fn span(&self) -> (usize, usize) {
        self.chunk.rows.get(self.index).copied().unwrap_or((0, 0))
    }
}

impl PartialEq for CsvRow {
    fn eq(&self, other: &CsvRow) -> bool {
        self.header() == other.header() && self.cells().eq(other.cells())
    }
}

impl fmt::Debug for CsvRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.cells().map(String::from_utf8_lossy))
            .finish()
    }
}

/// The cells of one row as text (see [`CsvRow::texts`]).
#[derive(Debug, Clone, Copy)]
pub struct RowTexts<'a> {
    /// The chunk as text, when it is valid UTF-8 as a whole.
    text: Option<&'a str>,
    bytes: &'a [u8],
    /// The end of each of the row's cells in `bytes`.
    ends: &'a [usize],
    /// Where the row's first cell starts.
    base: usize,
}

impl<'a> RowTexts<'a> {
    /// A cell as text (`Err` with its bytes when they are not UTF-8), or `None` past
    /// the row's end.
    pub fn get(&self, cell: usize) -> Option<Result<&'a str, &'a [u8]>> {
        let end = *self.ends.get(cell)?;
        let start = match cell.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => self.base,
        };
        // A cell edge inside a character (possible only in a broken file) is not text.
        match self.text.and_then(|text| text.get(start..end)) {
            Some(text) => Some(Ok(text)),
            None => {
                let bytes = self.bytes.get(start..end)?;
                Some(std::str::from_utf8(bytes).map_err(|_| bytes))
            }
        }
    }
}

/// Collects rows until [`ChunkBuilder::finish`] freezes them into [`CsvRow`]s.
pub(super) struct ChunkBuilder {
    header: Arc<[String]>,
    bytes: Vec<u8>,
    cell_ends: Vec<usize>,
    rows: Vec<(usize, usize)>,
}

impl ChunkBuilder {
    pub(super) fn new(header: Arc<[String]>) -> ChunkBuilder {
        ChunkBuilder {
            header,
            bytes: Vec::new(),
            cell_ends: Vec::new(),
            rows: Vec::with_capacity(CHUNK_ROWS),
        }
    }

    /// Appends a row's cells.
    #[cfg(test)]
    pub(super) fn push<I, C>(&mut self, cells: I)
    where
        I: IntoIterator<Item = C>,
        C: AsRef<[u8]>,
    {
        let first = self.cell_ends.len();
        for cell in cells {
            self.bytes.extend_from_slice(cell.as_ref());
            self.cell_ends.push(self.bytes.len());
        }
        let count = self.cell_ends.len() - first;
        self.rows.push((first, count));
    }

    /// Appends a row as read: its cells are already one buffer, so they are copied at
    /// once.
    pub(super) fn push_record(&mut self, record: &Record) {
        let first = self.cell_ends.len();
        let base = self.bytes.len();
        self.bytes.extend_from_slice(record.as_slice());
        self.cell_ends
            .extend(record.ends().iter().map(|&end| base + end));
        self.rows.push((first, record.len()));
    }

    /// How many rows are waiting.
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The rows collected, sharing one chunk; the builder starts over empty, its
    /// buffers sized like this chunk's so the next one fills without regrowing them.
    pub(super) fn finish(&mut self) -> Vec<CsvRow> {
        if self.rows.is_empty() {
            return Vec::new(); // and the buffers keep their size
        }
        // The next chunk is sized like this one, with room to spare: growing a buffer
        // copies it.
        let (byte_count, cell_count) = (self.bytes.len(), self.cell_ends.len());
        let bytes = std::mem::replace(&mut self.bytes, Vec::with_capacity(byte_count * 5 / 4));
        let cell_ends =
            std::mem::replace(&mut self.cell_ends, Vec::with_capacity(cell_count * 5 / 4));
        let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(CHUNK_ROWS));
        let count = rows.len();
        let chunk = Arc::new(Chunk {
            header: Arc::clone(&self.header),
            bytes: Cells::seal(bytes),
            cell_ends,
            rows,
        });
        (0..count)
            .map(|index| CsvRow {
                chunk: Arc::clone(&chunk),
                index,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
