use super::*;

fn place(by_line: bool) -> RowPlace {
    RowPlace {
        row: 17,
        line: Some(18),
        by_line,
    }
}

#[test]
fn row_errors_name_file_row_field_and_value() {
    let e = place(false).error(
        Code::RequiredUnreadable,
        "leads.csv",
        Some("employees"),
        Some("12k"),
        format!("{} is not a number", quote_value("12k")),
    );
    assert_eq!(
        e.to_string(),
        "leads.csv: row 17: field `employees`: `12k` is not a number"
    );
    assert_eq!(e.value.as_deref(), Some("12k"));
    assert_eq!(e.code, Code::RequiredUnreadable);
    // Library users see the code as shown in the output.
    assert_eq!(e.code(), "LP0511");
    assert_eq!(e.line, Some(18));
}

#[test]
fn json_lines_errors_name_the_line() {
    let e = place(true).error(
        Code::MalformedRecord,
        "leads.jsonl",
        None,
        None,
        "invalid JSON".into(),
    );
    assert_eq!(e.to_string(), "leads.jsonl: line 18: invalid JSON");
}

#[test]
fn quoted_values_escape_controls_and_cut_long_text() {
    assert_eq!(quote_value("a\tb\n"), "`a\\tb\\n`");
    let long = "x".repeat(1000);
    let shown = quote_value(&long);
    assert_eq!(shown.chars().count(), SHOWN_VALUE_CHARS + 3);
    assert!(shown.ends_with("…`"));
    assert_eq!(quote_value("台北市"), "`台北市`");
}

#[test]
fn stored_values_are_cut_too() {
    let e = place(false).error(
        Code::RequiredUnreadable,
        "f",
        Some("a"),
        Some(&"é".repeat(5000)),
        "m".into(),
    );
    assert_eq!(
        e.value.map(|v| v.chars().count()),
        Some(STORED_VALUE_CHARS + 1)
    );
}

#[test]
fn fatal_errors_show_position_and_help() {
    let e = LeadsError::Malformed {
        file: "leads.json".into(),
        line: Some(3),
        column: Some(5),
        message: "expected `,` or `]`".into(),
    };
    assert_eq!(e.to_string(), "leads.json:3:5: expected `,` or `]`");
    assert!(e.help().is_some());
    assert_eq!(e.code(), Code::LeadsMalformed);
    assert_eq!(e.place(), Some(("leads.json".to_string(), Some(3))));
}
