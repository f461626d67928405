use super::*;

fn through(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    SkipBom::new(bytes).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn a_leading_bom_is_dropped_and_everything_else_kept() {
    assert_eq!(through(b"\xef\xbb\xbfid\n"), b"id\n");
    assert_eq!(through(b"\xef\xbb\xbf\xef\xbb\xbf\nid"), b"\nid");
    assert_eq!(through(b"\xef\xbb"), b"\xef\xbb");
    assert_eq!(through(b"\xefx\xbb\xbf"), b"\xefx\xbb\xbf");
    assert_eq!(through(b"id\xef\xbb\xbf"), b"id\xef\xbb\xbf");
    assert_eq!(through(b""), b"");
}
