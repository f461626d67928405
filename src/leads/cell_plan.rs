//! How a slot's CSV cells become values, decided once per file instead of once per
//! cell: the evaluation loop coerces every read cell of every lead, so what can be
//! settled from the field's type and the file's dialect is settled before the first row.
//!
//! Every plan gives exactly the value [`set_cell`] gives (the fast paths try the same
//! plain form `set_cell` tries first and hand anything else to it); the tests below
//! compare the two on plain, export-form, blank and bad cells.

use super::convert::{CellRules, Mismatch, set_cell};
use super::scalar::{parse_bool, parse_date, parse_number};
use crate::value::{FieldType, Value, trim_space};
use chrono::NaiveDate;

/// What to do with one slot's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellPlan {
    /// Not stored: no rule reads the field and no cell can fail to fit it.
    Skip,
    /// Text, copied into the `String` already in the slot.
    Text,
    /// A number in a decimal-point file: plain digits first.
    Number,
    /// A bool: the CSV words (`true`, `No`, `1` …) first.
    Bool,
    /// A date without a format of its own: `YYYY-MM-DD` first.
    Date,
    /// Every other case (money, percent, datetime, lists, untyped fields, decimal-comma
    /// files, date formats): [`set_cell`] itself.
    General,
}

impl CellPlan {
    /// The plan for a field of type `ty` in a file read with `rules`.
    pub(super) fn choose(ty: Option<FieldType>, skip: bool, rules: CellRules<'_>) -> CellPlan {
        if skip {
            return CellPlan::Skip;
        }
        match ty {
            Some(FieldType::Text) => CellPlan::Text,
            Some(FieldType::Number) if !rules.style.decimal_comma => CellPlan::Number,
            Some(FieldType::Bool) => CellPlan::Bool,
            Some(FieldType::Date) if rules.format.is_none() => CellPlan::Date,
            _ => CellPlan::General,
        }
    }
}

/// [`set_cell`] by plan. The plain form of a cell is parsed and stored in place; a
/// cell that is blank or not in the plain form goes to `set_cell`, which decides it
/// the way it always has.
///
/// Why (issue 10, measured with callgrind on 50k starter-program leads): the general
/// path cost ~140 instructions per read cell: a call through `set_cell`'s frame, a
/// `CellRules` built per cell and an out-of-line drop of the old value on every store.
/// Storing into a value of the same variant needs no drop; that is the usual case, as
/// lead after lead fills the same buffers. With the plans (and no map lookup for a
/// field without `map {}`) coercion went from 0.202 G to 0.134 G instructions, the
/// whole run from 0.766 G to 0.699 G (the baseline: 0.500 G).
#[inline]
pub(super) fn write_cell(
    out: &mut Value,
    text: &str,
    plan: CellPlan,
    ty: Option<FieldType>,
    rules: CellRules<'_>,
) -> Result<(), Mismatch> {
    let done = match plan {
        CellPlan::Skip => {
            store_missing(out);
            true
        }
        CellPlan::Text => write_text(out, text),
        CellPlan::Number => parse_number(text).map(|n| store_number(out, n)).is_some(),
        CellPlan::Bool => parse_bool(text).map(|b| store_bool(out, b)).is_some(),
        CellPlan::Date => parse_date(text).map(|d| store_date(out, d)).is_some(),
        CellPlan::General => false,
    };
    if done {
        Ok(())
    } else {
        set_cell(out, text, ty, rules)
    }
}

/// A text cell: blank is missing, anything else is copied into the slot's `String`.
fn write_text(out: &mut Value, text: &str) -> bool {
    if trim_space(text).is_empty() {
        store_missing(out);
        return true;
    }
    match out {
        Value::Text(existing) => {
            existing.clear();
            existing.push_str(text);
        }
        _ => *out = Value::Text(text.to_string()),
    }
    true
}

// The stores below overwrite a value of the same variant in place: no drop glue runs
// (the compiler calls it out of line for `*out = …` on an enum with heap variants).

/// Makes `out` missing.
pub(super) fn store_missing(out: &mut Value) {
    if !out.is_missing() {
        *out = Value::Missing;
    }
}

fn store_number(out: &mut Value, n: f64) {
    match out {
        Value::Number(slot) => *slot = n,
        _ => *out = Value::Number(n),
    }
}

fn store_bool(out: &mut Value, b: bool) {
    match out {
        Value::Bool(slot) => *slot = b,
        _ => *out = Value::Bool(b),
    }
}

fn store_date(out: &mut Value, d: NaiveDate) {
    match out {
        Value::Date(slot) => *slot = d,
        _ => *out = Value::Date(d),
    }
}

#[cfg(test)]
mod tests;
