//! One schema slot as a file reads it: its column, type, strictness and cell plan.

use super::cell_plan::CellPlan;
use super::coerce::FileRules;
use super::convert::CellRules;
use crate::schema::FieldSpec;
use crate::value::FieldType;

/// One schema slot, resolved.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub(super) spec: FieldSpec,
    pub(super) path: Vec<String>,
    /// The dotted name, for messages.
    pub(super) dotted: String,
    /// The CSV column / flat JSON key it is read from (`from "…"`, else `dotted`).
    pub(super) source: String,
    pub(super) ty: Option<FieldType>,
    /// A bad value leaves the lead out (the key, a `required` field) instead of
    /// becoming missing.
    pub(super) strict: bool,
    pub(super) required: bool,
    /// The CSV column holding this slot, when the header has it.
    pub(super) column: Option<usize>,
    /// No rule reads it and no CSV cell can fail to fit it (text or untyped, not
    /// required): a CSV cell is only checked to be UTF-8, not stored.
    pub(super) skip: bool,
    /// How its CSV cells are read (from `ty`, `skip` and the file's rules; see
    /// `Coercer::plan_cells`).
    pub(super) plan: CellPlan,
}

impl Slot {
    /// The cell after the field's `map { … }` (keys compare like text: case and outer
    /// white space ignored).
    /// Inline, with the common no-map case answered here: this runs on every cell, and
    /// the out-of-line call alone cost 2% of a starter run's instructions (callgrind).
    #[inline]
    pub(super) fn mapped<'t>(&'t self, text: &'t str) -> &'t str {
        if self.spec.map.is_empty() {
            return text;
        }
        self.spec.mapped(text).unwrap_or(text)
    }

    pub(super) fn rules(&self, file: FileRules) -> CellRules<'_> {
        CellRules {
            style: file.style,
            order: file.order,
            format: self.spec.format.as_deref(),
        }
    }
}
