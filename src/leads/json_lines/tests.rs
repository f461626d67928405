use super::*;

#[test]
fn positions_are_stripped_from_parser_messages() {
    assert_eq!(
        strip_position("expected `,` or `}` at line 3 column 7"),
        "expected `,` or `}`"
    );
    assert_eq!(strip_position("eof"), "eof");
}

#[test]
fn line_ends_and_boms_are_not_content() {
    assert_eq!(line_content(b"\xef\xbb\xbf{}\r\n", true), b"{}");
    assert_eq!(line_content(b"\xef\xbb\xbf{}", false), b"\xef\xbb\xbf{}");
}
