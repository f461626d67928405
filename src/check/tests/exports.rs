//! The `fields` block for real exports (SPEC 5): `from`, `role`, `map`, the new types
//! and date formats, and what `check` says about roles and mapped columns.

use super::super::CheckOptions;
use crate::schema::Role;
use crate::test_support::{program, rendered, rendered_with};
use crate::value::FieldType;

const MAPPED: &str = r#"fields {
  id          text      key              from "Record ID"
  address     text      role email       from "Email"
  revenue     money                      from "Annual Revenue"
  win_chance  percent                    from "Probability"
  created     datetime                   from "Create Date"
  last_visit  date "%d.%m.%Y"            from "Last Visit"
  language    text      role language    from "Preferred language"
                        map { "Chinese (Taiwan)": "zh-TW", "English": "en" }
}
tiers {
  hot  when revenue > 1000000 and win_chance >= 50 and days_since(created) < 30
  warm when days_since(last_visit) < 10 or hours_since(created) < 48
  cold otherwise
}
playbook hot owner sales {
  day 0 email "hot/proposal"
}
"#;

#[test]
fn mapped_fields_carry_column_role_map_and_format_into_the_schema() {
    let p = program(MAPPED);
    let schema = &p.schema;
    let address = schema.role_field(Role::Email).unwrap();
    assert_eq!(address.display_name(), "address");
    assert_eq!(address.source_name(), "Email");
    let language = schema.role_field(Role::Language).unwrap();
    assert_eq!(
        language.map,
        [
            ("Chinese (Taiwan)".to_string(), "zh-TW".to_string()),
            ("English".to_string(), "en".to_string())
        ]
    );
    let visit = &schema.fields[schema.slot("last_visit").unwrap()];
    assert_eq!(visit.format.as_deref(), Some("%d.%m.%Y"));
    let types: Vec<Option<FieldType>> = schema.fields.iter().map(|f| f.ty).collect();
    assert!(types.contains(&Some(FieldType::Money)));
    assert!(types.contains(&Some(FieldType::DateTime)));
    assert_eq!(schema.role_key(Role::Email), "address");
    // Without a `role`, a field named like the role plays it (today's behaviour).
    assert_eq!(schema.role_key(Role::FirstName), "first_name");
}

#[test]
fn email_steps_without_an_email_role_are_an_error() {
    let text = MAPPED.replace("role email", "");
    insta::assert_snapshot!(rendered(&text));
}

#[test]
fn without_a_fields_block_the_file_needs_an_email_column() {
    let text = "tiers {\n  hot when x > 1\n  cold otherwise\n}\nplaybook hot owner sales {\n  day 0 email \"a\"\n}\n";
    let options = CheckOptions {
        columns: Some(vec!["id".into(), "Email".into(), "x".into()]),
    };
    let out = rendered_with(text, &options);
    assert!(
        out.contains("the leads file has no `email` column"),
        "{out}"
    );
    assert!(out.contains("from \"Email\""), "{out}");
    // Unknown columns (no --leads): nothing to say.
    assert!(!rendered(text).contains("recipient"));
}

#[test]
fn mapped_columns_the_file_lacks_are_one_error_each_with_a_did_you_mean() {
    let options = CheckOptions {
        columns: Some(
            [
                "Record ID",
                "Email",
                "Annual revenue",
                "Probability",
                "Create Date",
                "Last Visit",
            ]
            .map(String::from)
            .to_vec(),
        ),
    };
    insta::assert_snapshot!(rendered_with(MAPPED, &options));
}

#[test]
fn roles_types_and_formats_are_validated() {
    let text = r#"fields {
  id     text  key
  a      text  role emali
  b      text  role owner
  c      text  role owner
  d      number "%d"
  e      date "%Q"
  f      monee
}
tiers {
  cold otherwise
}
"#;
    insta::assert_snapshot!(rendered(text));
}
