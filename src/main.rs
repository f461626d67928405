//! The `leadplay` command: a thin shell over the library.
#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    leadplay::cli::main()
}
