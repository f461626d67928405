//! Property tests: no reader or coercion path panics on any bytes, and reading whole or a byte at a time agrees.

use super::*;
use proptest::prelude::*;

/// Reads `bytes` whole and one byte per read: neither may panic, and both must
/// agree (buffer boundaries must not change what is read).
fn run(bytes: Vec<u8>, format: LeadFormat) -> Result<(), TestCaseError> {
    let s = schema(&[
        ("id", None, false),
        ("n", Some(FieldType::Number), true),
        ("d", Some(FieldType::Date), false),
        ("a.b", Some(FieldType::List), false),
        ("x", None, false),
    ]);
    let outcome =
        |reader: Result<LeadReader, LeadsError>| -> Result<(Vec<String>, Vec<String>), String> {
            let batch =
                collect_all(reader.map_err(|e| e.to_string())?, &s).map_err(|e| e.to_string())?;
            for lead in &batch.leads {
                let _ = lead.all_fields();
            }
            Ok((
                batch.leads.iter().map(|l| l.id.clone()).collect(),
                messages(&batch),
            ))
        };
    let whole = outcome(LeadReader::from_reader(
        Cursor::new(bytes.clone()),
        "p",
        format,
    ));
    let chunked = outcome(LeadReader::from_reader(
        documents::OneByteAtATime(Cursor::new(bytes)),
        "p",
        format,
    ));
    prop_assert_eq!(whole, chunked);
    Ok(())
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
            run(bytes.clone(), format)?;
        }
    }

    #[test]
    fn random_lead_shaped_text(bytes in leadish()) {
        for format in [LeadFormat::Csv, LeadFormat::Json, LeadFormat::JsonLines, LeadFormat::Yaml] {
            run(bytes.clone(), format)?;
        }
    }
}
