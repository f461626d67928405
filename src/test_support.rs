//! Helpers for unit tests anywhere in the crate: compile a program from source text
//! (parse + check, as the engine does), build leads by field name. It sits above every
//! layer, so a lower layer's tests can have a compiled program without reaching into
//! `check`'s internals.

use crate::check::{CheckOptions, check};
use crate::diagnostics::{Diagnostic, render_to_string};
use crate::program::Program;
use crate::source::SourceMap;
use crate::syntax::parse_program;
use crate::value::Value;
use chrono::NaiveDate;

/// The starter program of the brief.
pub(crate) const STARTER: &str = r#"segment enterprise = employees >= 1000
segment target     = industry in ["saas", "fintech", "ecommerce"]
score fit {
  +20 when enterprise
  +15 when target
  +10 when job_title matches "(?i)(chief|vp|head|director)"
  -10 when country not in ["US", "CA", "GB", "TW"]
}
score engagement {
  +5  per email_opens up to 25
  +10 per pricing_visits up to 30
  +15 per form_fills up to 30
  +30 when stage == "demo_requested"
  +20 when replied
  -20 when days_since(last_activity) > 90
  range 0..100
}
tiers {
  hot  when engagement >= 60 and fit >= 20
  hot  when stage == "demo_requested"
  warm when engagement >= 25 or replied
  cold otherwise
}
suppress when unsubscribed or bounced or email is missing
"#;

/// Parses and checks one file; parse errors fail the test.
pub(crate) fn run(
    text: &str,
    options: &CheckOptions,
) -> (Option<Program>, Vec<Diagnostic>, SourceMap) {
    let mut sources = SourceMap::new();
    let file = sources.add("test.play", text.to_string());
    let (ast, parse_diags) = parse_program(&sources, &[file]);
    assert!(
        parse_diags.is_empty(),
        "parse errors:\n{}",
        render_to_string(&sources, &parse_diags)
    );
    let (program, diags) = check(&ast, &sources, options);
    (program, diags, sources)
}

/// A program that must check without errors.
pub(crate) fn program(text: &str) -> Program {
    let (program, diags, sources) = run(text, &CheckOptions::default());
    match program {
        Some(p) => p,
        None => panic!("check failed:\n{}", render_to_string(&sources, &diags)),
    }
}

/// The rendered diagnostics of a program (errors expected or not).
pub(crate) fn rendered(text: &str) -> String {
    rendered_with(text, &CheckOptions::default())
}

/// The rendered diagnostics with options.
pub(crate) fn rendered_with(text: &str, options: &CheckOptions) -> String {
    let (_, diags, sources) = run(text, options);
    render_to_string(&sources, &diags)
}

/// A lead in the program's slot order; unnamed fields are missing, and fields the
/// program does not read are dropped (as the lead loader does).
pub(crate) fn lead(program: &Program, fields: &[(&str, Value)]) -> Vec<Value> {
    let mut values = vec![Value::Missing; program.schema.fields.len()];
    for (name, value) in fields {
        if let Some(slot) = program.schema.slot(name) {
            values[slot] = value.clone();
        }
    }
    values
}

/// A date.
pub(crate) fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Text value.
pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Number value.
pub(crate) fn num(n: f64) -> Value {
    Value::Number(n)
}
