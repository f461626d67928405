//! What several commands share: opening the workspace, loading the program, leads flags.

use super::args::{LeadsArgs, LeadsFormatArg};
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_USAGE};
use crate::check::CheckOptions;
use crate::engine::{LeadsSource, Loaded, load};
use crate::leads::LeadFormat;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::path::Path;

/// Opens the workspace, printing the config diagnostic on failure.
pub fn open(ui: &Ui, root: &Path) -> Result<Workspace, u8> {
    Workspace::open(root).map_err(|e| {
        ui.diagnostics(&e.sources, std::slice::from_ref(&e.diagnostic));
        EXIT_FAILURE
    })
}

/// Loads program and templates, printing every diagnostic; `Err` when there were errors.
pub fn load_program(
    ui: &Ui,
    ws: &mut Workspace,
    columns: Option<Vec<String>>,
) -> Result<Loaded, u8> {
    let loaded = load(ws, &CheckOptions { columns });
    ui.diagnostics(&ws.sources, &loaded.diagnostics);
    if loaded.ready().is_some() {
        Ok(loaded)
    } else {
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        ui.error(
            &format!(
                "{errors} error{} in the playbooks; nothing was evaluated",
                if errors == 1 { "" } else { "s" }
            ),
            None,
        );
        Err(EXIT_FAILURE)
    }
}

/// The evaluation date: the flag, else today's local date.
pub fn as_of(flag: Option<NaiveDate>) -> NaiveDate {
    flag.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Where the leads come from: `--leads` (and `--leads-format`), else the config.
pub fn leads_source(ui: &Ui, ws: &Workspace, args: &LeadsArgs) -> Result<LeadsSource, u8> {
    if let Err(message) = ws.leads_dialect() {
        ui.error(&message, Some("fix `leads:` in leadplay.yaml"));
        return Err(EXIT_USAGE);
    }
    let Some(path) = ws.leads_path(args.leads.as_deref()) else {
        ui.error(
            "no leads file given",
            Some("pass `--leads FILE`, or set `leads:` in leadplay.yaml"),
        );
        return Err(EXIT_USAGE);
    };
    let named = args.leads_format.map(format_from_arg);
    if path == Path::new("-") {
        return match named {
            Some(format) => Ok(LeadsSource::Stdin(format)),
            None => {
                ui.error(
                    "`--leads -` reads stdin, whose format cannot be told from a name",
                    Some("add `--leads-format csv|json|jsonl|yaml`"),
                );
                Err(EXIT_USAGE)
            }
        };
    }
    let format = match named {
        Some(f) => f,
        None => LeadFormat::from_path(Path::new(&ws.display(&path))).map_err(|e| {
            ui.error_with_code(Some(e.code()), &e.to_string(), e.help().as_deref());
            EXIT_USAGE
        })?,
    };
    Ok(LeadsSource::File { path, format })
}

/// The leads file's column names, when the format has a header (CSV).
pub fn leads_columns(
    ui: &Ui,
    ws: &Workspace,
    source: &LeadsSource,
) -> Result<Option<Vec<String>>, u8> {
    read_columns(ws, source).map_err(|e| {
        ui.error_with_code(Some(e.code()), &e.to_string(), e.help().as_deref());
        EXIT_FAILURE
    })
}

/// [`leads_columns`] without printing: the caller reports the error.
pub fn read_columns(
    ws: &Workspace,
    source: &LeadsSource,
) -> Result<Option<Vec<String>>, crate::leads::LeadsError> {
    let LeadsSource::File { format, .. } = source else {
        return Ok(None);
    };
    if *format != LeadFormat::Csv {
        return Ok(None);
    }
    let reader = source.open(ws)?;
    Ok(reader.columns().map(<[String]>::to_vec))
}

/// The leads format a `--leads-format` value names.
pub fn format_from_arg(arg: LeadsFormatArg) -> LeadFormat {
    match arg {
        LeadsFormatArg::Csv => LeadFormat::Csv,
        LeadsFormatArg::Json => LeadFormat::Json,
        LeadsFormatArg::Jsonl => LeadFormat::JsonLines,
        LeadsFormatArg::Yaml => LeadFormat::Yaml,
    }
}
