//! Property tests: random programs and random leads never panic the engine.
//!
//! Programs are built from a soup of the language's own tokens (so most of them get
//! deep into the parser and checker instead of failing on the first character), plus
//! raw random text; whatever checks is then evaluated on random leads.

use chrono::NaiveDate;
use leadplay::Value;
use leadplay::{CheckOptions, SourceMap, load_from_sources};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "fields",
    "segment",
    "score",
    "tiers",
    "suppress",
    "playbook",
    "balance",
    "when",
    "unless",
    "per",
    "up",
    "to",
    "range",
    "otherwise",
    "owner",
    "day",
    "handoff",
    "exit",
    "at",
    "most",
    "key",
    "required",
    "text",
    "number",
    "bool",
    "date",
    "list",
    "and",
    "or",
    "not",
    "in",
    "contains",
    "starts_with",
    "ends_with",
    "matches",
    "is",
    "missing",
    "present",
    "true",
    "false",
    "today",
    "days_since(",
    "days_until(",
    "lower(",
    "len(",
    "domain(",
    "a",
    "b",
    "x",
    "employees",
    "stage",
    "hot",
    "warm",
    "cold",
    "sales",
    "email",
    "call",
    "`Lead Source`",
    "a.b",
    "(",
    ")",
    "[",
    "]",
    ",",
    "{",
    "}",
    "=",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "..",
    "+5",
    "-10",
    "2.5",
    "0",
    "1000",
    "\"saas\"",
    "\"(?i)vp\"",
    "\"[\"",
    "\"a/b\"",
    "2026-03-31",
    "2026-02-30",
    "#c",
    "\n",
    "\n",
    "\n",
    ";",
    " ",
];

fn token_program() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120).prop_map(|t| t.join(" "))
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Missing),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        ".{0,12}".prop_map(Value::Text),
        (-100_000i32..100_000).prop_map(|d| Value::Date(
            NaiveDate::from_num_days_from_ce_opt(730_000 + d).unwrap_or_default()
        )),
        prop::collection::vec(".{0,5}".prop_map(Value::Text), 0..4).prop_map(Value::List),
    ]
}

fn run(text: &str, leads: &[Vec<Value>]) {
    let mut sources = SourceMap::new();
    let file = sources.add("p.play", text.to_string());
    let loaded = load_from_sources(&sources, &[file], &CheckOptions::default());
    let _ = leadplay::render_to_string(&sources, &loaded.diagnostics);
    if let Some(program) = loaded.program {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        for values in leads {
            let mut values = values.clone();
            values.resize(program.schema().slot_count(), Value::Missing);
            let outcome = program.evaluate(&values, today);
            assert!(outcome.tier < program.tiers().len());
            let _ = program.explain(&values, today).to_string();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_programs_never_panic(
        text in token_program(),
        leads in prop::collection::vec(prop::collection::vec(value(), 0..8), 0..6),
    ) {
        run(&text, &leads);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        run(&text, &[]);
    }

    #[test]
    fn valid_programs_with_random_leads_never_panic(
        leads in prop::collection::vec(prop::collection::vec(value(), 0..12), 1..20),
    ) {
        run(include_str!("fixtures/parse/spec_example.play"), &leads);
    }
}
