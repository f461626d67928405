use super::after_file;

#[test]
fn json_messages_leave_out_the_file_and_line_they_give_apart() {
    let row = "leads.csv: row 4: field `id`: duplicate key `a1` (first seen in row 1)";
    assert_eq!(
        after_file(row, "leads.csv"),
        "row 4: field `id`: duplicate key `a1` (first seen in row 1)"
    );
    let cell = "leads.csv:2: field `employees`: `12k` is not a number; treated as missing";
    assert_eq!(
        after_file(cell, "leads.csv"),
        "field `employees`: `12k` is not a number; treated as missing"
    );
    assert_eq!(after_file("other: x", "leads.csv"), "other: x");
}
