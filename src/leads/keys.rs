//! Duplicate keys: the first lead with a key wins, every later one is a row error.
//!
//! The plain rule is a set of the keys seen so far: a key already in it is a
//! duplicate. The speed tricks, each measured on the 1M-lead `scripts/bench.sh` run:
//!
//! * **Ascending prefix** ([`KeyTracker::check_kept_key`]): exports are usually sorted
//!   by id, so while keys ascend a key greater than the last one is new without any
//!   lookup; a later key out of order is found in that prefix by binary search, and
//!   only keys after it go into the hash table. The evaluation task compares an id
//!   with the record before it while both are in its cache, and the prefix's texts
//!   are read back from the caller's plans instead of copied: the key check's share
//!   of CPU samples went from 15% to 8% (README, Performance).
//! * **One text buffer and 32-byte records** (`Seen`, `Place`): a million keys
//!   without an allocation each.
//! * **A fast key hasher** (`KeyHasher`, where SipHash showed in profiles) and a
//!   pass-through table of hash → index, chained through `Seen::previous`: the table
//!   stores indices, not strings.

use super::error::{RowError, RowPlace, quote_value};
use super::lead::Lead;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::num::NonZeroUsize;

/// Remembers every key seen (and where) in one run. Its memory grows with the number of
/// distinct keys, the one per-lead cost duplicate detection cannot avoid; the keys share
/// one text buffer, so remembering a key allocates nothing most of the time.
#[derive(Debug, Clone, Default)]
pub struct KeyTracker {
    /// Every key seen, end to end; with [`KeyTracker::check_kept_key`], all but those
    /// of the ascending prefix (the caller keeps those).
    text: String,
    /// Per key, in the order first seen.
    seen: Vec<Seen>,
    /// Key hash → the latest key with that hash (earlier ones chain through `previous`).
    /// Keys of the ascending prefix are not in it.
    latest: HashMap<u64, usize, BuildHasherDefault<PassThrough>>,
    /// Keys `0..sorted` arrived in strictly ascending order: a binary search finds them.
    /// Exports are usually sorted by id, so most files never need the hash table.
    sorted: usize,
    /// The record checked last has the last accepted key (accepted while the keys
    /// ascend, or a repeat of that key): an id greater than its id is greater than
    /// every key so far. A repeat of an earlier key leaves this false.
    previous_is_last: bool,
    key_name: String,
    file: String,
}

/// One key seen: 32 bytes, since a million of them are kept.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// Where the key's text ends in `text` (it starts where the one before ends).
    end: usize,
    place: Place,
    /// The key seen before with the same hash, as index + 1.
    previous: Option<NonZeroUsize>,
}

impl Seen {
    fn previous(&self) -> Option<usize> {
        self.previous.map(|p| p.get() - 1)
    }
}

/// A [`RowPlace`] in 16 bytes: the flag in the row's top bit, the line as line + 1.
#[derive(Debug, Clone, Copy)]
struct Place {
    row_and_flag: usize,
    line: Option<NonZeroUsize>,
}

const BY_LINE: usize = 1 << (usize::BITS - 1);

impl Place {
    fn of(place: RowPlace) -> Place {
        Place {
            row_and_flag: (place.row & !BY_LINE) | if place.by_line { BY_LINE } else { 0 },
            line: place
                .line
                .and_then(|l| NonZeroUsize::new(l.wrapping_add(1))),
        }
    }

    fn get(self) -> RowPlace {
        RowPlace {
            row: self.row_and_flag & !BY_LINE,
            line: self.line.map(|l| l.get() - 1),
            by_line: self.row_and_flag & BY_LINE != 0,
        }
    }
}

impl KeyTracker {
    /// A tracker for one file; `key_name` is the key field's name for messages.
    pub fn new(key_name: &str, file: &str) -> KeyTracker {
        KeyTracker {
            key_name: key_name.to_string(),
            file: file.to_string(),
            ..KeyTracker::default()
        }
    }

    /// Records the lead's key; a key seen before is an error for this (the later) lead.
    pub fn check(&mut self, lead: &Lead) -> Result<(), RowError> {
        self.check_key(&lead.id, lead.raw.place)
    }

