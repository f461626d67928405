//! leadplay: sales & marketing strategy as code.
//!
//! The pipeline follows a compiler's: [`syntax`] parses `.play` files into an AST with
//! spans, `check` resolves names and compiles expressions, `eval` scores and tiers each
//! lead, `schedule`/`state` decide which playbook steps are due, and `render` turns them
//! into drafts. [`diagnostics`] renders every error with its source line.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assign;
pub mod backtest;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod diff;
pub mod engine;
pub mod eval;
pub mod fmt;
pub mod init;
pub mod init_from;
pub mod init_gitignore;
pub mod leads;
pub mod lint;
pub mod outbox;
pub mod program;
pub mod render;
pub mod report;
pub mod review;
pub mod schedule;
pub mod schema;
pub mod source;
pub mod state;
pub mod syntax;
#[cfg(test)]
mod test_rng;
#[cfg(test)]
mod test_support;
pub mod testing;
pub mod value;
pub mod watch;
pub mod workspace;
pub mod workspace_paths;
pub mod yaml;
