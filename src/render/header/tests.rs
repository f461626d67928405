use super::*;

#[test]
fn base64_matches_rfc_4648_vectors() {
    let cases = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foobar", "Zm9vYmFy"),
    ];
    for (input, expected) in cases {
        assert_eq!(base64(input.as_bytes()), expected);
    }
}

#[test]
fn one_line_removes_every_line_break_and_control() {
    assert_eq!(one_line("Mei\r\nBcc: x@evil"), "Mei Bcc: x@evil");
    assert_eq!(one_line("a\u{0}\u{7f}\u{85}\u{2028}b\tc"), "a b c");
    assert_eq!(one_line("  \r\n "), "");
}

#[test]
fn ascii_subjects_fold_at_spaces_under_78() {
    let subject = "word ".repeat(40);
    let header = unstructured("Subject", &subject);
    assert!(header.lines().count() > 1);
    for line in header.split("\r\n") {
        assert!(line.len() <= FOLD_AT, "{line}");
    }
    assert!(header.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
}

#[test]
fn non_ascii_becomes_short_encoded_words() {
    let header = unstructured("Subject", &"會議邀請".repeat(20));
    for line in header.split("\r\n") {
        assert!(line.len() <= FOLD_AT, "{line}");
    }
    assert!(header.contains("=?UTF-8?B?"));
    assert!(!header.contains('會'));
}

#[test]
fn display_names_are_quoted_or_encoded() {
    assert_eq!(mailbox("To", "Mei Lin", "m@x.co"), "To: Mei Lin <m@x.co>");
    assert_eq!(
        mailbox("To", "Lin, Mei \"ML\"", "m@x.co"),
        "To: \"Lin, Mei \\\"ML\\\"\" <m@x.co>"
    );
    assert_eq!(mailbox("To", "", "m@x.co"), "To: m@x.co");
    assert!(mailbox("To", "林美", "m@x.co").starts_with("To: =?UTF-8?B?"));
}

#[test]
fn addresses_are_checked_not_repaired() {
    assert_eq!(
        check_address(" mei@acme.example ").as_deref(),
        Ok("mei@acme.example")
    );
    for bad in [
        "",
        "mei",
        "mei lin@acme.example",
        "mei@acme.example\r\nBcc: x@evil",
        "<mei@acme.example>",
        "a@b@c",
        "mei@-acme.example",
        "mei..lin@acme.example",
        "李@acme.example",
    ] {
        assert!(check_address(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn header_names_follow_rfc_5322_and_reserve_ours() {
    assert_eq!(header_name_problem("Reply-To"), None);
    assert_eq!(header_name_problem("X-Campaign"), None);
    for bad in [
        "",
        "Bad Name",
        "A:B",
        "Bcc",
        "from",
        "Content-Type",
        "X-Leadplay-Lead",
        "Ä",
    ] {
        assert!(header_name_problem(bad).is_some(), "{bad}");
    }
}
