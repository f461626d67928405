//! The output records of leads a streamed run has already let go: each lead's framed
//! record (a CSV row, a JSON line) is made as soon as the lead is final and appended to
//! a temporary file, so a million such leads cost disk, not memory.
//!
//! The records go end to end in one file, exactly as they will be printed, and the ids
//! beside them in another. An export whose keys all ascend (the usual case) then needs
//! no ids at the end: the leads that waited for capacity are printed between the spooled
//! records at the places they had in the file ([`super::output`]), and the spooled
//! records in between are copied in bulk. Otherwise the records come back in id order:
//! exports are usually sorted by id, or nearly (sorted, with later leads appended), so
//! the file is then a few ascending runs, read back side by side and merged, a small
//! buffer each. An export in no useful order (more than [`MAX_MERGED_RUNS`] runs) is
//! read back into memory and an index of it sorted: the compact form (the bytes that
//! will be printed, and an offset), never a plan per lead.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::sync::Arc;

/// Records appended in arrival order: their bytes end to end in `records`, and per
/// record in `index` its `id length, id, record length`, lengths as little-endian `u32`.
pub(super) struct Spool {
    records: Sink,
    index: Sink,
    /// How many records were appended.
    len: usize,
    /// Bytes appended to `records` and to `index`.
    written: Offsets,
    /// Where each run of strictly ascending ids starts.
    runs: Vec<Offsets>,
    last_id: String,
    /// The first write that failed: the run reports it, the records are incomplete.
    failed: Option<std::io::Error>,
}

/// A place in both files.
#[derive(Debug, Clone, Copy, Default)]
struct Offsets {
    records: u64,
    index: u64,
}

enum Sink {
    /// An unnamed temporary file: the OS removes it whatever happens to the process.
    File(BufWriter<File>),
    /// No temporary file could be made: the bytes stay in memory.
    Memory(Vec<u8>),
}

