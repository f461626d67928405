use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

#[test]
fn exports_write_dates_in_many_ways() {
    let mdy = DateOrder::Mdy;
    assert_eq!(date_in("2026-11-20", mdy, None), Some(day(2026, 11, 20)));
    assert_eq!(date_in("11/20/2026", mdy, None), Some(day(2026, 11, 20)));
    assert_eq!(
        date_in("11/20/2026 2:05 PM", mdy, None),
        Some(day(2026, 11, 20))
    );
    assert_eq!(date_in("20.11.2026", mdy, None), Some(day(2026, 11, 20)));
    assert_eq!(
        date_in("20.11.2026 14:05", mdy, None),
        Some(day(2026, 11, 20))
    );
    assert_eq!(date_in("2026/11/20", mdy, None), Some(day(2026, 11, 20)));
    assert_eq!(
        date_in("20/11/2026", DateOrder::Dmy, None),
        Some(day(2026, 11, 20))
    );
    assert_eq!(date_in("20/11/2026", mdy, None), None);
}

#[test]
fn datetimes_keep_the_time_and_convert_offsets_to_utc() {
    let mdy = DateOrder::Mdy;
    assert_eq!(
        datetime_in("2026-11-20 14:05", mdy, None),
        Some(at(2026, 11, 20, 14, 5))
    );
    assert_eq!(
        datetime_in("11/20/2026 2:05 PM", mdy, None),
        Some(at(2026, 11, 20, 14, 5))
    );
    assert_eq!(
        datetime_in("11/20/2026 12:30 AM", mdy, None),
        Some(at(2026, 11, 20, 0, 30))
    );
    assert_eq!(
        datetime_in("20.11.2026 14:05", mdy, None),
        Some(at(2026, 11, 20, 14, 5))
    );
    assert_eq!(
        datetime_in("2026-11-20T14:05:00.000Z", mdy, None),
        Some(at(2026, 11, 20, 14, 5))
    );
    assert_eq!(
        datetime_in("2026-11-20T22:05:00+08:00", mdy, None),
        Some(at(2026, 11, 20, 14, 5))
    );
    assert_eq!(
        datetime_in("2026-11-20", mdy, None),
        Some(at(2026, 11, 20, 0, 0))
    );
    assert_eq!(datetime_in("13:00 PM", mdy, None), None);
    assert_eq!(datetime_in("11/20/2026 13:00 PM", mdy, None), None);
}

#[test]
fn explicit_formats_win() {
    let mdy = DateOrder::Mdy;
    assert_eq!(
        date_in("20/11/2026", mdy, Some("%d/%m/%Y")),
        Some(day(2026, 11, 20))
    );
    assert_eq!(date_in("2026-11-20", mdy, Some("%d/%m/%Y")), None);
    assert_eq!(
        datetime_in("20/11/2026 14:05", mdy, Some("%d/%m/%Y %H:%M")),
        Some(at(2026, 11, 20, 14, 5))
    );
    assert!(is_date_format("%d/%m/%Y"));
    assert!(!is_date_format("%Q"));
}

#[test]
fn nonsense_is_not_a_date() {
    for text in [
        "31/31/2026",
        "soon",
        "2026",
        "1/2",
        "20.11.2026 25:00",
        "a/b/c",
    ] {
        assert_eq!(date_in(text, DateOrder::Mdy, None), None, "{text:?}");
    }
}