    /// [`KeyTracker::check`] for a key and place (the `Coercer::coerce_into` path, where
    /// there is no [`Lead`]).
    pub fn check_key(&mut self, id: &str, place: RowPlace) -> Result<(), RowError> {
        self.check_with(id, place, false, Prefix::Copied)
    }

    /// [`KeyTracker::check_key`] for a caller that keeps every accepted key itself:
    /// `accepted(i)` is the `i`-th key this tracker accepted. The keys of the ascending
    /// prefix are read back from there, not copied. `follows_previous` says the caller
    /// found `id` greater than the key of the record just before it (read without
    /// error), comparing the two while they were at hand: while the keys ascend, that
    /// settles it without reading `id` again (the tracker knows whether that record's
    /// key was the last accepted one). A tracker takes keys through one of the
    /// two methods only.
    pub fn check_kept_key<'k>(
        &mut self,
        id: &str,
        place: RowPlace,
        follows_previous: bool,
        accepted: &dyn Fn(usize) -> Option<&'k str>,
    ) -> Result<(), RowError> {
        self.check_with(id, place, follows_previous, Prefix::Kept(accepted))
    }

    fn check_with(
        &mut self,
        id: &str,
        place: RowPlace,
        follows_previous: bool,
        prefix: Prefix<'_, '_>,
    ) -> Result<(), RowError> {
        let settled = follows_previous && self.previous_is_last && prefix.is_kept();
        self.previous_is_last = false;
        if self.sorted == self.seen.len() {
            if settled {
                self.sorted += 1;
                self.remember_place(place);
                self.previous_is_last = true;
                return Ok(());
            }
            // Still ascending: only the last key can equal this one.
            let last = self.seen.len().checked_sub(1);
            match last.map(|i| (i, self.compare_key(i, &prefix, id))) {
                Some((i, Ordering::Equal)) => {
                    let first = self.seen.get(i).map_or(place, |s| s.place.get());
                    self.previous_is_last = true;
                    return Err(self.duplicate(id, place, first));
                }
                Some((_, Ordering::Greater)) => {} // the prefix ends here
                _ => {
                    self.sorted += 1;
                    match prefix {
                        Prefix::Copied => self.remember(id, place, None),
                        Prefix::Kept(_) => self.remember_place(place),
                    }
                    self.previous_is_last = true;
                    return Ok(());
                }
            }
        }
        if let Some(first) = self.in_sorted_prefix(id, &prefix) {
            return Err(self.duplicate(id, place, first));
        }
        let hash = BuildHasherDefault::<KeyHasher>::default().hash_one(id);
        // One probe of the table for both the look-up and the insert: with a million
        // keys every probe is a cache miss.
        let previous = match self.latest.entry(hash) {
            Entry::Occupied(mut newest) => {
                if let Some(first) = first_seen(&self.seen, &self.text, *newest.get(), id) {
                    return Err(self.duplicate(id, place, first));
                }
                Some(std::mem::replace(newest.get_mut(), self.seen.len()))
            }
            Entry::Vacant(slot) => {
                slot.insert(self.seen.len());
                None
            }
        };
        self.remember(id, place, previous);
        Ok(())
    }

    fn remember(&mut self, id: &str, place: RowPlace, previous: Option<usize>) {
        self.text.push_str(id);
        self.seen.push(Seen {
            end: self.text.len(),
            place: Place::of(place),
            previous: previous.and_then(|p| NonZeroUsize::new(p + 1)),
        });
    }

    /// A key of the ascending prefix kept by the caller: its place only (the text,
    /// empty here, leaves the offsets of later keys as they are).
    fn remember_place(&mut self, place: RowPlace) {
        self.seen.push(Seen {
            end: self.text.len(),
            place: Place::of(place),
            previous: None,
        });
    }

    /// How key `index` compares with `id`.
    fn compare_key(&self, index: usize, prefix: &Prefix<'_, '_>, id: &str) -> Ordering {
        match prefix {
            Prefix::Kept(accepted) if index < self.sorted => {
                accepted(index).unwrap_or_default().cmp(id)
            }
            _ => key_text(&self.seen, &self.text, index).cmp(id),
        }
    }

    /// Where `id` was seen among the ascending keys, if it was.
    fn in_sorted_prefix(&self, id: &str, prefix: &Prefix<'_, '_>) -> Option<RowPlace> {
        let (mut low, mut high) = (0, self.sorted);
        while low < high {
            let middle = low + (high - low) / 2;
            match self.compare_key(middle, prefix, id) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return self.seen.get(middle).map(|s| s.place.get()),
            }
        }
        None
    }

    #[cold]
    fn duplicate(&self, id: &str, place: RowPlace, first: RowPlace) -> RowError {
        let message = format!(
            "duplicate key {} (first seen in {})",
            quote_value(id),
            describe(&first)
        );
        place.error(
            crate::diagnostics::Code::DuplicateKey,
            &self.file,
            Some(&self.key_name),
            Some(id),
            message,
        )
    }

    /// How many of the first keys came in strictly ascending order ([`KeyTracker::len`]
    /// when the leads are already sorted by id). Told by the key check itself, which
    /// compares each key with the last one anyway.
    pub fn ascending_prefix(&self) -> usize {
        self.sorted
    }

    /// How many distinct keys were seen.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.seen.len()
    }
}

