use super::*;

fn read(bytes: &[u8], dialect: &Dialect) -> (String, u8, Option<String>) {
    let prepared = prepare(Box::new(Cursor::new(bytes.to_vec())), dialect, "f.csv").unwrap();
    let mut out = String::new();
    let mut input = prepared.input;
    input.read_to_string(&mut out).unwrap();
    (out, prepared.delimiter, prepared.note)
}

#[test]
fn the_delimiter_is_the_most_common_one_outside_quotes() {
    assert_eq!(detect_delimiter(b"id;name;\"a,b,c,d\"\n1;2;3"), b';');
    assert_eq!(detect_delimiter(b"id,name,email\n"), b',');
    assert_eq!(detect_delimiter(b"id\tname\temail"), b'\t');
    assert_eq!(detect_delimiter(b"id|name"), b'|');
    assert_eq!(detect_delimiter(b"id"), b',');
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "id;name\n1;台北\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let (text, delimiter, note) = read(&bytes, &Dialect::default());
    assert_eq!(text, "id;name\n1;台北\n");
    assert_eq!(delimiter, b';');
    assert_eq!(note, None);
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252_with_a_note() {
    let (text, _, note) = read(b"id;name\n1;M\xfcller \x80\n", &Dialect::default());
    assert_eq!(text, "id;name\n1;Müller €\n");
    assert!(note.is_some_and(|n| n.contains("Windows-1252")));
}

#[test]
fn utf8_passes_through_and_a_given_delimiter_wins() {
    let dialect = Dialect {
        delimiter: Some(b'|'),
        ..Dialect::default()
    };
    let (text, delimiter, note) = read("id,名\n".as_bytes(), &dialect);
    assert_eq!((text.as_str(), delimiter, note), ("id,名\n", b'|', None));
}
