//! The built-in functions: `days_since days_until hours_since lower len domain`.
//!
//! Every function takes one argument; the checker knows their signatures from here.

use super::ops::{Val, lowercase};
use crate::value::FieldType;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::borrow::Cow;

/// A built-in function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    DaysSince,
    DaysUntil,
    HoursSince,
    Lower,
    Len,
    Domain,
}

impl Function {
    /// Every function, for lookups and "did you mean" help.
    pub(crate) const ALL: [Function; 6] = [
        Function::DaysSince,
        Function::DaysUntil,
        Function::HoursSince,
        Function::Lower,
        Function::Len,
        Function::Domain,
    ];

    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Function::DaysSince => "days_since",
            Function::DaysUntil => "days_until",
            Function::HoursSince => "hours_since",
            Function::Lower => "lower",
            Function::Len => "len",
            Function::Domain => "domain",
        }
    }

    /// The argument types it accepts.
    pub(crate) fn accepts(self) -> &'static [FieldType] {
        match self {
            Function::DaysSince | Function::DaysUntil | Function::HoursSince => &[FieldType::Date],
            Function::Lower | Function::Domain => &[FieldType::Text],
            Function::Len => &[FieldType::Text, FieldType::List],
        }
    }

    /// The type of its result.
    pub(crate) fn returns(self) -> FieldType {
        match self {
            Function::DaysSince | Function::DaysUntil | Function::HoursSince | Function::Len => {
                FieldType::Number
            }
            Function::Lower | Function::Domain => FieldType::Text,
        }
    }

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
