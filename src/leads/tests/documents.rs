//! JSON, JSON Lines and YAML documents.

use super::*;

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
fn json_shape_mismatches_are_missing_values_reported() {
    let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), false)]);
    let batch = read(
        r#"[{"id": 1, "n": [1, 2]}, {"id": 2, "n": true}, {"id": 3, "n": "12k"}]"#,
        LeadFormat::Json,
        &s,
    );
    let cells: Vec<String> = batch.bad_cells.iter().map(ToString::to_string).collect();
    assert_eq!(
        cells,
        [
            "leads.json:1: field `n`: `[1,2]` is a list, not a number; treated as missing",
            "leads.json:1: field `n`: `true` is a bool, not a number; treated as missing",
            "leads.json:1: field `n`: `12k` is not a number; treated as missing",
        ]
    );
    assert_eq!(batch.leads.len(), 3);
    assert_eq!(batch.bad_cells[0].line, Some(1));
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

/// Hands out one byte per read, so every buffer boundary falls inside some element.
pub(super) struct OneByteAtATime(pub Cursor<Vec<u8>>);

impl std::io::Read for OneByteAtATime {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match buf.first_mut() {
            Some(slot) => self.0.read(std::slice::from_mut(slot)),
            None => Ok(0),
        }
    }
}

#[test]
fn json_arrays_scan_across_buffer_refills() {
    let big = format!("{}\\\"{}", "x".repeat(100_000), "台".repeat(30_000));
    let json = format!(
        "[{{\"id\": \"a\", \"big\": \"{big}\"}},\n {{\"id\": \"b\", \"n\": [1, {{\"x\": \"]\"}}]}}, 42]"
    );
    let s = untyped(&["id", "n"]);
    for chunked in [false, true] {
        let bytes = Cursor::new(json.clone().into_bytes());
        let reader = if chunked {
            LeadReader::from_reader(OneByteAtATime(bytes), "big.json", LeadFormat::Json)
        } else {
            LeadReader::from_reader(bytes, "big.json", LeadFormat::Json)
        };
        let batch = collect_all(reader.unwrap(), &s).unwrap();
        assert_eq!(
            batch
                .leads
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(
            messages(&batch),
            ["big.json: row 3: expected an object, found a number"]
        );
        assert_eq!(batch.errors[0].line, Some(2));
    }
}
