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
