//! Tests of the whole layer: every format, coercion rule, row error and edge case.

use super::*;
use crate::schema::{FieldSpec, LeadSchema};
use crate::value::{FieldType, Value};
use chrono::NaiveDate;
use std::io::Cursor;
use std::ops::ControlFlow;

/// A schema from `(dotted name, type, required)`; the key is slot 0.
fn schema(fields: &[(&str, Option<FieldType>, bool)]) -> LeadSchema {
    LeadSchema {
        fields: fields
            .iter()
            .map(|(name, ty, required)| FieldSpec {
                path: name.split('.').map(str::to_string).collect(),
                ty: *ty,
                required: *required,
            })
            .collect(),
        key: 0,
        declared: fields.iter().any(|f| f.1.is_some()),
    }
}

fn untyped(names: &[&str]) -> LeadSchema {
    schema(&names.iter().map(|n| (*n, None, false)).collect::<Vec<_>>())
}

fn read(text: &str, format: LeadFormat, schema: &LeadSchema) -> LeadBatch {
    let name = format!("leads.{}", format.name());
    let reader =
        LeadReader::from_reader(Cursor::new(text.as_bytes().to_vec()), &name, format).unwrap();
    collect_all(reader, schema).unwrap()
}

fn fatal(text: &str, format: LeadFormat) -> LeadsError {
    let reader = LeadReader::from_reader(Cursor::new(text.as_bytes().to_vec()), "leads", format);
    match reader {
        Err(e) => e,
        Ok(reader) => collect_all(reader, &untyped(&["id"])).unwrap_err(),
    }
}

fn messages(batch: &LeadBatch) -> Vec<String> {
    batch.errors.iter().map(ToString::to_string).collect()
}

fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

