//! `leadplay check`: parse and validate the playbooks and templates, lint them; with
//! `--leads`, also read the data: every row error, then a data-quality and rule
//! coverage report on stdout.

use super::args::{CheckArgs, CheckFormat};
use super::check_report::Reporter;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::check::CheckOptions;
use crate::diagnostics::{self, Code, Diagnostic};
use crate::engine::{LeadsSource, load};
use crate::leads::{LeadReader, check_key_column};
use crate::lint::{LintInput, lint, scan_leads};
use crate::program::Program;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// Row errors printed without `-v`.
const ROW_ERRORS_SHOWN: usize = 10;

/// Runs `check`.
pub fn run(ui: &Ui, root: &Path, args: &CheckArgs) -> u8 {
    let mut reporter = Reporter::new(ui, args.format == CheckFormat::Json);
    let code = match run_inner(ui, &mut reporter, root, args) {
        Ok(code) | Err(code) => code,
    };
    reporter.finish();
    code
}

fn run_inner(ui: &Ui, reporter: &mut Reporter, root: &Path, args: &CheckArgs) -> Result<u8, u8> {
    let mut ws = Workspace::open(root).map_err(|e| {
        reporter.diagnostics(&e.sources, std::slice::from_ref(&e.diagnostic));
        EXIT_FAILURE
    })?;
    let source = match &args.leads.leads {
        Some(_) => Some(common::leads_source(ui, &ws, &args.leads)?),
        None => None,
    };
    let columns = match &source {
        Some(s) => common::read_columns(&ws, s).map_err(|e| {
            reporter.leads_error(&e);
            EXIT_FAILURE
        })?,
        None => None,
    };
    let mut loaded = load(
        &mut ws,
        &CheckOptions {
            columns: columns.clone(),
        },
    );
    let mut diags = std::mem::take(&mut loaded.diagnostics);
    if let Some((program, templates)) = loaded.ready() {
        diags.extend(lint(&LintInput {
            ast: &loaded.ast,
            program,
            templates,
            config: &ws.config,
            columns: columns.as_deref(),
        }));
    }
    diagnostics::sort(&mut diags);
    reporter.diagnostics(&ws.sources, &diags);
    let (errors, warnings) = count(&diags);
    let program = match (&loaded.program, errors) {
        (Some(program), 0) => program,
        _ if reporter.is_json() => return Err(EXIT_FAILURE),
        _ => {
            ui.error(
                &format!(
                    "{errors} error{} in the playbooks; nothing was evaluated",
                    plural(errors)
                ),
                None,
            );
            return Err(EXIT_FAILURE);
        }
    };
    let mut code = EXIT_OK;
    if let Some(source) = &source {
        code = check_leads(
            ui,
            reporter,
            &ws,
            source,
            program,
            common::as_of(args.as_of),
        );
    }
    if code == EXIT_OK && !reporter.is_json() {
        let note = match warnings {
            0 => String::new(),
            n => format!(" ({n} warning{})", plural(n)),
        };
        ui.info(&format!("ok: playbooks and templates check out{note}"));
    }
    Ok(code)
}

fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Reads every lead: row errors on stderr, the data report on stdout.
/// Owner values of the file that name no member (teams with members only; a file is
/// read a second time for it, standard input is not).
fn unmatched_owners(ws: &Workspace, source: &LeadsSource, program: &Program) -> Option<String> {
    let roster = crate::assign::Roster::new(&ws.config, program);
    let LeadsSource::File { .. } = source else {
        return None;
    };
    if roster.is_empty() {
        return None;
    }
    let mut reader = source.open(ws).ok()?;
    let mut counts = std::collections::BTreeMap::new();
    while let Ok(Some(raws)) = reader.next_batch(4096) {
        crate::assign::count_unmatched_owners(&roster, &raws, &mut counts);
    }
    crate::assign::unmatched_owner_warning(&counts)
}

fn check_leads(
    ui: &Ui,
    reporter: &mut Reporter,
    ws: &Workspace,
    source: &LeadsSource,
    program: &Program,
    as_of: NaiveDate,
) -> u8 {
    let reader = source.open(ws);
    let reader = reader.and_then(|r| check_key_column(&r, &program.schema).map(|()| r));
    let notes = reader.as_ref().map(LeadReader::notes).unwrap_or_default();
    let report = match reader.and_then(|r| scan_leads(r, program, as_of)) {
        Ok(report) => report,
        Err(e) => {
            reporter.leads_error(&e);
            return EXIT_FAILURE;
        }
    };
    // JSON lists every problem; text keeps the terminal readable.
    let shown = if ui.verbose || reporter.is_json() {
        usize::MAX
    } else {
        ROW_ERRORS_SHOWN
    };
    for e in report.row_errors.iter().take(shown) {
        reporter.row_error(e);
    }
    if report.row_errors.len() > shown {
        ui.error(
            &format!("… and {} more row errors", report.row_errors.len() - shown),
            Some("run with -v to see every one"),
        );
    }
    for note in notes.all().iter().filter(|_| !reporter.is_json()) {
        ui.info(&format!("note: {note}"));
    }
    for cell in report.bad_cells.iter().take(shown) {
        reporter.bad_cell(cell);
    }
    if report.bad_cells.len() > shown {
        ui.warning(&format!(
            "… and {} more unreadable values (run with -v to see all)",
            report.bad_cells.len() - shown
        ));
    }
    let file = match source {
        LeadsSource::File { path, .. } => ws.display(path),
        LeadsSource::Stdin(_) => "<stdin>".to_string(),
    };
    for warning in &report.empty_roles(&program.schema) {
        reporter.file_warning(Code::EmptyRole, &file, warning);
    }
    if let Some(warning) = unmatched_owners(ws, source, program) {
        reporter.file_warning(Code::UnmatchedOwner, &file, &warning);
    }
    if reporter.is_json() {
        return exit_code(&report.row_errors);
    }
    if !ui.quiet {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = write!(out, "{report}").and_then(|()| out.flush());
    }
    ui.info(&format!(
        "leads: {} usable, {} with row errors",
        report.usable,
        report.row_errors.len()
    ));
    exit_code(&report.row_errors)
}

/// Row errors fail `check`; warnings do not.
fn exit_code(row_errors: &[crate::leads::RowError]) -> u8 {
    if row_errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILURE
    }
}