impl Sink {
    fn temporary() -> Sink {
        match tempfile::tempfile() {
            Ok(file) => Sink::File(BufWriter::with_capacity(RUN_BUFFER, file)),
            Err(_) => Sink::Memory(Vec::new()),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::File(file) => file.write_all(bytes),
            Sink::Memory(memory) => {
                memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn into_source(self) -> std::io::Result<Arc<Source>> {
        Ok(Arc::new(match self {
            Sink::File(file) => Source::File(file.into_inner().map_err(|e| e.into_error())?),
            Sink::Memory(bytes) => Source::Memory(bytes),
        }))
    }
}

/// Runs merged side by side; an export in more pieces than this is sorted in memory.
const MAX_MERGED_RUNS: usize = 256;

/// The read buffer of each run being merged.
const RUN_BUFFER: usize = 64 * 1024;

impl Spool {
    pub(super) fn new() -> Spool {
        Spool::with_sinks(Sink::temporary(), Sink::temporary())
    }

    /// A spool that keeps its records in memory (tests, and the fallback).
    #[cfg(test)]
    pub(super) fn in_memory() -> Spool {
        Spool::with_sinks(Sink::Memory(Vec::new()), Sink::Memory(Vec::new()))
    }

    fn with_sinks(records: Sink, index: Sink) -> Spool {
        Spool {
            records,
            index,
            len: 0,
            written: Offsets::default(),
            runs: Vec::new(),
            last_id: String::new(),
            failed: None,
        }
    }

    /// How many records it holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The bytes of all records appended so far: where the next one will start.
    pub(super) fn records_written(&self) -> u64 {
        self.written.records
    }

    /// Appends the record of lead `id`.
    pub(super) fn push(&mut self, id: &str, record: &[u8]) {
        if self.len == 0 || *id <= *self.last_id {
            self.runs.push(self.written);
        }
        self.last_id.clear();
        self.last_id.push_str(id);
        self.len += 1;
        self.written.records += record.len() as u64;
        self.written.index += (8 + id.len()) as u64;
        if self.failed.is_some() {
            return;
        }
        let written = write_entry(&mut self.index, id.as_bytes(), record.len())
            .and_then(|()| self.records.write_all(record));
        if let Err(e) = written {
            self.failed = Some(e);
        }
    }

    /// The records in the order they were appended, end to end.
    pub(super) fn into_records(self) -> std::io::Result<impl Read> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        Ok(Slice {
            source: self.records.into_source()?,
            pos: 0,
            end: self.written.records,
        })
    }

    /// The records in id order, for [`Spooled::next_record`].
    pub(super) fn finish(self) -> std::io::Result<Spooled> {
        self.finish_merging(MAX_MERGED_RUNS)
    }

    fn finish_merging(self, max_runs: usize) -> std::io::Result<Spooled> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let records = self.records.into_source()?;
        let index = self.index.into_source()?;
        let slice = |source: &Arc<Source>, pos: u64, end: u64| Slice {
            source: Arc::clone(source),
            pos,
            end,
        };
        if self.runs.len() <= max_runs {
            let ends = self.runs.iter().skip(1).copied().chain([self.written]);
            let runs = self.runs.iter().zip(ends).map(|(start, end)| {
                Run::new(
                    slice(&index, start.index, end.index),
                    slice(&records, start.records, end.records),
                )
            });
            let runs = runs.collect::<std::io::Result<_>>()?;
            return Ok(Spooled::Merged { runs, taken: None });
        }
        let read_all = |source: &Arc<Source>, len: u64| {
            let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
            slice(source, 0, len).read_to_end(&mut bytes)?;
            Ok::<_, std::io::Error>(bytes)
        };
        let index = read_all(&index, self.written.index)?;
        let records = read_all(&records, self.written.records)?;
        let mut entries = Vec::with_capacity(self.len);
        let (mut at, mut record_at) = (0, 0);
        while at < index.len() {
            let entry = Entry::at(&index, at, record_at, records.len())?;
            (at, record_at) = (entry.next, entry.record.1);
            entries.push(entry);
        }
        entries.sort_unstable_by(|a, b| a.id(&index).cmp(b.id(&index)));
        Ok(Spooled::Sorted {
            index,
            records,
            entries: entries.into_iter(),
        })
    }
}

/// Where the records were spooled.
enum Source {
    File(File),
    Memory(Vec<u8>),
}

/// A byte range of a spooled file, read with positioned reads (many at once).
struct Slice {
    source: Arc<Source>,
    pos: u64,
    end: u64,
}

impl Read for Slice {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = usize::try_from(self.end - self.pos).unwrap_or(usize::MAX);
        let want = buf.len().min(left);
        let n = match &*self.source {
            Source::File(file) => read_at(file, &mut buf[..want], self.pos)?,
            Source::Memory(bytes) => {
                let start = usize::try_from(self.pos).unwrap_or(usize::MAX);
                let from = bytes.get(start..start + want).ok_or_else(truncated)?;
                buf[..want].copy_from_slice(from);
                want
            }
        };
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, pos)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, pos)
}

#[cfg(not(any(unix, windows)))]
fn read_at(file: &File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    use std::io::{Seek, SeekFrom};
    let mut file = file;
    file.seek(SeekFrom::Start(pos))?;
    file.read(buf)
}

/// One ascending run being merged, with its next record.
pub(super) struct Run {
    index: BufReader<Slice>,
    records: BufReader<Slice>,
    id: Vec<u8>,
    record: Vec<u8>,
    present: bool,
}

impl Run {
    fn new(index: Slice, records: Slice) -> std::io::Result<Run> {
        let mut run = Run {
            index: BufReader::with_capacity(RUN_BUFFER, index),
            records: BufReader::with_capacity(RUN_BUFFER, records),
            id: Vec::new(),
            record: Vec::new(),
            present: false,
        };
        run.advance()?;
        Ok(run)
    }

    fn advance(&mut self) -> std::io::Result<()> {
        self.present = false;
        let Some(id_len) = read_length(&mut self.index)? else {
            return Ok(());
        };
        read_exactly(&mut self.index, id_len, &mut self.id)?;
        let record_len = read_length(&mut self.index)?.ok_or_else(truncated)?;
        read_exactly(&mut self.records, record_len, &mut self.record)?;
        self.present = true;
        Ok(())
    }
}

