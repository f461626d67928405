//! `leadplay check`: parse and validate the playbooks and templates, lint them; with
//! `--leads`, also read the data: every row error, then a data-quality and rule
//! coverage report on stdout.

use super::args::CheckArgs;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::check::CheckOptions;
use crate::diagnostics::{self, Diagnostic};
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
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &CheckArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let source = match &args.leads.leads {
        Some(_) => Some(common::leads_source(ui, &ws, &args.leads)?),
        None => None,
    };
    let columns = match &source {
        Some(s) => common::leads_columns(ui, &ws, s)?,
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
    ui.diagnostics(&ws.sources, &diags);
    let (errors, warnings) = count(&diags);
    let program = match (&loaded.program, errors) {
        (Some(program), 0) => program,
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
        code = check_leads(ui, &ws, source, program, common::as_of(args.as_of));
    }
    if code == EXIT_OK {
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
    let LeadsSource::File { path, format } = source else {
        return None;
    };
    if roster.is_empty() {
        return None;
    }
    let dialect = ws.leads_dialect().unwrap_or_default();
    let mut reader = LeadReader::open_with(path, &ws.display(path), *format, &dialect).ok()?;
    let mut counts = std::collections::BTreeMap::new();
    while let Ok(Some(raws)) = reader.next_batch(4096) {
        crate::assign::count_unmatched_owners(&roster, &raws, &mut counts);
    }
    crate::assign::unmatched_owner_warning(&counts)
}

fn check_leads(
    ui: &Ui,
    ws: &Workspace,
    source: &LeadsSource,
    program: &Program,
    as_of: NaiveDate,
) -> u8 {
    let dialect = ws.leads_dialect().unwrap_or_default();
    let reader = match source {
        LeadsSource::File { path, format } => {
            LeadReader::open_with(path, &ws.display(path), *format, &dialect)
        }
        LeadsSource::Stdin(format) => {
            LeadReader::from_reader_with(std::io::stdin(), "<stdin>", *format, &dialect)
        }
    };
    let reader = reader.and_then(|r| check_key_column(&r, &program.schema).map(|()| r));
    let notes = reader.as_ref().map(LeadReader::notes).unwrap_or_default();
    let report = match reader.and_then(|r| scan_leads(r, program, as_of)) {
        Ok(report) => report,
        Err(e) => {
            ui.error(&e.to_string(), e.help().as_deref());
            return EXIT_FAILURE;
        }
    };
    let shown = if ui.verbose {
        usize::MAX
    } else {
        ROW_ERRORS_SHOWN
    };
    for e in report.row_errors.iter().take(shown) {
        ui.error(&e.to_string(), None);
    }
    if report.row_errors.len() > shown {
        ui.error(
            &format!("… and {} more row errors", report.row_errors.len() - shown),
            Some("run with -v to see every one"),
        );
    }
    for note in notes.all() {
        ui.info(&format!("note: {note}"));
    }
    for cell in report.bad_cells.iter().take(shown) {
        ui.warning(&cell.to_string());
    }
    if report.bad_cells.len() > shown {
        ui.warning(&format!(
            "… and {} more unreadable values (run with -v to see all)",
            report.bad_cells.len() - shown
        ));
    }
    let role_warnings = report.empty_roles(&program.schema);
    for warning in &role_warnings {
        ui.warning(warning);
    }
    if let Some(warning) = unmatched_owners(ws, source, program) {
        ui.warning(&warning);
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
    if report.row_errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILURE
    }
}
