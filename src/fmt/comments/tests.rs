use super::*;

#[test]
fn hashes_in_strings_and_backticks_are_not_comments() {
    let text = "segment a = x == \"#no\" and `#no` == \"\\\"#no\" # yes\n# own\r\n";
    let source = SourceText::new(text);
    let texts: Vec<(&str, bool, usize)> = source
        .comments()
        .iter()
        .map(|c| (c.text.as_str(), c.own_line, c.line))
        .collect();
    assert_eq!(texts, [("# yes", false, 0), ("# own", true, 1)]);
}

#[test]
fn lines_end_at_lf_crlf_and_lone_cr() {
    let source = SourceText::new("a\r\nb\rc\nd");
    let lines: Vec<usize> = [0, 3, 5, 7].iter().map(|&o| source.line_of(o)).collect();
    assert_eq!(lines, [0, 1, 2, 3]);
}

#[test]
fn blank_lines_are_found_between_lines() {
    let source = SourceText::new("a\n\n  \t\nb\nc\n");
    assert!(source.blank_between(0, 3));
    assert!(!source.blank_between(3, 4));
    assert!(!source.blank_between(4, 2));
}

#[test]
fn trim_end_skips_white_space_continuations_and_comments() {
    let text = "day 0 x \"t\"  \\\n   # note\nday 1";
    let source = SourceText::new(text);
    let end = text.find("# note").unwrap_or(0) + "# note".len();
    assert_eq!(source.trim_end(0, end), "day 0 x \"t\"".len());
}

#[test]
fn expr_end_takes_in_closing_parentheses() {
    let text = "segment a = ((b) # c\n  )  # d\n";
    let source = SourceText::new(text);
    let after_b = text.find('b').unwrap_or(0) + 1;
    assert_eq!(source.expr_end(after_b), text.rfind(')').unwrap_or(0) + 1);
}

#[test]
fn the_multiset_ignores_trailing_space_and_order() {
    assert_eq!(
        comment_multiset("# b  \n# a\n"),
        comment_multiset("# a\n# b\n")
    );
}
