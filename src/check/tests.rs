//! Checker tests: each semantic error, rendered as the user sees it (insta snapshots),
//! and the schema the checker hands the lead loader.

mod exports;
mod playbooks;

use super::CheckOptions;
use crate::diagnostics::has_errors;
use crate::test_support::{STARTER, program, rendered, rendered_with, run};
use crate::value::FieldType;
use insta::assert_snapshot;
use std::sync::Arc;

const FIELDS: &str = "fields {
  id             text    key
  email          text    required
  employees      number
  industry       text
  last_activity  date
  replied        bool
  tags           list
}
";

const TIERS: &str = "tiers {\n  hot when replied\n  cold otherwise\n}\n";

/// A program with the fields block and a valid tiers block around `body`.
fn typed(body: &str) -> String {
    format!("{FIELDS}{body}\n{TIERS}")
}

fn untyped(body: &str) -> String {
    format!("{body}\n{TIERS}")
}

#[test]
fn the_starter_program_checks_clean() {
    let (p, diags, _) = run(STARTER, &CheckOptions::default());
    assert!(diags.is_empty(), "{diags:?}");
    let p = p.unwrap();
    assert_eq!(p.tiers, ["hot", "warm", "cold"].map(Arc::from));
    assert_eq!(p.score_names, vec!["fit", "engagement"]);
    assert_eq!(p.segment_names(), vec!["enterprise", "target"]);
}

#[test]
fn the_repository_playbooks_check_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "play"))
        .collect();
    files.sort();
    let text: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let (p, diags, _) = run(&text, &CheckOptions::default());
    assert!(!has_errors(&diags), "{diags:?}");
    assert!(p.is_some());
}

#[test]
fn unknown_names_with_a_fields_block() {
    assert_snapshot!(rendered(&typed("segment big = employes >= 1000 or zzz")));
}

#[test]
fn names_that_are_not_columns_warn_without_a_fields_block() {
    let options = CheckOptions {
        columns: Some(vec!["id".into(), "employees".into(), "replied".into()]),
    };
    let out = rendered_with(
        &untyped("segment big = employes >= 1000 and employes < 5"),
        &options,
    );
    assert_snapshot!(out);
}

#[test]
fn unknown_function_and_wrong_arity() {
    assert_snapshot!(rendered(&typed(
        "segment a = days_sinse(last_activity) > 3\nsegment b = days_since(last_activity, today) > 3\nsegment c = len() > 1"
    )));
}

#[test]
fn fields_block_errors() {
    let text = "fields {\n  id text key\n  email text key\n  email text\n  size nubmer\n}\n";
    assert_snapshot!(rendered(&format!("{text}{TIERS}")));
}

#[test]
fn a_fields_block_needs_a_key() {
    let text = "fields {\n  email text\n  replied bool\n}\n";
    assert_snapshot!(rendered(&format!("{text}{TIERS}")));
}

#[test]
fn duplicate_definitions_share_one_namespace() {
    assert_snapshot!(rendered(&typed(
        "segment employees = true\nsegment a = replied\nscore a {\n  +1 when replied\n}\nscore {\n  +1 when replied\n}\nscore {\n  +2 when replied\n}"
    )));
}

#[test]
fn use_before_definition_and_cycles() {
    assert_snapshot!(rendered(&untyped(
        "segment a = b and x\nsegment b = y\nsegment c = c or x\nscore d {\n  +1 when e\n}\nsegment e = d > 3"
    )));
}

#[test]
fn type_mismatches() {
    assert_snapshot!(rendered(&typed(
        "segment a = employees == \"many\"
segment b = days_since(industry) > 3
segment c = industry + 1 > 2
segment d = industry matches industry
segment e = employees
segment f = industry in \"saas\"
segment g = employees contains \"x\"
segment h = industry < \"m\"
segment i = not employees
segment j = employees in [\"1\", \"2\"]
segment k = tags == tags
segment l = last_activity - today > 3
score s {
  +1 per industry
}"
    )));
}

#[test]
fn untyped_fields_are_never_type_errors() {
    let p = program(&untyped(
        "segment a = x == \"many\" and days_since(x) > 3 and x + 1 > 2 and x in y and x\nscore s {\n  +1 per z\n}",
    ));
    assert_eq!(p.schema.fields.iter().filter(|f| f.ty.is_some()).count(), 0);
}

#[test]
fn invalid_regex_is_reported_at_the_string() {
    assert_snapshot!(rendered(&typed(
        "segment a = industry matches \"(unclosed\"\nsegment b = industry matches \"a{1000}{1000}{1000}\""
    )));
}

#[test]
fn tiers_must_exist_once_and_end_with_otherwise() {
    assert_snapshot!("no_tiers", rendered("segment a = x > 1\n"));
    assert_snapshot!(
        "tiers_rules",
        rendered(
            "tiers {\n  hot when x\n  cold otherwise\n  warm when y\n}\ntiers {\n  hot when x\n}\n"
        )
    );
    assert_snapshot!("no_otherwise", rendered("tiers {\n  hot when x\n}\n"));
}

#[test]
fn range_and_cap_errors() {
    assert_snapshot!(rendered(&untyped(
        "score s {\n  range 100..0\n  range 0..10\n}"
    )));
}

#[test]
fn list_items_must_be_literals() {
    assert_snapshot!(rendered(&untyped("segment a = x in [y, \"b\", -3]")));
}

#[test]
fn long_but_legal_operator_chains_check() {
    // Longer chains are refused by the parser (see syntax::tests).
    let ok = vec!["x"; 150].join(" or ");
    program(&untyped(&format!("segment a = {ok}")));
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let (p, diags, _) = run(
        &typed("segment a = employes > 1\nsegment b = bogus(1)\nscore s {\n  +1 per industry\n}"),
        &CheckOptions::default(),
    );
    assert!(p.is_none());
    assert_eq!(
        diags.iter().filter(|d| d.is_error()).count(),
        3,
        "{diags:?}"
    );
}

#[test]
fn declared_schema_keeps_declaration_order_types_and_key() {
    let p = program(&typed("segment big = employees > 10"));
    let names: Vec<String> = p.schema.fields.iter().map(|f| f.display_name()).collect();
    assert_eq!(
        names,
        [
            "id",
            "email",
            "employees",
            "industry",
            "last_activity",
            "replied",
            "tags"
        ]
    );
    assert!(p.schema.declared);
    assert_eq!(p.schema.key, 0);
    assert_eq!(p.schema.fields[2].ty, Some(FieldType::Number));
    assert!(p.schema.fields[1].required);
}

#[test]
fn undeclared_schema_lists_referenced_fields_then_id() {
    let p = program(
        "segment a = company.size > 10 and x\ntiers {\n  hot when a or y\n  cold otherwise\n}\n",
    );
    let names: Vec<String> = p.schema.fields.iter().map(|f| f.display_name()).collect();
    assert_eq!(names, ["company.size", "x", "y", "id"]);
    assert_eq!(p.schema.fields[0].path, ["company", "size"]);
    assert_eq!(p.schema.key, 3);
    assert!(!p.schema.declared);
}

#[test]
fn tiers_and_suppress_may_use_definitions_from_later_files() {
    let p = program(
        "tiers {\n  hot when big\n  cold otherwise\n}\nsuppress when big\nsegment big = x > 1\n",
    );
    assert_eq!(p.segment_names(), vec!["big"]);
}
