use super::*;

#[test]
fn plain_dates_in_range_are_read() {
    let day = parse_day(" 2026-11-27 ").expect("a date");
    assert_eq!(day, NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    assert!(parse_day("1900-01-01").is_ok());
    assert!(parse_day("9999-12-31").is_ok());
}

#[test]
fn other_shapes_and_years_are_refused_with_the_reason() {
    for bad in [
        "+10000-01-01",
        "-0001-01-01",
        "10000-01-01",
        "2026-1-2",
        "2026-02-30",
    ] {
        let err = parse_day(bad).expect_err(bad);
        assert!(err.contains(&format!("`{bad}`")), "{err}");
    }
    let err = parse_day("1899-12-31").expect_err("too early");
    assert!(err.contains("1900–9999"), "{err}");
}
