use super::*;

#[test]
fn codes_are_unique_sorted_and_well_formed() {
    let shown: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(shown, sorted, "codes must be unique and in table order");
    for code in shown {
        assert!(code.len() == 6 && code.starts_with("LP"), "{code}");
        assert!(code[2..].chars().all(|c| c.is_ascii_digit()), "{code}");
    }
}
