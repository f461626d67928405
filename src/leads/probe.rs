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
                        .or_else(|| super::coerce::lookup(object, &path, &path.join("."))),
                    None => super::coerce::lookup(object, &path, &path.join(".")),
                };
                match found {
                    None => Probed::Missing,
                    Some(serde_json::Value::String(text)) if !spec.map.is_empty() => {
                        let value = cell_value(&mapped(text), ty, rules);
                        outcome(text.clone(), value)
                    }
                    Some(json) => {
                        outcome(super::coerce::json_text(json), json_value(json, ty, rules))
                    }
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
mod tests {
    use super::*;
    use crate::leads::{LeadFormat, LeadReader};
    use crate::schema::FieldSpec;
    use crate::value::FieldType;

    fn schema() -> LeadSchema {
        let field = |name: &str, ty| FieldSpec {
            path: name.split('.').map(str::to_string).collect(),
            ty: Some(ty),
            ..FieldSpec::default()
        };
        LeadSchema {
            fields: vec![
                field("id", FieldType::Text),
                field("employees", FieldType::Number),
                field("company.size", FieldType::Number),
            ],
            key: 0,
            declared: true,
        }
    }

    fn raws(text: &str, format: LeadFormat) -> Vec<RawLead> {
        let mut reader =
            LeadReader::from_reader(std::io::Cursor::new(text.to_string()), "t", format).unwrap();
        reader.next_batch(100).unwrap().unwrap()
    }

    #[test]
    fn csv_cells_are_probed_one_field_at_a_time() {
        let rows = raws("id,employees\nL1,12k\nL2,\n", LeadFormat::Csv);
        let mut p = Prober::new(&schema());
        assert_eq!(
            p.probe(&rows[0], 1),
            Probed::Invalid {
                text: "12k".into(),
                reason: "is not a number".into()
            }
        );
        assert_eq!(
            p.probe(&rows[0], 0),
            Probed::Value {
                text: "L1".into(),
                value: Value::Text("L1".into())
            }
        );
        assert_eq!(p.probe(&rows[1], 1), Probed::Missing);
        assert_eq!(p.probe(&rows[1], 2), Probed::Missing);
        assert_eq!(p.probe(&rows[1], 9), Probed::Missing);
    }

    #[test]
    fn nested_json_values_are_found() {
        let rows = raws(
            "{\"id\": 1, \"company\": {\"size\": \"big\"}}\n",
            LeadFormat::JsonLines,
        );
        let mut p = Prober::new(&schema());
        assert!(matches!(p.probe(&rows[0], 2), Probed::Invalid { ref text, .. } if text == "big"));
        assert!(matches!(p.probe(&rows[0], 0), Probed::Value { ref text, .. } if text == "1"));
    }
}