// ---- CSV ----

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
fn csv_invalid_utf8_is_a_row_error_naming_the_column() {
    let mut bytes = b"id,company\nL-1,Acme\nL-2,Bad".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\nL-3,Fine\n");
    let reader = LeadReader::from_reader(Cursor::new(bytes), "leads.csv", LeadFormat::Csv).unwrap();
    let batch = collect_all(reader, &untyped(&["id"])).unwrap();
    assert_eq!(batch.leads.len(), 2);
    assert_eq!(batch.errors[0].field.as_deref(), Some("company"));
    assert_eq!(batch.errors[0].row, 2);
    assert!(
        batch.errors[0].message.ends_with("is not valid UTF-8"),
        "{}",
        batch.errors[0]
    );
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

// ---- keys ----

#[test]
fn keys_are_trimmed_text_and_numbers_without_decimals() {
    let s = untyped(&["id"]);
    let batch = read("id\n L-7 \n1200\n12.5\n", LeadFormat::Csv, &s);
    assert_eq!(
        batch
            .leads
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["L-7", "1200", "12.5"]
    );
    let batch = read(r#"[{"id": 1200}, {"id": 7.0}]"#, LeadFormat::Json, &s);
    assert_eq!(
        batch
            .leads
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["1200", "7"]
    );
}

#[test]
fn a_missing_key_or_required_value_is_a_row_error() {
    let s = schema(&[
        ("id", Some(FieldType::Text), false),
        ("email", Some(FieldType::Text), true),
    ]);
    let batch = read("id,email\n,a@b.co\nL-2,  \n", LeadFormat::Csv, &s);
    assert!(batch.leads.is_empty());
    assert_eq!(
        messages(&batch),
        [
            "leads.csv: row 1: field `id`: the key is missing",
            "leads.csv: row 2: field `email`: a required value is missing"
        ]
    );
    let batch = read(r#"[{"email": "a@b.co"}]"#, LeadFormat::Json, &s);
    assert_eq!(
        messages(&batch),
        ["leads.json: row 1: field `id`: the key is missing"]
    );
}

#[test]
fn a_duplicate_key_is_an_error_for_the_later_row() {
    let batch = read(
        "id\nL-001\nL-002\nL-001\n",
        LeadFormat::Csv,
        &untyped(&["id"]),
    );
    assert_eq!(
        batch.leads.iter().map(|l| l.row).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        messages(&batch),
        ["leads.csv: row 3: field `id`: duplicate key `L-001` (first seen in row 1)"]
    );
    let batch = read(
        "{\"id\":\"a\"}\n\n{\"id\":\"a\"}\n",
        LeadFormat::JsonLines,
        &untyped(&["id"]),
    );
    assert_eq!(
        messages(&batch),
        ["leads.jsonl: line 3: field `id`: duplicate key `a` (first seen in line 1)"]
    );
}

#[test]
fn key_tracker_checks_leads_directly() {
    let batch = read("id\nx\n", LeadFormat::Csv, &untyped(&["id"]));
    let mut keys = KeyTracker::new("id", "f.csv");
    assert!(keys.check(&batch.leads[0]).is_ok());
    let error = keys.check(&batch.leads[0]).unwrap_err();
    assert_eq!((error.row, error.value.as_deref()), (1, Some("x")));
    assert_eq!(keys.len(), 1);
}

// ---- JSON ----

#[test]
fn json_native_types_map_directly_and_strings_stay_text_unless_dates() {
    let s = untyped(&["id", "n", "b", "tags", "d", "num_text", "nothing", "obj"]);
    let json = r#"[{"id": "L-1", "n": 3.5, "b": false, "tags": ["vip", 2, null], "d": "2026-05-06", "num_text": "1200", "nothing": null, "obj": {"a": 1}}]"#;
    let batch = read(json, LeadFormat::Json, &s);
    assert_eq!(
        batch.leads[0].values,
        vec![
            text("L-1"),
            Value::Number(3.5),
            Value::Bool(false),
            Value::List(vec![text("vip"), Value::Number(2.0)]),
            date(2026, 5, 6),
            text("1200"),
            Value::Missing,
            text(r#"{"a":1}"#)
        ]
    );
}

#[test]
fn json_declared_types_accept_strings_by_the_csv_rules() {
    let s = schema(&[
        ("id", None, false),
        ("n", Some(FieldType::Number), false),
        ("b", Some(FieldType::Bool), false),
        ("t", Some(FieldType::Text), false),
        ("l", Some(FieldType::List), false),
    ]);
    let batch = read(
        r#"[{"id": 1, "n": " 1200 ", "b": 1, "t": 7, "l": "a;b"}, {"id": 2, "b": "y", "l": 3}]"#,
        LeadFormat::Json,
        &s,
    );
    assert_eq!(messages(&batch), Vec::<String>::new());
    assert_eq!(
        batch.leads[0].values[1..],
        [
            Value::Number(1200.0),
            Value::Bool(true),
            text("7"),
            Value::List(vec![text("a"), text("b")])
        ]
    );
    assert_eq!(batch.leads[1].values[2], Value::Bool(true));
    assert_eq!(
        batch.leads[1].values[4],
        Value::List(vec![Value::Number(3.0)])
    );
}

#[test]
fn json_shape_mismatches_are_row_errors() {
    let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), false)]);
    let batch = read(
        r#"[{"id": 1, "n": [1, 2]}, {"id": 2, "n": true}, {"id": 3, "n": "12k"}]"#,
        LeadFormat::Json,
        &s,
    );
    assert_eq!(
        messages(&batch),
        [
            "leads.json: row 1: field `n`: `[1,2]` is a list, not a number",
            "leads.json: row 2: field `n`: `true` is a bool, not a number",
            "leads.json: row 3: field `n`: `12k` is not a number"
        ]
    );
    assert_eq!(batch.errors[0].line, Some(1));
}

#[test]
fn json_nested_paths_and_flat_dotted_keys() {
    let s = untyped(&["id", "company.size", "company.name"]);
    let batch = read(
        r#"[{"id": "a", "company": {"size": 250}, "company.name": "Flat"}, {"id": "b", "company": "not an object"}]"#,
        LeadFormat::Json,
        &s,
    );
    assert_eq!(
        batch.leads[0].values[1..],
        [Value::Number(250.0), text("Flat")]
    );
    assert_eq!(batch.leads[1].values[1..], [Value::Missing, Value::Missing]);
}

