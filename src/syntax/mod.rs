//! Syntax: the pest grammar (`grammar/leadplay.pest`) and its lowering to the AST.
//!
//! [`parse_program`] parses every file of a program and returns the AST together with
//! every syntax error found — a bad line does not hide the errors after it.

pub mod ast;
mod errors;
mod expr;
pub mod grammar;
mod limits;
mod lower;
mod lower_assign;
mod lower_playbook;
mod lower_score;
mod trivia;

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, SourceMap};
use grammar::{LeadplayParser, Rule};
use pest::Parser;

/// Words the grammar reserves inside expressions (its `reserved` rule): a name spelled
/// like one must be written in backticks.
pub const RESERVED: [&str; 15] = [
    "and",
    "or",
    "not",
    "in",
    "contains",
    "starts_with",
    "ends_with",
    "matches",
    "is",
    "true",
    "false",
    "today",
    "when",
    "unless",
    "otherwise",
];

/// Parses the given files (in order) into one program, collecting every syntax error.
pub fn parse_program(sources: &SourceMap, files: &[FileId]) -> (ast::Program, Vec<Diagnostic>) {
    let mut program = ast::Program::default();
    let mut diagnostics = Vec::new();
    for &file in files {
        let (items, diags) = parse_file(sources, file);
        program.items.extend(items);
        diagnostics.extend(diags);
    }
    (program, diagnostics)
}

/// Parses one file into its declarations, collecting every syntax error.
pub fn parse_file(sources: &SourceMap, file: FileId) -> (Vec<ast::Item>, Vec<Diagnostic>) {
    let Some(source) = sources.get(file) else {
        return (Vec::new(), Vec::new());
    };
    let text = source.text.as_str();
    if let Some(d) = limits::check_nesting(file, text) {
        return (Vec::new(), vec![d]);
    }
    limits::install_call_limit(text.len());
    match LeadplayParser::parse(Rule::program, text) {
        Ok(mut pairs) => {
            let mut lowerer = lower::Lowerer::new(file, text);
            let items = pairs
                .next()
                .map(|program| lowerer.program(program))
                .unwrap_or_default();
            (items, lowerer.into_diagnostics())
        }
        Err(e) if limits::is_call_limit(&e) => {
            (Vec::new(), vec![limits::call_limit_error(file, text.len())])
        }
        // The catch-all rules make a failure here rare.
        Err(e) => (Vec::new(), vec![errors::from_pest(file, text, 0, &e)]),
    }
}

#[cfg(test)]
mod tests;
