use super::*;

#[test]
fn names_get_backticks_only_when_needed() {
    assert_eq!(name("employees"), "employees");
    assert_eq!(name("day"), "day");
    assert_eq!(name("in"), "`in`");
    assert_eq!(name("Lead Source"), "`Lead Source`");
    assert_eq!(name("公司"), "`公司`");
    assert_eq!(name("2x"), "`2x`");
}

#[test]
fn numbers_are_minimal() {
    assert_eq!(number(1200.0), "1200");
    assert_eq!(number(2.5), "2.5");
    assert_eq!(number(-0.0), "0");
    assert_eq!(points(5.0), "+5");
    assert_eq!(points(-10.0), "-10");
    assert_eq!(points(-0.0), "+0");
    assert_eq!(number(1e21), "1000000000000000000000");
}

#[test]
fn strings_are_escaped_canonically() {
    assert_eq!(string("a\"b"), r#""a\"b""#);
    assert_eq!(string(r"\d+\.\b"), r#""\d+\.\b""#);
    assert_eq!(string("a\\"), r#""a\\""#);
    assert_eq!(string("\\n"), r#""\\n""#);
    assert_eq!(string("\\\t"), r#""\\\t""#);
    assert_eq!(string("\\\\"), r#""\\\\""#);
    assert_eq!(string("台\u{1}"), "\"台\\u{1}\"");
}

#[test]
fn wide_characters_count_two_columns() {
    assert_eq!(display_width("公司 x"), 6);
}