#[test]
fn json_elements_that_are_not_objects_are_row_errors() {
    let batch = read(
        "[\n{\"id\": \"a\"},\n 42,\n \"x\",\n [1],\n{\"id\": \"b\"}]",
        LeadFormat::Json,
        &untyped(&["id"]),
    );
    assert_eq!(batch.leads.len(), 2);
    assert_eq!(
        messages(&batch),
        [
            "leads.json: row 2: expected an object, found a number",
            "leads.json: row 3: expected an object, found a string",
            "leads.json: row 4: expected an object, found a list"
        ]
    );
    assert_eq!(batch.errors[0].line, Some(3));
}

#[test]
fn json_strings_with_brackets_quotes_and_unicode_are_scanned_whole() {
    let json = r#"[{"id": "a]}", "note": "say \"hi\" {[", "name": "陳小明"}, {"id": "b\\"}]"#;
    let batch = read(json, LeadFormat::Json, &untyped(&["id", "note", "name"]));
    assert_eq!(
        batch.leads[0].values,
        vec![text("a]}"), text("say \"hi\" {["), text("陳小明")]
    );
    assert_eq!(batch.leads[1].id, "b\\");
}

#[test]
fn malformed_json_documents_are_fatal_with_line_and_column() {
    let cases = [
        (
            "[\n  {\"id\": 1},\n  {\"id\" 2}\n]",
            "leads:3:9: expected `:`",
        ),
        (
            "{\"id\": 1}",
            "leads:1:1: expected a JSON array of lead objects (`[`)",
        ),
        ("[{\"id\": 1},]", "leads:1:12: a trailing comma before `]`"),
        (
            "[{\"id\": 1} {\"id\": 2}]",
            "leads:1:12: expected `,` or `]` after an array element",
        ),
        (
            "[{\"id\": 1}",
            "leads:1:11: the file ends inside the array (no closing `]`)",
        ),
        (
            "[{\"id\": 1",
            "leads:1:10: the file ends inside an array element",
        ),
        ("[] x", "leads:1:4: unexpected text after the closing `]`"),
        (
            "[{\"name\": \"台北\" x}]",
            "leads:1:16: expected `,` or `}`",
        ),
        ("[\n{\"a\": 1,\n \"台\": x}]", "leads:3:7: expected value"),
    ];
    for (json, expected) in cases {
        assert_eq!(
            fatal(json, LeadFormat::Json).to_string(),
            expected,
            "{json}"
        );
    }
}

#[test]
fn json_bom_and_whitespace_around_the_array_are_fine() {
    let batch = read(
        "\u{feff}\n  [ {\"id\": \"a\"} ]  \n",
        LeadFormat::Json,
        &untyped(&["id"]),
    );
    assert_eq!(batch.leads.len(), 1);
}

// ---- JSON Lines ----

#[test]
fn json_lines_bad_lines_are_row_errors_and_the_run_goes_on() {
    let jsonl = "{\"id\": \"a\", \"n\": 1}\r\n\n{\"id\": \"b\", oops}\n[1]\n{\"id\": \"c\"}";
    let batch = read(jsonl, LeadFormat::JsonLines, &untyped(&["id", "n"]));
    assert_eq!(
        batch
            .leads
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["a", "c"]
    );
    assert_eq!(batch.leads[0].values[1], Value::Number(1.0));
    assert_eq!(
        messages(&batch),
        [
            "leads.jsonl: line 3: invalid JSON: key must be a string at column 13",
            "leads.jsonl: line 4: expected an object, found a list"
        ]
    );
    assert_eq!((batch.errors[0].row, batch.errors[0].line), (2, Some(3)));
    assert_eq!(batch.leads[1].row, 4);
}

// ---- YAML ----

