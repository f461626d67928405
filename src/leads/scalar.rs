//! Reading one scalar from text: the coercion rules of SPEC 3.1 (numbers, bools, dates)
//! and typing "by look" when no `fields` block declares a type.

use crate::value::Value;
use crate::value::trim_space;
use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Parses a decimal number (`1200`, `-3.5`, ` 42 `, `1e3`). Rejects `12k`, `1,200`,
/// `NaN`, `inf` and anything that would overflow to infinity.
pub fn parse_number(text: &str) -> Option<f64> {
    let trimmed = trim_space(text);
    if let Some(n) = small_whole_number(trimmed.as_bytes()) {
        return Some(n);
    }
    if !looks_decimal(trimmed.as_bytes()) {
        return None;
    }
    // `f64::from_str` accepts `inf`/`NaN`; the byte check above already rejected them,
    // so only overflow (`1e999`) is left to catch here.
    trimmed.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Plain digits (at most 15, so exact in an `f64`): most cells of a CRM export —
/// counts, head counts, revenue — read without the general decimal parser.
fn small_whole_number(bytes: &[u8]) -> Option<f64> {
    if bytes.is_empty() || bytes.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    Some(n as f64)
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
fn looks_decimal(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    if let [b'+' | b'-', tail @ ..] = rest {
        rest = tail;
    }
    let int_digits = count_digits(rest);
    rest = rest.get(int_digits..).unwrap_or_default();
    let mut frac_digits = 0;
    if let [b'.', tail @ ..] = rest {
        frac_digits = count_digits(tail);
        rest = tail.get(frac_digits..).unwrap_or_default();
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if let [b'e' | b'E', tail @ ..] = rest {
        let mut exp = tail;
        if let [b'+' | b'-', t @ ..] = exp {
            exp = t;
        }
        let exp_digits = count_digits(exp);
        return exp_digits > 0 && exp_digits == exp.len();
    }
    rest.is_empty()
}

fn count_digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Parses a bool the CSV way: true/false/yes/no/y/n/1/0 in any case, spaces around allowed.
pub fn parse_bool(text: &str) -> Option<bool> {
    let trimmed = trim_space(text);
    if trimmed.len() > 5 {
        return None;
    }
    const TRUE: [&str; 4] = ["true", "yes", "y", "1"];
    const FALSE: [&str; 4] = ["false", "no", "n", "0"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(trimmed)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(trimmed)) {
        Some(false)
    } else {
        None
    }
}

/// Parses `true`/`false` in any case: the only words that look like a bool when no type
/// is declared (`yes`, `1` stay text and number).
fn parse_bool_word(text: &str) -> Option<bool> {
    let trimmed = trim_space(text);
    if trimmed.eq_ignore_ascii_case("true") {
        Some(true)
    } else if trimmed.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Parses `YYYY-MM-DD`, or an RFC 3339 timestamp (also with a space for `T`, or without
/// an offset, as CRM exports write them) keeping the date as written.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let trimmed = trim_space(text);
    let bytes = trimmed.as_bytes();
    // Cheap shape test first: this runs on every untyped cell.
    if bytes.len() < 10
        || bytes.get(4) != Some(&b'-')
        || bytes.get(7) != Some(&b'-')
        || !bytes.first().is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    if bytes.len() == 10 {
        return parse_plain_date(bytes);
    }
    if let Ok(stamp) = DateTime::parse_from_rfc3339(trimmed) {
        return Some(stamp.date_naive());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(trimmed, format).ok())
    .map(|stamp| stamp.date())
}

/// `YYYY-MM-DD` with exactly four, two and two digits (chrono's `%Y` would also take
/// signs and short years).
fn parse_plain_date(bytes: &[u8]) -> Option<NaiveDate> {
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// The number, bool or date a non-blank cell looks like; `None` when it is text.
pub fn scalar_by_look(text: &str) -> Option<Value> {
    if let Some(n) = parse_number(text) {
        return Some(Value::Number(n));
    }
    if let Some(b) = parse_bool_word(text) {
        return Some(Value::Bool(b));
    }
    parse_date(text).map(Value::Date)
}

/// Splits a list cell on `;`, trims the items and drops empty ones.
pub fn split_list(text: &str) -> Vec<Value> {
    text.split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| Value::Text(item.to_string()))
        .collect()
}

/// Types a CSV cell by look for templates: like [`value_by_look`] but dates stay strings
/// and numbers with leading zeros (`02134`, zip codes, phone numbers) stay text.
pub fn json_by_look(text: &str) -> serde_json::Value {
    use serde_json::Value as Json;
    let trimmed = trim_space(text);
    if trimmed.is_empty() {
        return Json::Null;
    }
    if !has_leading_zero(trimmed) {
        if let Some(n) = parse_number(trimmed) {
            return number_to_json(n);
        }
    }
    match parse_bool_word(trimmed) {
        Some(b) => Json::Bool(b),
        None => Json::String(text.to_string()),
    }
}

fn has_leading_zero(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text).as_bytes();
    matches!(digits, [b'0', next, ..] if next.is_ascii_digit())
}

/// A JSON number that prints without `.0` when whole (templates show `1200`, not `1200.0`).
pub fn number_to_json(n: f64) -> serde_json::Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: beyond it i64 and f64 disagree
    if n.fract() == 0.0 && n.abs() <= EXACT {
        // The range check above makes the conversion exact.
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

#[cfg(test)]
mod tests;
