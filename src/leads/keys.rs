//! Duplicate keys: the first lead with a key wins, every later one is a row error.

use super::coerce::Lead;
use super::error::{RowError, RowPlace, quote_value};
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
    /// Every key seen, end to end.
    text: String,
    /// Per key, in the order first seen.
    seen: Vec<Seen>,
    /// Key hash → the latest key with that hash (earlier ones chain through `previous`).
    /// Keys of the ascending prefix are not in it.
    latest: HashMap<u64, usize, BuildHasherDefault<PassThrough>>,
    /// Keys `0..sorted` arrived in strictly ascending order: a binary search finds them.
    /// Exports are usually sorted by id, so most files never need the hash table.
    sorted: usize,
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
        if self.sorted == self.seen.len() {
            // Still ascending: only the last key can equal this one.
            let last = self.seen.len().checked_sub(1);
            match last.map(|i| (i, key_text(&self.seen, &self.text, i))) {
                Some((i, key)) if key == id => {
                    let first = self.seen.get(i).map_or(place, |s| s.place.get());
                    return Err(self.duplicate(id, place, first));
                }
                Some((_, key)) if key > id => {} // the prefix ends here
                _ => {
                    self.sorted += 1;
                    self.remember(id, place, None);
                    return Ok(());
                }
            }
        }
        if let Some(first) = self.in_sorted_prefix(id) {
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

    /// Where `id` was seen among the ascending keys, if it was.
    fn in_sorted_prefix(&self, id: &str) -> Option<RowPlace> {
        let prefix = self.seen.get(..self.sorted)?;
        let (mut low, mut high) = (0, prefix.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match key_text(prefix, &self.text, middle).cmp(id) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return prefix.get(middle).map(|s| s.place.get()),
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
        place.error(&self.file, Some(&self.key_name), Some(id), message)
    }

    /// How many of the first keys came in strictly ascending order ([`KeyTracker::len`]
    /// when the leads are already sorted by id). Told by the key check itself, which
    /// compares each key with the last one anyway.
    pub fn ascending_prefix(&self) -> usize {
        self.sorted
    }

    /// How many distinct keys were seen.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// True before the first lead.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
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
mod tests {
    use super::*;

    fn hash(key: &str) -> u64 {
        BuildHasherDefault::<KeyHasher>::default().hash_one(key)
    }

    #[test]
    fn keys_with_the_same_hash_are_still_told_apart() {
        let mut keys = KeyTracker::new("id", "f.csv");
        let place = |row| RowPlace {
            row,
            line: None,
            by_line: false,
        };
        for (row, id) in ["a", "b", "", "ab"].iter().enumerate() {
            keys.check_key(id, place(row + 1)).unwrap();
        }
        // Chain all four as if they shared a hash: the text must decide.
        for (index, seen) in keys.seen.iter_mut().enumerate() {
            seen.previous = NonZeroUsize::new(index);
        }
        let find = |id| first_seen(&keys.seen, &keys.text, 3, id);
        assert_eq!(find("a"), Some(place(1)));
        assert_eq!(find("b"), Some(place(2)));
        assert_eq!(find(""), Some(place(3)));
        assert_eq!(find("ab"), Some(place(4)));
        assert_eq!(find("ba"), None);
        assert_eq!(keys.len(), 4);
        let error = keys.check_key("b", place(9)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "f.csv: row 9: field `id`: duplicate key `b` (first seen in row 2)"
        );
    }

    #[test]
    fn similar_keys_hash_apart() {
        let hashes: std::collections::BTreeSet<u64> =
            (0..10_000).map(|i| hash(&format!("L-{i:06}"))).collect();
        assert_eq!(hashes.len(), 10_000);
        assert_ne!(hash(""), hash("\0"));
        assert_ne!(hash("ab"), hash("ba"));
    }

    #[test]
    fn the_ascending_prefix_ends_where_a_key_comes_before_the_last() {
        let mut keys = KeyTracker::new("id", "f.csv");
        let place = RowPlace {
            row: 1,
            line: None,
            by_line: false,
        };
        assert_eq!(keys.ascending_prefix(), 0);
        for id in ["L-1", "L-2", "L-3"] {
            keys.check_key(id, place).unwrap();
        }
        assert_eq!(keys.ascending_prefix(), 3);
        keys.check_key("L-3", place).unwrap_err(); // a duplicate is not remembered
        assert_eq!(keys.ascending_prefix(), 3);
        keys.check_key("L-10", place).unwrap();
        keys.check_key("L-4", place).unwrap();
        assert_eq!((keys.ascending_prefix(), keys.len()), (3, 5));
    }

    #[test]
    fn duplicates_are_found_before_and_after_the_order_breaks() {
        // Ascending runs with repeats, then keys out of order repeating earlier ones:
        // each later copy is an error naming where the first was, as a plain map says.
        let mut rng = crate::test_rng::TestRng::new(11);
        let mut next = |n: u64| rng.below(n);
        for sorted_part in [0, 50, 400] {
            let mut ids: Vec<String> = (0..sorted_part).map(|i| format!("k{i:04}")).collect();
            ids.insert(sorted_part as usize / 2, format!("k{:04}", sorted_part / 2));
            ids.extend((0..400).map(|_| format!("k{:04}", next(600))));
            let mut keys = KeyTracker::new("id", "f.csv");
            let mut plain = std::collections::BTreeMap::new();
            for (row, id) in ids.iter().enumerate() {
                let place = RowPlace {
                    row: row + 1,
                    line: None,
                    by_line: false,
                };
                let expected = plain.get(id).copied();
                match keys.check_key(id, place) {
                    Ok(()) => {
                        assert_eq!(expected, None, "{id} at row {}", row + 1);
                        plain.insert(id.clone(), row + 1);
                    }
                    Err(error) => {
                        let first = expected.expect("a reported duplicate was seen before");
                        assert!(
                            error
                                .to_string()
                                .ends_with(&format!("(first seen in row {first})"))
                        );
                    }
                }
            }
            assert_eq!(keys.len(), plain.len());
        }
    }

    #[test]
    fn places_are_kept_whole_in_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Seen>(), 32);
        for place in [
            RowPlace {
                row: 1,
                line: Some(2),
                by_line: false,
            },
            RowPlace {
                row: 7,
                line: None,
                by_line: true,
            },
            RowPlace {
                row: 0,
                line: Some(0),
                by_line: true,
            },
            RowPlace {
                row: BY_LINE - 1,
                line: Some(usize::MAX - 1),
                by_line: false,
            },
        ] {
            assert_eq!(Place::of(place).get(), place);
        }
    }
}