#[test]
fn yaml_sequences_of_mappings_with_nesting() {
    let yaml = "- id: L-1\n  employees: 5000\n  company:\n    name: 台積電\n  replied: yes\n  tags: [vip, beta]\n- id: L-2\n  last_activity: 2026-01-02\n";
    let s = untyped(&[
        "id",
        "employees",
        "company.name",
        "replied",
        "tags",
        "last_activity",
    ]);
    let batch = read(yaml, LeadFormat::Yaml, &s);
    assert_eq!(messages(&batch), Vec::<String>::new());
    assert_eq!(
        batch.leads[0].values,
        vec![
            text("L-1"),
            Value::Number(5000.0),
            text("台積電"),
            text("yes"),
            Value::List(vec![text("vip"), text("beta")]),
            Value::Missing
        ]
    );
    assert_eq!(batch.leads[1].values[5], date(2026, 1, 2));
}

#[test]
fn yaml_declared_bools_accept_yes() {
    let s = schema(&[
        ("id", None, false),
        ("replied", Some(FieldType::Bool), false),
    ]);
    let batch = read(
        "- {id: a, replied: yes}\n- {id: b, replied: 'N'}\n",
        LeadFormat::Yaml,
        &s,
    );
    assert_eq!(
        batch
            .leads
            .iter()
            .map(|l| l.values[1].clone())
            .collect::<Vec<_>>(),
        [Value::Bool(true), Value::Bool(false)]
    );
}

#[test]
fn malformed_yaml_and_wrong_shapes_are_fatal() {
    let e = fatal("- id: a\n  x: [1, 2\n", LeadFormat::Yaml);
    assert!(
        matches!(e, LeadsError::Malformed { line: Some(_), .. }),
        "{e}"
    );
    assert_eq!(
        fatal("id: a\n", LeadFormat::Yaml).to_string(),
        "leads:1:1: expected a sequence of lead mappings, found an object"
    );
    let batch = read("- a\n- {id: b}\n", LeadFormat::Yaml, &untyped(&["id"]));
    assert_eq!(
        messages(&batch),
        ["leads.yaml: row 1: expected an object, found a string"]
    );
}

// ---- readers and pipeline ----

#[test]
fn stdin_style_readers_and_batches() {
    let csv = (0..10).fold(String::from("id\n"), |acc, i| acc + &format!("L-{i}\n"));
    let mut reader =
        LeadReader::from_reader(Cursor::new(csv.into_bytes()), "-", LeadFormat::Csv).unwrap();
    assert_eq!(reader.display_name(), "-");
    assert_eq!(reader.format(), LeadFormat::Csv);
    let sizes: Vec<usize> = std::iter::from_fn(|| reader.next_batch(4).unwrap())
        .map(|b| b.len())
        .collect();
    assert_eq!(sizes, [4, 4, 2]);
    assert!(reader.next_batch(4).unwrap().is_none());
}

#[test]
fn read_all_keeps_file_order_across_many_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let count = BATCH_SIZE * 2 + 17;
    let mut csv = String::from("id,n\n");
    for i in 0..count {
        let n = if i % 1000 == 999 {
            "bad".to_string()
        } else {
            i.to_string()
        };
        csv.push_str(&format!("L-{i:06},{n}\n"));
    }
    csv.push_str("L-000000,1\n");
    std::fs::write(&path, csv).unwrap();
    let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), false)]);
    let all = read_all(&path, "big.csv", LeadFormat::Csv, &s).unwrap();
    assert_eq!(all.leads.len(), count - count / 1000);
    assert!(all.leads.windows(2).all(|w| w[0].row < w[1].row));
    assert!(all.errors.windows(2).all(|w| w[0].row < w[1].row));
    assert_eq!(
        all.errors.last().map(|e| e.message.as_str()),
        Some("duplicate key `L-000000` (first seen in row 1)")
    );
}

#[test]
fn for_each_batch_can_stop_early() {
    let csv = (0..BATCH_SIZE * 3).fold(String::from("id\n"), |acc, i| acc + &format!("{i}\n"));
    let reader =
        LeadReader::from_reader(Cursor::new(csv.into_bytes()), "x.csv", LeadFormat::Csv).unwrap();
    let mut batches = 0;
    for_each_batch(reader, &untyped(&["id"]), |_| {
        batches += 1;
        ControlFlow::Break(())
    })
    .unwrap();
    assert_eq!(batches, 1);
}

