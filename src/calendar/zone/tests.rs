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
