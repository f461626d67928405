//! Streaming the leads through the program for a backtest: each batch is coerced and
//! evaluated in parallel (reusing buffers, like `eval`), keys are checked in file
//! order, and only decided leads reach the tally. Nothing is scheduled or rendered.

use super::outcome::{Classifier, OutcomeClass};
use super::tally::{Observation, Tally};
use crate::leads::{Coercer, KeyTracker, RawLead, RowError, RowPlace};
use crate::program::Program;
use crate::program::{Outcome, Scores};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Assigns a lead its A/B variants: `(step index, variant index)` pairs for its id and
/// tier. Supplied by the caller so the backtest and the schedule share one function.
pub(crate) type VariantsOf<'a> = dyn Fn(&str, usize, &mut Vec<(usize, usize)>) + Sync + 'a;

/// What one pass over the leads gathered.
pub(crate) struct Gathered {
    pub(crate) tally: Tally,
    pub(crate) leads: usize,
    pub(crate) undecided: usize,
    pub(crate) row_errors: usize,
    /// The undecided outcome values and how often each came (at most
    /// [`UNDECIDED_KEPT`] distinct ones): the help when nothing is decided.
    pub(crate) undecided_values: BTreeMap<String, usize>,
}

/// Distinct undecided values remembered.
const UNDECIDED_KEPT: usize = 64;

/// One record after evaluation.
struct Row {
    id: String,
    place: RowPlace,
    class: OutcomeClass,
    decided: Option<Decided>,
}

struct Decided {
    won: bool,
    tier: usize,
    scores: Scores,
    fired: Vec<bool>,
    variants: Vec<(usize, usize)>,
}

/// The per-pass settings.
pub(crate) struct Pass<'a> {
    pub(crate) program: &'a Program,
    pub(crate) coercer: &'a Coercer,
    pub(crate) classifier: &'a Classifier,
    pub(crate) as_of: NaiveDate,
    pub(crate) variants_of: &'a VariantsOf<'a>,
}

impl Gathered {
    pub(crate) fn new(tally: Tally) -> Gathered {
        Gathered {
            tally,
            leads: 0,
            undecided: 0,
            row_errors: 0,
            undecided_values: BTreeMap::new(),
        }
    }

    /// Evaluates a batch in parallel, then counts it in file order.
    pub(crate) fn absorb(&mut self, pass: &Pass<'_>, keys: &mut KeyTracker, raws: Vec<RawLead>) {
        let rows: Vec<Result<Row, RowError>> = raws
            .par_iter()
            .with_min_len(256)
            .map_init(
                || (pass.program.scratch(), Vec::new()),
                |(scratch, values), raw| evaluate(pass, scratch, values, raw),
            )
            .collect();
        for row in rows {
            let Ok(row) = row.and_then(|r| keys.check_key(&r.id, r.place).map(|()| r)) else {
                self.row_errors += 1;
                continue;
            };
            self.leads += 1;
            match &row.decided {
                Some(d) => self.tally.add(Observation {
                    won: d.won,
                    tier: d.tier,
                    scores: &d.scores,
                    fired: &d.fired,
                    variants: &d.variants,
                }),
                None => self.note_undecided(row.class),
            }
        }
    }

    fn note_undecided(&mut self, class: OutcomeClass) {
        self.undecided += 1;
        let OutcomeClass::Other(value) = class else {
            return;
        };
        let kept = self.undecided_values.len();
        match self.undecided_values.get_mut(&value) {
            Some(count) => *count += 1,
            None if kept < UNDECIDED_KEPT => {
                self.undecided_values.insert(value, 1);
            }
            None => {}
        }
    }
}

fn evaluate(
    pass: &Pass<'_>,
    scratch: &mut crate::eval::Scratch,
    values: &mut Vec<crate::value::Value>,
    raw: &RawLead,
) -> Result<Row, RowError> {
    let mut id = String::new();
    // A bad cell is a missing value here as in `eval`; `eval` and `check --leads`
    // report them, the backtest only needs the values.
    let mut bad_cells = Vec::new();
    pass.coercer
        .coerce_into(raw, values, &mut id, &mut bad_cells)?;
    let class = pass.classifier.classify(values);
    let decided = match class {
        OutcomeClass::Won | OutcomeClass::Lost => {
            let program = pass.program;
            let mut outcome = Outcome {
                tier: 0,
                scores: Scores::with_capacity(program.score_names.len()),
                suppressed_by: None,
            };
            program.evaluate_into(values, pass.as_of, scratch, &mut outcome);
            let mut fired = Vec::new();
            program.rule_firings(values, pass.as_of, scratch, &mut fired);
            let mut variants = Vec::new();
            (pass.variants_of)(&id, outcome.tier, &mut variants);
            Some(Decided {
                won: class == OutcomeClass::Won,
                tier: outcome.tier,
                scores: outcome.scores,
                fired,
                variants,
            })
        }
        _ => None,
    };
    Ok(Row {
        id,
        place: raw.place,
        class,
        decided,
    })
}
