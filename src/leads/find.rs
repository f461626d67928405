//! Finding leads by id in a leads file: `explain LEAD_ID`, the tier rules of the leads
//! `diff` shows moving, the examples `watch` names. One read that stops as soon as every
//! wanted id is found; the first record with an id wins, as in a run.
//!
//! Only records whose key cell may hold a wanted id are coerced ([`may_be_one_of`]), so
//! looking a few leads up in a large export costs a parse, not a coercion of every row.

use super::for_each_raw_batch;
use super::{Coercer, Lead, LeadReader, LeadsError, RawBody, RawLead, RowError};
use crate::schema::LeadSchema;
use std::collections::BTreeSet;
use std::ops::ControlFlow;

/// What a lookup saw besides the leads it found.
#[derive(Debug, Default)]
pub struct Lookup {
    /// Ids that differ from a wanted one only in case or surrounding blanks, in file
    /// order: what the user may have meant.
    pub near: Vec<String>,
    /// Row errors of records that might have been a wanted lead (their key cell could
    /// not rule it out).
    pub errors: Vec<RowError>,
}

/// Reads `reader` until every id in `wanted` is found, handing each found lead to
/// `on_found` (in file order, each id once).
pub fn find_leads(
    reader: LeadReader,
    schema: &LeadSchema,
    mut wanted: BTreeSet<String>,
    mut on_found: impl FnMut(Lead),
) -> Result<Lookup, LeadsError> {
    let mut lookup = Lookup::default();
    if wanted.is_empty() {
        return Ok(lookup);
    }
    let asked = wanted.clone();
    let folded: BTreeSet<String> = wanted.iter().map(|id| fold(id)).collect();
    let coercer = Coercer::for_reader(schema, &reader);
    let key = coercer.key_name().to_string();
    for_each_raw_batch(reader, |raws| {
        let candidates = raws.into_iter().filter(|r| may_be_one_of(r, &key, &folded));
        for raw in candidates {
            match coercer.coerce(raw) {
                Ok(lead) if wanted.remove(&lead.id) => on_found(lead),
                // A later copy of a found id is no near miss.
                Ok(lead) if asked.contains(&lead.id) => {}
                Ok(lead) if folded.contains(&fold(&lead.id)) => lookup.near.push(lead.id),
                Ok(_) => {}
                Err(error) => lookup.errors.push(error),
            }
            if wanted.is_empty() {
                break;
            }
        }
        if wanted.is_empty() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(lookup)
}

/// How ids are compared for a near miss: blanks around trimmed, ASCII case folded.
fn fold(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

/// Whether the record's id may be one of `folded` (wanted ids passed through [`fold`]),
/// judged from its key cell as written: text that folds to none of them is a no;
/// anything coercion might turn into a wanted id (a number, which loses a `.0`; a
/// nested or missing key; bytes that are not UTF-8; a record that cannot be read, whose
/// row error the caller may report) is a maybe, and coercion decides.
fn may_be_one_of(raw: &RawLead, key: &str, folded: &BTreeSet<String>) -> bool {
    let cell = match &raw.body {
        RawBody::Csv(row) => {
            let Some(index) = row.header().iter().position(|name| name == key) else {
                return true;
            };
            match row.get(index).map(std::str::from_utf8) {
                Some(Ok(text)) => text,
                _ => return true,
            }
        }
        RawBody::Object(object) => match object.get(key) {
            Some(serde_json::Value::String(text)) => text.as_str(),
            _ => return true,
        },
        RawBody::Unreadable(_) => return true,
    };
    folded.contains(&fold(cell)) || cell.trim().parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests;
