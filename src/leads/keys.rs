//! Duplicate keys: the first lead with a key wins, every later one is a row error.

use super::coerce::Lead;
use super::error::{RowError, RowPlace, quote_value};
use std::collections::HashMap;

/// Remembers every key seen (and its row) in one run. Its memory grows with the number
/// of distinct keys: the one per-lead cost that duplicate detection cannot avoid.
#[derive(Debug, Clone, Default)]
pub struct KeyTracker {
    first_places: HashMap<Box<str>, RowPlace>,
    key_name: String,
    file: String,
}

impl KeyTracker {
    /// A tracker for one file; `key_name` is the key field's name for messages.
    pub fn new(key_name: &str, file: &str) -> KeyTracker {
        KeyTracker {
            first_places: HashMap::new(),
            key_name: key_name.to_string(),
            file: file.to_string(),
        }
    }

    /// Records the lead's key; a key seen before is an error for this (the later) lead.
    pub fn check(&mut self, lead: &Lead) -> Result<(), RowError> {
        if let Some(first) = self.first_places.get(lead.id.as_str()) {
            let message = format!(
                "duplicate key {} (first seen in {})",
                quote_value(&lead.id),
                describe(first)
            );
            return Err(lead.raw.place.error(
                &self.file,
                Some(&self.key_name),
                Some(&lead.id),
                message,
            ));
        }
        self.first_places
            .insert(lead.id.as_str().into(), lead.raw.place);
        Ok(())
    }

    /// How many distinct keys were seen.
    pub fn len(&self) -> usize {
        self.first_places.len()
    }

    /// True before the first lead.
    pub fn is_empty(&self) -> bool {
        self.first_places.is_empty()
    }
}

/// `row 3`, or `line 5` where errors name lines.
fn describe(place: &RowPlace) -> String {
    match (place.by_line, place.line) {
        (true, Some(line)) => format!("line {line}"),
        _ => format!("row {}", place.row),
    }
}