/// Where the keys of the ascending prefix are read back from.
enum Prefix<'f, 'k> {
    /// The tracker's own copy in `text`.
    Copied,
    /// The caller's: the `i`-th accepted key.
    Kept(&'f dyn Fn(usize) -> Option<&'k str>),
}

impl Prefix<'_, '_> {
    fn is_kept(&self) -> bool {
        matches!(self, Prefix::Kept(_))
    }
}

/// `row 3`, or `line 5` where errors name lines.
fn describe(place: &RowPlace) -> String {
    match (place.by_line, place.line) {
        (true, Some(line)) => format!("line {line}"),
        _ => format!("row {}", place.row),
    }
}

/// A fast hasher for keys: a million short ids hash in a few milliseconds, where the
/// default SipHash shows in profiles. Its weakness, crafted collisions, costs only time
/// on a file the user chose to read.
#[derive(Debug, Clone, Copy)]
struct KeyHasher {
    hash: u64,
}

impl Default for KeyHasher {
    fn default() -> KeyHasher {
        // Any non-zero start: from zero, a run of zero bytes would hash like no bytes.
        KeyHasher {
            hash: 0x243F_6A88_85A3_08D3,
        }
    }
}

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The length first: zero-padding the last word must not make `a` and `a\0` equal.
        self.hash = (self.hash.rotate_left(23) ^ bytes.len() as u64).wrapping_mul(MULTIPLIER);
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(prefix) = word.get_mut(..chunk.len()) {
                prefix.copy_from_slice(chunk);
            }
            self.hash =
                (self.hash.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(MULTIPLIER);
        }
    }

    fn finish(&self) -> u64 {
        // A final mix, so the high bits the hash table uses depend on every input bit.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^ (h >> 33)
    }
}

/// Walks a chain of keys with one hash, newest first, for one with this text.
fn first_seen(seen: &[Seen], text: &str, newest: usize, id: &str) -> Option<RowPlace> {
    let mut candidate = Some(newest);
    while let Some(index) = candidate {
        let entry = seen.get(index)?;
        if key_text(seen, text, index) == id {
            return Some(entry.place.get());
        }
        candidate = entry.previous();
    }
    None
}

/// The text of key `index`: from the end of the key before it to its own end.
fn key_text<'a>(seen: &[Seen], text: &'a str, index: usize) -> &'a str {
    let start = index
        .checked_sub(1)
        .and_then(|i| seen.get(i))
        .map_or(0, |s| s.end);
    let end = seen.get(index).map_or(start, |s| s.end);
    text.get(start..end).unwrap_or_default()
}

/// The hash map's keys are already [`KeyHasher`] hashes: used as they are.
#[derive(Debug, Default, Clone, Copy)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests;
