//! What the built-in functions ([`Function`]) compute.

use super::ops::Val;
use crate::program::{Function, lowercase};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::borrow::Cow;

impl Function {
    /// Applies the function; a missing or ill-typed argument gives missing.
    pub(crate) fn apply<'a>(self, arg: Val<'a>, today: NaiveDate) -> Val<'a> {
        match (self, arg) {
            (Function::DaysSince, Val::Date(d)) => Val::num((today - d).num_days() as f64),
            (Function::DaysUntil, Val::Date(d)) => Val::num((d - today).num_days() as f64),
            (Function::DaysSince, Val::Time(t)) => Val::num((today - t.date()).num_days() as f64),
            (Function::DaysUntil, Val::Time(t)) => Val::num((t.date() - today).num_days() as f64),
            // Hours from the value to the start of the evaluation day: `today` has no
            // time of day, and the same `--as-of` must give the same answer.
            (Function::HoursSince, Val::Time(t)) => hours_between(t, today),
            (Function::HoursSince, Val::Date(d)) => {
                hours_between(d.and_time(NaiveTime::MIN), today)
            }
            (Function::Lower, Val::Text(s)) => Val::Text(lowercase(s)),
            (Function::Len, Val::Text(s)) => Val::num(s.chars().count() as f64),
            (Function::Len, Val::List(items)) => Val::num(items.len() as f64),
            (Function::Domain, Val::Text(s)) => domain(s),
            _ => Val::Missing,
        }
    }
}

fn hours_between<'a>(from: NaiveDateTime, today: NaiveDate) -> Val<'a> {
    let minutes = (today.and_time(NaiveTime::MIN) - from).num_minutes();
    Val::num(minutes as f64 / 60.0)
}

/// The part of an email address after the last `@`, trimmed and lowercased; missing
/// when there is no `@`.
fn domain(email: Cow<'_, str>) -> Val<'_> {
    let Some(at) = email.rfind('@') else {
        return Val::Missing;
    };
    let part = match email {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(at + 1..).unwrap_or("").trim()),
        Cow::Owned(s) => Cow::Owned(s.get(at + 1..).unwrap_or("").trim().to_string()),
    };
    Val::Text(lowercase(part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn text(s: &str) -> Val<'_> {
        Val::Text(Cow::Borrowed(s))
    }

    #[test]
    fn days_since_and_until_count_calendar_days() {
        let today = day("2026-03-31");
        let past = Val::Date(day("2026-03-01"));
        assert_eq!(
            Function::DaysSince.apply(past.clone(), today),
            Val::Num(30.0)
        );
        assert_eq!(Function::DaysUntil.apply(past, today), Val::Num(-30.0));
        assert_eq!(
            Function::DaysSince.apply(text("2026-03-01"), today),
            Val::Missing
        );
        assert_eq!(Function::DaysSince.apply(Val::Missing, today), Val::Missing);
    }

    #[test]
    fn text_functions() {
        let today = day("2026-03-31");
        assert_eq!(
            Function::Lower.apply(text("VP Sales"), today),
            text("vp sales")
        );
        assert_eq!(Function::Len.apply(text("台北"), today), Val::Num(2.0));
        let list = [Value::Bool(true), Value::Missing];
        assert_eq!(Function::Len.apply(Val::List(&list), today), Val::Num(2.0));
        assert_eq!(Function::Len.apply(Val::Num(3.0), today), Val::Missing);
    }

    #[test]
    fn domain_takes_the_part_after_the_last_at() {
        let today = day("2026-03-31");
        let d = |s| Function::Domain.apply(text(s), today);
        assert_eq!(d("Ann <a@b>@Example.COM "), text("example.com"));
        assert_eq!(d("ann@acme.io"), text("acme.io"));
        assert_eq!(d("no-at-sign"), Val::Missing);
        assert_eq!(d("trailing@"), text(""));
    }
}
