//! `leadplay init [DIR]`: write a new workspace with the starter playbooks.

use super::args::InitArgs;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::init::{LEADS_FILE, init};
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
