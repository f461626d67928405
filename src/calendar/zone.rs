//! Time zones: an IANA name (`America/New_York`, via the `chrono-tz` database, so
//! daylight-saving changes give the right offset) or a fixed UTC offset (`+08:00`,
//! `-0500`, `UTC+8`), as leads and `leadplay.yaml` write them.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

/// A zone a draft is dated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A zone of the tz database; its offset depends on the date.
    Named(Tz),
    /// The same offset all year.
    Fixed(FixedOffset),
}

impl Default for Zone {
    fn default() -> Zone {
        Zone::Named(Tz::UTC)
    }
}

impl Zone {
    /// Reads `America/New_York` (any case), `UTC`, `+08:00`, `-0500`, `+8`, `UTC+8` or
    /// `GMT-05:30`; `None` for anything else (the caller says what it expected).
    pub fn parse(text: &str) -> Option<Zone> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if let Ok(tz) = Tz::from_str_insensitive(text) {
            return Some(Zone::Named(tz));
        }
        let upper = text.to_ascii_uppercase();
        let rest = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        parse_offset(rest.trim()).map(Zone::Fixed)
    }

    /// The zone as written back: `America/New_York`, `+08:00`.
    pub fn name(&self) -> String {
        match self {
            Zone::Named(tz) => tz.name().to_string(),
            Zone::Fixed(offset) => offset.to_string(),
        }
    }

    /// `date` at the wall-clock `time` in this zone. A time skipped by a spring-forward
    /// change is moved an hour on (what a phone's calendar does); a time that happens
    /// twice in the autumn is the first of the two.
    pub fn local(&self, date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
        let wall = date.and_time(time);
        match self {
            Zone::Fixed(offset) => fixed_at(*offset, wall),
            Zone::Named(tz) => {
                let found = tz.from_local_datetime(&wall).earliest().or_else(|| {
                    let later = wall + chrono::Duration::hours(1);
                    tz.from_local_datetime(&later).earliest()
                });
                match found {
                    Some(t) => t.with_timezone(&t.offset().fix()),
                    // Not reachable with the tz database's gaps of at most a few
                    // hours; UTC keeps the draft dated rather than failing it.
                    None => fixed_at(chrono::Utc.fix(), wall),
                }
            }
        }
    }

    /// The calendar date of an instant in this zone.
    pub fn date_of(&self, instant: DateTime<FixedOffset>) -> NaiveDate {
        match self {
            Zone::Fixed(offset) => instant.with_timezone(offset).date_naive(),
            Zone::Named(tz) => instant.with_timezone(tz).date_naive(),
        }
    }
}

fn fixed_at(offset: FixedOffset, wall: chrono::NaiveDateTime) -> DateTime<FixedOffset> {
    match offset.from_local_datetime(&wall).single() {
        Some(t) => t,
        None => DateTime::from_naive_utc_and_offset(wall, offset),
    }
}

/// `+08:00`, `+0800`, `+8`, `-05:30`; at most ±18 hours.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() > 2 => digits.split_at(digits.len() - 2),
        None => (digits, "0"),
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 18 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests;
