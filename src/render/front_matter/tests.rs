//! Front matter tests: splitting, keys, headers and the errors with their codes.

use super::*;

const FILE: FileId = FileId(0);

#[test]
fn no_front_matter_means_the_whole_file_is_body() {
    let parsed = parse("Hi {{ lead.first_name }}\n", FILE).unwrap();
    assert_eq!(parsed.body, "Hi {{ lead.first_name }}\n");
    assert_eq!(parsed.body_line_offset, 0);
    assert_eq!(parsed.subject, None);
}

#[test]
fn subject_and_headers_are_read_with_their_lines() {
    let text = "---\nsubject: \"{{ lead.company }}: next step\"\nheaders:\n  Reply-To: \"{{ owner.email }}\"\n  X-Campaign: q4\n---\nHi\n";
    let parsed = parse(text, FILE).unwrap();
    let subject = parsed.subject.unwrap();
    assert_eq!(subject.source, "{{ lead.company }}: next step");
    assert_eq!(subject.line, 2);
    let names: Vec<_> = parsed
        .headers
        .iter()
        .map(|(n, f)| (n.as_str(), f.line))
        .collect();
    assert_eq!(names, vec![("Reply-To", 4), ("X-Campaign", 5)]);
    assert_eq!(parsed.body, "Hi\n");
    assert_eq!(parsed.body_line_offset, 6);
    assert_eq!(&text[parsed.body_offset..], "Hi\n");
}

#[test]
fn crlf_files_split_too() {
    let text = "---\r\nsubject: Hello\r\n---\r\nBody\r\n";
    let parsed = parse(text, FILE).unwrap();
    assert_eq!(parsed.subject.unwrap().source, "Hello");
    assert_eq!(parsed.body, "Body\r\n");
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let errs = parse("---\nsubject: x\nHi\n", FILE).unwrap_err();
    assert_eq!(errs[0].code, crate::diagnostics::Code::FrontMatterOpen);
}

#[test]
fn unknown_keys_get_a_hint() {
    let errs = parse("---\nsubjet: x\n---\nHi\n", FILE).unwrap_err();
    assert_eq!(errs[0].code, crate::diagnostics::Code::FrontMatterKey);
    assert_eq!(errs[0].help.as_deref(), Some("did you mean `subject`?"));
    assert_eq!(errs[0].span.map(|s| s.range()), Some(4..13));
}

#[test]
fn reserved_and_malformed_header_names_are_rejected() {
    let text = "---\nheaders:\n  Bcc: x@evil.example\n  \"Bad Name\": y\n  From: z\n---\nHi\n";
    let errs = parse(text, FILE).unwrap_err();
    let messages: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages.iter().any(|m| m.starts_with("header `Bcc`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.starts_with("header `Bad Name`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.starts_with("header `From`")),
        "{messages:?}"
    );
}

#[test]
fn yaml_errors_point_into_the_file() {
    let text = "---\nsubject: [unclosed\n---\nHi\n";
    let errs = parse(text, FILE).unwrap_err();
    assert!(
        errs[0]
            .message
            .starts_with("front matter is not valid YAML"),
        "{}",
        errs[0].message
    );
    let start = errs[0].span.map_or(0, |s| s.range().start);
    assert!(start >= 4, "{start}");
}
