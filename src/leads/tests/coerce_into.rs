//! The evaluation loop's coercion: reused buffers, and fields no rule reads.

use super::*;

#[test]
fn coerce_into_reuses_buffers_lead_after_lead() {
    let s = schema(&[
        ("id", None, false),
        ("industry", Some(FieldType::Text), false),
        ("n", Some(FieldType::Number), false),
    ]);
    let mut reader = LeadReader::from_reader(
        Cursor::new(b"id,industry,n\nL-1,SaaS,5\nL-2,,bad\n 7 ,Retail,\n".to_vec()),
        "x.csv",
        LeadFormat::Csv,
    )
    .unwrap();
    let coercer = Coercer::for_reader(&s, &reader);
    let raws = reader.next_batch(10).unwrap().unwrap();
    let (mut values, mut id) = (vec![Value::Bool(true); 9], String::from("stale"));
    coercer
        .coerce_into(&raws[0], &mut values, &mut id, &mut Vec::new())
        .unwrap();
    assert_eq!(
        (id.as_str(), &values[..]),
        ("L-1", &[text("L-1"), text("SaaS"), Value::Number(5.0)][..])
    );
    // A bad cell is a missing value, reported; the lead stays.
    let mut bad = Vec::new();
    coercer
        .coerce_into(&raws[1], &mut values, &mut id, &mut bad)
        .unwrap();
    assert_eq!(values[2], Value::Missing);
    assert_eq!(
        bad.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["x.csv:3: field `n`: `bad` is not a number; treated as missing"]
    );
    coercer
        .coerce_into(&raws[2], &mut values, &mut id, &mut Vec::new())
        .unwrap();
    assert_eq!(
        (id.as_str(), &values[..]),
        (
            "7",
            &[Value::Number(7.0), text("Retail"), Value::Missing][..]
        )
    );
    let lead = coercer.coerce(raws[2].clone()).unwrap();
    assert_eq!((lead.id.as_str(), &lead.values), (id.as_str(), &values));
}

#[test]
fn unread_text_is_not_stored_but_every_row_error_stays() {
    let s = schema(&[
        ("id", None, false),
        ("note", Some(FieldType::Text), false),
        ("n", Some(FieldType::Number), false),
        ("name", Some(FieldType::Text), true),
        ("seen", Some(FieldType::Text), false),
    ]);
    let csv =
        b"id,note,n,name,seen\nL-1,hello,5,Ann,x\nL-2,ok,bad,Bo,y\nL-3,,1,,z\nL-4,\xff,1,Cy,w\n";
    let mut reader =
        LeadReader::from_reader(Cursor::new(csv.to_vec()), "x.csv", LeadFormat::Csv).unwrap();
    // Only `seen` is read: `note` is skipped; `n` (typed) and `name` (required) are not.
    let read = [false, false, false, false, true];
    let coercer = Coercer::for_reader(&s, &reader).skipping_unread(&read);
    let raws = reader.next_batch(10).unwrap().unwrap();
    let (mut values, mut id) = (Vec::new(), String::new());
    coercer
        .coerce_into(&raws[0], &mut values, &mut id, &mut Vec::new())
        .unwrap();
    assert_eq!(
        values,
        [
            text("L-1"),
            Value::Missing,
            Value::Number(5.0),
            text("Ann"),
            text("x")
        ]
    );
    // A typed field no rule reads is still read, so its bad cell is reported.
    let mut bad = Vec::new();
    coercer
        .coerce_into(&raws[1], &mut values, &mut id, &mut bad)
        .unwrap();
    assert_eq!(bad.len(), 1);
    let error = coercer
        .coerce_into(&raws[2], &mut values, &mut id, &mut Vec::new())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "x.csv: row 3: field `name`: a required value is missing"
    );
    // Not UTF-8: the file is read as Windows-1252, so `\xff` is `ÿ`, not an error.
    coercer
        .coerce_into(&raws[3], &mut values, &mut id, &mut Vec::new())
        .unwrap();
    assert_eq!(values[3], text("Cy"));
}
