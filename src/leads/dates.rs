//! Dates and times as CRM exports write them (SPEC 5): ISO 8601 / RFC 3339, dotted
//! `20.11.2026 14:05` (day first), slashed `11/20/2026 2:05 PM` in the workspace's
//! date order, or an explicit strftime format.
//!
//! The ISO day (`2026-11-20`) is tried first by the coercer ([`parse_date`]); the forms
//! here are the slow path for everything else.

use super::scalar::parse_date;
use crate::value::trim_space;
use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// Which number comes first in a slashed date: `11/20/2026` (`mdy`, the default) or
/// `20/11/2026` (`dmy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Month first (US).
    #[default]
    Mdy,
    /// Day first (most of the world).
    Dmy,
}

impl DateOrder {
    /// Parses `mdy` / `dmy` as written in `leadplay.yaml`.
    pub fn from_name(name: &str) -> Option<DateOrder> {
        match name.trim().to_ascii_lowercase().as_str() {
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            _ => None,
        }
    }

    /// The name as written in `leadplay.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
        }
    }
}

/// Whether `format` is a strftime format chrono understands.
pub fn is_date_format(format: &str) -> bool {
    !StrftimeItems::new(format).any(|item| matches!(item, Item::Error))
}

/// A date in any accepted form; a value with a time keeps the date as written.
pub fn date_in(text: &str, order: DateOrder, format: Option<&str>) -> Option<NaiveDate> {
    if let Some(format) = format {
        let text = trim_space(text);
        return NaiveDate::parse_from_str(text, format).ok().or_else(|| {
            NaiveDateTime::parse_from_str(text, format)
                .ok()
                .map(|t| t.date())
        });
    }
    if let Some(day) = parse_date(text) {
        return Some(day);
    }
    let (day, _) = split_date_time(trim_space(text), order)?;
    Some(day)
}

/// A date and time in any accepted form. A value with an offset (`Z`, `+08:00`) is
/// converted to UTC; one without is taken as written; a bare date is midnight.
pub fn datetime_in(text: &str, order: DateOrder, format: Option<&str>) -> Option<NaiveDateTime> {
    let text = trim_space(text);
    if let Some(format) = format {
        return NaiveDateTime::parse_from_str(text, format)
            .ok()
            .or_else(|| {
                NaiveDate::parse_from_str(text, format)
                    .ok()
                    .map(|d| d.and_time(NaiveTime::MIN))
            });
    }
    if let Some(stamp) = plain_datetime(text.as_bytes()) {
        return Some(stamp);
    }
    if let Ok(stamp) = DateTime::parse_from_rfc3339(text) {
        return Some(stamp.naive_utc());
    }
    let (day, time) = split_date_time(text, order)?;
    Some(day.and_time(time.unwrap_or(NaiveTime::MIN)))
}

/// `YYYY-MM-DD HH:MM[:SS]` (or with `T`), the form most exports use, read byte by
/// byte: the fast path before the general forms.
fn plain_datetime(bytes: &[u8]) -> Option<NaiveDateTime> {
    if !(bytes.len() == 16 || bytes.len() == 19) {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter().try_fold(0u32, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let shape = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b' ' | b'T'))
        && bytes.get(13) == Some(&b':')
        && (bytes.len() == 16 || bytes.get(16) == Some(&b':'));
    if !shape {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(
        i32::try_from(digits(0..4)?).ok()?,
        digits(5..7)?,
        digits(8..10)?,
    )?;
    let second = if bytes.len() == 19 {
        digits(17..19)?
    } else {
        0
    };
    let time = NaiveTime::from_hms_opt(digits(11..13)?, digits(14..16)?, second)?;
    Some(day.and_time(time))
}

/// Splits `DATE[(T| )TIME]` and reads both halves; `None` when either does not read.
fn split_date_time(text: &str, order: DateOrder) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let (date, time) = match text.find(['T', ' ']) {
        Some(at) => (text.get(..at)?, Some(text.get(at + 1..)?.trim())),
        None => (text, None),
    };
    let day = day_part(date, order)?;
    let time = match time {
        Some(t) if !t.is_empty() => Some(time_part(t)?),
        _ => None,
    };
    Some((day, time))
}

/// `2026-11-20`, `2026/11/20`, `20.11.2026`, or `A/B/YYYY` in `order`.
fn day_part(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let numbers: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, c] = numbers.as_slice() else {
        return None;
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let (year, month, day) = if a > 999 {
        (a, b, c)
    } else if separator == '.' || order == DateOrder::Dmy {
        (c, b, a)
    } else {
        (c, a, b)
    };
    let year = if (0..100).contains(&year) && c == year {
        2000 + year
    } else {
        year
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `14:05`, `14:05:30`, `14:05:30.123`, `2:05 PM`, `2:05PM`; a trailing `Z` or UTC
/// offset is accepted and ignored here (RFC 3339 values were handled before).
fn time_part(text: &str) -> Option<NaiveTime> {
    let upper = text.trim().to_ascii_uppercase();
    let (clock, meridiem) = if let Some(rest) = upper.strip_suffix("PM") {
        (rest.trim_end(), Some(12))
    } else if let Some(rest) = upper.strip_suffix("AM") {
        (rest.trim_end(), Some(0))
    } else {
        (upper.trim_end_matches('Z'), None)
    };
    let clock = clock.split(['+']).next().unwrap_or(clock);
    let mut parts = clock.split(':');
    let hour = number(parts.next()?)?;
    let minute = number(parts.next()?)?;
    let second = match parts.next() {
        Some(s) => number(s.split('.').next().unwrap_or(s))?,
        None => 0,
    };
    let hour = match meridiem {
        Some(offset) if (1..=12).contains(&hour) => hour % 12 + offset,
        Some(_) => return None,
        None => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

#[cfg(test)]
mod tests;
