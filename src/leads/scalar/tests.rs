use super::*;

/// Types a text cell by its look: empty → missing, then number, `true`/`false`, date,
/// else text (kept as written).
fn value_by_look(text: &str) -> Value {
    if trim_space(text).is_empty() {
        return Value::Missing;
    }
    scalar_by_look(text).unwrap_or_else(|| Value::Text(text.to_string()))
}

#[test]
fn numbers_are_decimals_with_optional_spaces() {
    assert_eq!(parse_number("1200"), Some(1200.0));
    assert_eq!(parse_number("-3.5"), Some(-3.5));
    assert_eq!(parse_number("  42 "), Some(42.0));
    assert_eq!(parse_number("+7"), Some(7.0));
    assert_eq!(parse_number(".5"), Some(0.5));
    assert_eq!(parse_number("5."), Some(5.0));
    assert_eq!(parse_number("1e3"), Some(1000.0));
}

#[test]
fn whole_numbers_take_the_short_way_to_the_same_value() {
    for text in [
        "0",
        "7",
        "007",
        "1200",
        "999999999999999",
        "9999999999999999",
        "123456789012345678",
    ] {
        let general = text.parse::<f64>().ok();
        assert_eq!(parse_number(text), general, "{text}");
    }
    assert_eq!(small_whole_number(b"9999999999999999"), None);
    assert_eq!(small_whole_number(b"12a"), None);
    assert_eq!(small_whole_number(b""), None);
}

#[test]
fn non_decimals_are_not_numbers() {
    for text in [
        "12k", "1,200", "NaN", "nan", "inf", "-inf", "infinity", "", " ", "-", ".", "1e", "1e+",
        "0x10", "1 2", "1e999", "١٢",
    ] {
        assert_eq!(parse_number(text), None, "{text:?}");
    }
}

#[test]
fn bools_accept_the_csv_words_in_any_case() {
    for text in ["true", "TRUE", "Yes", "y", "Y", "1", " true "] {
        assert_eq!(parse_bool(text), Some(true), "{text:?}");
    }
    for text in ["false", "False", "NO", "n", "0", " no"] {
        assert_eq!(parse_bool(text), Some(false), "{text:?}");
    }
    for text in ["", "maybe", "2", "yess", "t", "falsey"] {
        assert_eq!(parse_bool(text), None, "{text:?}");
    }
}

#[test]
fn dates_are_iso_days_or_rfc3339_keeping_the_written_date() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(parse_date("2026-11-27"), day(2026, 11, 27));
    assert_eq!(parse_date(" 2026-11-27 "), day(2026, 11, 27));
    assert_eq!(parse_date("2026-11-27T23:30:00-08:00"), day(2026, 11, 27));
    assert_eq!(parse_date("2026-11-27T01:00:00Z"), day(2026, 11, 27));
    assert_eq!(parse_date("2026-11-27 09:15:00"), day(2026, 11, 27));
    assert_eq!(parse_date("2026-11-27T09:15"), day(2026, 11, 27));
}

#[test]
fn impossible_or_loose_dates_are_rejected() {
    for text in [
        "2026-13-01",
        "2026-02-30",
        "26-11-27",
        "2026/11/27",
        "2026-1-27",
        "+2026-11-27",
        "2026-11-27x",
        "2026-11-27T99:00:00Z",
        "today",
    ] {
        assert_eq!(parse_date(text), None, "{text:?}");
    }
}

#[test]
fn look_typing_prefers_number_then_bool_then_date() {
    assert_eq!(value_by_look("1200"), Value::Number(1200.0));
    assert_eq!(value_by_look("1"), Value::Number(1.0));
    assert_eq!(value_by_look("TRUE"), Value::Bool(true));
    assert_eq!(value_by_look("yes"), Value::Text("yes".into()));
    assert_eq!(
        value_by_look("2026-01-02"),
        Value::Date(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap())
    );
    assert_eq!(value_by_look(" SaaS "), Value::Text(" SaaS ".into()));
    assert_eq!(value_by_look("   "), Value::Missing);
}

#[test]
fn lists_split_on_semicolons_and_drop_empty_items() {
    assert_eq!(
        split_list(" vip; beta ;;"),
        vec![Value::Text("vip".into()), Value::Text("beta".into())]
    );
    assert_eq!(split_list(";"), Vec::<Value>::new());
}

#[test]
fn template_typing_keeps_leading_zeros_and_dates_as_text() {
    use serde_json::json;
    assert_eq!(json_by_look("1200"), json!(1200));
    assert_eq!(json_by_look("2.5"), json!(2.5));
    assert_eq!(json_by_look("02134"), json!("02134"));
    assert_eq!(json_by_look("0.5"), json!(0.5));
    assert_eq!(json_by_look("False"), json!(false));
    assert_eq!(json_by_look("2026-01-02"), json!("2026-01-02"));
    assert_eq!(json_by_look(""), json!(null));
}
