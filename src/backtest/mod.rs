//! `leadplay backtest`: do the tiers and scores tell won deals from lost ones?
//!
//! The program evaluates leads whose outcome is known (a field such as `stage`, with
//! the values that mean won and lost); [`Tally`](tally) counts, per tier, score, segment
//! and score rule, how the decided leads turned out, and [`Backtest`] holds the figures
//! as plain data, printed by [`render`] as a table, markdown or JSON.

mod collect;
mod figures;
mod outcome;
mod render;
mod tally;

pub use figures::{About, Backtest, TierFigures, percent};

use crate::diagnostics::did_you_mean;
use crate::leads::{Coercer, KeyTracker, LeadReader, LeadsError, for_each_raw_batch};
use crate::program::{Program, text_eq};
use crate::schema::FieldSpec;
use chrono::NaiveDate;
use collect::{Gathered, Pass};
use outcome::Classifier;
use std::ops::ControlFlow;
use tally::{Labels, Tally};

/// What to compare the program with.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestOptions {
    /// The outcome field (`stage`, `deal.status`).
    pub outcome: String,
    /// Values that mean won.
    pub won: Vec<String>,
    /// Values that mean lost; empty: any other present value.
    pub lost: Vec<String>,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// Also report the outcome per A/B variant.
    pub by_variant: bool,
}

/// Why a backtest could not run.
#[derive(Debug, thiserror::Error)]
pub enum BacktestError {
    /// The leads could not be read.
    #[error(transparent)]
    Leads(#[from] LeadsError),
    /// No won value given.
    #[error("no won value: say which outcome values mean won")]
    NoWonValue,
    /// A value in both lists.
    #[error("`{0}` is both a won and a lost value")]
    WonAndLost(String),
    /// The leads file has no such column.
    #[error("the leads have no field `{field}`")]
    NoOutcomeField {
        /// The field as given.
        field: String,
        /// The closest column name.
        suggestion: Option<String>,
    },
}

impl BacktestError {
    /// The diagnostic code when the leads could not be read (the other failures are
    /// usage errors of the command line, with no code).
    pub fn code(&self) -> Option<crate::diagnostics::Code> {
        match self {
            BacktestError::Leads(e) => Some(e.code()),
            _ => None,
        }
    }

    /// The help line, when there is one.
    pub fn help(&self) -> Option<String> {
        match self {
            BacktestError::Leads(e) => e.help(),
            BacktestError::NoWonValue => Some(
                "pass `--won VALUE[,VALUE…]`, or set `outcome: { field, won }` in leadplay.yaml"
                    .into(),
            ),
            BacktestError::WonAndLost(_) => Some("a value can only mean one outcome".into()),
            BacktestError::NoOutcomeField { suggestion, .. } => Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`--outcome` names the column that holds won and lost".into(),
            }),
        }
    }
}

/// Evaluates every lead of `reader` and relates tiers, scores and rules to outcomes.
/// `variants_of` assigns a lead its A/B variants (see [`Program::variants_of`]).
pub fn backtest(
    program: &Program,
    reader: LeadReader,
    options: &BacktestOptions,
) -> Result<Backtest, BacktestError> {
    validate(options)?;
    if let Some(columns) = reader.columns() {
        let top = options.outcome.split('.').next().unwrap_or_default();
        if !columns.iter().any(|c| *c == options.outcome || c == top) {
            return Err(BacktestError::NoOutcomeField {
                field: options.outcome.clone(),
                suggestion: did_you_mean(&options.outcome, columns.iter().map(String::as_str))
                    .map(str::to_string),
            });
        }
    }
    let mut schema = program.schema.clone();
    let slot = schema.slot(&options.outcome).unwrap_or_else(|| {
        schema.fields.push(FieldSpec::new(
            options.outcome.split('.').map(str::to_string).collect(),
            None,
        ));
        schema.fields.len() - 1
    });
    let classifier = Classifier {
        slot,
        won: options.won.clone(),
        lost: options.lost.clone(),
    };
    let leads_file = reader.display_name().to_string();
    // Fields no rule reads are checked, not stored; the outcome is read here, by us.
    let mut read = program.slots_read();
    if let Some(outcome) = read.get_mut(slot) {
        *outcome = true;
    }
    let coercer = Coercer::for_reader(&schema, &reader).skipping_unread(&read);
    let labels = labels(program);
    let variants_of = |id: &str, tier: usize, out: &mut Vec<(usize, usize)>| {
        if options.by_variant {
            program.variants_of(id, tier, out);
        }
    };
    let pass = Pass {
        program,
        coercer: &coercer,
        classifier: &classifier,
        as_of: options.as_of,
        variants_of: &variants_of,
    };
    let mut keys = KeyTracker::new(coercer.key_name(), coercer.file());
    let mut gathered = Gathered::new(Tally::new(&labels));
    for_each_raw_batch(reader, |raws| {
        gathered.absorb(&pass, &mut keys, raws);
        ControlFlow::Continue(())
    })?;
    let about = About {
        outcome: options.outcome.clone(),
        won_values: options.won.clone(),
        lost_values: options.lost.clone(),
        leads_file,
        as_of: options.as_of.to_string(),
        leads: gathered.leads,
        undecided: gathered.undecided,
        row_errors: gathered.row_errors,
        undecided_values: most_common_first(gathered.undecided_values),
    };
    Ok(gathered.tally.figures(&labels, options.by_variant, about))
}

fn most_common_first(counts: std::collections::BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

fn validate(options: &BacktestOptions) -> Result<(), BacktestError> {
    if options.won.iter().all(|w| w.trim().is_empty()) {
        return Err(BacktestError::NoWonValue);
    }
    match options
        .won
        .iter()
        .find(|w| options.lost.iter().any(|l| text_eq(w, l)))
    {
        Some(both) => Err(BacktestError::WonAndLost(both.clone())),
        None => Ok(()),
    }
}

fn labels(program: &Program) -> Labels {
    Labels {
        tiers: program.tiers.iter().map(|t| t.to_string()).collect(),
        scores: program.score_names.clone(),
        rules: program.rule_labels().into_iter().map(|l| l.text).collect(),
        steps: program.variant_steps(),
    }
}
