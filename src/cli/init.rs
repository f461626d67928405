//! `leadplay init [DIR]`: write a new workspace with the starter playbooks.

use super::args::InitArgs;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::init::{LEADS_FILE, init};
use crate::init_from::{FromLeadsError, Made, init_from_leads};
use std::path::Path;

/// Runs `init`.
pub fn run(ui: &Ui, root: &Path, args: &InitArgs) -> u8 {
    let dir = match &args.dir {
        Some(d) => root.join(d),
        None => root.to_path_buf(),
    };
    let shown = args
        .dir
        .as_ref()
        .map_or_else(|| ".".to_string(), |d| d.display().to_string());
    if let Some(file) = &args.from_leads {
        return from_leads(
            ui,
            &root.join(file),
            &file.display().to_string(),
            &dir,
            &shown,
        );
    }
    match init(&dir) {
        Ok(written) => {
            if !ui.quiet {
                super::ui::to_stdout(&report(&shown, &written));
            }
            EXIT_OK
        }
        Err(e) => {
            ui.error(&e.to_string(), e.help().as_deref());
            EXIT_FAILURE
        }
    }
}

/// `init --from-leads FILE [DIR]`.
fn from_leads(ui: &Ui, file: &Path, file_shown: &str, dir: &Path, dir_shown: &str) -> u8 {
    match init_from_leads(file, file_shown, dir) {
        Ok(made) => {
            if !ui.quiet {
                print!("{}", from_leads_report(file_shown, dir_shown, &made));
            }
            EXIT_OK
        }
        Err(e) => {
            let help = match &e {
                FromLeadsError::Leads(l) => l.help(),
                FromLeadsError::Init(i) => i.help(),
                FromLeadsError::NoHeader(_) => {
                    Some("export the CRM's list as CSV with a header row".to_string())
                }
            };
            ui.error(&e.to_string(), help.as_deref());
            EXIT_FAILURE
        }
    }
}

fn from_leads_report(file: &str, dir: &str, made: &Made) -> String {
    let inferred = &made.inferred;
    let seen = inferred
        .source
        .map_or("a CSV export".to_string(), |s| format!("a {s} export"));
    let mut text = format!(
        "`{file}` looks like {seen}: {} columns\n",
        inferred.columns.len()
    );
    if let Some(key) = inferred.columns.get(inferred.key) {
        text.push_str(&format!(
            "  key        {} (from `{}`)
",
            key.field, key.header
        ));
    }
    for column in inferred.columns.iter().filter(|c| c.role.is_some()) {
        if let Some(role) = column.role {
            text.push_str(&format!(
                "  {:<10} {} (from `{}`)
",
                format!("{role}"),
                column.field,
                column.header
            ));
        }
    }
    let delimiter = match made.dialect.delimiter {
        Some(b'\t') => "tab".to_string(),
        Some(d) => format!("`{}`", char::from(d)),
        None => "`,`".to_string(),
    };
    let encoding = made.dialect.encoding.map_or("UTF-8", |e| e.name());
    let decimal = if inferred.rules.style.decimal_comma {
        "comma"
    } else {
        "point"
    };
    text.push_str(&format!(
        "  dialect    delimiter {delimiter}, {encoding}, decimal {decimal}, dates {}\n",
        inferred.rules.order.name()
    ));
    text.push_str(&format!("\ncreated a leadplay workspace in `{dir}`:\n"));
    for path in &made.written {
        text.push_str(&format!("  {path}\n"));
    }
    text.push_str("\nnext steps:\n");
    if dir != "." {
        text.push_str(&format!("  cd {dir}\n"));
    }
    text.push_str(&format!(
        "  leadplay check --leads {}   # fields against the export, data quality\n\
         \x20 leadplay eval --dry-run   # tiers and due drafts; nothing is written\n\
         \x20 leadplay test             # the starter test\n",
        made.leads_path
    ));
    text
}

/// What was written, and what to run next.
fn report(dir: &str, written: &[&str]) -> String {
    let mut text = format!("created a leadplay workspace in `{dir}`:\n");
    for path in written {
        text.push_str(&format!("  {path}\n"));
    }
    text.push_str("\nnext steps:\n");
    if dir != "." {
        text.push_str(&format!("  cd {dir}\n"));
    }
    text.push_str(&format!(
        "  leadplay check            # the playbooks and templates check out\n\
         \x20 leadplay eval --dry-run   # tiers and due drafts for {LEADS_FILE}; nothing is written\n\
         \x20 leadplay test             # the playbook tests in playbooks/tests\n\
         \x20 leadplay eval             # write today's drafts to drafts/ for review\n"
    ));
    text
}
