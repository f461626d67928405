//! `leadplay check`: parse and validate the playbooks and templates; with `--leads`,
//! also read the data and report every row error.

use super::args::CheckArgs;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::engine::LeadsSource;
use crate::leads::{LeadReader, for_each_batch};
use std::ops::ControlFlow;
use std::path::Path;

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
    let loaded = common::load_program(ui, &mut ws, columns)?;
    let warnings = loaded.diagnostics.len();
    let mut code = EXIT_OK;
    if let (Some(source), Some(program)) = (&source, &loaded.program) {
        code = check_rows(ui, &ws, source, &program.schema);
    }
    if code == EXIT_OK {
        let note = match warnings {
            0 => String::new(),
            1 => " (1 warning)".to_string(),
            n => format!(" ({n} warnings)"),
        };
        ui.info(&format!("ok: playbooks and templates check out{note}"));
    }
    Ok(code)
}

/// Reads every lead and reports the rows that do not fit the schema.
fn check_rows(
    ui: &Ui,
    ws: &crate::workspace::Workspace,
    source: &LeadsSource,
    schema: &crate::schema::LeadSchema,
) -> u8 {
    let reader = match source {
        LeadsSource::File { path, format } => LeadReader::open(path, &ws.display(path), *format),
        LeadsSource::Stdin(format) => LeadReader::from_reader(std::io::stdin(), "<stdin>", *format),
    };
    let mut good = 0usize;
    let mut bad = 0usize;
    let result = reader.and_then(|reader| {
        for_each_batch(reader, schema, |batch| {
            good += batch.leads.len();
            for e in &batch.errors {
                ui.error(&e.to_string(), None);
            }
            bad += batch.errors.len();
            ControlFlow::Continue(())
        })
    });
    if let Err(e) = result {
        ui.error(&e.to_string(), e.help().as_deref());
        return EXIT_FAILURE;
    }
    ui.info(&format!("leads: {good} usable, {bad} with row errors"));
    if bad > 0 { EXIT_FAILURE } else { EXIT_OK }
}
