//! A lead as the engine evaluates it: its id, row, typed values and the record as read.

use super::raw::RawLead;
use crate::schema::LeadSchema;
use crate::value::Value;

/// A lead ready for evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// The key field's value as text (`L-001`; numbers without `.0`; trimmed).
    pub id: String,
    /// 1-based data-row number.
    pub row: usize,
    /// One value per schema slot, in slot order.
    pub values: Vec<Value>,
    /// The record as read, for [`Lead::all_fields`].
    pub raw: RawLead,
}

impl Lead {
    /// The value of a slot ([`Value::Missing`] for a slot the schema does not have).
    pub fn value(&self, slot: usize) -> &Value {
        self.values.get(slot).unwrap_or(&Value::Missing)
    }

    /// Every field of the record, for templates (see [`RawLead::all_fields`]).
    pub fn all_fields(&self) -> serde_json::Map<String, serde_json::Value> {
        self.raw.all_fields()
    }

    /// What a template's `lead` holds (see [`RawLead::template_fields`]).
    pub fn template_fields(
        &self,
        schema: &LeadSchema,
    ) -> serde_json::Map<String, serde_json::Value> {
        self.raw.template_fields(schema)
    }
}
