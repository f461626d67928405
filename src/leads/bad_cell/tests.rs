use super::*;

#[test]
fn a_bad_cell_names_file_line_field_column_and_value() {
    let place = RowPlace {
        row: 6,
        line: Some(7),
        by_line: false,
    };
    let cell = BadCell::new(
        place,
        "hubspot.csv",
        ("revenue", "Annual Revenue"),
        "$4.5M",
        "is not money",
    );
    assert_eq!(
        cell.to_string(),
        "hubspot.csv:7: field `revenue` (column `Annual Revenue`): `$4.5M` is not money; treated as missing"
    );
}
