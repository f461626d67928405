use super::*;

#[test]
fn trim_space_agrees_with_trim() {
    for text in [
        "",
        " ",
        "a",
        " a ",
        "saas",
        "\tx\r\n",
        "\x0bx\x0c",
        "x\u{a0}",
        "\u{3000}台北",
        "台北",
        "a\u{85}",
        "\u{2003}",
        "a b",
        ".",
        "é",
    ] {
        assert_eq!(trim_space(text), text.trim(), "{text:?}");
    }
}

#[test]
fn numbers_print_without_needless_decimals() {
    assert_eq!(format_number(35.0), "35");
    assert_eq!(format_number(-3.5), "-3.5");
    assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
}
