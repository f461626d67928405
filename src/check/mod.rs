//! The semantic checker: resolves names to slots, checks types, reports every problem
//! as a [`Diagnostic`], and compiles a valid program into a [`program::Program`].
//!
//! Order of work: the `fields` blocks, then the table of segments and scores (one
//! namespace with the fields), then every definition in source order (a definition may
//! only use earlier ones), then tiers, suppression, playbooks and balance (which see
//! every definition, since they are evaluated after all of them).

mod assign;
mod cycles;
mod expr;
mod names;
mod playbooks;
mod roles;
mod rules;
mod types;
mod variants;

#[cfg(test)]
mod tests;

use crate::diagnostics::{self, Diagnostic};
use crate::program::{self, ProgramParts};
use crate::source::{SourceMap, Span};
use crate::syntax::ast;
use names::{Defs, Fields};

/// Deepest expression tree accepted. The parser bounds brackets and prefix operators,
/// but a long chain like `a or b or c …` nests one level per operator; the checker and
/// evaluator recurse per level, so the bound lives here too.
pub const MAX_EXPR_DEPTH: usize = 200;

/// What the checker may know besides the program.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The leads file's header, if known: without a `fields` block, a name that is not
    /// a column gets a warning (it would always read as missing).
    pub columns: Option<Vec<String>>,
}

/// Checks a parsed program. Returns the compiled program only when there are no
/// errors; the diagnostics (all errors and warnings, sorted by position) either way.
pub fn check(
    program: &ast::Program,
    sources: &SourceMap,
    options: &CheckOptions,
) -> (Option<program::Program>, Vec<Diagnostic>) {
    let mut checker = Checker::new(sources, options);
    let fields = checker.collect_fields(program);
    checker.fields = fields;
    checker.defs = checker.collect_defs(program);
    let defs = checker.compile_defs(program);
    checker.report_forward_refs();
    let tiers = checker.compile_tiers(program);
    let suppress = checker.compile_suppress(program);
    let (playbooks, playbook_of_tier) = checker.compile_playbooks(program, &tiers);
    let balance = checker.compile_balance(program, &tiers);
    let assign = checker.compile_assign(program);
    let schema = checker.fields.schema(&mut checker.diags);
    checker.check_email_role(&schema, &playbooks);
    checker.check_mapped_columns(program, &schema);

    let mut diags = checker.diags;
    diagnostics::sort(&mut diags);
    if diagnostics::has_errors(&diags) {
        return (None, diags);
    }
    let compiled = program::Program::new(ProgramParts {
        schema,
        tiers: tiers.names,
        defs,
        tier_rules: tiers.rules,
        suppress,
        conds: checker.conds,
        playbooks,
        playbook_of_tier,
        balance,
        assign,
    });
    (Some(compiled), diags)
}

/// The checker's state while it walks one program.
pub(crate) struct Checker<'a> {
    sources: &'a SourceMap,
    options: &'a CheckOptions,
    diags: Vec<Diagnostic>,
    fields: Fields,
    defs: Defs,
    /// The definition being compiled (it may only use earlier ones).
    current: Option<usize>,
    /// Field slots the condition being compiled depends on.
    deps: Vec<u32>,
    /// Step guards and exits, indexed by `CondId`.
    conds: Vec<program::Cond>,
}

impl<'a> Checker<'a> {
    fn new(sources: &'a SourceMap, options: &'a CheckOptions) -> Checker<'a> {
        Checker {
            sources,
            options,
            diags: Vec::new(),
            fields: Fields::default(),
            defs: Defs::default(),
            current: None,
            deps: Vec::new(),
            conds: Vec::new(),
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Adds help to the diagnostic just reported.
    fn help_last(&mut self, help: &str) {
        if let Some(d) = self.diags.last_mut() {
            d.help.get_or_insert_with(|| help.to_string());
        }
    }

    /// The source text of a span with runs of white space collapsed, for explain.
    fn text_of(&self, span: Span) -> String {
        let snippet = self.sources.snippet(span);
        let mut out = String::with_capacity(snippet.len());
        for word in snippet.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
}

/// `did you mean` help for a name among candidates, if one is close.
fn suggest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<String> {
    diagnostics::did_you_mean(name, candidates).map(|c| format!("did you mean `{c}`?"))
}
