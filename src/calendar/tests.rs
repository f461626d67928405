use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn with_holidays(list: &[&str]) -> Calendar {
    let holidays = list.iter().map(|d| day(d)).collect();
    Calendar::new(&names(&["mon", "tue", "wed", "thu", "fri"]), holidays).expect("calendar")
}

#[test]
fn weekends_are_not_working_days() {
    let cal = Calendar::default();
    assert!(cal.is_workday(day("2026-12-04"))); // Friday
    assert!(!cal.is_workday(day("2026-12-05")));
    assert!(!cal.is_workday(day("2026-12-06")));
    assert_eq!(
        cal.this_or_next_workday(day("2026-12-05")),
        Some(day("2026-12-07"))
    );
    assert_eq!(
        cal.add_workdays(day("2026-12-04"), 1),
        Some(day("2026-12-07"))
    );
    assert_eq!(
        cal.add_workdays(day("2026-12-07"), -1),
        Some(day("2026-12-04"))
    );
    assert_eq!(
        cal.add_workdays(day("2026-12-05"), 0),
        Some(day("2026-12-05"))
    );
}

#[test]
fn holidays_are_skipped() {
    let cal = with_holidays(&["2026-12-25", "2027-01-01"]);
    assert!(!cal.is_workday(day("2026-12-25")));
    // Thursday 24th + 1 working day skips Christmas (Fri) and the weekend.
    assert_eq!(
        cal.add_workdays(day("2026-12-24"), 1),
        Some(day("2026-12-28"))
    );
    assert_eq!(
        cal.add_workdays(day("2026-12-24"), 5),
        Some(day("2027-01-04"))
    );
    assert_eq!(
        cal.workdays_between(day("2026-12-24"), day("2027-01-04")),
        5
    );
    assert_eq!(
        cal.workdays_between(day("2027-01-04"), day("2026-12-24")),
        0
    );
}

#[test]
fn other_working_weeks() {
    // A Sunday-to-Thursday week.
    let cal = Calendar::new(
        &names(&["Sunday", "mon", "Tues", "wed", "thurs"]),
        BTreeSet::new(),
    )
    .expect("calendar");
    assert!(cal.is_workday(day("2026-12-06")));
    assert!(!cal.is_workday(day("2026-12-04")));
    assert_eq!(cal.workday_names(), ["mon", "tue", "wed", "thu", "sun"]);
    assert!(
        Calendar::new(&names(&["monkey"]), BTreeSet::new())
            .unwrap_err()
            .contains("`monkey`")
    );
    assert!(
        Calendar::new(&[], BTreeSet::new())
            .unwrap_err()
            .contains("names no day")
    );
}

#[test]
fn counting_whole_weeks_at_once_agrees_with_counting_day_by_day() {
    let cal = with_holidays(&["2026-12-25", "2027-01-01", "2027-01-02"]);
    let start = day("2026-11-20");
    for span in 0..120 {
        let end = start + chrono::Days::new(span);
        let slow = (1..=span)
            .filter(|d| cal.is_workday(start + chrono::Days::new(*d)))
            .count() as u64;
        assert_eq!(cal.workdays_between(start, end), slow, "{end}");
    }
}

#[test]
fn working_day_arithmetic_is_bounded() {
    let cal = Calendar::default();
    assert_eq!(cal.add_workdays(day("2026-12-04"), 100_000_000), None);
    assert_eq!(cal.add_workdays(NaiveDate::MAX, 1), None);
}

#[test]
fn holidays_files_allow_comments_and_notes() {
    let text = "# office closed\n2026-12-25 Christmas\n\n2027-01-01\n";
    let days = parse_holidays(text.lines()).expect("parsed");
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        [day("2026-12-25"), day("2027-01-01")]
    );
    let (line, message) = parse_holidays("2026-12-25\n25/12/2026\n".lines()).unwrap_err();
    assert_eq!(line, 2);
    assert!(message.contains("`25/12/2026`"), "{message}");
}

#[test]
fn a_lead_zone_wins_over_the_workspace_zone_when_it_is_one() {
    let clock = Clock::default();
    assert_eq!(clock.zone_for(Some("Asia/Taipei")).name(), "Asia/Taipei");
    assert_eq!(clock.zone_for(Some("somewhere")).name(), "UTC");
    assert_eq!(clock.zone_for(None).name(), "UTC");
    assert_eq!(parse_send_time("08:30"), NaiveTime::from_hms_opt(8, 30, 0));
    assert_eq!(parse_send_time("8am"), None);
}
