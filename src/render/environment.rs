//! The sandboxed minijinja environment every template renders in, and its filters.
//!
//! Sandbox: minijinja is built without its `loader` feature and no loader is set, so
//! `include`/`import` can only reach templates added from the templates folder; the
//! builtin filters and functions touch neither files nor the network; `debug()` is
//! removed because it would dump the whole lead into a draft; a fuel limit stops
//! runaway loops; undefined values are errors.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use std::fmt::Write as _;

/// Instructions one template render may execute. A starter template uses a few hundred;
/// this allows loops over long lists while stopping `range(100000000)` quickly.
pub const FUEL: u64 = 50_000;

/// The furthest `add_workdays` moves, so a filter cannot loop for long outside the fuel
/// count (ten years of working days).
const MAX_WORKDAYS: u64 = 2_600;

/// The default format of the `date` filter: `November 27, 2026`.
const DEFAULT_DATE_FORMAT: &str = "%B %-d, %Y";

/// A new environment with leadplay's settings and filters and no templates.
pub(crate) fn new_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    // Keeps error spans, so a render error can quote the failing expression.
    env.set_debug(true);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // Block tags on their own line leave no blank line behind: what a letter needs.
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.remove_global("debug");
    env.add_filter("date", date);
    env.add_filter("add_days", add_days);
    env.add_filter("add_workdays", add_workdays);
    super::bounds::install(&mut env);
    env
}

/// `{{ as_of | date }}` → `November 27, 2026`; `{{ as_of | date("%Y年%-m月%-d日") }}`.
/// Accepts `YYYY-MM-DD` or an RFC 3339 timestamp (its date part).
fn date(value: String, format: Option<String>) -> Result<String, Error> {
    let day = parse_date(&value)?;
    let format = format.as_deref().unwrap_or(DEFAULT_DATE_FORMAT);
    let mut out = String::new();
    // chrono reports a bad format specifier as a fmt error; `to_string` would panic.
    write!(out, "{}", day.format(format)).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`{format}` is not a date format a date can be written in"),
        )
    })?;
    Ok(out)
}

/// `{{ as_of | add_days(7) }}` → `2026-12-04` (negative days go back).
fn add_days(value: String, days: i64) -> Result<String, Error> {
    let day = parse_date(&value)?;
    let step = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        day.checked_add_days(step)
    } else {
        day.checked_sub_days(step)
    };
    moved
        .and_then(crate::dates::check_year)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("`{value}` plus {days} days is outside the calendar"),
            )
        })
}

/// `{{ as_of | add_workdays(3) }}`: three working days later, skipping Saturdays and
/// Sundays (so a meeting is never proposed for a weekend). Negative counts go back.
fn add_workdays(value: String, days: i64) -> Result<String, Error> {
    let mut day = parse_date(&value)?;
    if days.unsigned_abs() > MAX_WORKDAYS {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`add_workdays` moves at most {MAX_WORKDAYS} days, not {days}"),
        ));
    }
    let mut left = days.unsigned_abs();
    while left > 0 {
        let next = if days > 0 {
            day.succ_opt()
        } else {
            day.pred_opt()
        };
        day = next.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                "the date is outside the calendar",
            )
        })?;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Ok(day.format("%Y-%m-%d").to_string())
}

fn parse_date(value: &str) -> Result<NaiveDate, Error> {
    let trimmed = value.trim();
    let date_part = trimmed.get(..10).unwrap_or(trimmed);
    crate::dates::parse_day(date_part)
        .map_err(|message| Error::new(ErrorKind::InvalidOperation, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str) -> Result<String, Error> {
        let env = new_environment();
        env.render_str(source, minijinja::context! { as_of => "2026-11-27" })
    }

    #[test]
    fn date_filter_formats_and_rejects_bad_input_without_panicking() {
        assert_eq!(render("{{ as_of | date }}").unwrap(), "November 27, 2026");
        assert_eq!(
            render("{{ as_of | date('%Y年%-m月%-d日') }}").unwrap(),
            "2026年11月27日"
        );
        assert_eq!(
            render("{{ '2026-11-27T10:00:00Z' | date('%d %b') }}").unwrap(),
            "27 Nov"
        );
        assert!(render("{{ as_of | date('%H:%M') }}").is_err());
        assert!(render("{{ as_of | date('%Q') }}").is_err());
        assert!(render("{{ 'soon' | date }}").is_err());
    }

    #[test]
    fn add_days_moves_dates_both_ways() {
        assert_eq!(render("{{ as_of | add_days(7) }}").unwrap(), "2026-12-04");
        assert_eq!(render("{{ as_of | add_days(-27) }}").unwrap(), "2026-10-31");
        assert!(render("{{ as_of | add_days(9223372036854775807) }}").is_err());
    }

    #[test]
    fn add_workdays_skips_weekends() {
        // 2026-11-27 is a Friday.
        assert_eq!(
            render("{{ as_of | add_workdays(1) }}").unwrap(),
            "2026-11-30"
        );
        assert_eq!(
            render("{{ as_of | add_workdays(5) }}").unwrap(),
            "2026-12-04"
        );
        assert_eq!(
            render("{{ '2026-11-30' | add_workdays(-1) }}").unwrap(),
            "2026-11-27"
        );
        assert_eq!(
            render("{{ as_of | add_workdays(0) }}").unwrap(),
            "2026-11-27"
        );
        assert!(render("{{ as_of | add_workdays(100000000) }}").is_err());
    }

    #[test]
    fn no_debug_dump_and_no_undefined_printing() {
        assert!(render("{{ debug() }}").is_err());
        assert!(render("{{ nope }}").is_err());
        assert_eq!(render("{{ nope | default('x') }}").unwrap(), "x");
    }
}
