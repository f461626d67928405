use super::{CsvRecords, Record};
use proptest::prelude::*;

/// Every record as (line, cells), read with `buffer` bytes at a time.
fn read_all(input: &[u8], delimiter: u8, buffer: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
    let mut records = CsvRecords::with_buffer(input, delimiter, buffer);
    let mut record = Record::default();
    let mut all = Vec::new();
    while records.read(&mut record).expect("in memory") {
        all.push((record.line(), record.cells().map(<[u8]>::to_vec).collect()));
    }
    all
}

/// What the `csv` crate reads, with each record's line counted from its first byte:
/// the crate's own position is where it started reading (before the empty lines and
/// the `\n` of a `\r\n` it skips on the way).
fn read_with_csv(input: &[u8], delimiter: u8) -> Vec<(u64, Vec<Vec<u8>>)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut all = Vec::new();
    while reader.read_byte_record(&mut record).expect("in memory") {
        let at = record.position().map_or(0, |p| p.byte() as usize);
        let skipped = input[at..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let line = 1 + input[..at + skipped]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        all.push((line, record.iter().map(<[u8]>::to_vec).collect()));
    }
    all
}

fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "a", "bc", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", " ", "é", "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #[test]
    fn reads_what_the_csv_crate_reads(
        input in csv_like(),
        delimiter in prop::sample::select(vec![b',', b';', b'"', b'\n']),
        buffer in prop::sample::select(vec![1usize, 2, 3, 7, 64, 1 << 16]),
    ) {
        let ours = read_all(&input, delimiter, buffer);
        let theirs = read_with_csv(&input, delimiter);
        let cells = |all: &[(u64, Vec<Vec<u8>>)]| all.iter().map(|r| r.1.clone()).collect::<Vec<_>>();
        prop_assert_eq!(cells(&ours), cells(&theirs));
        // Lines from the second record on (empty lines before the first count as its
        // line 1, and a delimiter that is a quote or a line break is read the slow way).
        if matches!(delimiter, b',' | b';') {
            prop_assert_eq!(ours.iter().skip(1).map(|r| r.0).collect::<Vec<_>>(),
                theirs.iter().skip(1).map(|r| r.0).collect::<Vec<_>>());
        }
    }
}

#[test]
fn plain_lines_are_split_and_quoted_ones_read_whole() {
    let input = "id,name\r\n1,Ann\r\n\r\n2,\"Lee, Bo\"\n3,\"two\nlines\"\n4,x";
    let all = read_all(input.as_bytes(), b',', 4);
    let lines: Vec<u64> = all.iter().map(|r| r.0).collect();
    assert_eq!(lines, [1, 2, 4, 5, 7]);
    let cells: Vec<Vec<String>> = all
        .iter()
        .map(|r| {
            r.1.iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect()
        })
        .collect();
    assert_eq!(cells[2], ["2", "Lee, Bo"]);
    assert_eq!(cells[3], ["3", "two\nlines"]);
    assert_eq!(cells[4], ["4", "x"]);
}

#[test]
fn a_byte_order_mark_before_the_header_is_dropped() {
    let all = read_all("\u{feff}id\n1\n".as_bytes(), b',', 64);
    assert_eq!(all[0].1, [b"id".to_vec()]);
}

#[test]
fn zero_bytes_are_found_exactly() {
    for word in [
        0u64,
        u64::MAX,
        0x0100_0000_0000_ff00,
        0x8000_0000_0000_0080,
        0x00ff_0001_8000_7f00,
    ] {
        let expected = (0..8)
            .filter(|i| (word >> (i * 8)) & 0xff == 0)
            .fold(0u64, |mask, i| mask | 0x80 << (i * 8));
        assert_eq!(super::zero_bytes(word), expected, "{word:#018x}");
    }
}

/// Cases the property test found, kept: a BOM read in pieces, and lone `\r`s before a
/// line break (empty lines, skipped) with the next record's line after them.
#[test]
fn cases_the_property_test_found() {
    for input in [&b"\xef\xbb\xbfa"[..], b"a\r\r\r\na", b"a\r\n\r\"b\"\n"] {
        for buffer in [1, 2, 3, 64] {
            assert_eq!(
                read_all(input, b',', buffer),
                read_with_csv(input, b','),
                "{input:?}"
            );
        }
    }
}
