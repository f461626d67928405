//! Coercion: a raw record becomes a [`Lead`] whose `values` follow the schema's slots.
//! The [`Coercer`] resolves each slot to a CSV column once, so the per-lead work is an
//! index, a parse and (for text) one allocation per slot the program uses.

use super::bad_cell::BadCell;
use super::cell_plan::{CellPlan, store_missing, write_cell};
use super::coerce_errors::check_row_width;
use super::convert::{Mismatch, json_value};
use super::csv_rows::CsvRow;
use super::dates::DateOrder;
use super::error::{RowError, RowPlace};
use super::json_lookup::{json_text, lookup};
use super::lead::Lead;
use super::raw::{RawBody, RawLead};
use super::reader::LeadReader;
use super::slot::Slot;
use super::tolerant::NumberStyle;
use crate::schema::LeadSchema;
use crate::value::{FieldType, Value, format_number};
use std::sync::Arc;

/// How the file writes numbers and dates (from its dialect).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileRules {
    /// Decimal point or decimal comma.
    pub style: NumberStyle,
    /// `mdy` or `dmy` for slashed dates.
    pub order: DateOrder,
}

/// Turns raw records into leads for one schema and one file. Shareable across threads.
#[derive(Debug, Clone)]
pub struct Coercer {
    slots: Vec<Slot>,
    key: usize,
    rules: FileRules,
    file: String,
    /// The header the CSV columns were resolved against (a record with another header
    /// is resolved afresh). Records share their reader's header, so when this is that
    /// same `Arc` a pointer compare settles it without comparing names on every row.
    columns: Option<Arc<[String]>>,
}

