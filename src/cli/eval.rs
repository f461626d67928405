//! `leadplay eval`: evaluate, schedule, draft; print a summary or per-lead records.

use super::args::{EvalArgs, Format};
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::diagnostics::{Code, Severity};
use crate::engine::{
    EngineError, EvalOptions, EvalOutput, Mode, RecordFormat, Silent, evaluate_streamed,
};
use crate::review::{PageJob, PageKind, RunRecord, append_run, default_page_path, write_page};
use std::io::Write;
use std::path::Path;

/// Row errors printed without `-v`.
const ROW_ERRORS_SHOWN: usize = 10;

/// Runs `eval`.
pub fn run(ui: &Ui, root: &Path, args: &EvalArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &EvalArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let source = common::leads_source(ui, &ws, &args.leads)?;
    // The header lets the checker see what the run would trip on (no `email` column
    // for email steps, a mapped column the file lacks) before any draft fails.
    let columns = common::leads_columns(ui, &ws, &source)?;
    let loaded = common::load_program(ui, &mut ws, columns)?;
    let Some((program, templates)) = loaded.ready() else {
        return Err(EXIT_FAILURE);
    };
    let options = EvalOptions {
        as_of: common::as_of(args.as_of),
        mode: if args.dry_run {
            Mode::DryRun
        } else {
            Mode::Write
        },
        strict: args.strict,
        leads: source,
    };
    let started = std::time::Instant::now();
    let bar = super::progress::for_run(ui.quiet);
    let progress: &dyn crate::engine::Progress = match &bar {
        Some(bar) => bar,
        None => &Silent,
    };
    let records = record_format(args.format);
    let mut output = evaluate_streamed(&ws, program, templates, &options, progress, records)
        .map_err(|e| {
            if let EngineError::Strict(rows, cells) = &e {
                for row in rows {
                    ui.problem(Severity::Error, row.code, &row.to_string(), None);
                }
                for cell in cells {
                    ui.problem(Severity::Error, cell.code(), &cell.to_string(), None);
                }
            }
            ui.error_with_code(e.code(), &e.to_string(), e.help().as_deref());
            EXIT_FAILURE
        })?;
    report_problems(ui, &output);
    for kept in &output.kept {
        ui.warning(&format!(
            "`{}` differs from the draft leadplay would write (edited?): kept as it is, \
             the new draft is `{}`",
            output_path(&output.root, &kept.kept),
            output_path(&output.root, &kept.written)
        ));
    }
    for note in &output.notes {
        ui.info(&format!("note: {note}"));
    }
    if options.mode == Mode::Write {
        record_run(ui, &ws, program, &mut output, &options);
    }
    print_output(ui, &mut output, args.format);
    ui.detail(&format!(
        "evaluated in {:.3} s",
        started.elapsed().as_secs_f64()
    ));
    let code = if output.draft_errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILURE
    };
    // A million plans take longer to free one by one than the OS takes to reclaim the
    // whole process at exit; nothing in them needs dropping (every file is closed).
    std::mem::forget(output);
    Ok(code)
}

/// After a real run: one line in `.leadplay/runs.jsonl` and the day's review page,
/// named in the summary. Neither can undo the run (drafts and state are written), so
/// a failure is a warning.
fn record_run(
    ui: &Ui,
    ws: &crate::workspace::Workspace,
    program: &crate::program::Program,
    output: &mut EvalOutput,
    options: &EvalOptions,
) {
    let record = RunRecord::from_summary(&output.summary);
    if let Err(e) = append_run(&ws.state_path(), &record) {
        ui.warning(&e.to_string());
    }
    let out = default_page_path(ws, options.as_of);
    let job = PageJob {
        ws,
        program,
        output,
        source: &options.leads,
        as_of: options.as_of,
        kind: PageKind::Run,
        out: out.clone(),
        explain: Some(super::explain::explain_with_state),
    };
    let started = std::time::Instant::now();
    match write_page(&job) {
        Ok(()) => output.summary.review_page = Some(ws.display(&out)),
        Err(message) => ui.warning(&message),
    }
    ui.detail(&format!(
        "review page written in {:.3} s",
        started.elapsed().as_secs_f64()
    ));
}

/// Row errors and failed drafts go to stderr, whatever the format.
pub(super) fn report_problems(ui: &Ui, output: &EvalOutput) {
    let shown = if ui.verbose {
        usize::MAX
    } else {
        ROW_ERRORS_SHOWN
    };
    for e in output.row_errors.iter().take(shown) {
        ui.problem(Severity::Warning, e.code, &e.to_string(), None);
    }
    if output.row_errors.len() > shown {
        ui.warning(&format!(
            "… and {} more row errors (run with -v to see all, or `leadplay check --leads FILE`)",
            output.row_errors.len() - shown
        ));
    }
    for note in &output.summary.notes {
        ui.info(&format!("note: {note}"));
    }
    for cell in output.bad_cells.iter().take(shown) {
        ui.problem(Severity::Warning, cell.code(), &cell.to_string(), None);
    }
    if output.bad_cells.len() > shown {
        ui.warning(&format!(
            "… and {} more unreadable values (run with -v to see all)",
            output.bad_cells.len() - shown
        ));
    }
    for f in &output.draft_errors {
        ui.problem(
            Severity::Error,
            Code::RenderFailed,
            &format!("lead `{}`: {}", f.lead, f.message),
            Some("the draft was not written; the step stays due for the next run"),
        );
    }
}

fn print_output(ui: &Ui, output: &mut EvalOutput, format: Format) {
    let stdout = std::io::stdout();
    // Records come in tens of megabytes: a larger buffer makes fewer writes (8 KiB, the
    // default, made ~6,000 for 1M CSV rows).
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = match record_format(format) {
        None if ui.quiet => Ok(()),
        None => write!(out, "{}", output.summary),
        Some(records) => output.write_records(records, &mut out),
    };
    let _ = out.flush();
    if format != Format::Table {
        ui.info(output.summary.to_string().trim_end());
    }
}

/// The per-lead records a format prints (none for the summary table).
fn record_format(format: Format) -> Option<RecordFormat> {
    match format {
        Format::Table => None,
        Format::Jsonl => Some(RecordFormat::Jsonl),
        Format::Json => Some(RecordFormat::Json),
        Format::Csv => Some(RecordFormat::Csv),
    }
}

/// A path as the user sees it: relative to the workspace root where it can be.
fn output_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
