//! Records as read, before coercion: cheap to make (a CSV row is a slice of a shared
//! chunk), kept on the [`Lead`](super::Lead) so templates can see every column.

use super::csv_rows::CsvRow;
use super::error::{RowError, RowPlace};
use super::scalar::json_by_look;
use crate::schema::{FieldSpec, LeadSchema};

/// One record of a leads file, not yet coerced.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLead {
    /// Where the record sits in its file.
    pub(crate) place: RowPlace,
    /// The record itself.
    pub(crate) body: RawBody,
}

/// The content of a [`RawLead`].
#[derive(Debug, Clone, PartialEq)]
pub enum RawBody {
    /// A CSV row (with the file's header).
    Csv(CsvRow),
    /// A JSON / JSON Lines / YAML object.
    Object(serde_json::Map<String, serde_json::Value>),
    /// A record that could not be read (a JSON line that does not parse, an array
    /// element that is not an object): coercion reports this error.
    Unreadable(Box<RowError>),
}

impl RawLead {
    /// Every field of the record, for templates: CSV cells typed by look (numbers as
    /// numbers unless they have leading zeros, `true`/`false` as bools, everything
    /// else, dates included, as strings; bytes that are not UTF-8 shown as `�`); JSON
    /// and YAML values as they are. When a CSV header repeats a name, the first column
    /// wins. Empty cells, nulls and blank texts are left out: a missing value is
    /// undefined in a template, so `default(…)` covers it and a draft never greets
    /// someone as "Hi none,".
    pub fn all_fields(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut fields = self.fields_as_read();
        fields.retain(|_, value| !is_missing(value));
        fields
    }

    fn fields_as_read(&self) -> serde_json::Map<String, serde_json::Value> {
        match &self.body {
            RawBody::Csv(row) => {
                let mut fields = serde_json::Map::new();
                for (index, name) in row.header().iter().enumerate() {
                    if fields.contains_key(name) {
                        continue;
                    }
                    let value = row.get(index).map_or(serde_json::Value::Null, |cell| {
                        json_by_look(&String::from_utf8_lossy(cell))
                    });
                    fields.insert(name.clone(), value);
                }
                fields
            }
            RawBody::Object(object) => object.clone(),
            RawBody::Unreadable(_) => serde_json::Map::new(),
        }
    }

    /// [`RawLead::all_fields`] plus, for every field of `schema` that names its column
    /// (`from "…"`) or rewrites values (`map { … }`), the value under the field's own
    /// name, rewritten: so `lead.address` works beside `lead["Email"]`.
    pub fn template_fields(
        &self,
        schema: &LeadSchema,
    ) -> serde_json::Map<String, serde_json::Value> {
        let mut fields = self.all_fields();
        for field in &schema.fields {
            if field.column.is_none() && field.map.is_empty() {
                continue;
            }
            let source = field.source_name();
            let value = match fields.get(&source) {
                Some(value) => mapped_json(value, field),
                None => continue,
            };
            fields.insert(field.display_name(), value);
        }
        fields
    }

    /// The CSV header this record was read with (`None` for JSON and YAML records).
    pub fn columns(&self) -> Option<&[String]> {
        match &self.body {
            RawBody::Csv(row) => Some(row.header()),
            _ => None,
        }
    }
}

/// Null, or text with nothing but spaces: what a CRM export writes for "no value".
fn is_missing(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// A value after a field's `map { … }`. A rewritten value is typed by look, as CSV
/// cells are.
fn mapped_json(value: &serde_json::Value, field: &FieldSpec) -> serde_json::Value {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => return serde_json::Value::Null,
        other => other.to_string(),
    };
    field
        .mapped(&text)
        .map_or_else(|| value.clone(), json_by_look)
}

#[cfg(test)]
mod tests;
