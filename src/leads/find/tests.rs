use super::*;
use crate::leads::{CsvRow, LeadFormat, RowPlace};
use std::sync::Arc;

fn folded(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| fold(id)).collect()
}

#[test]
fn only_records_that_may_be_wanted_are_coerced() {
    let wanted = folded(&["L-2", "7"]);
    let header: Arc<[String]> = ["stage", "id"].map(String::from).into();
    let csv = |id: &str| RawLead {
        place: RowPlace {
            row: 1,
            line: Some(2),
            by_line: false,
        },
        body: RawBody::Csv(CsvRow::new(header.clone(), ["new", id])),
    };
    assert!(may_be_one_of(&csv(" L-2 "), "id", &wanted));
    assert!(may_be_one_of(&csv("l-2"), "id", &wanted), "a near miss");
    assert!(!may_be_one_of(&csv("L-3"), "id", &wanted));
    // `7.0` may become the id `7`: coercion decides.
    assert!(may_be_one_of(&csv("7.0"), "id", &wanted));
    // No such column: cannot tell, so yes.
    assert!(may_be_one_of(&csv("L-3"), "lead_id", &wanted));
    let object = |id: serde_json::Value| RawLead {
        body: RawBody::Object(serde_json::Map::from_iter([("id".to_string(), id)])),
        ..csv("")
    };
    assert!(may_be_one_of(&object("L-2".into()), "id", &wanted));
    assert!(!may_be_one_of(&object("L-9".into()), "id", &wanted));
    assert!(may_be_one_of(&object(7.into()), "id", &wanted));
}

fn reader(text: &str) -> LeadReader {
    let input = std::io::Cursor::new(text.to_string());
    LeadReader::from_reader(input, "leads.csv", LeadFormat::Csv).expect("reader")
}

fn find(text: &str, ids: &[&str]) -> (Vec<(String, usize)>, Lookup) {
    let mut found = Vec::new();
    let wanted = ids.iter().map(|id| id.to_string()).collect();
    let lookup = find_leads(reader(text), &LeadSchema::id_only(), wanted, |lead| {
        found.push((lead.id, lead.row))
    })
    .expect("read");
    (found, lookup)
}

#[test]
fn the_first_record_with_a_wanted_id_is_found_in_file_order() {
    let text = "id,stage\nL-3,new\nL-1,new\nL-2,new\nL-1,again\n";
    let (found, lookup) = find(text, &["L-1", "L-3"]);
    assert_eq!(found, [("L-3".to_string(), 1), ("L-1".to_string(), 2)]);
    assert!(lookup.near.is_empty() && lookup.errors.is_empty());
}

#[test]
fn a_missing_id_reports_near_misses_and_the_rows_that_could_be_it() {
    let text = "id,stage\nl-1 ,new\n,new\nL-2,new\n";
    let (found, lookup) = find(text, &["L-1"]);
    assert!(found.is_empty());
    assert_eq!(lookup.near, ["l-1"]);
    assert!(lookup.errors.is_empty(), "an empty key cannot be `L-1`");
}
