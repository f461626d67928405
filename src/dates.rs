//! The one way leadplay reads a calendar date it is given (`--as-of`, test cases, the
//! state file, the language's date literals, the template filters): `YYYY-MM-DD` with a
//! year from 1900 to 9999. chrono alone also takes `+10000-01-01` and `-0001-01-01`; a
//! five-digit year would then be recorded as the last run, and every real date after
//! it refused as "earlier".

use chrono::{Datelike, NaiveDate};

/// The earliest year accepted.
pub const MIN_YEAR: i32 = 1900;
/// The latest year accepted.
pub const MAX_YEAR: i32 = 9999;

/// Reads `YYYY-MM-DD` (surrounding white space allowed), years 1900–9999.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let trimmed = text.trim();
    let bytes = trimmed.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    let date = shaped
        .then(|| NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("`{text}` is not a date (expected YYYY-MM-DD)"))?;
    check_year(date).ok_or_else(|| {
        format!("`{text}` is outside the years leadplay accepts ({MIN_YEAR}–{MAX_YEAR})")
    })
}

/// The date, when its year is within 1900–9999.
pub fn check_year(date: NaiveDate) -> Option<NaiveDate> {
    (MIN_YEAR..=MAX_YEAR).contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests;
