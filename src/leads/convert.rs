//! One value to a [`Value`] of a declared type (or by look): from a CSV cell, or from a
//! JSON/YAML value. The rules of SPEC 3.1.

use super::dates::{DateOrder, date_in, datetime_in};
use super::scalar::{parse_date, parse_number, scalar_by_look, split_list};
use super::tolerant::{NumberStyle, bool_wide, money_in, number_in, percent_in};
use crate::value::trim_space;
use crate::value::{FieldType, Value};
use serde_json::Value as Json;

/// Why a value does not fit its declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mismatch {
    /// Text that does not read as the type.
    NotA(FieldType),
    /// A JSON/YAML value of a shape the type cannot take (a list for a number …).
    WrongShape(&'static str, FieldType),
}

impl Mismatch {
    /// The message after the quoted value: "is not a number".
    pub(super) fn describe(self) -> String {
        match self {
            Mismatch::NotA(FieldType::Bool) => {
                "is not a bool (use true/false, yes/no, y/n, 1/0 or checked/unchecked)".to_string()
            }
            Mismatch::NotA(FieldType::Date | FieldType::DateTime) => {
                "is not a date (use YYYY-MM-DD, 20.11.2026, 11/20/2026 or a `date \"FORMAT\"`)"
                    .to_string()
            }
            Mismatch::NotA(ty) => format!("is not {}", with_article(ty)),
            Mismatch::WrongShape(shape, ty) => format!("is {shape}, not {}", with_article(ty)),
        }
    }
}

fn with_article(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "text",
        FieldType::Number => "a number",
        FieldType::Money => "money",
        FieldType::Percent => "a percentage",
        FieldType::Bool => "a bool",
        FieldType::Date | FieldType::DateTime => "a date",
        FieldType::List => "a list",
    }
}

/// How a file writes numbers and dates (its dialect), plus a field's own date format.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CellRules<'a> {
    pub(super) style: NumberStyle,
    pub(super) order: DateOrder,
    pub(super) format: Option<&'a str>,
}

/// A CSV cell: blank is missing whatever the type; otherwise the type's rule.
pub(super) fn cell_value(
    text: &str,
    ty: Option<FieldType>,
    rules: CellRules<'_>,
) -> Result<Value, Mismatch> {
    let mut value = Value::Missing;
    set_cell(&mut value, text, ty, rules)?;
    Ok(value)
}

/// [`cell_value`] written into `out`, reusing the `String` of a text value already there
/// (the evaluation loop coerces lead after lead into the same buffers). The plain form
/// of each type is tried first; the export forms (SPEC 5) only when it fails.
pub(super) fn set_cell(
    out: &mut Value,
    text: &str,
    ty: Option<FieldType>,
    rules: CellRules<'_>,
) -> Result<(), Mismatch> {
    if trim_space(text).is_empty() {
        *out = Value::Missing;
        return Ok(());
    }
    let Some(ty) = ty else {
        match scalar_by_look(text) {
            Some(value) => *out = value,
            None => set_text(out, text),
        }
        return Ok(());
    };
    let fail = Mismatch::NotA(ty);
    *out = match ty {
        FieldType::Text => {
            set_text(out, text);
            return Ok(());
        }
        FieldType::Number => number_cell(text, rules.style).ok_or(fail)?,
        FieldType::Money => money_in(text, rules.style).map(Value::Number).ok_or(fail)?,
        FieldType::Percent => percent_in(text, rules.style)
            .map(Value::Number)
            .ok_or(fail)?,
        FieldType::Bool => bool_wide(text).map(Value::Bool).ok_or(fail)?,
        FieldType::Date => date_cell(text, rules).ok_or(fail)?,
        FieldType::DateTime => datetime_in(text, rules.order, rules.format)
            .map(Value::DateTime)
            .ok_or(fail)?,
        FieldType::List => Value::List(split_list(text)),
    };
    Ok(())
}

fn number_cell(text: &str, style: NumberStyle) -> Option<Value> {
    let plain = if style.decimal_comma {
        None
    } else {
        parse_number(text)
    };
    plain.or_else(|| number_in(text, style)).map(Value::Number)
}

fn date_cell(text: &str, rules: CellRules<'_>) -> Option<Value> {
    let plain = match rules.format {
        None => parse_date(text),
        Some(_) => None,
    };
    plain
        .or_else(|| date_in(text, rules.order, rules.format))
        .map(Value::Date)
}

fn set_text(out: &mut Value, text: &str) {
    if let Value::Text(existing) = out {
        existing.clear();
        existing.push_str(text);
    } else {
        *out = Value::Text(text.to_string());
    }
}

/// A JSON/YAML value: native types map directly, strings follow the CSV rules.
pub(super) fn json_value(
    value: &Json,
    ty: Option<FieldType>,
    rules: CellRules<'_>,
) -> Result<Value, Mismatch> {
    match (value, ty) {
        (Json::Null, _) => Ok(Value::Missing),
        (Json::String(text), Some(ty)) => cell_value(text, Some(ty), rules),
        (_, None) => Ok(json_by_look(value)),
        (Json::Bool(b), Some(FieldType::Bool)) => Ok(Value::Bool(*b)),
        (Json::Number(n), Some(FieldType::Number | FieldType::Money | FieldType::Percent)) => {
            number(n)
                .map(Value::Number)
                .ok_or(Mismatch::NotA(FieldType::Number))
        }
        (Json::Number(n), Some(FieldType::Bool)) => number_as_bool(n)
            .map(Value::Bool)
            .ok_or(Mismatch::NotA(FieldType::Bool)),
        (Json::Number(n), Some(FieldType::Text)) => Ok(Value::Text(n.to_string())),
        (Json::Bool(b), Some(FieldType::Text)) => Ok(Value::Text(b.to_string())),
        (Json::Array(items), Some(FieldType::List)) => Ok(Value::List(list_items(items))),
        (Json::Number(_) | Json::Bool(_), Some(FieldType::List)) => {
            Ok(Value::List(vec![json_by_look(value)]))
        }
        (other, Some(ty)) => Err(Mismatch::WrongShape(shape(other), ty)),
    }
}

/// Typing by look for JSON: numbers, bools and arrays are what they are; strings are
/// text unless they look like a date (JSON has no date type); a nested object, which
/// no comparison can use, is kept as its JSON text.
fn json_by_look(value: &Json) -> Value {
    match value {
        Json::Null => Value::Missing,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => number(n).map_or(Value::Missing, Value::Number),
        Json::String(text) if text.trim().is_empty() => Value::Missing,
        Json::String(text) => {
            parse_date(text).map_or_else(|| Value::Text(text.clone()), Value::Date)
        }
        Json::Array(items) => Value::List(list_items(items)),
        Json::Object(_) => Value::Text(value.to_string()),
    }
}

/// List items by look; nulls are dropped like empty CSV list items.
fn list_items(items: &[Json]) -> Vec<Value> {
    items
        .iter()
        .map(json_by_look)
        .filter(|v| !v.is_missing())
        .collect()
}

fn number(n: &serde_json::Number) -> Option<f64> {
    n.as_f64().filter(|f| f.is_finite())
}

fn number_as_bool(n: &serde_json::Number) -> Option<bool> {
    let n = number(n)?;
    if n == 1.0 {
        Some(true)
    } else if n == 0.0 {
        Some(false)
    } else {
        None
    }
}

fn shape(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a bool",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}
