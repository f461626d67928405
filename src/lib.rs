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
// Every type the API hands out can be named by its user (no `pub` type behind a
// `pub(crate)` module): a type is either re-exported here or kept out of the API.
#![deny(unnameable_types)]

pub(crate) mod assign;
pub(crate) mod atomic;
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
pub use engine::Loaded;
/// Load a workspace and check it: the `.play` files, the templates, and the checks
/// that need both, with every error and warning.
///
/// ```
/// use leadplay::{CheckOptions, Workspace, load, render_to_string};
/// use std::path::Path;
///
/// // The repository is itself a workspace: leadplay.yaml, playbooks/, examples/.
/// let mut ws = Workspace::open(Path::new(".")).expect("leadplay.yaml reads");
/// let loaded = load(&mut ws, &CheckOptions::default());
/// // Diagnostics render like a compiler's: file:line:col, the line, a caret, help.
/// eprint!("{}", render_to_string(&ws.sources, &loaded.diagnostics));
/// let (program, _templates) = loaded.ready().expect("the starter workspace checks");
/// assert_eq!(&*program.tiers()[0], "hot");
/// ```
pub use engine::load;
/// Check program text that is not in a workspace folder (an editor buffer, a git
/// revision): parse and check it, without templates.
///
/// ```
/// use leadplay::{CheckOptions, SourceMap, load_from_sources, render_to_string};
///
/// let text = "fields {\n  id text key\n  employees number\n}\n\
///             tiers {\n  hot when employes >= 1000\n  cold otherwise\n}\n";
/// let mut sources = SourceMap::new();
/// let file = sources.add("tiers.play", text.to_string());
/// let loaded = load_from_sources(&sources, &[file], &CheckOptions::default());
/// assert!(loaded.program.is_none());
/// // Decide by code, never by wording: `LP0101` is an unknown name in every release.
/// assert_eq!(loaded.diagnostics[0].code(), "LP0101");
/// let report = render_to_string(&sources, &loaded.diagnostics);
/// assert!(report.contains("tiers.play:6:12"));
/// assert!(report.contains("did you mean `employees`?"));
/// ```
pub use engine::load_from_sources;
pub use source::{FileId, SourceMap, Span};
pub use workspace::{OpenError, Workspace};

// Evaluate leads: a whole run, or one lead at a time.
/// Evaluate a workspace's leads as `leadplay eval` does: score, tier, schedule and
/// (in [`Mode::Write`]) draft and record the state.
///
/// ```
/// use leadplay::{CheckOptions, EvalOptions, LeadFormat, LeadsSource, Mode, RecordFormat, Workspace};
/// use leadplay::{evaluate, load};
/// use std::path::Path;
///
/// let mut ws = Workspace::open(Path::new(".")).expect("leadplay.yaml reads");
/// let loaded = load(&mut ws, &CheckOptions::default());
/// let (program, templates) = loaded.ready().expect("the starter workspace checks");
/// let options = EvalOptions {
///     as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"),
///     mode: Mode::DryRun, // evaluate and schedule, write nothing
///     strict: false,
///     leads: LeadsSource::File {
///         path: ws.resolve(Path::new("examples/leads.csv")),
///         format: LeadFormat::Csv,
///     },
/// };
/// let mut output = evaluate(&ws, program, templates, &options)?;
/// let (hottest, _leads) = &output.tier_counts()[0];
/// assert_eq!(hottest, "hot");
/// let mut csv = Vec::new();
/// output.write_records(RecordFormat::Csv, &mut csv)?;
/// assert!(String::from_utf8(csv)?.starts_with("id,tier,previous_tier,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use engine::evaluate;
pub use engine::{EngineError, EvalOptions, EvalOutput, LeadsSource, Mode, RecordFormat};
pub use eval::Scratch;
pub use leads::{BadCell, Lead, LeadBatch, LeadFormat, LeadReader, LeadsError, RowError};
pub use leads::{Coercer, RawLead, collect_all};
/// A checked program. Evaluate leads one at a time, e.g. read from a CRM export with
/// [`LeadReader`] and [`collect_all`]:
///
/// ```
/// use leadplay::{CheckOptions, LeadFormat, LeadReader, SourceMap, collect_all};
/// use leadplay::load_from_sources;
///
/// // A `fields` block types the export's columns: `"5,000"` reads as a number.
/// let rules = "fields {\n  id text key\n  employees number\n}\n\
///              score fit {\n  +20 when employees >= 1000\n}\n\
///              tiers {\n  hot when fit >= 20\n  cold otherwise\n}\n";
/// let mut sources = SourceMap::new();
/// let file = sources.add("fit.play", rules.to_string());
/// let loaded = load_from_sources(&sources, &[file], &CheckOptions::default());
/// let program = loaded.program.expect("the rules check");
/// assert_eq!(program.schema().field_names().collect::<Vec<_>>(), ["id", "employees"]);
///
/// let export = "id,employees\nL-1,\"5,000\"\nL-2,12\n";
/// let reader = LeadReader::from_reader(std::io::Cursor::new(export), "leads.csv", LeadFormat::Csv)?;
/// let batch = collect_all(reader, program.schema())?;
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
/// let tiers: Vec<(&str, &str)> = batch
///     .leads
///     .iter()
///     .map(|lead| {
///         let outcome = program.evaluate(&lead.values, today);
///         (lead.id.as_str(), &*program.tiers()[outcome.tier])
///     })
///     .collect();
/// assert_eq!(tiers, [("L-1", "hot"), ("L-2", "cold")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use program::Program;
pub use program::{Channel, Outcome, Scores, TierId, Truth};
pub use schema::LeadSchema;
pub use state::{LockHolder, StateError, StateLock};
pub use value::Value;

