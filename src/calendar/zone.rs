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
mod tests {
    use super::*;

    fn at_nine(zone: &str, y: i32, m: u32, d: u32) -> String {
        let zone = Zone::parse(zone).expect("zone");
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("time");
        zone.local(date, nine)
            .format("%a, %d %b %Y %H:%M:%S %z")
            .to_string()
    }

    #[test]
    fn new_york_changes_offset_across_daylight_saving() {
        // DST ends Sunday 2026-11-01; starts Sunday 2026-03-08.
        assert_eq!(
            at_nine("America/New_York", 2026, 10, 30),
            "Fri, 30 Oct 2026 09:00:00 -0400"
        );
        assert_eq!(
            at_nine("America/New_York", 2026, 11, 2),
            "Mon, 02 Nov 2026 09:00:00 -0500"
        );
        assert_eq!(
            at_nine("america/new_york", 2026, 3, 6),
            "Fri, 06 Mar 2026 09:00:00 -0500"
        );
        assert_eq!(
            at_nine("America/New_York", 2026, 3, 9),
            "Mon, 09 Mar 2026 09:00:00 -0400"
        );
    }

    #[test]
    fn berlin_changes_offset_on_its_own_dates() {
        // Europe moves on the last Sundays of March and October, not with the US.
        assert_eq!(
            at_nine("Europe/Berlin", 2026, 3, 27),
            "Fri, 27 Mar 2026 09:00:00 +0100"
        );
        assert_eq!(
            at_nine("Europe/Berlin", 2026, 3, 30),
            "Mon, 30 Mar 2026 09:00:00 +0200"
        );
        assert_eq!(
            at_nine("Europe/Berlin", 2026, 10, 23),
            "Fri, 23 Oct 2026 09:00:00 +0200"
        );
        assert_eq!(
            at_nine("Europe/Berlin", 2026, 10, 26),
            "Mon, 26 Oct 2026 09:00:00 +0100"
        );
    }

    #[test]
    fn taipei_has_no_daylight_saving() {
        assert_eq!(
            at_nine("Asia/Taipei", 2026, 1, 5),
            "Mon, 05 Jan 2026 09:00:00 +0800"
        );
        assert_eq!(
            at_nine("Asia/Taipei", 2026, 7, 6),
            "Mon, 06 Jul 2026 09:00:00 +0800"
        );
    }

    #[test]
    fn a_time_skipped_by_spring_forward_moves_an_hour_on() {
        let zone = Zone::parse("America/New_York").unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let gap = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            zone.local(date, gap).to_rfc3339(),
            "2026-03-08T03:30:00-04:00"
        );
        let twice = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let one_thirty = NaiveTime::from_hms_opt(1, 30, 0).unwrap();
        assert_eq!(
            zone.local(twice, one_thirty).to_rfc3339(),
            "2026-11-01T01:30:00-04:00"
        );
    }

    #[test]
    fn offsets_in_the_forms_exports_use() {
        for (text, seconds) in [
            ("+08:00", 8 * 3600),
            ("+0800", 8 * 3600),
            ("+8", 8 * 3600),
            ("UTC+8", 8 * 3600),
            ("GMT-05:30", -(5 * 3600 + 1800)),
            ("utc-5", -5 * 3600),
        ] {
            assert_eq!(
                Zone::parse(text),
                Some(Zone::Fixed(FixedOffset::east_opt(seconds).unwrap())),
                "{text}"
            );
        }
        assert_eq!(Zone::parse("UTC"), Some(Zone::Named(Tz::UTC)));
        for bad in [
            "",
            "Mars/Olympus",
            "+25:00",
            "+8:99",
            "8",
            "+",
            "UTC+",
            "+123456",
        ] {
            assert_eq!(Zone::parse(bad), None, "{bad}");
        }
        assert_eq!(Zone::parse("+05:30").unwrap().name(), "+05:30");
    }
}
