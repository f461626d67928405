//! The records of the leads a streamed run let go ([`super::spool`]) put between those
//! of the leads it kept, so that all of them come out in id order, and the framing
//! around them ([`Printer`]).

use super::records::RecordFormat;
use super::spool::{Spool, Spooled};
use std::io::{Read, Write};

/// The spooled records still to print, and how they meet the kept leads' records.
pub(super) enum LetGoRecords {
    /// Nothing was spooled.
    None,
    /// Every key of the export ascended, so file order is id order: kept lead `i` goes
    /// where its record would have been in the spool, at byte `marks[i]`, and the
    /// spooled records before it are copied in bulk, ids unread.
    InFileOrder {
        records: Box<dyn Read>,
        marks: Vec<u64>,
        /// Bytes of `records` printed so far.
        at: u64,
        buffer: Vec<u8>,
    },
    /// Otherwise, merged by id; `reframe` when the spool was framed for the other JSON
    /// format.
    ById {
        spooled: Spooled,
        head: Head,
        reframe: Option<(RecordFormat, RecordFormat)>,
    },
}

/// Bytes copied from the spool at a time.
const COPY_BUFFER: usize = 256 * 1024;

impl LetGoRecords {
    /// The records of `spool`, framed as `spooled_as`, to be printed as `format` among
    /// `kept` kept leads; `marks` where each kept lead went in the spool, when every key
    /// ascended.
    pub(super) fn new(
        spool: Spool,
        spooled_as: RecordFormat,
        format: RecordFormat,
        marks: Option<Vec<u64>>,
        kept: usize,
    ) -> std::io::Result<LetGoRecords> {
        match marks {
            Some(marks) if spooled_as == format && marks.len() == kept => {
                Ok(LetGoRecords::InFileOrder {
                    records: Box::new(spool.into_records()?),
                    marks,
                    at: 0,
                    buffer: vec![0; COPY_BUFFER],
                })
            }
            _ => {
                let mut spooled = spool.finish()?;
                let reframe = (spooled_as != format).then_some((spooled_as, format));
                let mut head = Head::default();
                head.advance(&mut spooled, reframe)?;
                Ok(LetGoRecords::ById {
                    spooled,
                    head,
                    reframe,
                })
            }
        }
    }

    /// Prints the spooled records that come before kept lead number `index`, id `id`.
    pub(super) fn print_before(
        &mut self,
        index: usize,
        id: &str,
        printer: &mut Printer,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        self.print_until(Some((index, id)), printer, out)
    }

    /// Prints the spooled records after the last kept lead.
    pub(super) fn print_rest(
        &mut self,
        printer: &mut Printer,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        self.print_until(None, printer, out)
    }

    /// Prints the spooled records before the kept lead (number, id), or all that are left.
    fn print_until(
        &mut self,
        kept: Option<(usize, &str)>,
        printer: &mut Printer,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        match self {
            LetGoRecords::None => Ok(()),
            LetGoRecords::InFileOrder {
                records,
                marks,
                at,
                buffer,
            } => {
                let Some((index, _)) = kept else {
                    return copy(records, u64::MAX, buffer, printer, out);
                };
                let mark = marks.get(index).copied().unwrap_or(*at);
                copy(records, mark.saturating_sub(*at), buffer, printer, out)?;
                *at = mark.max(*at);
                Ok(())
            }
            LetGoRecords::ById {
                spooled,
                head,
                reframe,
            } => {
                while head.present && kept.is_none_or(|(_, id)| head.is_before(id)) {
                    printer.record(out, &head.record)?;
                    head.advance(spooled, *reframe)?;
                }
                Ok(())
            }
        }
    }
}

/// Prints the next `len` bytes of `records` (or all that is left, for `u64::MAX`).
fn copy(
    records: &mut dyn Read,
    mut len: u64,
    buffer: &mut [u8],
    printer: &mut Printer,
    out: &mut impl Write,
) -> std::io::Result<()> {
    while len > 0 {
        let want = usize::try_from(len).map_or(buffer.len(), |l| l.min(buffer.len()));
        let n = records.read(&mut buffer[..want])?;
        if n == 0 {
            if len == u64::MAX {
                return Ok(());
            }
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the temporary file of records was cut short",
            ));
        }
        printer.record(out, &buffer[..n])?;
        if len != u64::MAX {
            len -= n as u64;
        }
    }
    Ok(())
}

/// The next spooled record in id order, copied out of the spool (buffers reused).
#[derive(Default)]
pub(super) struct Head {
    present: bool,
    id: Vec<u8>,
    record: Vec<u8>,
}

impl Head {
    fn advance(
        &mut self,
        spooled: &mut Spooled,
        reframe: Option<(RecordFormat, RecordFormat)>,
    ) -> std::io::Result<()> {
        self.present = false;
        if let Some((id, record)) = spooled.next_record()? {
            self.present = true;
            self.id.clear();
            self.id.extend_from_slice(id);
            match reframe {
                Some((from, to)) => from.reframe(record, to, &mut self.record),
                None => {
                    self.record.clear();
                    self.record.extend_from_slice(record);
                }
            }
        }
        Ok(())
    }

    /// The spooled record comes before lead `id` (ids are unique: never equal).
    fn is_before(&self, id: &str) -> bool {
        self.present && self.id.as_slice() < id.as_bytes()
    }
}

/// Frames the whole output around the framed records ([`RecordFormat::frame`]): a JSON
/// array opens and closes, and its first record drops the comma before it.
pub(super) struct Printer {
    format: RecordFormat,
    /// No record printed yet.
    first: bool,
}

impl Printer {
    pub(super) fn new(format: RecordFormat) -> Printer {
        Printer {
            format,
            first: true,
        }
    }

    pub(super) fn start(&self, out: &mut impl Write) -> std::io::Result<()> {
        match self.format {
            RecordFormat::Json => out.write_all(b"["),
            _ => Ok(()),
        }
    }

    /// Prints framed records, whole or in pieces.
    pub(super) fn record(&mut self, out: &mut impl Write, framed: &[u8]) -> std::io::Result<()> {
        if framed.is_empty() {
            return Ok(());
        }
        let bytes = match self.format {
            RecordFormat::Json if self.first => framed.get(1..).unwrap_or_default(),
            _ => framed,
        };
        self.first = false;
        out.write_all(bytes)
    }

    pub(super) fn end(&self, out: &mut impl Write) -> std::io::Result<()> {
        match self.format {
            RecordFormat::Json => out.write_all(b"\n]\n"),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