#[test]
fn a_missing_file_is_an_io_error() {
    let e = LeadReader::open(
        std::path::Path::new("/no/such/leads.csv"),
        "leads.csv",
        LeadFormat::Csv,
    )
    .err()
    .unwrap();
    assert!(matches!(e, LeadsError::Io { .. }));
    assert!(
        e.to_string()
            .starts_with("cannot read `/no/such/leads.csv`")
    );
}

#[test]
fn all_fields_show_every_column_not_only_the_schema() {
    let batch = read(
        "id,first_name,employees\nL-1,Ann,1200\n",
        LeadFormat::Csv,
        &untyped(&["id"]),
    );
    let fields = batch.leads[0].all_fields();
    assert_eq!(
        serde_json::Value::Object(fields),
        serde_json::json!({"id": "L-1", "first_name": "Ann", "employees": 1200})
    );
}

#[test]
fn the_convenience_coerce_and_a_coercer_for_another_header_agree() {
    let s = untyped(&["id", "n"]);
    let reader = LeadReader::from_reader(
        Cursor::new(b"n,id\n5,a\n".to_vec()),
        "a.csv",
        LeadFormat::Csv,
    )
    .unwrap();
    let raw = {
        let mut r = reader;
        r.next_batch(1).unwrap().unwrap().remove(0)
    };
    let coercer = Coercer::new(&s, Some(&["id".to_string(), "n".to_string()]), "a.csv");
    let via_coercer = coercer.coerce(raw.clone()).unwrap();
    let via_function = coerce(&s, raw, "a.csv").unwrap();
    assert_eq!(via_coercer.values, vec![text("a"), Value::Number(5.0)]);
    assert_eq!(via_coercer, via_function);
}

#[test]
fn huge_values_are_read_and_shortened_in_messages() {
    let huge = "9".repeat(400) + "x";
    let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), false)]);
    let batch = read(
        &format!("id,n,big\nL-1,{huge},{}\n", "y".repeat(1_000_000)),
        LeadFormat::Csv,
        &s,
    );
    let error = &batch.errors[0];
    assert!(error.message.len() < 100, "{}", error.message);
    assert!(
        error
            .value
            .as_ref()
            .is_some_and(|v| v.chars().count() <= 257)
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn run(bytes: Vec<u8>, format: LeadFormat) {
        let s = schema(&[
            ("id", None, false),
            ("n", Some(FieldType::Number), true),
            ("d", Some(FieldType::Date), false),
            ("a.b", Some(FieldType::List), false),
            ("x", None, false),
        ]);
        if let Ok(reader) = LeadReader::from_reader(Cursor::new(bytes), "p", format) {
            if let Ok(batch) = collect_all(reader, &s) {
                for lead in &batch.leads {
                    let _ = lead.all_fields();
                }
                for error in &batch.errors {
                    let _ = error.to_string();
                }
            }
        }
    }

    fn leadish() -> impl Strategy<Value = Vec<u8>> {
        let atoms = prop::sample::select(vec![
            "id",
            "n",
            "d",
            "a",
            "b",
            "x",
            ",",
            ";",
            "\"",
            "\n",
            "\r",
            "{",
            "}",
            "[",
            "]",
            ":",
            " ",
            "1",
            "-3.5",
            "2026-01-02",
            "null",
            "true",
            "\\",
            "é",
            "\u{feff}",
            "- ",
            "  ",
            "\u{0}",
        ]);
        prop::collection::vec(atoms, 0..60).prop_map(|parts| parts.concat().into_bytes())
    }

    proptest! {
        #[test]
        fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            for format in [LeadFormat::Csv, LeadFormat::Json, LeadFormat::JsonLines, LeadFormat::Yaml] {
                run(bytes.clone(), format);
            }
        }

        #[test]
        fn random_lead_shaped_text(bytes in leadish()) {
            for format in [LeadFormat::Csv, LeadFormat::Json, LeadFormat::JsonLines, LeadFormat::Yaml] {
                run(bytes.clone(), format);
            }
        }
    }
}
