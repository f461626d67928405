//! The output records of leads a streamed run has already let go: each lead's line
//! (JSON) or row (CSV) is made as soon as the lead is final and appended to a
//! temporary file, so a million such leads cost disk, not memory. At the end the
//! records come back in id order, to be merged with those of the leads that waited
//! for capacity ([`super::output`]).
//!
//! Exports are usually sorted by id: then the file is read back front to back. When
//! they are not, the records are read back into one buffer and an index of them is
//! sorted: the compact form (the bytes that will be printed, and an offset), never a
//! plan per lead.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// Records appended in arrival order: `id length, id, record length, record`, lengths
/// as little-endian `u32`.
pub(super) struct Spool {
    sink: Sink,
    /// How many records were appended.
    len: usize,
    /// Every id so far was greater than the one before it.
    ascending: bool,
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

impl Spool {
    pub(super) fn new() -> Spool {
        let sink = match tempfile::tempfile() {
            Ok(file) => Sink::File(BufWriter::with_capacity(1 << 16, file)),
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
            ascending: true,
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
        if self.len > 0 && self.ascending && *id <= *self.last_id {
            self.ascending = false;
        }
        if self.ascending {
            self.last_id.clear();
            self.last_id.push_str(id);
        }
        self.len += 1;
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

    /// Marks the records incomplete: `finish` reports `error`.
    pub(super) fn fail(&mut self, error: std::io::Error) {
        self.failed.get_or_insert(error);
    }

    /// The records in id order, for [`Spooled::next_record`].
    pub(super) fn finish(self) -> std::io::Result<Spooled> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let mut reader: Box<dyn Read + Send + Sync> = match self.sink {
            Sink::File(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.seek(SeekFrom::Start(0))?;
                Box::new(BufReader::with_capacity(1 << 16, file))
            }
            Sink::Memory(bytes) => Box::new(std::io::Cursor::new(bytes)),
        };
        if self.ascending {
            return Ok(Spooled::Stream {
                reader,
                id: Vec::new(),
                record: Vec::new(),
            });
        }
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
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
    /// Appended in id order: read back front to back, one record at a time.
    Stream {
        reader: Box<dyn Read + Send + Sync>,
        id: Vec<u8>,
        record: Vec<u8>,
    },
    /// Appended out of order: all read back and their index sorted by id.
    Sorted {
        bytes: Vec<u8>,
        entries: std::vec::IntoIter<Entry>,
    },
}

impl std::fmt::Debug for Spooled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Spooled::Stream { .. } => "Spooled::Stream",
            Spooled::Sorted { .. } => "Spooled::Sorted",
        })
    }
}

impl Spooled {
    /// The next record in id order, as (id, record); `None` after the last.
    pub(super) fn next_record(&mut self) -> std::io::Result<Option<(&[u8], &[u8])>> {
        match self {
            Spooled::Stream { reader, id, record } => {
                if !read_field(reader, id)? {
                    return Ok(None);
                }
                if !read_field(reader, record)? {
                    return Err(truncated());
                }
                Ok(Some((id, record)))
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
mod tests {
    use super::Spool;

    fn read_back(mut spool: Spool, records: &[(&str, &str)]) -> Vec<(String, String)> {
        for (id, record) in records {
            spool.push(id, record.as_bytes());
        }
        assert_eq!(spool.len(), records.len());
        let mut spooled = spool.finish().expect("read back");
        let mut out = Vec::new();
        while let Some((id, record)) = spooled.next_record().expect("record") {
            let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("utf-8");
            out.push((text(id), text(record)));
        }
        out
    }

    fn owned(records: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<_> = records
            .iter()
            .map(|(i, r)| (i.to_string(), r.to_string()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn records_come_back_in_id_order_from_a_file_or_memory() {
        let sorted = [("L-1", "a\n"), ("L-2", ""), ("L-3", "multi\nline,\"x\"\n")];
        let shuffled = [("L-9", "nine\n"), ("L-10", "ten\n"), ("L-05", "five\n")];
        for records in [&sorted[..], &shuffled[..], &[]] {
            assert_eq!(read_back(Spool::new(), records), owned(records));
            assert_eq!(read_back(Spool::in_memory(), records), owned(records));
        }
    }

    #[test]
    fn ids_out_of_order_are_noticed() {
        let mut spool = Spool::in_memory();
        spool.push("b", b"1");
        spool.push("c", b"2");
        assert!(spool.ascending);
        spool.push("a", b"3");
        assert!(!spool.ascending);
        spool.push("z", b"4");
        assert!(
            !spool.ascending,
            "once out of order, always sorted at the end"
        );
    }
}
