use super::*;
use crate::leads::{LeadFormat, LeadReader};
use crate::schema::FieldSpec;
use crate::value::FieldType;

fn schema() -> LeadSchema {
    let field = |name: &str, ty| FieldSpec {
        path: name.split('.').map(str::to_string).collect(),
        ty: Some(ty),
        ..FieldSpec::default()
    };
    LeadSchema {
        fields: vec![
            field("id", FieldType::Text),
            field("employees", FieldType::Number),
            field("company.size", FieldType::Number),
        ],
        key: 0,
        declared: true,
    }
}

fn raws(text: &str, format: LeadFormat) -> Vec<RawLead> {
    let mut reader =
        LeadReader::from_reader(std::io::Cursor::new(text.to_string()), "t", format).unwrap();
    reader.next_batch(100).unwrap().unwrap()
}

#[test]
fn csv_cells_are_probed_one_field_at_a_time() {
    let rows = raws("id,employees\nL1,12k\nL2,\n", LeadFormat::Csv);
    let mut p = Prober::new(&schema());
    assert_eq!(
        p.probe(&rows[0], 1),
        Probed::Invalid {
            text: "12k".into(),
            reason: "is not a number".into()
        }
    );
    assert_eq!(
        p.probe(&rows[0], 0),
        Probed::Value {
            text: "L1".into(),
            value: Value::Text("L1".into())
        }
    );
    assert_eq!(p.probe(&rows[1], 1), Probed::Missing);
    assert_eq!(p.probe(&rows[1], 2), Probed::Missing);
    assert_eq!(p.probe(&rows[1], 9), Probed::Missing);
}

#[test]
fn nested_json_values_are_found() {
    let rows = raws(
        "{\"id\": 1, \"company\": {\"size\": \"big\"}}\n",
        LeadFormat::JsonLines,
    );
    let mut p = Prober::new(&schema());
    assert!(matches!(p.probe(&rows[0], 2), Probed::Invalid { ref text, .. } if text == "big"));
    assert!(matches!(p.probe(&rows[0], 0), Probed::Value { ref text, .. } if text == "1"));
}
