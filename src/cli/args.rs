//! Command-line arguments (clap derive).

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Sales & marketing strategy as code: tier rules and playbooks evaluated against CRM leads.
#[derive(Debug, Parser)]
#[command(name = "leadplay", version, about, propagate_version = true)]
pub struct Cli {
    /// Run as if started in DIR (the workspace and every relative path resolve there).
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,
    /// When to color output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (every row error, timings).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Color when writing to a terminal.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate the playbooks against the leads: tiers, transitions, due drafts.
    Eval(EvalArgs),
    /// Parse and validate playbooks and templates (and, with --leads, the data).
    Check(CheckArgs),
    /// Show how one lead was scored, tiered and scheduled, rule by rule.
    Explain(ExplainArgs),
    /// Rewrite `.play` files in the canonical layout (comments kept).
    Fmt(FmtArgs),
    /// Run the playbook tests in playbooks/tests/*.yaml.
    Test(TestArgs),
    /// Create a new workspace with the starter playbooks, templates, tests and sample leads.
    Init(InitArgs),
    /// Compare the playbooks at a git revision with the working tree, on the same leads.
    Diff(DiffArgs),
    /// Re-evaluate on every change to playbooks, config or leads; preview the drafts.
    Watch(WatchArgs),
    /// Compare tiers, scores and rules with known outcomes (won and lost deals).
    Backtest(BacktestArgs),
    /// Write the review page: the day's drafts, tiers, moves, balance and rule counts.
    Report(ReportArgs),
}

/// Where the leads come from.
#[derive(Debug, Clone, Args)]
pub struct LeadsArgs {
    /// The leads file (`-` for stdin); default: `leads` in leadplay.yaml.
    #[arg(long, value_name = "FILE")]
    pub leads: Option<PathBuf>,
    /// The format of the leads when it cannot be told from the extension (stdin).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub leads_format: Option<LeadsFormatArg>,
}

/// `--leads-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LeadsFormatArg {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A YAML sequence of mappings.
    Yaml,
}

/// `eval`.
#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// The evaluation date (YYYY-MM-DD); default: today's local date.
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_day)]
    pub as_of: Option<NaiveDate>,
    /// Evaluate and report, but write nothing (no drafts, no state).
    #[arg(long)]
    pub dry_run: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Fail the run on any row error.
    #[arg(long)]
    pub strict: bool,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A human summary.
    Table,
    /// One row per lead.
    Csv,
    /// A JSON array of lead objects.
    Json,
    /// One JSON object per lead per line (summary on stderr).
    Jsonl,
}

/// `check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// With --leads: the date rule coverage is computed for (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_day)]
    pub as_of: Option<NaiveDate>,
    /// How to report problems: compiler-style text on stderr, or one JSON document on
    /// stdout (for editors and CI annotations).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics on stderr, the data report on stdout.
    Text,
    /// One JSON document on stdout: every diagnostic and a summary.
    Json,
}

/// `explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// The lead's id (its key field).
    pub lead_id: String,
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// The evaluation date (YYYY-MM-DD); default: today's local date.
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_day)]
    pub as_of: Option<NaiveDate>,
}

/// `fmt`.
#[derive(Debug, Clone, Args)]
pub struct FmtArgs {
    /// Write nothing; exit 1 and name the files that are not formatted.
    #[arg(long)]
    pub check: bool,
    /// The files to format (default: every `.play` file of the playbooks folder).
    pub files: Vec<PathBuf>,
}

/// `test`.
#[derive(Debug, Clone, Args)]
pub struct TestArgs {
    /// Run only the cases whose name contains TEXT (ignoring case).
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
}

/// `init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to create the workspace in (created if missing); default: `.`.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Make the workspace for this CRM export (CSV): fields, types, key, roles and
    /// dialect inferred from it.
    #[arg(long, value_name = "FILE")]
    pub from_leads: Option<PathBuf>,
}

/// `diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The git revision to compare the working tree against (`HEAD`, `main`, `HEAD~1` …).
    pub rev: String,
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// The evaluation date (YYYY-MM-DD); default: today's local date.
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_day)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Outcomes to compare both sides with (default: the `outcome:` block, if any).
    #[command(flatten)]
    pub outcome: OutcomeArgs,
}

/// `diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A human summary.
    Table,
    /// Markdown, for a pull-request comment.
    Md,
    /// One JSON object.
    Json,
}

/// `watch`.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// The evaluation date (YYYY-MM-DD); default: the local date at each reload.
    #[arg(long, value_name = "DATE", value_parser = crate::dates::parse_day)]
    pub as_of: Option<NaiveDate>,
    /// After each good reload, run `leadplay test` and show its closing line.
    #[arg(long)]
    pub run_tests: bool,
}

/// Which field holds the outcome and which values mean won and lost (default: the
/// `outcome:` block of leadplay.yaml).
#[derive(Debug, Clone, Default, Args)]
pub struct OutcomeArgs {
    /// The field that holds each lead's outcome (`stage`).
    #[arg(long, value_name = "FIELD")]
    pub outcome: Option<String>,
    /// Values of the outcome field that mean won (comma-separated).
    #[arg(long, value_name = "V,…", value_delimiter = ',')]
    pub won: Vec<String>,
    /// Values that mean lost (comma-separated); default: any other value.
    #[arg(long, value_name = "V,…", value_delimiter = ',')]
    pub lost: Vec<String>,
}

/// `backtest`.
#[derive(Debug, Clone, Args)]
pub struct BacktestArgs {
    #[command(flatten)]
    pub outcome: OutcomeArgs,
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// The evaluation date (YYYY-MM-DD); default: today's local date.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Also report the outcome per variant of every A/B step.
    #[arg(long)]
    pub by_variant: bool,
}

/// `report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub leads: LeadsArgs,
    /// The day to review (YYYY-MM-DD); default: today's local date.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Where to write the page; default: `OUTBOX/<as-of>/index.html`.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}
