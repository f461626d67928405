//! leadplay: sales & marketing strategy as code.
//!
//! The pipeline follows a compiler's: `syntax` parses `.play` files into an AST with
//! spans, `check` resolves names and compiles them into a [`Program`], `eval` scores
//! and tiers each lead, `schedule`/`state` decide which playbook steps are due, and
//! `render` turns them into drafts. Every error is a [`Diagnostic`] that renders with
//! its source line.
//!
//! The modules are the crate's own; a library user needs only what the crate root
//! re-exports, one group per job:
//!
//! - **load a workspace** and check it: [`Workspace::open`], then [`load`] (the program,
//!   the templates and every diagnostic);
//! - **check** program text from anywhere else: [`load_from_sources`];
//! - **evaluate leads**: a whole run with [`evaluate`] (what `leadplay eval` does), or
//!   one lead at a time with [`Program::evaluate`] over leads read by [`LeadReader`];
//! - **explain a lead**: [`Program::explain`];
//! - **render a draft**: [`compose_draft`] with a [`TemplateSet`] and a [`DraftContext`].
//!
//! Each has a runnable example on its item. The command line (`leadplay`) is a thin
//! shell over the same functions.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub(crate) mod assign;
pub(crate) mod backtest;
pub(crate) mod calendar;
pub(crate) mod check;
// The binary's entry point: reachable for `main.rs`, not part of the library's API.
#[doc(hidden)]
pub mod cli;
pub(crate) mod config;
pub(crate) mod dates;
pub(crate) mod diagnostics;
pub(crate) mod diff;
pub(crate) mod engine;
pub(crate) mod eval;
pub(crate) mod fmt;
pub(crate) mod init;
pub(crate) mod init_from;
pub(crate) mod init_gitignore;
pub(crate) mod leads;
pub(crate) mod lint;
pub(crate) mod outbox;
pub(crate) mod program;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod review;
pub(crate) mod schedule;
pub(crate) mod schema;
pub(crate) mod source;
pub(crate) mod state;
pub(crate) mod syntax;
#[cfg(test)]
mod test_rng;
#[cfg(test)]
mod test_support;
pub(crate) mod testing;
pub(crate) mod value;
pub(crate) mod watch;
pub(crate) mod workspace;
pub(crate) mod workspace_paths;
pub(crate) mod yaml;

// Load a workspace, check it.
pub use check::CheckOptions;
pub use diagnostics::{Diagnostic, Severity, render_to_string};
pub use engine::{Loaded, load, load_from_sources};
pub use source::{FileId, SourceMap, Span};
pub use workspace::{OpenError, Workspace};

// Evaluate leads: a whole run, or one lead at a time.
pub use engine::{EngineError, EvalOptions, EvalOutput, LeadsSource, Mode, evaluate};
pub use eval::Scratch;
pub use leads::{BadCell, Lead, LeadBatch, LeadFormat, LeadReader, LeadsError, RowError};
pub use leads::{Coercer, RawLead, collect_all};
pub use program::{Channel, Outcome, Program, Scores, TierId, Truth};
pub use schema::LeadSchema;
pub use state::StateLock;
pub use value::Value;

// Explain a lead.
pub use eval::{
    ConditionExplain, Explanation, RuleResult, ScoreExplain, ScoreRuleExplain, SegmentExplain,
    SuppressExplain, TierRuleExplain,
};

// Render a draft.
pub use calendar::Clock;
pub use render::{
    Draft, DraftContext, DraftError, OwnerInfo, RepProfile, SenderInfo, StepInfo, TemplateSet,
    compose_draft,
};
pub use schema::RoleKeys;
