use super::*;

#[test]
fn deep_brackets_are_rejected_before_parsing() {
    let text = format!("segment s = {}1{}", "(".repeat(100), ")".repeat(100));
    assert!(check_nesting(FileId(0), &text).is_some());
}

#[test]
fn long_not_chains_are_rejected() {
    let text = format!("segment s = {} x", "not ".repeat(200));
    assert!(check_nesting(FileId(0), &text).is_some());
}

#[test]
fn ordinary_programs_pass() {
    let text = "segment s = (a and (b or not c)) # (((((\nscore { -10 when x }";
    assert!(check_nesting(FileId(0), text).is_none());
}
