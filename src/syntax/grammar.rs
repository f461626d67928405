//! The pest parser generated from `grammar/leadplay.pest`.

// pest_derive generates an undocumented `Rule` enum.
#![allow(missing_docs)]

use pest_derive::Parser;

/// The generated parser; [`Rule`] names every grammar rule.
#[derive(Parser)]
#[grammar = "../grammar/leadplay.pest"]
pub struct LeadplayParser;
