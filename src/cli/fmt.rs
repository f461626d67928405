//! `leadplay fmt [--check] [FILES]`: the canonical layout of `.play` files.

use super::args::FmtArgs;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::atomic::write_atomic;
use crate::fmt::format_source;
use std::path::{Path, PathBuf};

/// Runs `fmt`.
pub fn run(ui: &Ui, root: &Path, args: &FmtArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &FmtArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let files: Vec<PathBuf> = if args.files.is_empty() {
        ws.play_files().map_err(|d| {
            ui.diagnostics(&ws.sources, &[d]);
            EXIT_FAILURE
        })?
    } else {
        args.files.iter().map(|f| ws.resolve(f)).collect()
    };
    let mut failed = false;
    let mut changed = Vec::new();
    for path in files {
        let shown = ws.display(&path);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                ui.error(&format!("cannot read `{shown}`: {e}"), None);
                failed = true;
                continue;
            }
        };
        let file = ws.sources.add(shown.clone(), text.clone());
        match format_source(&ws.sources, file) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if !args.check {
                    if let Err(e) = write_atomic(&path, formatted.as_bytes()) {
                        ui.error(&format!("cannot write `{shown}`: {e}"), None);
                        failed = true;
                        continue;
                    }
                }
                changed.push(shown);
            }
            Err(diags) => {
                ui.diagnostics(&ws.sources, &diags);
                failed = true;
            }
        }
    }
    for name in &changed {
        if args.check {
            super::ui::to_stdout(&format!("would reformat {name}\n"));
        } else {
            ui.info(&format!("formatted {name}"));
        }
    }
    if failed || (args.check && !changed.is_empty()) {
        return Ok(EXIT_FAILURE);
    }
    Ok(EXIT_OK)
}