impl Coercer {
    /// Resolves the schema against a CSV header (`columns`, from
    /// [`LeadReader::columns`](super::LeadReader::columns)); pass `None` for JSON and YAML.
    /// `file` is the display name used in row errors.
    pub fn new(schema: &LeadSchema, columns: Option<&[String]>, file: &str) -> Coercer {
        let slots = schema
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let source = field.source_name();
                let column = columns.and_then(|names| names.iter().position(|n| *n == source));
                Slot {
                    spec: field.clone(),
                    path: field.path.clone(),
                    dotted: field.display_name(),
                    source,
                    ty: field.ty,
                    strict: field.required || index == schema.key,
                    required: field.required,
                    column,
                    skip: false,
                    plan: CellPlan::General,
                }
            })
            .collect();
        Coercer {
            slots,
            key: schema.key,
            rules: FileRules::default(),
            file: file.to_string(),
            columns: columns.map(Arc::from),
        }
        .plan_cells()
    }

    /// Settles each slot's [`CellPlan`]; called whenever what it depends on changes.
    fn plan_cells(mut self) -> Coercer {
        let rules = self.rules;
        for slot in &mut self.slots {
            slot.plan = CellPlan::choose(slot.ty, slot.skip, slot.rules(rules));
        }
        self
    }

    /// Like [`Coercer::new`] for the file a reader reads, sharing its header: the fast
    /// way for a whole file.
    pub fn for_reader(schema: &LeadSchema, reader: &LeadReader) -> Coercer {
        let header = reader.header();
        let mut coercer = Coercer::new(schema, header.as_deref(), reader.display_name());
        coercer.columns = header;
        coercer.rules = reader.rules();
        coercer.plan_cells()
    }

    /// The same coercer reading numbers and dates the way `rules` say.
    pub(crate) fn with_rules(mut self, rules: FileRules) -> Coercer {
        self.rules = rules;
        self.plan_cells()
    }

    /// Stops storing CSV cells no rule reads (`read[slot]` false, see
    /// [`Program::slots_read`](crate::program::Program::slots_read)) when they cannot be
    /// row errors: text and untyped fields that are not required. Row errors stay
    /// exactly those of a full coercion; the skipped values are left missing.
    pub fn skipping_unread(mut self, read: &[bool]) -> Coercer {
        for (index, slot) in self.slots.iter_mut().enumerate() {
            // A typed cell no rule reads is still read: a bad one is reported.
            let cannot_fail = !slot.required
                && matches!(slot.ty, None | Some(FieldType::Text))
                && slot.spec.role.is_none();
            slot.skip =
                cannot_fail && !read.get(index).copied().unwrap_or(true) && index != self.key;
        }
        self.plan_cells()
    }

    /// The display name of the key field.
    pub fn key_name(&self) -> &str {
        self.slots.get(self.key).map_or("id", |s| s.dotted.as_str())
    }

    /// The file's display name.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Coerces one record. Takes it by value so the lead keeps it without a copy.
    /// Bad cells become missing values and are not reported: see
    /// [`Coercer::coerce_reporting`].
    pub fn coerce(&self, raw: RawLead) -> Result<Lead, RowError> {
        self.coerce_reporting(raw).map(|(lead, _)| lead)
    }

    /// [`Coercer::coerce`], with the values that did not fit their type (now missing).
    pub fn coerce_reporting(&self, raw: RawLead) -> Result<(Lead, Vec<BadCell>), RowError> {
        let mut values = Vec::with_capacity(self.slots.len());
        let mut id = String::new();
        let mut bad = Vec::new();
        self.coerce_into(&raw, &mut values, &mut id, &mut bad)?;
        let lead = Lead {
            id,
            row: raw.place.row,
            values,
            raw,
        };
        Ok((lead, bad))
    }

    /// Coerces one record into buffers the caller reuses from lead to lead: `values`
    /// gets one value per slot, `id` the key. Text is written into the `String`s
    /// already in `values`, so once warm a CSV lead costs no allocation at all: the
    /// fast path for evaluating leads that are not kept. A value that does not fit its
    /// type is left missing and pushed to `bad`; on error the buffers hold partial values.
    pub fn coerce_into(
        &self,
        raw: &RawLead,
        values: &mut Vec<Value>,
        id: &mut String,
        bad: &mut Vec<BadCell>,
    ) -> Result<(), RowError> {
        values.resize_with(self.slots.len(), Value::default);
        match &raw.body {
            RawBody::Csv(row) if self.resolved_for(row.header()) => {
                self.csv_values(row, raw.place, values, bad)?;
            }
            RawBody::Csv(row) => {
                // Only reached when a caller mixes files; correctness over speed.
                let other = Coercer::new(&self.schema(), Some(row.header()), &self.file)
                    .with_rules(self.rules);
                return other.coerce_into(raw, values, id, bad);
            }
            RawBody::Object(object) => self.object_values(object, raw.place, values, bad)?,
            RawBody::Unreadable(error) => return Err(error.as_ref().clone()),
        }
        self.write_id(values, raw.place, id)
    }

    fn resolved_for(&self, header: &Arc<[String]>) -> bool {
        match &self.columns {
            Some(columns) => Arc::ptr_eq(columns, header) || columns[..] == header[..],
            None => false,
        }
    }

    fn csv_values(
        &self,
        row: &CsvRow,
        place: RowPlace,
        values: &mut [Value],
        bad: &mut Vec<BadCell>,
    ) -> Result<(), RowError> {
        check_row_width(row, place, &self.file)?;
        let cells = row.texts();
        for (slot, out) in self.slots.iter().zip(values.iter_mut()) {
            match slot.column.and_then(|i| cells.get(i)) {
                Some(cell) => {
                    let text =
                        slot.mapped(cell.map_err(|bytes| self.not_utf8(slot, bytes, place))?);
                    let rules = slot.rules(self.rules);
                    if let Err(mismatch) = write_cell(out, text, slot.plan, slot.ty, rules) {
                        self.bad_value(slot, text, mismatch, place, bad)?;
                        store_missing(out);
                    }
                    if slot.plan == CellPlan::Skip {
                        continue;
                    }
                }
                None => store_missing(out),
            }
            if slot.required && out.is_missing() {
                return Err(self.required_missing(slot, place));
            }
        }
        Ok(())
    }

    fn object_values(
        &self,
        object: &serde_json::Map<String, serde_json::Value>,
        place: RowPlace,
        values: &mut [Value],
        bad: &mut Vec<BadCell>,
    ) -> Result<(), RowError> {
        for (slot, out) in self.slots.iter().zip(values.iter_mut()) {
            // A mapped field reads its column; a record that names the field itself
            // (a test case, a JSON export made for leadplay) works too.
            let found = match &slot.spec.column {
                Some(column) => object
                    .get(column)
                    .or_else(|| lookup(object, &slot.path, &slot.dotted)),
                None => lookup(object, &slot.path, &slot.dotted),
            };
            *out = match found {
                Some(serde_json::Value::String(text)) if !slot.spec.map.is_empty() => {
                    let mapped = serde_json::Value::String(slot.mapped(text).to_string());
                    self.json_cell(slot, &mapped, place, bad)?
                }
                Some(json) => self.json_cell(slot, json, place, bad)?,
                None => Value::Missing,
            };
            if slot.required && out.is_missing() {
                return Err(self.required_missing(slot, place));
            }
        }
        Ok(())
    }

    fn json_cell(
        &self,
        slot: &Slot,
        json: &serde_json::Value,
        place: RowPlace,
        bad: &mut Vec<BadCell>,
    ) -> Result<Value, RowError> {
        match json_value(json, slot.ty, slot.rules(self.rules)) {
            Ok(value) => Ok(value),
            Err(mismatch) => {
                self.bad_value(slot, &json_text(json), mismatch, place, bad)?;
                Ok(Value::Missing)
            }
        }
    }

    /// A value that does not fit: a row error for the key or a `required` field, else
    /// a [`BadCell`] (the caller leaves the value missing).
    #[cold]
    #[inline(never)]
    fn bad_value(
        &self,
        slot: &Slot,
        shown: &str,
        mismatch: Mismatch,
        place: RowPlace,
        bad: &mut Vec<BadCell>,
    ) -> Result<(), RowError> {
        if slot.strict {
            return Err(self.mismatch(slot, shown, mismatch, place));
        }
        let names = (slot.dotted.as_str(), slot.source.as_str());
        bad.push(BadCell::new(
            place,
            &self.file,
            names,
            shown,
            &mismatch.describe(),
        ));
        Ok(())
    }

    /// The key as text: trimmed, numbers without `.0`.
    fn write_id(&self, values: &[Value], place: RowPlace, id: &mut String) -> Result<(), RowError> {
        id.clear();
        match values.get(self.key) {
            Some(Value::Text(text)) => id.push_str(text.trim()),
            Some(Value::Number(n)) => id.push_str(&format_number(*n)),
            Some(Value::List(_)) => {
                return Err(self.key_error(place, "the key is a list; a key is one value"));
            }
            Some(Value::Missing) | None => return Err(self.key_error(place, "the key is missing")),
            Some(other) => id.push_str(&other.to_string()),
        }
        Ok(())
    }

    /// The schema back from the resolved slots (for records of another header).
    fn schema(&self) -> LeadSchema {
        LeadSchema {
            fields: self.slots.iter().map(|s| s.spec.clone()).collect(),
            key: self.key,
            declared: self.slots.iter().any(|s| s.ty.is_some()),
        }
    }
}

/// Coerces one record without a prepared [`Coercer`] (resolves the schema each call).
#[cfg(test)]
pub fn coerce(schema: &LeadSchema, raw: RawLead, file: &str) -> Result<Lead, RowError> {
    let columns = raw.columns().map(<[String]>::to_vec);
    Coercer::new(schema, columns.as_deref(), file).coerce(raw)
}
