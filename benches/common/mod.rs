//! What the benches share: the repository's own starter program, so each bench
//! measures what users run.

use leadplay::check::{CheckOptions, check};
use leadplay::program::Program;
use leadplay::source::SourceMap;
use leadplay::syntax::parse_program;

/// The starter playbooks' rules (the `assign` block is left out: no bench reads it).
pub const STARTER: [(&str, &str); 4] = [
    (
        "01-fields.play",
        include_str!("../../playbooks/01-fields.play"),
    ),
    (
        "02-scores.play",
        include_str!("../../playbooks/02-scores.play"),
    ),
    (
        "03-tiers.play",
        include_str!("../../playbooks/03-tiers.play"),
    ),
    (
        "04-playbooks.play",
        include_str!("../../playbooks/04-playbooks.play"),
    ),
];

/// The starter program, parsed and checked.
pub fn compile_starter() -> Program {
    let mut sources = SourceMap::new();
    let files: Vec<_> = STARTER
        .iter()
        .map(|(name, text)| sources.add(*name, *name, text.to_string()))
        .collect();
    let (ast, parse_errors) = parse_program(&sources, &files);
    assert!(parse_errors.is_empty(), "{parse_errors:?}");
    let (program, diags) = check(&ast, &sources, &CheckOptions::default());
    program.unwrap_or_else(|| panic!("{diags:?}"))
}
