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
mod tests;
