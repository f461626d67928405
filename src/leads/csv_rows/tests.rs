use super::*;

fn header() -> Arc<[String]> {
    ["a", "b"].iter().map(|s| s.to_string()).collect()
}

#[test]
fn rows_of_a_chunk_keep_their_own_cells() {
    let mut builder = ChunkBuilder::new(header());
    builder.push(["1", "2"]);
    builder.push(["", "x", "extra"]);
    builder.push(Vec::<&str>::new());
    let rows = builder.finish();
    assert_eq!(builder.len(), 0);
    let cells = |row: &CsvRow| row.cells().map(|c| c.to_vec()).collect::<Vec<_>>();
    assert_eq!(cells(&rows[0]), [b"1".to_vec(), b"2".to_vec()]);
    assert_eq!(
        cells(&rows[1]),
        [b"".to_vec(), b"x".to_vec(), b"extra".to_vec()]
    );
    assert!(rows[2].is_empty());
    assert_eq!(rows[1].get(3), None);
    assert_eq!(rows[1], CsvRow::new(header(), ["", "x", "extra"]));
    assert_ne!(rows[0], rows[1]);
    let mut builder = ChunkBuilder::new(header());
    builder.push_record(&Record::from_cells(&["", "x", "extra"]));
    assert_eq!(builder.finish()[0], rows[1]);
}

#[test]
fn cells_read_as_text_whether_or_not_the_chunk_is_valid_utf8() {
    let mut builder = ChunkBuilder::new(header());
    builder.push(["台北", "x"]);
    let valid = builder.finish();
    assert_eq!(valid[0].text(0), Some(Ok("台北")));
    assert_eq!(valid[0].text(1), Some(Ok("x")));
    assert_eq!(valid[0].text(2), None);

    // One bad row: the chunk is checked cell by cell, and only that cell fails.
    builder.push(["台北", "ok"]);
    builder.push([&b"bad\xff"[..], &b"fine"[..]]);
    let mixed = builder.finish();
    assert_eq!(mixed[0].text(0), Some(Ok("台北")));
    assert_eq!(mixed[1].text(0), Some(Err(&b"bad\xff"[..])));
    assert_eq!(mixed[1].text(1), Some(Ok("fine")));
}

#[test]
fn a_cell_boundary_inside_a_character_is_not_text() {
    // The cells split one character: valid as a whole, invalid as cells.
    let mut builder = ChunkBuilder::new(header());
    let bytes = "台".as_bytes();
    builder.push([&bytes[..1], &bytes[1..]]);
    let rows = builder.finish();
    assert_eq!(rows[0].text(0), Some(Err(&bytes[..1])));
    assert_eq!(rows[0].text(1), Some(Err(&bytes[1..])));
}
