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
fn csv_bad_values_are_row_errors_with_file_row_field_and_value() {
    let s = schema(&[
        ("id", None, false),
        ("employees", Some(FieldType::Number), false),
        ("replied", Some(FieldType::Bool), false),
        ("seen", Some(FieldType::Date), false),
    ]);
    let csv = "id,employees,replied,seen\nL-1,12k,yes,2026-01-01\nL-2,10,maybe,2026-01-01\nL-3,10,no,2026-02-30\nL-4,NaN,no,\nL-5,5,no,\n";
    let batch = read(csv, LeadFormat::Csv, &s);
    assert_eq!(batch.leads.len(), 1);
    assert_eq!(batch.leads[0].id, "L-5");
    assert_eq!(
        messages(&batch),
        [
            "leads.csv: row 1: field `employees`: `12k` is not a number",
            "leads.csv: row 2: field `replied`: `maybe` is not a bool (use true/false, yes/no, y/n or 1/0)",
            "leads.csv: row 3: field `seen`: `2026-02-30` is not a date (use YYYY-MM-DD or an RFC 3339 timestamp)",
            "leads.csv: row 4: field `employees`: `NaN` is not a number",
        ]
    );
    let first = &batch.errors[0];
    assert_eq!(
        (&*first.file, first.row, first.line),
        ("leads.csv", 1, Some(2))
    );
    assert_eq!(
        (first.field.as_deref(), first.value.as_deref()),
        (Some("employees"), Some("12k"))
    );
}

#[test]
fn csv_rows_count_data_rows_and_lines_count_physical_lines() {
    let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), false)]);
    let csv = "id,note,n\nL-1,\"two\nlines\",1\nL-2,x,bad\n";
    let batch = read(csv, LeadFormat::Csv, &s);
    let error = &batch.errors[0];
    assert_eq!((error.row, error.line), (2, Some(4)));
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
fn csv_invalid_utf8_in_a_field_the_program_reads_is_a_row_error() {
    let mut bytes = b"id,company,note\nL-1,Acme,ok\nL-2,Bad".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b",ok\nL-3,Fine,n\xffote\n");
    let reader = LeadReader::from_reader(Cursor::new(bytes), "leads.csv", LeadFormat::Csv).unwrap();
    let batch = collect_all(reader, &untyped(&["id", "company"])).unwrap();
    assert_eq!(
        batch
            .leads
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["L-1", "L-3"]
    );
    assert_eq!(
        messages(&batch),
        ["leads.csv: row 2: field `company`: `Bad\u{fffd}\u{fffd}` is not valid UTF-8"]
    );
    // A column the program does not read stays usable; templates see `�` for the bad byte.
    let note = batch.leads[1].all_fields().get("note").cloned();
    assert_eq!(note, Some(serde_json::json!("n\u{fffd}ote")));
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
