use super::*;

#[test]
fn line_col_counts_characters_not_bytes() {
    let mut map = SourceMap::new();
    let id = map.add("a.play", "ab\n公司 x".to_string());
    let x = "ab\n公司 x".find('x').unwrap() as u32;
    assert_eq!(map.line_col(id, x), (2, 4));
    assert_eq!(map.line_col(id, 0), (1, 1));
}