// Explain a lead.
/// Why a lead got its scores, tier and suppression, rule by rule
/// ([`Program::explain`]); it prints as `leadplay explain` shows it.
///
/// ```
/// use leadplay::{CheckOptions, SourceMap, Value, load_from_sources};
///
/// let rules = "score fit {\n  +20 when employees >= 1000\n}\n\
///              tiers {\n  hot when fit >= 20\n  cold otherwise\n}\n";
/// let mut sources = SourceMap::new();
/// let file = sources.add("fit.play", rules.to_string());
/// let loaded = load_from_sources(&sources, &[file], &CheckOptions::default());
/// let program = loaded.program.expect("the rules check");
///
/// // A lead whose `employees` is missing: the rule cannot fire, and explain says why.
/// let values = vec![Value::Missing; program.schema().slot_count()];
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
/// let explanation = program.explain(&values, today);
/// assert_eq!(explanation.tier, "cold");
/// assert!(explanation.to_string().contains("`employees` is missing"));
/// ```
pub use eval::Explanation;
pub use eval::{
    ConditionExplain, RuleResult, ScoreExplain, ScoreRuleExplain, SegmentExplain, SuppressExplain,
    TierRuleExplain,
};

// Render a draft.
pub use calendar::Clock;
/// Render one draft: the template for the step, in a sandbox, wrapped as an `.eml`
/// message (email-like channels) or a Markdown note, at a safe path in the outbox.
///
/// ```
/// use leadplay::{Channel, Clock, DraftContext, OwnerInfo, RoleKeys, SenderInfo, SourceMap};
/// use leadplay::{StepInfo, TemplateSet, compose_draft};
///
/// let dir = tempfile::tempdir()?;
/// let templates_dir = dir.path().join("templates");
/// std::fs::create_dir_all(templates_dir.join("warm"))?;
/// std::fs::write(
///     templates_dir.join("warm/follow_up.j2"),
///     "---\nsubject: \"{{ lead.company }}: next step\"\n---\n\
///      Hi {{ lead.first_name | default(\"there\") }},\n",
/// )?;
/// let mut sources = SourceMap::new();
/// let templates = TemplateSet::load(&templates_dir, "templates", &mut sources)
///     .expect("the templates load");
///
/// let mut lead = serde_json::Map::new();
/// lead.insert("company".into(), "Acme".into());
/// lead.insert("email".into(), "ann@acme.example".into());
/// let context = DraftContext {
///     lead,
///     tier: "warm".into(),
///     previous_tier: None,
///     scores: Default::default(),
///     owner: OwnerInfo {
///         name: "sales".into(),
///         display_name: "Northwind Sales".into(),
///         email: Some("sales@northwind.example".into()),
///         ..Default::default()
///     },
///     sender: SenderInfo {
///         name: "Northwind".into(),
///         email: "hello@northwind.example".into(),
///         company: "Northwind".into(),
///         signature: String::new(),
///     },
///     step: StepInfo {
///         day: 0,
///         channel: Channel::Email,
///         template: "warm/follow_up".into(),
///         variant: None,
///     },
///     as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"),
///     roles: RoleKeys::default(),
///     clock: Clock::default(),
///     rep: None,
/// };
/// let draft = compose_draft(&templates, &dir.path().join("drafts"), "L-1", &context)?;
/// assert!(draft.contents.contains("Subject: Acme: next step"));
/// assert!(draft.contents.contains("Hi there,"));
/// draft.write()?; // atomically, under drafts/2026-11-27/sales/
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use render::compose_draft;
pub use render::{
    Draft, DraftContext, DraftError, EmlError, OwnerInfo, RenderError, RepProfile, SenderInfo,
    StepInfo, TemplateSet,
};
pub use schema::RoleKeys;
