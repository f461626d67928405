use super::*;
use crate::leads::{CsvRow, RowPlace};

fn csv_lead(header: &Arc<[String]>, cells: &[&str]) -> RawLead {
    RawLead {
        place: RowPlace {
            row: 1,
            line: Some(2),
            by_line: false,
        },
        body: RawBody::Csv(CsvRow::new(Arc::clone(header), cells)),
    }
}

fn header(names: &[&str]) -> Arc<[String]> {
    names.iter().map(|s| s.to_string()).collect()
}

fn owner_field(map: &[(&str, &str)]) -> OwnerField {
    OwnerField {
        path: vec!["Contact owner".into()],
        column: "Contact owner".into(),
        map: map
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        column_index: OnceLock::new(),
    }
}

#[test]
fn the_owner_column_is_found_in_each_header_it_meets() {
    let field = owner_field(&[]);
    let first = header(&["id", "Contact owner"]);
    let moved = header(&["Contact owner", "id", "email"]);
    let without = header(&["id", "email"]);
    let value = |h: &Arc<[String]>, cells: &[&str]| field.value(&csv_lead(h, cells));
    assert_eq!(
        value(&first, &["L-1", " Priya Shah "]).as_deref(),
        Some("Priya Shah")
    );
    assert_eq!(value(&first, &["L-2", "jordan"]).as_deref(), Some("jordan"));
    // Another file's header: its own column, not the remembered index.
    assert_eq!(
        value(&moved, &["Mei", "L-3", "x@y.example"]).as_deref(),
        Some("Mei")
    );
    assert_eq!(value(&without, &["L-4", "Priya"]), None);
    assert_eq!(value(&first, &["L-5", "  "]), None);
}

#[test]
fn the_map_rewrites_in_any_case_and_is_skipped_without_one() {
    let field = owner_field(&[("PS", "priya")]);
    let h = header(&["id", "Contact owner"]);
    let value = |cells: &[&str]| field.value(&csv_lead(&h, cells));
    assert_eq!(value(&["L-1", "ps"]).as_deref(), Some("priya"));
    assert_eq!(value(&["L-2", "Jordan"]).as_deref(), Some("Jordan"));
}
