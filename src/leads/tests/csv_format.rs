//! CSV: header, cells, rows and lines, ragged rows, encodings.

use super::*;

#[test]
fn csv_values_follow_schema_slots_typed_by_look() {
    let s = untyped(&[
        "id",
        "employees",
        "replied",
        "last_activity",
        "industry",
        "absent",
    ]);
    let batch = read(
        "id,industry,employees,replied,last_activity\nL-1, SaaS ,1200,TRUE,2026-03-01\n",
        LeadFormat::Csv,
        &s,
    );
    assert!(batch.errors.is_empty());
    let lead = &batch.leads[0];
    assert_eq!(lead.id, "L-1");
    assert_eq!(lead.row, 1);
    assert_eq!(
        lead.values,
        vec![
            text("L-1"),
            Value::Number(1200.0),
            Value::Bool(true),
            date(2026, 3, 1),
            text(" SaaS "),
            Value::Missing
        ]
    );
}

#[test]
fn csv_declared_types_coerce_each_rule() {
    let s = schema(&[
        ("id", Some(FieldType::Text), false),
        ("n", Some(FieldType::Number), false),
        ("b", Some(FieldType::Bool), false),
        ("d", Some(FieldType::Date), false),
        ("tags", Some(FieldType::List), false),
        ("t", Some(FieldType::Text), false),
    ]);
    let csv = "id,n,b,d,tags,t\n1, -3.5 ,Yes,2026-01-02T10:00:00+09:00,vip; beta;,42\n2,,,  ,,\n";
    let batch = read(csv, LeadFormat::Csv, &s);
    assert_eq!(messages(&batch), Vec::<String>::new());
    assert_eq!(
        batch.leads[0].values,
        vec![
            text("1"),
            Value::Number(-3.5),
            Value::Bool(true),
            date(2026, 1, 2),
            Value::List(vec![text("vip"), text("beta")]),
            text("42")
        ]
    );
    assert_eq!(
        batch.leads[1].values[1..],
        [
            Value::Missing,
            Value::Missing,
            Value::Missing,
            Value::Missing,
            Value::Missing
        ]
    );
}

#[test]
fn csv_bad_values_are_missing_and_reported_with_file_line_field_and_value() {
    let s = schema(&[
        ("id", None, false),
        ("employees", Some(FieldType::Number), false),
        ("replied", Some(FieldType::Bool), false),
        ("seen", Some(FieldType::Date), false),
    ]);
    let csv = "id,employees,replied,seen\nL-1,12k,yes,2026-01-01\nL-2,10,maybe,2026-01-01\nL-3,10,no,2026-02-30\nL-4,NaN,no,\nL-5,5,no,\n";
    let batch = read(csv, LeadFormat::Csv, &s);
    // Every lead stays; each bad value is missing and reported once (SPEC 5).
    assert_eq!(batch.leads.len(), 5);
    assert!(batch.errors.is_empty());
    assert_eq!(batch.leads[0].values[1], Value::Missing);
    let cells: Vec<String> = batch.bad_cells.iter().map(ToString::to_string).collect();
    assert_eq!(
        cells,
        [
            "leads.csv:2: field `employees`: `12k` is not a number; treated as missing",
            "leads.csv:3: field `replied`: `maybe` is not a bool (use true/false, yes/no, y/n, 1/0 or checked/unchecked); treated as missing",
            "leads.csv:4: field `seen`: `2026-02-30` is not a date (use YYYY-MM-DD, 20.11.2026, 11/20/2026 or a `date \"FORMAT\"`); treated as missing",
            "leads.csv:5: field `employees`: `NaN` is not a number; treated as missing",
        ]
    );
    let first = &batch.bad_cells[0];
    assert_eq!(
        (&*first.file, first.row, first.line),
        ("leads.csv", 1, Some(2))
    );
    assert_eq!(
        (
            first.field.as_str(),
            first.column.as_str(),
            first.value.as_str()
        ),
        ("employees", "employees", "12k")
    );
}

#[test]
fn csv_rows_count_data_rows_and_lines_count_physical_lines() {
    let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), false)]);
    let csv = "id,note,n\nL-1,\"two\nlines\",1\nL-2,x,bad\n";
    let batch = read(csv, LeadFormat::Csv, &s);
    let bad = &batch.bad_cells[0];
    assert_eq!((bad.row, bad.line), (2, Some(4)));
}

