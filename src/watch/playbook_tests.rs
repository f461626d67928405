//! `--run-tests`: runs the playbook tests (`playbooks/tests/*.yaml`) after each good
//! reload, in process, with the program just loaded, and returns the closing line
//! `leadplay test` would print.

use crate::diagnostics::Diagnostic;
use crate::program::Program;
use crate::render::TemplateSet;
use crate::testing::{Runner, SuiteResult, load_suite};
use crate::workspace::Workspace;

/// The closing line (`N passed, N failed`), or why no case ran; and the test files'
/// diagnostics, to print.
pub fn run(
    ws: &mut Workspace,
    program: &Program,
    templates: &TemplateSet,
) -> (String, Vec<Diagnostic>) {
    let suite = load_suite(ws, program);
    if suite.has_errors() {
        let errors = suite.diagnostics.iter().filter(|d| d.is_error()).count();
        let s = if errors == 1 { "" } else { "s" };
        let line = format!("{errors} error{s} in the tests (see above); nothing was run");
        return (line, suite.diagnostics);
    }
    let runner = Runner {
        ws,
        program,
        templates,
    };
    let mut totals = SuiteResult::default();
    let mut first_failure = None;
    for (file, case) in suite.selected(None) {
        let result = runner.run(file, case);
        if !result.passed() && first_failure.is_none() {
            first_failure = Some(case.case.name.clone());
        }
        totals.add(&result);
    }
    let line = match first_failure {
        Some(name) => format!("{totals} (first failure: `{name}`; `leadplay test` shows why)"),
        None if totals.passed == 0 => format!("{totals} (no test cases)"),
        None => totals.to_string(),
    };
    (line, suite.diagnostics)
}

#[cfg(test)]
mod tests;
