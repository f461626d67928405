//! Tests of the whole layer: every format, coercion rule, row error and edge case.
//! Shared helpers live here; the formats have a file each.

use super::*;

mod coerce_into;
mod csv_format;
mod documents;
use crate::schema::{FieldSpec, LeadSchema};
use crate::value::{FieldType, Value};
use chrono::NaiveDate;
use std::io::Cursor;
use std::ops::ControlFlow;

/// A schema from `(dotted name, type, required)`; the key is slot 0.
pub(super) fn schema(fields: &[(&str, Option<FieldType>, bool)]) -> LeadSchema {
    LeadSchema {
        fields: fields
            .iter()
            .map(|(name, ty, required)| FieldSpec {
                path: name.split('.').map(str::to_string).collect(),
                ty: *ty,
                required: *required,
                ..FieldSpec::default()
            })
            .collect(),
        key: 0,
        declared: fields.iter().any(|f| f.1.is_some()),
    }
}

pub(super) fn untyped(names: &[&str]) -> LeadSchema {
    schema(&names.iter().map(|n| (*n, None, false)).collect::<Vec<_>>())
}

pub(super) fn read(text: &str, format: LeadFormat, schema: &LeadSchema) -> LeadBatch {
    let name = format!("leads.{}", format.name());
    let reader =
        LeadReader::from_reader(Cursor::new(text.as_bytes().to_vec()), &name, format).unwrap();
    collect_all(reader, schema).unwrap()
}

pub(super) fn fatal(text: &str, format: LeadFormat) -> LeadsError {
    let reader = LeadReader::from_reader(Cursor::new(text.as_bytes().to_vec()), "leads", format);
    match reader {
        Err(e) => e,
        Ok(reader) => collect_all(reader, &untyped(&["id"])).unwrap_err(),
    }
}

pub(super) fn messages(batch: &LeadBatch) -> Vec<String> {
    batch.errors.iter().map(ToString::to_string).collect()
}

pub(super) fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

pub(super) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
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
    // Bad values are missing, reported; only the duplicate key leaves a lead out.
    assert_eq!(all.leads.len(), count);
    assert_eq!(all.bad_cells.len(), count / 1000);
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
    let bad = &batch.bad_cells[0];
    assert!(bad.message.len() < 100, "{}", bad.message);
    assert!(bad.value.chars().count() <= 257);
}

mod never_panics;

#[test]
fn the_sample_leads_read_cleanly_under_the_starter_schema() {
    use FieldType::*;
    let s = schema(&[
        ("id", Some(Text), false),
        ("email", Some(Text), false),
        ("industry", Some(Text), false),
        ("employees", Some(Number), false),
        ("annual_revenue", Some(Number), false),
        ("job_title", Some(Text), false),
        ("country", Some(Text), false),
        ("stage", Some(Text), false),
        ("email_opens", Some(Number), false),
        ("pricing_visits", Some(Number), false),
        ("form_fills", Some(Number), false),
        ("last_activity", Some(Date), false),
        ("replied", Some(Bool), false),
        ("unsubscribed", Some(Bool), false),
        ("bounced", Some(Bool), false),
        ("language", Some(Text), false),
    ]);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/leads.csv");
    let all = read_all(&path, "examples/leads.csv", LeadFormat::Csv, &s).unwrap();
    assert_eq!(messages(&all), Vec::<String>::new());
    assert_eq!(all.leads.len(), 300);
    assert!(all.leads.iter().any(|l| l.values[15] == text("zh-TW")));
}

/// Found by `never_panics::random_lead_shaped_text`: two leading BOMs read differently
/// whole than a byte at a time.
#[test]
fn two_leading_boms_read_the_same_whole_and_in_pieces() {
    let bytes = vec![239, 187, 191, 239, 187, 191, 10, 105, 100];
    for format in [
        LeadFormat::Csv,
        LeadFormat::Json,
        LeadFormat::JsonLines,
        LeadFormat::Yaml,
    ] {
        let s = schema(&[("id", None, false), ("n", Some(FieldType::Number), true)]);
        let read = |reader: Result<LeadReader, LeadsError>| {
            reader
                .and_then(|r| collect_all(r, &s))
                .map(|b| (b.leads.len(), b.errors.len()))
                .map_err(|e| e.to_string())
        };
        let whole = read(LeadReader::from_reader(
            Cursor::new(bytes.clone()),
            "p",
            format,
        ));
        let pieces = read(LeadReader::from_reader(
            documents::OneByteAtATime(Cursor::new(bytes.clone())),
            "p",
            format,
        ));
        assert_eq!(whole, pieces, "{format:?}");
    }
}
