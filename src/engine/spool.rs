//! The output records of leads a streamed run has already let go: each lead's line
//! (JSON) or row (CSV) is made as soon as the lead is final and appended to a
//! temporary file, so a million such leads cost disk, not memory. At the end the
//! records come back in id order, to be merged with those of the leads that waited
//! for capacity ([`super::output`]).
//!
//! Exports are usually sorted by id, or nearly (sorted, with later leads appended):
//! the file is then a few ascending runs, read back side by side and merged, a small
//! buffer each. An export in no useful order (more than [`MAX_MERGED_RUNS`] runs) is
//! read back into one buffer and an index of it sorted: the compact form (the bytes
//! that will be printed, and an offset), never a plan per lead.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::sync::Arc;

/// Records appended in arrival order: `id length, id, record length, record`, lengths
/// as little-endian `u32`.
pub(super) struct Spool {
    sink: Sink,
    /// How many records were appended.
    len: usize,
    /// Bytes appended.
    written: u64,
    /// Where each run of strictly ascending ids starts.
    runs: Vec<u64>,
    last_id: String,
    /// The first write that failed: the run reports it, the records are incomplete.
    failed: Option<std::io::Error>,
}

enum Sink {
    /// An unnamed temporary file: the OS removes it whatever happens to the process.
    File(BufWriter<File>),
    /// No temporary file could be made: the records stay in memory.
    Memory(Vec<u8>),
}

/// Runs merged side by side; an export in more pieces than this is sorted in memory.
const MAX_MERGED_RUNS: usize = 256;

/// The read buffer of each run being merged.
const RUN_BUFFER: usize = 64 * 1024;

impl Spool {
    pub(super) fn new() -> Spool {
        let sink = match tempfile::tempfile() {
            Ok(file) => Sink::File(BufWriter::with_capacity(RUN_BUFFER, file)),
            Err(_) => Sink::Memory(Vec::new()),
        };
        Spool::with_sink(sink)
    }

    /// A spool that keeps its records in memory (tests, and the fallback).
    #[cfg(test)]
    pub(super) fn in_memory() -> Spool {
        Spool::with_sink(Sink::Memory(Vec::new()))
    }

    fn with_sink(sink: Sink) -> Spool {
        Spool {
            sink,
            len: 0,
            written: 0,
            runs: Vec::new(),
            last_id: String::new(),
            failed: None,
        }
    }

    /// How many records it holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Appends the record of lead `id`.
    pub(super) fn push(&mut self, id: &str, record: &[u8]) {
        if self.len == 0 || *id <= *self.last_id {
            self.runs.push(self.written);
        }
        self.last_id.clear();
        self.last_id.push_str(id);
        self.len += 1;
        self.written += (8 + id.len() + record.len()) as u64;
        if self.failed.is_some() {
            return;
        }
        let written = match &mut self.sink {
            Sink::File(file) => write_entry(file, id.as_bytes(), record),
            Sink::Memory(bytes) => write_entry(bytes, id.as_bytes(), record),
        };
        if let Err(e) = written {
            self.failed = Some(e);
        }
    }

    /// The records in id order, for [`Spooled::next_record`].
    pub(super) fn finish(self) -> std::io::Result<Spooled> {
        self.finish_merging(MAX_MERGED_RUNS)
    }

    fn finish_merging(self, max_runs: usize) -> std::io::Result<Spooled> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let source = Arc::new(match self.sink {
            Sink::File(file) => Source::File(file.into_inner().map_err(|e| e.into_error())?),
            Sink::Memory(bytes) => Source::Memory(bytes),
        });
        let ends = self.runs.iter().skip(1).copied().chain([self.written]);
        let slices = self.runs.iter().zip(ends).map(|(&pos, end)| Slice {
            source: Arc::clone(&source),
            pos,
            end,
        });
        if self.runs.len() <= max_runs {
            let runs = slices.map(Run::new).collect::<std::io::Result<_>>()?;
            return Ok(Spooled::Merged { runs, taken: None });
        }
        let mut whole = Slice {
            source,
            pos: 0,
            end: self.written,
        };
        let mut bytes = Vec::with_capacity(usize::try_from(self.written).unwrap_or(0));
        whole.read_to_end(&mut bytes)?;
        let mut entries = Vec::with_capacity(self.len);
        let mut at = 0;
        while at < bytes.len() {
            let entry = Entry::at(&bytes, at)?;
            at = entry.end;
            entries.push(entry);
        }
        entries.sort_unstable_by(|a, b| a.id(&bytes).cmp(b.id(&bytes)));
        Ok(Spooled::Sorted {
            bytes,
            entries: entries.into_iter(),
        })
    }
}

/// Where the records were spooled.
enum Source {
    File(File),
    Memory(Vec<u8>),
}

/// A byte range of the spooled records, read with positioned reads (many at once).
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
    reader: BufReader<Slice>,
    id: Vec<u8>,
    record: Vec<u8>,
    present: bool,
}

impl Run {
    fn new(slice: Slice) -> std::io::Result<Run> {
        let mut run = Run {
            reader: BufReader::with_capacity(RUN_BUFFER, slice),
            id: Vec::new(),
            record: Vec::new(),
            present: false,
        };
        run.advance()?;
        Ok(run)
    }

    fn advance(&mut self) -> std::io::Result<()> {
        self.present = read_field(&mut self.reader, &mut self.id)?;
        if self.present && !read_field(&mut self.reader, &mut self.record)? {
            return Err(truncated());
        }
        Ok(())
    }
}

fn write_entry(out: &mut impl Write, id: &[u8], record: &[u8]) -> std::io::Result<()> {
    out.write_all(&length(id)?.to_le_bytes())?;
    out.write_all(id)?;
    out.write_all(&length(record)?.to_le_bytes())?;
    out.write_all(record)
}

fn length(bytes: &[u8]) -> std::io::Result<u32> {
    u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("a record of over 4 GiB"))
}

/// One record inside the read-back buffer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    id_start: usize,
    record_start: usize,
    end: usize,
}

impl Entry {
    fn at(bytes: &[u8], at: usize) -> std::io::Result<Entry> {
        let id_len = read_length(bytes, at)?;
        let id_start = at + 4;
        let record_len = read_length(bytes, id_start + id_len)?;
        let record_start = id_start + id_len + 4;
        let end = record_start + record_len;
        if end > bytes.len() {
            return Err(truncated());
        }
        Ok(Entry {
            id_start,
            record_start,
            end,
        })
    }

    fn id<'b>(&self, bytes: &'b [u8]) -> &'b [u8] {
        &bytes[self.id_start..self.record_start - 4]
    }
}

fn read_length(bytes: &[u8], at: usize) -> std::io::Result<usize> {
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
        bytes: Vec<u8>,
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
            Spooled::Sorted { bytes, entries } => Ok(entries.next().map(|e| {
                let bytes = &bytes[..];
                (e.id(bytes), &bytes[e.record_start..e.end])
            })),
        }
    }
}

/// Reads one length-prefixed field into `into`; false at the clean end of the file.
fn read_field(reader: &mut dyn Read, into: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut le = [0u8; 4];
    match reader.read_exact(&mut le) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(e) => return Err(e),
    }
    into.clear();
    into.resize(u32::from_le_bytes(le) as usize, 0);
    reader.read_exact(into)?;
    Ok(true)
}

#[cfg(test)]
mod tests;
