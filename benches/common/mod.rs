//! What the benches share: the repository's own starter program, so each bench
//! measures what users run.

use leadplay::{CheckOptions, Program, SourceMap, load_from_sources};

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
        .map(|(name, text)| sources.add(*name, text.to_string()))
        .collect();
    let loaded = load_from_sources(&sources, &files, &CheckOptions::default());
    let diags = loaded.diagnostics;
    loaded.program.unwrap_or_else(|| panic!("{diags:?}"))
}