fn write_entry(index: &mut Sink, id: &[u8], record_len: usize) -> std::io::Result<()> {
    index.write_all(&length(id.len())?.to_le_bytes())?;
    index.write_all(id)?;
    index.write_all(&length(record_len)?.to_le_bytes())
}

fn length(len: usize) -> std::io::Result<u32> {
    u32::try_from(len).map_err(|_| std::io::Error::other("a record of over 4 GiB"))
}

/// One record of a spool read back into memory: its id in the index, its bytes in the
/// records.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    id: (usize, usize),
    record: (usize, usize),
    /// Where the next entry of the index starts.
    next: usize,
}

impl Entry {
    /// The entry at `at` in `index`, whose record starts at `record_at` in records of
    /// `records_len` bytes.
    fn at(index: &[u8], at: usize, record_at: usize, records_len: usize) -> std::io::Result<Entry> {
        let id_len = length_at(index, at)?;
        let id = (at + 4, at + 4 + id_len);
        let record_len = length_at(index, id.1)?;
        let record = (record_at, record_at + record_len);
        if record.1 > records_len {
            return Err(truncated());
        }
        Ok(Entry {
            id,
            record,
            next: id.1 + 4,
        })
    }

    fn id<'b>(&self, index: &'b [u8]) -> &'b [u8] {
        &index[self.id.0..self.id.1]
    }
}

fn length_at(bytes: &[u8], at: usize) -> std::io::Result<usize> {
    let field = bytes.get(at..at + 4).ok_or_else(truncated)?;
    let mut le = [0u8; 4];
    le.copy_from_slice(field);
    Ok(u32::from_le_bytes(le) as usize)
}

fn truncated() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::UnexpectedEof,
        "the temporary file of records was cut short",
    )
}

/// A spool's records, in id order.
pub(super) enum Spooled {
    /// A few ascending runs, merged; `taken` is the run whose record was returned last
    /// (it moves on at the next call).
    Merged {
        runs: Vec<Run>,
        taken: Option<usize>,
    },
    /// Many runs: all read back and their index sorted by id.
    Sorted {
        index: Vec<u8>,
        records: Vec<u8>,
        entries: std::vec::IntoIter<Entry>,
    },
}

impl std::fmt::Debug for Spooled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Spooled::Merged { .. } => "Spooled::Merged",
            Spooled::Sorted { .. } => "Spooled::Sorted",
        })
    }
}

impl Spooled {
    /// The next record in id order, as (id, record); `None` after the last.
    pub(super) fn next_record(&mut self) -> std::io::Result<Option<(&[u8], &[u8])>> {
        match self {
            Spooled::Merged { runs, taken } => {
                if let Some(run) = taken.take().and_then(|i| runs.get_mut(i)) {
                    run.advance()?;
                }
                let live = runs.iter().enumerate().filter(|(_, r)| r.present);
                // Ids are unique across runs (duplicates were row errors).
                let first = live
                    .min_by(|(_, a), (_, b)| a.id.cmp(&b.id))
                    .map(|(i, _)| i);
                *taken = first;
                Ok(first
                    .and_then(|i| runs.get(i))
                    .map(|r| (r.id.as_slice(), r.record.as_slice())))
            }
            Spooled::Sorted {
                index,
                records,
                entries,
            } => Ok(entries
                .next()
                .map(|e| (e.id(index), &records[e.record.0..e.record.1]))),
        }
    }
}

/// Reads a length; `None` at the clean end of the file.
fn read_length(reader: &mut impl Read) -> std::io::Result<Option<usize>> {
    let mut le = [0u8; 4];
    match reader.read_exact(&mut le) {
        Ok(()) => Ok(Some(u32::from_le_bytes(le) as usize)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads `len` bytes into `into`.
fn read_exactly(reader: &mut impl Read, len: usize, into: &mut Vec<u8>) -> std::io::Result<()> {
    into.clear();
    into.resize(len, 0);
    reader.read_exact(into)
}

#[cfg(test)]
mod tests;
