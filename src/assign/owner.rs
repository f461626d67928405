//! Reading a lead's `owner` value (SPEC 6): the field with the `owner` role, after its
//! `map`, trimmed.

use crate::leads::{RawBody, RawLead};
use std::sync::{Arc, OnceLock};

/// Where the `owner` role is read in a raw record.
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnerField {
    pub(crate) path: Vec<String>,
    pub(crate) column: String,
    pub(crate) map: Vec<(String, String)>,
    /// The owner column's index in the header of the file being read.
    column_index: OnceLock<HeaderColumn>,
}

/// A header and where the owner column is in it (`None`: the file has no such column).
#[derive(Debug, Clone)]
struct HeaderColumn {
    /// Held, so the pointer compared in [`OwnerField::column_in`] cannot be reused by
    /// another header while this one is remembered.
    header: Arc<[String]>,
    index: Option<usize>,
}

impl OwnerField {
    pub(super) fn of(schema: &crate::schema::LeadSchema) -> OwnerField {
        match schema.role_field(crate::schema::Role::Owner) {
            Some(field) => OwnerField {
                path: field.path.clone(),
                column: field.source_name(),
                map: field.map.clone(),
                column_index: OnceLock::new(),
            },
            None => OwnerField {
                path: vec!["owner".into()],
                column: "owner".into(),
                map: Vec::new(),
                column_index: OnceLock::new(),
            },
        }
    }

    /// The lead's `owner` value as read (trimmed, after the field's `map`); `None`
    /// when absent or blank.
    pub(crate) fn value(&self, raw: &RawLead) -> Option<String> {
        let text = match &raw.body {
            RawBody::Csv(row) => {
                let index = self.column_in(row.header())?;
                row.text(index)?.ok()?.trim().to_string()
            }
            RawBody::Object(map) => {
                let value = map.get(&self.column).or_else(|| {
                    let (first, rest) = self.path.split_first()?;
                    rest.iter()
                        .try_fold(map.get(first)?, |v, key| v.as_object()?.get(key))
                })?;
                match value {
                    serde_json::Value::String(s) => s.trim().to_string(),
                    serde_json::Value::Number(n) => n.to_string(),
                    _ => return None,
                }
            }
            RawBody::Unreadable(_) => return None,
        };
        let mapped = self.mapped(text);
        (!mapped.is_empty()).then_some(mapped)
    }

    /// The owner column's index in `header`.
    ///
    /// Plain rule: the position of the column named like the field's source. Looked up
    /// once per file, not once per lead: every row of a CSV file shares its header, so
    /// the first header's answer is kept and reused while the rows point at the same
    /// header (another header is scanned as usual). Scanning a 20-column header per
    /// lead was ~215 instructions a lead with a sales draft (callgrind, 200k leads of
    /// `bench-data`, the starter workspace with members).
    fn column_in(&self, header: &Arc<[String]>) -> Option<usize> {
        let scan = |header: &[String]| header.iter().position(|h| *h == self.column);
        let known = self.column_index.get_or_init(|| HeaderColumn {
            header: Arc::clone(header),
            index: scan(header),
        });
        if Arc::ptr_eq(&known.header, header) {
            known.index
        } else {
            scan(header)
        }
    }

    /// The value after the field's `map` (its keys match in any case).
    fn mapped(&self, text: String) -> String {
        if self.map.is_empty() {
            return text;
        }
        let wanted = text.to_lowercase();
        self.map
            .iter()
            .find(|(from, _)| from.trim().to_lowercase() == wanted)
            .map_or(text, |(_, to)| to.trim().to_string())
    }
}

#[cfg(test)]
mod tests;
