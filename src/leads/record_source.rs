//! What every streaming reader of a leads format is: a source of raw records, read in
//! batches ([`RecordSource`]). JSON (one array), JSON Lines and YAML read one record at
//! a time ([`OneByOne`]) and get their batches from that; CSV fills whole chunks of
//! rows at once (the fast path of the commonest format) and reads batches itself.

use super::{LeadsError, RawLead};

/// A format's reader, as [`LeadReader`](super::LeadReader) uses it.
pub(super) trait RecordSource {
    /// Reads up to `max` records into `out`, in file order; false once the input is
    /// exhausted. A record that cannot be read is a
    /// [`RawBody::Unreadable`](super::RawBody::Unreadable) record; only a broken
    /// document or an I/O failure is an `Err`.
    fn read_batch(&mut self, out: &mut Vec<RawLead>, max: usize) -> Result<bool, LeadsError>;
}

/// A format read one record at a time.
pub(super) trait OneByOne {
    /// The next record, `None` once the input is exhausted.
    fn next_record(&mut self) -> Result<Option<RawLead>, LeadsError>;
}

impl<T: OneByOne> RecordSource for T {
    fn read_batch(&mut self, out: &mut Vec<RawLead>, max: usize) -> Result<bool, LeadsError> {
        while out.len() < max {
            match self.next_record()? {
                Some(raw) => out.push(raw),
                None => return Ok(false),
            }
        }
        Ok(true)
    }
}
