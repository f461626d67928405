use super::*;

fn trimmed(text: &str) -> &str {
    &text[..trim_end(text, 0, text.len())]
}

#[test]
fn trailing_space_and_comments_are_left_out() {
    assert_eq!(trimmed("a > 1   "), "a > 1");
    assert_eq!(trimmed("a > 1   # five points\n  "), "a > 1");
    assert_eq!(trimmed("a > 1 # one\n  # two\n"), "a > 1");
    assert_eq!(trimmed("a == \"#1\" # c"), "a == \"#1\"");
    assert_eq!(trimmed("`a#b` > 1"), "`a#b` > 1");
    assert_eq!(trimmed("a == \"x\\\"#\""), "a == \"x\\\"#\"");
    assert_eq!(trimmed("a or \\\n"), "a or");
}

#[test]
fn parentheses_are_taken_in() {
    let text = "not (n >= 200)";
    let (s, e) = widen_to_parens(text, 5, 13);
    assert_eq!(&text[s..e], "(n >= 200)");
    let text = "(( employees )) > 1";
    let (s, e) = widen_to_parens(text, 3, 12);
    assert_eq!(&text[s..e], "( employees )");
    let (s, e) = widen_to_parens(text, s, e);
    assert_eq!(&text[s..e], "(( employees ))");
    assert_eq!(widen_to_parens("f(x, y)", 2, 3), (2, 3), "not a group");
}
