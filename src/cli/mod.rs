//! The command-line interface: argument parsing and one module per command.

mod args;
mod backtest;
mod check;
mod check_report;
mod common;
mod diff;
mod eval;
mod explain;
mod fmt;
mod init;
mod progress;
mod report;
mod test;
mod ui;
mod watch;

use args::Cli;
use args::Command;
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use ui::Ui;

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for a failed check, test or data problem.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code for a usage error (clap uses it too).
pub const EXIT_USAGE: u8 = 2;

/// Parses the command line, runs the command, and returns its exit code.
pub fn main() -> ExitCode {
    quiet_on_closed_pipes();
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

/// Runs a parsed command line.
fn run(cli: Cli) -> u8 {
    let ui = Ui::new(cli.color, cli.quiet, cli.verbose);
    let root = match workspace_root(cli.directory) {
        Ok(r) => r,
        Err(message) => {
            ui.error(&message, None);
            return EXIT_USAGE;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&ui, &root, &args),
        Command::Eval(args) => eval::run(&ui, &root, &args),
        Command::Explain(args) => explain::run(&ui, &root, &args),
        Command::Fmt(args) => fmt::run(&ui, &root, &args),
        Command::Test(args) => test::run(&ui, &root, &args),
        Command::Init(args) => init::run(&ui, &root, &args),
        Command::Diff(args) => diff::run(&ui, &root, &args),
        Command::Watch(args) => watch::run(&ui, &root, &args),
        Command::Backtest(args) => backtest::run(&ui, &root, &args),
        Command::Report(args) => report::run(&ui, &root, &args),
    }
}

/// `-C DIR`, or the current directory.
fn workspace_root(dir: Option<PathBuf>) -> Result<PathBuf, String> {
    match dir {
        Some(d) if d.is_dir() => Ok(d),
        Some(d) => Err(format!("`-C {}`: no such directory", d.display())),
        None => {
            std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))
        }
    }
}

/// Every print path ignores a closed stdout or stderr; this is the net under them (a
/// dependency's `println!`, a path added later): a panic from printing to a closed
/// stream ends the process quietly with exit code 1 instead of a panic message and 101.
/// Any other panic keeps the default report.
fn quiet_on_closed_pipes() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to std") {
            std::process::exit(i32::from(EXIT_FAILURE));
        }
        default(info);
    }));
}