#[test]
fn csv_header_is_trimmed_and_bom_stripped() {
    let bytes = "\u{feff} id , Lead Source \nL-1,web\n";
    let reader = LeadReader::from_reader(
        Cursor::new(bytes.as_bytes().to_vec()),
        "x.csv",
        LeadFormat::Csv,
    )
    .unwrap();
    assert_eq!(
        reader.columns(),
        Some(&["id".to_string(), "Lead Source".to_string()][..])
    );
    let batch = collect_all(reader, &untyped(&["id", "Lead Source"])).unwrap();
    assert_eq!(batch.leads[0].values, vec![text("L-1"), text("web")]);
}

#[test]
fn csv_ragged_rows_are_row_errors_but_trailing_commas_are_fine() {
    let s = untyped(&["id", "a", "b"]);
    let batch = read(
        "id,a,b\nL-1,1\nL-2,1,2,3\nL-3,1,2,,\nL-4,1,2\n",
        LeadFormat::Csv,
        &s,
    );
    assert_eq!(
        batch
            .leads
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["L-3", "L-4"]
    );
    assert_eq!(
        messages(&batch),
        [
            "leads.csv: row 1: the row has 2 cells but the header has 3 columns",
            "leads.csv: row 2: the row has 4 cells but the header has 3 columns"
        ]
    );
}

#[test]
fn csv_invalid_utf8_after_the_sniffed_head_is_a_row_error_where_read() {
    // The first 64 KiB are UTF-8, so the file is read as UTF-8; a bad byte further on
    // is a row error in a field the program reads, and `�` in one it does not.
    let mut bytes = b"id,company,note\n".to_vec();
    for i in 0..6000 {
        bytes.extend_from_slice(format!("P-{i:05},Acme,ok\n").as_bytes());
    }
    bytes.extend_from_slice(b"Q-2,Bad");
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b",ok\nQ-3,Fine,n\xffote\n");
    let reader = LeadReader::from_reader(Cursor::new(bytes), "leads.csv", LeadFormat::Csv).unwrap();
    let batch = collect_all(reader, &untyped(&["id", "company"])).unwrap();
    assert_eq!(batch.leads.len(), 6001);
    assert_eq!(
        messages(&batch),
        ["leads.csv: row 6001: field `company`: `Bad\u{fffd}\u{fffd}` is not valid UTF-8"]
    );
    let last = batch.leads.last().unwrap();
    assert_eq!(
        last.all_fields().get("note").cloned(),
        Some(serde_json::json!("n\u{fffd}ote"))
    );
}

#[test]
fn csv_not_utf8_at_all_is_read_as_windows_1252() {
    let bytes = b"id;company\nL-1;M\xfcller GmbH\n".to_vec();
    let reader = LeadReader::from_reader(Cursor::new(bytes), "leads.csv", LeadFormat::Csv).unwrap();
    let notes = reader.notes();
    let batch = collect_all(reader, &untyped(&["id", "company"])).unwrap();
    assert_eq!(batch.leads[0].values[1], text("Müller GmbH"));
    assert!(notes.all()[0].contains("read as Windows-1252"));
}

#[test]
fn csv_blank_rows_are_skipped_but_counted() {
    let batch = read(
        "id,a\nL-1,x\n,\n , \nL-2,y\n",
        LeadFormat::Csv,
        &untyped(&["id"]),
    );
    assert!(batch.errors.is_empty());
    assert_eq!(
        batch.leads.iter().map(|l| l.row).collect::<Vec<_>>(),
        [1, 4]
    );
}

#[test]
fn csv_dotted_column_names_serve_nested_paths() {
    let batch = read(
        "id,company.size\nL-1,250\n",
        LeadFormat::Csv,
        &untyped(&["id", "company.size"]),
    );
    assert_eq!(batch.leads[0].values[1], Value::Number(250.0));
}

#[test]
fn empty_inputs_have_no_leads() {
    for format in [
        LeadFormat::Csv,
        LeadFormat::Json,
        LeadFormat::JsonLines,
        LeadFormat::Yaml,
    ] {
        let batch = read("", format, &untyped(&["id"]));
        assert_eq!(batch, LeadBatch::default(), "{format}");
    }
    let reader =
        LeadReader::from_reader(Cursor::new(Vec::new()), "e.csv", LeadFormat::Csv).unwrap();
    assert_eq!(reader.columns(), Some(&[][..]));
}
