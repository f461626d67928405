use super::*;
use serde_json::json;
use std::sync::Arc;

#[test]
fn broken_utf8_cells_show_replacement_characters() {
    let header: Arc<[String]> = ["id", "name"].iter().map(|s| s.to_string()).collect();
    let row = CsvRow::new(header, [&b"L-1"[..], &b"Bad\xff"[..]]);
    let raw = RawLead {
        place: place(),
        body: RawBody::Csv(row),
    };
    assert_eq!(raw.all_fields().get("name"), Some(&json!("Bad\u{fffd}")));
}

fn place() -> RowPlace {
    RowPlace {
        row: 1,
        line: Some(2),
        by_line: false,
    }
}

#[test]
fn csv_fields_are_typed_by_look_for_templates() {
    let header: Arc<[String]> = ["id", "employees", "replied", "zip", "note", "id"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let row = CsvRow::new(header, ["L-1", "1200", "TRUE", "02134", "", "shadow"]);
    let raw = RawLead {
        place: place(),
        body: RawBody::Csv(row),
    };
    let fields = raw.all_fields();
    assert_eq!(
        serde_json::Value::Object(fields),
        json!({"id": "L-1", "employees": 1200, "replied": true, "zip": "02134"})
    );
}

#[test]
fn short_rows_empty_cells_and_blank_values_are_left_out() {
    let header: Arc<[String]> = ["id", "title", "city", "company", "title"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let raw = RawLead {
        place: place(),
        body: RawBody::Csv(CsvRow::new(header, ["L-1", "", "  "])),
    };
    let fields = raw.all_fields();
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["id"]);
    let object = json!({"id": 1, "phone": null, "city": " ", "zip": 0, "ok": false});
    let serde_json::Value::Object(map) = object else {
        unreachable!()
    };
    let raw = RawLead {
        place: place(),
        body: RawBody::Object(map),
    };
    let kept: Vec<_> = raw.all_fields().keys().cloned().collect();
    assert_eq!(kept, ["id", "ok", "zip"]);
}

#[test]
fn objects_are_passed_through() {
    let object = json!({"id": 1, "company": {"name": "Acme"}});
    let serde_json::Value::Object(map) = object.clone() else {
        unreachable!()
    };
    let raw = RawLead {
        place: place(),
        body: RawBody::Object(map),
    };
    assert_eq!(serde_json::Value::Object(raw.all_fields()), object);
    assert_eq!(raw.columns(), None);
}
