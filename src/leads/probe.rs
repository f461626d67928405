//! One field of one raw record at a time, without coercing the whole record: what a
//! data-quality report needs (a record with a bad value is still counted for every
//! other field, and every bad value is seen, not just the first of its row).

use super::coerce::FileRules;
use super::convert::{CellRules, cell_value, json_value};
use super::raw::{RawBody, RawLead};
use crate::schema::LeadSchema;
use crate::value::Value;

/// What one field of one record holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Probed {
    /// Absent, null or blank.
    Missing,
    /// A value that fits the field's type: its text as written, and the value.
    Value {
        /// As written (a JSON non-string as compact JSON).
        text: String,
        /// Coerced.
        value: Value,
    },
    /// A value that does not fit the declared type.
    Invalid {
        /// As written.
        text: String,
        /// Why, as a row error words it (``is not a number``).
        reason: String,
    },
    /// The record could not be read at all.
    Unreadable,
}

/// Reads single fields of the records of one file against a schema; the CSV columns
/// are resolved once per header.
#[derive(Debug, Clone)]
pub struct Prober {
    schema: LeadSchema,
    header: Option<std::sync::Arc<[String]>>,
    columns: Vec<Option<usize>>,
    rules: FileRules,
}

impl Prober {
    /// A prober for a schema.
    pub fn new(schema: &LeadSchema) -> Prober {
        Prober {
            schema: schema.clone(),
            header: None,
            columns: Vec::new(),
            rules: FileRules::default(),
        }
    }

    /// Reads numbers and dates the way the file's dialect says.
    pub fn with_rules(mut self, rules: FileRules) -> Prober {
        self.rules = rules;
        self
    }

    /// Field `slot` of `raw` (a slot the schema does not have is missing).
    pub fn probe(&mut self, raw: &RawLead, slot: usize) -> Probed {
        let Some(field) = self.schema.fields.get(slot) else {
            return Probed::Missing;
        };
        let ty = field.ty;
        let (format, column, path) = (
            field.format.clone(),
            field.column.clone(),
            field.path.clone(),
        );
        let spec = field.clone();
        let mapped = |text: &str| -> String { spec.mapped(text).unwrap_or(text).to_string() };
        let rules = CellRules {
            style: self.rules.style,
            order: self.rules.order,
            format: format.as_deref(),
        };
        match &raw.body {
            RawBody::Unreadable(_) => Probed::Unreadable,
            RawBody::Csv(row) => {
                self.resolve(row.header());
                let cell = self
                    .columns
                    .get(slot)
                    .copied()
                    .flatten()
                    .and_then(|i| row.get(i));
                match cell {
                    None => Probed::Missing,
                    Some(bytes) => match std::str::from_utf8(bytes) {
                        Ok(text) => {
                            let value = cell_value(&mapped(text), ty, rules);
                            outcome(text.to_string(), value)
                        }
                        Err(_) => Probed::Invalid {
                            text: String::from_utf8_lossy(bytes).into_owned(),
                            reason: "is not valid UTF-8".to_string(),
                        },
                    },
                }
            }
            RawBody::Object(object) => {
                let found = match &column {
                    Some(column) => object
                        .get(column)
                        .or_else(|| super::json_lookup::lookup(object, &path, &path.join("."))),
                    None => super::json_lookup::lookup(object, &path, &path.join(".")),
                };
                match found {
                    None => Probed::Missing,
                    Some(serde_json::Value::String(text)) if !spec.map.is_empty() => {
                        let value = cell_value(&mapped(text), ty, rules);
                        outcome(text.clone(), value)
                    }
                    Some(json) => outcome(
                        super::json_lookup::json_text(json),
                        json_value(json, ty, rules),
                    ),
                }
            }
        }
    }

    fn resolve(&mut self, header: &std::sync::Arc<[String]>) {
        if self
            .header
            .as_ref()
            .is_some_and(|h| std::sync::Arc::ptr_eq(h, header) || h[..] == header[..])
        {
            return;
        }
        self.columns = self
            .schema
            .fields
            .iter()
            .map(|f| {
                let source = f.source_name();
                header.iter().position(|n| *n == source)
            })
            .collect();
        self.header = Some(header.clone());
    }
}

fn outcome(text: String, coerced: Result<Value, super::convert::Mismatch>) -> Probed {
    match coerced {
        Ok(Value::Missing) => Probed::Missing,
        Ok(value) => Probed::Value { text, value },
        Err(m) => Probed::Invalid {
            text,
            reason: m.describe(),
        },
    }
}

#[cfg(test)]
mod tests;
