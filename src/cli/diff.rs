//! `leadplay diff REV`: evaluate the playbooks at a git revision and in the working
//! tree on the same leads and date (dry run) and print what changes.

use super::args::{DiffArgs, DiffFormat};
use super::backtest::{outcome_leads, outcome_options, run_backtest};
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::diagnostics::Diagnostic;
use crate::diff::{DecidingRules, DiffReport, OutcomeDiff, compare, load_revision, read_revision};
use crate::engine::{EvalOptions, EvalOutput, LeadsSource, Mode, evaluate};
use crate::eval::deciding_rules;
use crate::program::Program;
use crate::render::TemplateSet;
use crate::workspace::Workspace;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// Runs `diff`.
pub fn run(ui: &Ui, root: &Path, args: &DiffArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &DiffArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    // Outside a repository nothing else matters: say so first.
    let revision = read_revision(&ws, &args.rev).map_err(|e| {
        ui.error(&e.to_string(), e.help().as_deref());
        EXIT_USAGE
    })?;
    let source = common::leads_source(ui, &ws, &args.leads)?;
    let LeadsSource::File { path, .. } = &source else {
        ui.error(
            "`diff` reads the leads twice and cannot take them from stdin",
            Some("pass `--leads FILE`"),
        );
        return Err(EXIT_USAGE);
    };
    if revision.files.is_empty() {
        let folder = if revision.folder.is_empty() {
            "."
        } else {
            &revision.folder
        };
        ui.error(
            &format!("no `.play` files in `{folder}` at `{}`", args.rev),
            Some("`git ls-tree REV -- FOLDER` shows what the revision holds there"),
        );
        return Err(EXIT_FAILURE);
    }
    let now = common::load_program(ui, &mut ws, None)?;
    let Some((program, templates)) = now.ready() else {
        return Err(EXIT_FAILURE);
    };
    let before = load_revision(&mut ws, &args.rev, &revision);
    let Some(old_program) = &before.program else {
        // The revision's warnings are old news; its errors say why nothing compares.
        let errors: Vec<Diagnostic> = before
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        ui.diagnostics(&ws.sources, &errors);
        ui.error(
            &format!(
                "the playbooks at `{}` do not check; nothing to compare",
                args.rev
            ),
            None,
        );
        return Err(EXIT_FAILURE);
    };
    let as_of = common::as_of(args.as_of);
    let options = EvalOptions {
        as_of,
        mode: Mode::DryRun,
        strict: false,
        leads: source.clone(),
    };
    let old = run_side(ui, &ws, old_program, templates, &options, &args.rev)?;
    let new = run_side(ui, &ws, program, templates, &options, "the working tree")?;
    let (old_reports, new_reports): (Vec<_>, Vec<_>) =
        (old.reports(false).collect(), new.reports(false).collect());
    let mut changes = compare(&old_reports, &new_reports);
    changes.set_deferred(&old.summary.deferred, &new.summary.deferred);
    let moved: BTreeSet<String> = changes.moved.iter().map(|m| m.id.clone()).collect();
    let rules = |p: &Program| -> Result<DecidingRules, u8> {
        source
            .open(&ws)
            .and_then(|reader| deciding_rules(reader, p, &moved, as_of))
            .map_err(|e| {
                ui.error_with_code(Some(e.code()), &e.to_string(), e.help().as_deref());
                EXIT_FAILURE
            })
    };
    let (rules_before, rules_after) = (rules(old_program)?, rules(program)?);
    changes.set_rules(&rules_before, &rules_after);
    let outcomes = outcome_diff(ui, &ws, args, as_of, (old_program, program), &source)?;
    let report = DiffReport {
        rev: args.rev.clone(),
        commit: revision.commit,
        as_of,
        leads_file: ws.display(path),
        changes,
        outcomes,
    };
    print(&report, args.format);
    Ok(EXIT_OK)
}

/// One dry-run evaluation; row errors are counted on stderr (`check --leads` lists them).
fn run_side(
    ui: &Ui,
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
    side: &str,
) -> Result<EvalOutput, u8> {
    // A dry run renders nothing, so the templates are never read: the working tree's
    // serve both sides.
    let output = evaluate(ws, program, templates, options).map_err(|e| {
        ui.error_with_code(e.code(), &e.to_string(), e.help().as_deref());
        EXIT_FAILURE
    })?;
    if !output.row_errors.is_empty() {
        ui.warning(&format!(
            "{} row errors with the playbooks of {side}; those leads are left out (`leadplay check --leads FILE` lists them)",
            output.row_errors.len()
        ));
    }
    Ok(output)
}

/// Both sides' backtest, when outcomes are configured (flags or `outcome:`).
fn outcome_diff(
    ui: &Ui,
    ws: &Workspace,
    args: &DiffArgs,
    as_of: chrono::NaiveDate,
    (old, new): (&Program, &Program),
    source: &LeadsSource,
) -> Result<Option<OutcomeDiff>, u8> {
    if args.outcome.outcome.is_none() && ws.config.outcome.is_none() {
        return Ok(None);
    }
    let options = outcome_options(ui, ws, &args.outcome, as_of, false)?;
    let source = match &args.leads.leads {
        Some(_) => source.clone(),
        None => common::leads_source(ui, ws, &outcome_leads(ws, &args.leads))?,
    };
    let figures = run_backtest(ui, ws, old, &source, &options)
        .and_then(|before| Ok((before, run_backtest(ui, ws, new, &source, &options)?)));
    match figures {
        Ok((before, after)) => Ok(Some(OutcomeDiff { before, after })),
        // Asked for on the command line: a failure fails the diff. Configured only: the
        // diff of tiers and drafts still stands.
        Err(code) if args.outcome.outcome.is_some() => Err(code),
        Err(_) => {
            ui.warning("the outcome figures are left out (the `outcome:` block of leadplay.yaml did not apply)");
            Ok(None)
        }
    }
}

fn print(report: &DiffReport, format: DiffFormat) {
    let outcomes = report.outcomes.as_ref();
    let text = match format {
        DiffFormat::Table => {
            report.to_table() + &outcomes.map(OutcomeDiff::to_table).unwrap_or_default()
        }
        DiffFormat::Md => {
            report.to_markdown() + &outcomes.map(OutcomeDiff::to_markdown).unwrap_or_default()
        }
        DiffFormat::Json => report.to_json(),
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
