//! The sandboxed minijinja environment every template renders in, and its filters.
//!
//! Sandbox: minijinja is built without its `loader` feature and no loader is set, so
//! `include`/`import` can only reach templates added from the templates folder; the
//! builtin filters and functions touch neither files nor the network; `debug()` is
//! removed because it would dump the whole lead into a draft; a fuel limit stops
//! runaway loops; undefined values are errors.

use crate::calendar::{Calendar, MAX_WORKDAYS, Zone};
use chrono::{DateTime, Days, NaiveDate};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use std::fmt::Write as _;
use std::sync::Arc;

/// Instructions one template render may execute. A starter template uses a few hundred;
/// this allows loops over long lists while stopping `range(100000000)` quickly.
pub const FUEL: u64 = 50_000;

/// The default format of the `date` filter: `November 27, 2026`.
const DEFAULT_DATE_FORMAT: &str = "%B %-d, %Y";

/// A new environment with leadplay's settings and filters and no templates;
/// `add_workdays` counts Monday to Friday until [`use_calendar`] gives it the workspace's.
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
    use_calendar(&mut env, Arc::new(Calendar::default()));
    super::bounds::install(&mut env);
    super::budget::install(&mut env);
    env
}

/// Makes `add_workdays` skip the non-working days and holidays of `calendar`.
pub(crate) fn use_calendar(env: &mut Environment<'static>, calendar: Arc<Calendar>) {
    env.add_filter(
        "add_workdays",
        move |state: &State, value: String, days: i64| add_workdays(&calendar, state, &value, days),
    );
}

/// `{{ as_of | date }}` → `November 27, 2026`; `{{ as_of | date("%Y年%-m月%-d日") }}`.
/// Accepts `YYYY-MM-DD` or an RFC 3339 timestamp (its date in the draft's zone).
fn date(state: &State, value: String, format: Option<String>) -> Result<String, Error> {
    let day = parse_date(state, &value)?;
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
fn add_days(state: &State, value: String, days: i64) -> Result<String, Error> {
    let day = parse_date(state, &value)?;
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

/// `{{ as_of | add_workdays(3) }}`: three working days later in the workspace's
/// calendar (`calendar.workdays`, `calendar.holidays`), so a meeting is never proposed
/// for a weekend or a holiday. Negative counts go back.
fn add_workdays(
    calendar: &Calendar,
    state: &State,
    value: &str,
    days: i64,
) -> Result<String, Error> {
    let day = parse_date(state, value)?;
    if days.unsigned_abs() > MAX_WORKDAYS {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`add_workdays` moves at most {MAX_WORKDAYS} days, not {days}"),
        ));
    }
    calendar
        .add_workdays(day, days)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                "the date is outside the calendar",
            )
        })
}

/// A `YYYY-MM-DD` date, or the date an RFC 3339 timestamp falls on in the draft's zone
/// (`time_zone` in the context; as written when there is none).
fn parse_date(state: &State, value: &str) -> Result<NaiveDate, Error> {
    let trimmed = value.trim();
    if trimmed.len() > 10 {
        if let Ok(instant) = DateTime::parse_from_rfc3339(trimmed) {
            let zone = state
                .lookup("time_zone")
                .and_then(|z| z.as_str().and_then(Zone::parse));
            return Ok(match zone {
                Some(zone) => zone.date_of(instant),
                None => instant.date_naive(),
            });
        }
    }
    let date_part = trimmed.get(..10).unwrap_or(trimmed);
    crate::dates::parse_day(date_part)
        .map_err(|message| Error::new(ErrorKind::InvalidOperation, message))
}

#[cfg(test)]
mod tests;
