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
fn add_workdays_follows_the_workspace_calendar() {
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).expect("date");
    let calendar = Calendar::new(
        &["mon", "tue", "wed", "thu", "fri"].map(String::from),
        [christmas].into(),
    )
    .expect("calendar");
    let mut env = new_environment();
    use_calendar(&mut env, Arc::new(calendar));
    let out = env
        .render_str(
            "{{ '2026-12-24' | add_workdays(1) }}",
            minijinja::context! {},
        )
        .unwrap();
    assert_eq!(out, "2026-12-28");
}

#[test]
fn timestamps_fall_on_their_date_in_the_draft_zone() {
    let env = new_environment();
    let late = "{{ '2026-11-27T20:30:00-05:00' | date('%Y-%m-%d') }}";
    let in_zone = |zone: &str| env.render_str(late, minijinja::context! { time_zone => zone });
    assert_eq!(in_zone("Asia/Taipei").unwrap(), "2026-11-28");
    assert_eq!(in_zone("America/New_York").unwrap(), "2026-11-27");
    assert_eq!(in_zone("+00:00").unwrap(), "2026-11-28");
    assert_eq!(
        env.render_str(
            "{{ '2026-11-27T20:30:00-05:00' | add_days(1) }}",
            minijinja::context! { time_zone => "Asia/Taipei" }
        )
        .unwrap(),
        "2026-11-29"
    );
}

#[test]
fn no_debug_dump_and_no_undefined_printing() {
    assert!(render("{{ debug() }}").is_err());
    assert!(render("{{ nope }}").is_err());
    assert_eq!(render("{{ nope | default('x') }}").unwrap(), "x");
}
