//! `leadplay backtest`: tiers, scores and rules against known outcomes.

use super::args::{BacktestArgs, DiffFormat, LeadsArgs, OutcomeArgs};
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::backtest::{Backtest, BacktestError, BacktestOptions, backtest};
use crate::engine::LeadsSource;
use crate::program::Program;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// Runs `backtest`.
pub fn run(ui: &Ui, root: &Path, args: &BacktestArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &BacktestArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let as_of = common::as_of(args.as_of);
    let options = outcome_options(ui, &ws, &args.outcome, as_of, args.by_variant)?;
    let source = common::leads_source(ui, &ws, &outcome_leads(&ws, &args.leads))?;
    let loaded = common::load_program(ui, &mut ws, None)?;
    let Some((program, _)) = loaded.ready() else {
        return Err(EXIT_FAILURE);
    };
    let figures = run_backtest(ui, &ws, program, &source, &options)?;
    let text = match args.format {
        DiffFormat::Table => figures.to_table(),
        DiffFormat::Md => figures.to_markdown(),
        DiffFormat::Json => figures.to_json(),
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(EXIT_OK)
}

/// The leads a backtest reads: `--leads`, else `outcome.leads`, else `leads`.
pub(super) fn outcome_leads(ws: &Workspace, flag: &LeadsArgs) -> LeadsArgs {
    let mut args = flag.clone();
    if args.leads.is_none() {
        args.leads = ws.config.outcome.as_ref().and_then(|o| o.leads.clone());
    }
    args
}

/// The outcome settings: each flag, else its key in the `outcome:` block.
pub(super) fn outcome_options(
    ui: &Ui,
    ws: &Workspace,
    args: &OutcomeArgs,
    as_of: NaiveDate,
    by_variant: bool,
) -> Result<BacktestOptions, u8> {
    let config = ws.config.outcome.clone().unwrap_or_default();
    let outcome = args.outcome.clone().unwrap_or(config.field);
    if outcome.trim().is_empty() {
        ui.error(
            "no outcome field given",
            Some("pass `--outcome FIELD --won VALUE`, or set `outcome: { field, won, lost }` in leadplay.yaml"),
        );
        return Err(EXIT_USAGE);
    }
    let pick = |flag: &[String], key: Vec<String>| -> Vec<String> {
        let given: Vec<String> = flag
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if given.is_empty() { key } else { given }
    };
    Ok(BacktestOptions {
        outcome,
        won: pick(&args.won, config.won),
        lost: pick(&args.lost, config.lost),
        as_of,
        by_variant,
    })
}

/// One backtest of `program` on the leads; problems are printed, `Err` is the exit code.
pub(super) fn run_backtest(
    ui: &Ui,
    ws: &Workspace,
    program: &Program,
    source: &LeadsSource,
    options: &BacktestOptions,
) -> Result<Backtest, u8> {
    let figures = source
        .open(ws)
        .map_err(BacktestError::from)
        .and_then(|reader| backtest(program, reader, options))
        .map_err(|e| {
            ui.error_with_code(e.code(), &e.to_string(), e.help().as_deref());
            match e {
                BacktestError::Leads(_) => EXIT_FAILURE,
                _ => EXIT_USAGE,
            }
        })?;
    let about = &figures.about;
    if about.row_errors > 0 {
        ui.warning(&format!(
            "{} row errors; those leads are left out (`leadplay check --leads FILE` lists them)",
            about.row_errors
        ));
    }
    if figures.decided == 0 {
        let seen: Vec<String> = about
            .undecided_values
            .iter()
            .take(8)
            .map(|(v, n)| format!("`{v}` {n}"))
            .collect();
        let help = if seen.is_empty() {
            format!("every lead's `{}` is missing", about.outcome)
        } else {
            format!("values seen: {}", seen.join(", "))
        };
        ui.error(
            &format!(
                "no lead has a won or lost `{}` ({} leads read)",
                about.outcome, about.leads
            ),
            Some(&help),
        );
        return Err(EXIT_FAILURE);
    }
    Ok(figures)
}
