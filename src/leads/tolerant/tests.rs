use super::*;

const DOT: NumberStyle = NumberStyle {
    decimal_comma: false,
};
const COMMA: NumberStyle = NumberStyle {
    decimal_comma: true,
};

#[test]
fn grouped_numbers_read_in_either_style() {
    assert_eq!(number_in("1,200", DOT), Some(1200.0));
    assert_eq!(number_in("1,200.50", DOT), Some(1200.5));
    assert_eq!(number_in("1 200", DOT), Some(1200.0));
    assert_eq!(number_in("-12,345,678", DOT), Some(-12_345_678.0));
    assert_eq!(number_in("1.200,50", COMMA), Some(1200.5));
    assert_eq!(number_in("3,5", COMMA), Some(3.5));
    assert_eq!(number_in("1.200", COMMA), Some(1200.0));
    assert_eq!(number_in("1\u{a0}200,5", COMMA), Some(1200.5));
    assert_eq!(number_in("42", COMMA), Some(42.0));
}

#[test]
fn loose_grouping_is_not_a_number() {
    for text in [
        "1,2",
        "12,34,567",
        "1,,200",
        ",5",
        "1,200.5.1",
        "12k",
        "1,200x",
        "",
    ] {
        assert_eq!(number_in(text, DOT), None, "{text:?}");
    }
    assert_eq!(number_in("1,200.50", COMMA), None);
}

#[test]
fn money_drops_the_currency_before_or_after() {
    assert_eq!(money_in("$4,500,000", DOT), Some(4_500_000.0));
    assert_eq!(money_in("USD 1,200.00", DOT), Some(1200.0));
    assert_eq!(money_in("NT$ 30,000", DOT), Some(30_000.0));
    assert_eq!(money_in("1.200,50 €", COMMA), Some(1200.5));
    assert_eq!(money_in("-$50", DOT), Some(-50.0));
    assert_eq!(money_in("1200 EUR", DOT), Some(1200.0));
    assert_eq!(money_in("£12", DOT), Some(12.0));
    assert_eq!(money_in("750", DOT), Some(750.0));
    assert_eq!(money_in("$4.5M", DOT), None);
    assert_eq!(money_in("call us", DOT), None);
}

#[test]
fn percentages_keep_the_number_before_the_sign() {
    assert_eq!(percent_in("45%", DOT), Some(45.0));
    assert_eq!(percent_in("45 %", DOT), Some(45.0));
    assert_eq!(percent_in("12.5%", DOT), Some(12.5));
    assert_eq!(percent_in("12,5 %", COMMA), Some(12.5));
    assert_eq!(percent_in("45", DOT), Some(45.0));
    assert_eq!(percent_in("high", DOT), None);
}

#[test]
fn wide_bools_accept_checkbox_words() {
    for (text, want) in [
        ("Checked", true),
        ("x", true),
        ("YES", true),
        ("unchecked", false),
        ("0", false),
    ] {
        assert_eq!(bool_wide(text), Some(want), "{text:?}");
    }
    assert_eq!(bool_wide("maybe"), None);
}
