use super::{LetGoRecords, Printer};
use crate::engine::records::RecordFormat;
use crate::engine::spool::Spool;

/// Prints kept records `(id, framed)` among the spooled `(id, framed)` ones, as
/// `write_records` does.
fn print(
    format: RecordFormat,
    spooled_as: RecordFormat,
    spooled: &[(&str, &str)],
    kept: &[(&str, &str)],
    marks: Option<Vec<u64>>,
) -> String {
    let mut spool = Spool::in_memory();
    for (id, record) in spooled {
        spool.push(id, record.as_bytes());
    }
    let mut records =
        LetGoRecords::new(spool, spooled_as, format, marks, kept.len()).expect("spool reads");
    let (mut printer, mut out) = (Printer::new(format), Vec::new());
    printer.start(&mut out).expect("in memory");
    for (i, (id, record)) in kept.iter().enumerate() {
        records
            .print_before(i, id, &mut printer, &mut out)
            .expect("in memory");
        printer
            .record(&mut out, record.as_bytes())
            .expect("in memory");
    }
    records
        .print_rest(&mut printer, &mut out)
        .expect("in memory");
    printer.end(&mut out).expect("in memory");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn a_json_array_drops_the_first_separator_and_closes_empty_or_not() {
    let json = RecordFormat::Json;
    assert_eq!(print(json, json, &[], &[], None), "[\n]\n");
    let spooled = [("a", ",\n  {\"id\":\"a\"}"), ("c", ",\n  {\"id\":\"c\"}")];
    let kept = [("b", ",\n  {\"id\":\"b\"}")];
    let expected = "[\n  {\"id\":\"a\"},\n  {\"id\":\"b\"},\n  {\"id\":\"c\"}\n]\n";
    assert_eq!(print(json, json, &spooled, &kept, None), expected);
    // `a` is 14 bytes framed: `b` went after it.
    assert_eq!(print(json, json, &spooled, &kept, Some(vec![14])), expected);
    // A kept lead first: the spool's first record keeps its comma.
    let kept = [("0", ",\n  {\"id\":\"0\"}")];
    assert!(
        print(json, json, &spooled, &kept, Some(vec![0])).starts_with("[\n  {\"id\":\"0\"},\n")
    );
}

#[test]
fn marks_place_kept_records_by_byte_without_reading_ids() {
    let csv = RecordFormat::Csv;
    let spooled = [
        ("L-1", "L-1,cold\n"),
        ("L-3", "L-3,cold\n"),
        ("L-4", "L-4,warm\n"),
    ];
    let kept = [("L-2", "L-2,hot\n"), ("L-5", "L-5,hot\n")];
    let by_id = print(csv, csv, &spooled, &kept, None);
    assert_eq!(by_id, "L-1,cold\nL-2,hot\nL-3,cold\nL-4,warm\nL-5,hot\n");
    assert_eq!(print(csv, csv, &spooled, &kept, Some(vec![9, 27])), by_id);
    // The marks are trusted: they are where the leads were in the file.
    let placed = print(csv, csv, &spooled, &kept, Some(vec![0, 9]));
    assert_eq!(placed, "L-2,hot\nL-1,cold\nL-5,hot\nL-3,cold\nL-4,warm\n");
    // Marks that do not fit the kept leads are not used.
    assert_eq!(print(csv, csv, &spooled, &kept, Some(vec![0])), by_id);
}

#[test]
fn records_spooled_as_json_lines_print_in_a_json_array_and_back() {
    let (json, jsonl) = (RecordFormat::Json, RecordFormat::Jsonl);
    let spooled = [("a", "{\"id\":\"a\"}\n"), ("c", "{\"id\":\"c\"}\n")];
    let kept = [("b", ",\n  {\"id\":\"b\"}")];
    let expected = "[\n  {\"id\":\"a\"},\n  {\"id\":\"b\"},\n  {\"id\":\"c\"}\n]\n";
    // Marks are for the spooled framing: merged by id instead.
    assert_eq!(
        print(json, jsonl, &spooled, &kept, Some(vec![11])),
        expected
    );
    let spooled = [("a", ",\n  {\"id\":\"a\"}")];
    let kept = [("b", "{\"id\":\"b\"}\n")];
    let lines = print(jsonl, json, &spooled, &kept, None);
    assert_eq!(lines, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
}
