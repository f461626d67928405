//! `leadplay watch`: the terminal front end of [`crate::watch`].

use super::args::WatchArgs;
use super::common::format_from_arg;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::diagnostics::Diagnostic;
use crate::source::SourceMap;
use crate::watch::{Sink, Stopper, Watch, WatchOptions};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Runs `watch` until Ctrl-C (exit 0).
pub fn run(ui: &Ui, root: &Path, args: &WatchArgs) -> u8 {
    if args.leads.leads.as_deref() == Some(Path::new("-")) {
        ui.error(
            "`watch` cannot read the leads from stdin",
            Some("pass `--leads FILE`: watch re-reads the file whenever it changes"),
        );
        return EXIT_USAGE;
    }
    let watch = Watch::new(WatchOptions {
        root: root.to_path_buf(),
        leads: args.leads.leads.clone(),
        leads_format: args.leads.leads_format.map(format_from_arg),
        as_of: args.as_of,
        run_tests: args.run_tests,
        verbose: ui.verbose,
    });
    let stopper = watch.stopper();
    let mut sink = Terminal {
        ui: *ui,
        clear: std::io::stdout().is_terminal(),
        stopper: watch.stopper(),
    };
    // Ctrl-C (and SIGTERM/SIGHUP) end the watch after the reload in progress, so no
    // preview is left half updated, and the exit code is 0: stopping is how it ends.
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        ui.error(&format!("cannot handle Ctrl-C: {e}"), None);
        return EXIT_FAILURE;
    }
    match watch.run(&mut sink) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            ui.error(&e.to_string(), None);
            EXIT_FAILURE
        }
    }
}

/// Screens on stdout (one write and flush each, so a pipe sees whole lines at once),
/// diagnostics and warnings on stderr.
struct Terminal {
    ui: Ui,
    /// Clear the terminal before each reload (stdout is a terminal).
    clear: bool,
    /// Ends the watch when nobody reads stdout any more (`leadplay watch | head`).
    stopper: Stopper,
}

impl Sink for Terminal {
    fn begin(&mut self) {
        if self.clear {
            // ANSI: erase the display and home the cursor.
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(b"\x1b[2J\x1b[H");
            let _ = out.flush();
        }
    }

    fn diagnostics(&mut self, sources: &SourceMap, diagnostics: &[Diagnostic]) {
        self.ui.diagnostics(sources, diagnostics);
    }

    fn warning(&mut self, message: &str) {
        self.ui.warning(message);
    }

    fn screen(&mut self, text: &str) {
        let mut out = std::io::stdout().lock();
        let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        if written.is_err() {
            self.stopper.stop();
        }
    }
}
