//! Working days and send times (SPEC 6, calendars): which days count for `on workdays`
//! playbooks and `add_workdays`, and the hour and zone a draft is dated at.

pub mod zone;

pub use zone::Zone;

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use std::collections::BTreeSet;
use std::ops::Bound;
use std::sync::Arc;

/// The furthest working-day arithmetic moves (ten years of working days), so no
/// template or playbook can make it loop for long.
pub const MAX_WORKDAYS: u64 = 2_600;

/// Day names as `calendar.workdays` writes them, Monday first.
pub const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Which days are working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Indexed by `Weekday::num_days_from_monday`; at least one is true.
    workdays: [bool; 7],
    holidays: BTreeSet<NaiveDate>,
}

impl Default for Calendar {
    /// Monday to Friday, no holidays.
    fn default() -> Calendar {
        Calendar {
            workdays: [true, true, true, true, true, false, false],
            holidays: BTreeSet::new(),
        }
    }
}

impl Calendar {
    /// A calendar of the named days (`mon` … `sun`, or full names, any case) and the
    /// holidays; an unknown or missing day name is the error's text.
    pub fn new(day_names: &[String], holidays: BTreeSet<NaiveDate>) -> Result<Calendar, String> {
        let mut workdays = [false; 7];
        for name in day_names {
            let index = day_index(name)
                .ok_or_else(|| format!("`{name}` is not a day (use {})", DAY_NAMES.join(", ")))?;
            workdays[index] = true;
        }
        if !workdays.contains(&true) {
            return Err("`calendar.workdays` names no day".to_string());
        }
        Ok(Calendar { workdays, holidays })
    }

    /// True on a listed weekday that is not a holiday.
    pub fn is_workday(&self, day: NaiveDate) -> bool {
        self.workdays[day.weekday().num_days_from_monday() as usize]
            && !self.holidays.contains(&day)
    }

    /// `day` itself when it is a working day, else the next one.
    pub fn this_or_next_workday(&self, day: NaiveDate) -> Option<NaiveDate> {
        if self.is_workday(day) {
            return Some(day);
        }
        self.add_workdays(day, 1)
    }

    /// `count` working days after `day` (before it when negative); `day` itself need not
    /// be a working day. `None` past [`MAX_WORKDAYS`] or the end of the calendar.
    pub fn add_workdays(&self, day: NaiveDate, count: i64) -> Option<NaiveDate> {
        if count.unsigned_abs() > MAX_WORKDAYS {
            return None;
        }
        let mut day = day;
        let mut left = count.unsigned_abs();
        while left > 0 {
            day = if count > 0 {
                day.succ_opt()?
            } else {
                day.pred_opt()?
            };
            if self.is_workday(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later).
    /// Whole weeks are counted at once, so a lead enrolled years ago costs no more than
    /// one enrolled last week (this runs for every lead of an `on workdays` playbook).
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        let Ok(days) = u64::try_from((to - from).num_days()) else {
            return 0;
        };
        let per_week = self.workdays.iter().filter(|on| **on).count() as u64;
        let mut count = days / 7 * per_week;
        let mut day = from + Days::new(days / 7 * 7);
        while day < to {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            count += u64::from(self.on_weekday(day));
        }
        let holidays = self
            .holidays
            .range((Bound::Excluded(from), Bound::Included(to)))
            .filter(|h| self.on_weekday(**h))
            .count() as u64;
        count - holidays
    }

    /// True when `day`'s weekday is a working weekday (holidays aside).
    fn on_weekday(&self, day: NaiveDate) -> bool {
        self.workdays[day.weekday().num_days_from_monday() as usize]
    }

    /// The working days as names, for `explain`: `mon–fri` style lists.
    pub fn workday_names(&self) -> Vec<&'static str> {
        DAY_NAMES
            .iter()
            .zip(self.workdays)
            .filter_map(|(name, on)| on.then_some(*name))
            .collect()
    }
}

/// The weekday `name` names: `mon`, `Monday`, `Mon.`, `tues`, `thurs` (any case).
fn day_index(name: &str) -> Option<usize> {
    const FULL: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let lower = match lower.as_str() {
        "tues" => "tue",
        "thur" | "thurs" => "thu",
        other => other,
    };
    (0..7).find(|&i| lower == DAY_NAMES[i] || lower == FULL[i])
}

/// The workspace's calendar, zone and send time, resolved once from `leadplay.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// The workspace's zone (`time_zone`, default UTC).
    pub(crate) zone: Zone,
    /// The local hour drafts are dated at (`send_time`, default 09:00).
    pub(crate) send_time: NaiveTime,
    /// Working days and holidays (`calendar`), shared with the template filters.
    pub(crate) calendar: Arc<Calendar>,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock {
            zone: Zone::default(),
            send_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            calendar: Arc::new(Calendar::default()),
        }
    }
}

impl Clock {
    /// The zone a lead's draft is dated in: its `time_zone` value when that names a zone,
    /// else the workspace's.
    pub(crate) fn zone_for(&self, lead_zone: Option<&str>) -> Zone {
        lead_zone.and_then(Zone::parse).unwrap_or(self.zone)
    }
}

/// Reads `HH:MM` (24-hour).
pub fn parse_send_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// Reads a holidays file: one `YYYY-MM-DD` a line; blank lines and `#` comments are
/// skipped, and text after the date (`2026-12-25 Christmas`) is a note. The error names
/// the 1-based line.
pub fn parse_holidays<'a>(
    lines: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeSet<NaiveDate>, (usize, String)> {
    let mut days = BTreeSet::new();
    for (index, line) in lines.into_iter().enumerate() {
        let text = line.split('#').next().unwrap_or("").trim();
        let Some(first) = text.split_whitespace().next() else {
            continue;
        };
        let day = NaiveDate::parse_from_str(first, "%Y-%m-%d").map_err(|_| {
            (
                index + 1,
                format!("`{first}` is not a date (expected YYYY-MM-DD)"),
            )
        })?;
        days.insert(day);
    }
    Ok(days)
}

/// Weekday of a date, for messages.
pub fn weekday_name(day: NaiveDate) -> &'static str {
    DAY_NAMES[day.weekday().num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests;
