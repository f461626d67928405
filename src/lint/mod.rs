//! The deeper `check`: what a compiler's linter would say about a workspace that
//! already parses and type-checks.
//!
//! - [`lint`] reads the program, its syntax and the templates: template variables that
//!   name nothing and constant sizes no render allows, such as `indent(99999999999)`
//!   (errors, at the template's line), segments nothing uses and email
//!   templates without unsubscribe wording (warnings).
//! - [`scan_leads`] reads a leads file once and reports its data quality (per field:
//!   missing, values that do not coerce, the most common text values with their case
//!   and spacing variants) and the coverage of the rules (what fires for no lead).

mod coverage;
mod quality;
mod scan;
mod sizes;
mod templates;
mod unsubscribe;
mod unused;

#[cfg(test)]
mod tests;

pub use coverage::Coverage;
#[cfg(test)]
pub(crate) use scan::LeadsReport;
pub use scan::scan_leads;

use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::program::Program;
use crate::render::TemplateSet;
use crate::syntax::ast;

/// What [`lint`] looks at.
#[derive(Debug, Clone, Copy)]
pub struct LintInput<'a> {
    /// The parsed program.
    pub ast: &'a ast::Program,
    /// The checked program.
    pub program: &'a Program,
    /// The templates.
    pub templates: &'a TemplateSet,
    /// The configuration (`unsubscribe_wording`).
    pub config: &'a Config,
    /// The leads file's columns, when known (`check --leads` on a CSV file): without a
    /// `fields` block they are the lead fields templates may read.
    pub columns: Option<&'a [String]>,
}

/// Every lint finding, sorted by position.
pub fn lint(input: &LintInput<'_>) -> Vec<Diagnostic> {
    let mut diags = templates::unknown_variables(input);
    diags.extend(unsubscribe::missing_unsubscribe(
        input.program,
        input.templates,
        &input.config.unsubscribe_wording,
    ));
    diags.extend(unused::unused_segments(input.ast));
    diags.extend(sizes::constant_size_errors(input.templates));
    diagnostics::sort(&mut diags);
    diags
}
