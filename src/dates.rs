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
mod tests {
    use super::*;

    #[test]
    fn plain_dates_in_range_are_read() {
        let day = parse_day(" 2026-11-27 ").expect("a date");
        assert_eq!(day, NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
        assert!(parse_day("1900-01-01").is_ok());
        assert!(parse_day("9999-12-31").is_ok());
    }

    #[test]
    fn other_shapes_and_years_are_refused_with_the_reason() {
        for bad in [
            "+10000-01-01",
            "-0001-01-01",
            "10000-01-01",
            "2026-1-2",
            "2026-02-30",
        ] {
            let err = parse_day(bad).expect_err(bad);
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
        let err = parse_day("1899-12-31").expect_err("too early");
        assert!(err.contains("1900–9999"), "{err}");
    }
}
