//! `leadplay test [--filter TEXT]`: run the playbook tests in `playbooks/tests/*.yaml`.

use super::args::TestArgs;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::testing::{Runner, SuiteResult, load_suite};
use std::io::Write;
use std::path::Path;

/// Runs `test`.
pub fn run(ui: &Ui, root: &Path, args: &TestArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &TestArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let loaded = common::load_program(ui, &mut ws, None)?;
    let Some((program, templates)) = loaded.ready() else {
        return Err(EXIT_FAILURE);
    };
    let suite = load_suite(&mut ws, program);
    ui.diagnostics(&ws.sources, &suite.diagnostics);
    if suite.has_errors() {
        let errors = suite.diagnostics.iter().filter(|d| d.is_error()).count();
        let s = if errors == 1 { "" } else { "s" };
        ui.error(
            &format!("{errors} error{s} in the tests; nothing was run"),
            None,
        );
        return Err(EXIT_FAILURE);
    }
    let runner = Runner {
        ws: &ws,
        program,
        templates,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut totals = SuiteResult::default();
    for (file, case) in suite.selected(args.filter.as_deref()) {
        let result = runner.run(file, case);
        totals.add(&result);
        // A closed pipe (`| head`) is not worth an error; the exit code still counts.
        let _ = write!(out, "{result}");
    }
    warn_if_nothing_ran(ui, &ws, suite.case_count(), &totals, args);
    let ran = totals.passed + totals.failed;
    let _ = writeln!(out, "{}{totals}", if ran > 0 { "\n" } else { "" });
    let _ = out.flush();
    Ok(if totals.ok() { EXIT_OK } else { EXIT_FAILURE })
}

/// No case ran: say why, but do not fail (a new workspace may have no tests yet).
fn warn_if_nothing_ran(
    ui: &Ui,
    ws: &crate::workspace::Workspace,
    all: usize,
    totals: &SuiteResult,
    args: &TestArgs,
) {
    if totals.passed + totals.failed > 0 {
        if let Some(filter) = &args.filter {
            let ran = totals.passed + totals.failed;
            ui.detail(&format!("{} of {all} cases match `{filter}`", ran));
        }
        return;
    }
    match &args.filter {
        Some(filter) if all > 0 => {
            ui.warning(&format!("no case name contains `{filter}` ({all} cases)"))
        }
        _ => ui.warning(&format!(
            "no test cases in `{}/*.yaml`",
            ws.display(&ws.tests_dir())
        )),
    }
}
