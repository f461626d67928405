//! The values a lead's fields hold, and the types a `fields` block declares.

use chrono::{NaiveDate, NaiveDateTime};
use std::fmt;

/// A field type from a `fields` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Free text.
    Text,
    /// A decimal number (CSV also accepts `1,200`, `1 200`, a decimal comma).
    Number,
    /// A number with an optional currency (`$4,500,000`, `USD 1,200.00`): the number.
    Money,
    /// A number with an optional `%` (`45%` → 45).
    Percent,
    /// true / false (CSV also accepts yes/no/y/n/1/0).
    Bool,
    /// A calendar date.
    Date,
    /// A date and time of day (no offset: the workspace's zone; with one: converted to UTC).
    DateTime,
    /// A list of values (CSV cells split on `;`).
    List,
}

impl FieldType {
    /// Parses a type name as written in a `fields` block.
    pub fn from_name(name: &str) -> Option<FieldType> {
        Some(match name {
            "text" => FieldType::Text,
            "number" => FieldType::Number,
            "money" => FieldType::Money,
            "percent" => FieldType::Percent,
            "bool" => FieldType::Bool,
            "date" => FieldType::Date,
            "datetime" => FieldType::DateTime,
            "list" => FieldType::List,
            _ => return None,
        })
    }

    /// All type names, for "did you mean" help.
    pub const NAMES: [&'static str; 8] = [
        "text", "number", "money", "percent", "bool", "date", "datetime", "list",
    ];

    /// The type expressions see: money and percent are numbers; a datetime compares
    /// and counts days as a date does.
    pub fn value_type(self) -> FieldType {
        match self {
            FieldType::Money | FieldType::Percent => FieldType::Number,
            FieldType::DateTime => FieldType::Date,
            other => other,
        }
    }

    /// The name as written in a `fields` block.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Money => "money",
            FieldType::Percent => "percent",
            FieldType::Bool => "bool",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::List => "list",
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One field value of one lead. `Missing` is an empty cell, `null` or an absent key.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// No value: empty CSV cell, JSON `null`, absent key.
    #[default]
    Missing,
    /// A boolean.
    Bool(bool),
    /// A number (always f64; points may be decimals).
    Number(f64),
    /// Text, as read (comparisons fold case and trim, the value itself is kept).
    Text(String),
    /// A date (RFC 3339 timestamps keep the date part).
    Date(NaiveDate),
    /// A date and time (a `datetime` field; UTC when the value had an offset).
    DateTime(NaiveDateTime),
    /// A list.
    List(Vec<Value>),
}

impl Value {
    /// True for [`Value::Missing`].
    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }

    /// The type of a present value.
    pub(crate) fn field_type(&self) -> Option<FieldType> {
        Some(match self {
            Value::Missing => return None,
            Value::Bool(_) => FieldType::Bool,
            Value::Number(_) => FieldType::Number,
            Value::Text(_) => FieldType::Text,
            Value::Date(_) => FieldType::Date,
            Value::DateTime(_) => FieldType::DateTime,
            Value::List(_) => FieldType::List,
        })
    }
}

impl fmt::Display for Value {
    /// The canonical text form: what CSV output and templates show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Missing => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(&format_number(*n)),
            Value::Text(s) => f.write_str(s),
            Value::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Value::DateTime(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S")),
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(";")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }
    }
}

/// `str::trim` (Unicode white space at both ends), with a fast answer for the usual
/// cell or value that starts and ends with a visible ASCII character: it runs on
/// every cell of every lead, and `trim` itself decodes characters from both ends.
pub fn trim_space(text: &str) -> &str {
    // ASCII characters that `char::is_whitespace` accepts; any byte ≥ 0x80 may start
    // or end a Unicode space, so those take the slow path too.
    let plain =
        |b: &u8| b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if plain(first) && plain(last) => text,
        _ => text.trim(),
    }
}

/// Formats a number without a trailing `.0` for whole numbers (`35`, `12.5`).
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        if s == "-0" { "0".to_string() } else { s }
    }
}

#[cfg(test)]
mod tests;
