//! Running one case the way `eval` runs a lead: coerce, score and tier, decide what is
//! due with the day clock, render the drafts in memory. Nothing is written.

use super::case::{CaseState, Expect};
use super::report::{CaseResult, Failure};
use super::validate::same_rule;
use super::{LoadedCase, TestFile};
use crate::engine::draft_context;
use crate::engine::{Planned, evaluate_and_plan};
use crate::leads::{Coercer, Lead, RawBody, RawLead, RowPlace};
use crate::program::Program;
use crate::render::{TemplateSet, compose_draft};
use crate::schedule::{Action, LeadPlan, ScheduleContext, position};
use crate::state::{LeadState, RecordStatus, StepRecord};
use crate::value::format_number;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// Two scores closer than this (relative to their size, at least absolute) are equal:
/// `0.1 + 0.2` points must pass an expected `0.3`.
const SCORE_TOLERANCE: f64 = 1e-9;

/// Runs cases against one loaded program.
#[derive(Debug, Clone, Copy)]
pub struct Runner<'a> {
    /// The workspace (config for sender and owners).
    pub ws: &'a Workspace,
    /// The checked program.
    pub program: &'a Program,
    /// The templates drafts are rendered with.
    pub templates: &'a TemplateSet,
}

/// What the run produced for the case's lead, in the terms the expectations use.
struct Actual {
    tier: String,
    scores: BTreeMap<String, f64>,
    suppressed_by: Option<String>,
    drafts: Vec<String>,
    skipped: Vec<String>,
}

impl Runner<'_> {
    /// Runs one case. A lead that does not fit the program's fields fails the case with
    /// its row error; a draft that fails to render fails it too (as `eval` would).
    pub fn run(&self, file: &TestFile, loaded: &LoadedCase) -> CaseResult {
        let case = &loaded.case;
        let mut result = CaseResult::new(&file.name, &case.name);
        let raw = RawLead {
            place: RowPlace {
                row: 1,
                line: Some(loaded.lead_line),
                by_line: true,
            },
            body: RawBody::Object(case.lead.clone()),
        };
        // In `eval` a bad value is read as missing; in a test it is a typo in the case.
        let columns = raw.columns().map(<[String]>::to_vec);
        let coercer = Coercer::new(&self.program.schema, columns.as_deref(), &file.display);
        let problem = match coercer.coerce_reporting(raw) {
            Ok((lead, bad)) if bad.is_empty() => Ok(lead),
            Ok((_, bad)) => Err(bad
                .iter()
                .map(|b| b.problem())
                .collect::<Vec<_>>()
                .join("; ")),
            Err(e) => Err(e.to_string()),
        };
        let lead = match problem {
            Ok(lead) => lead,
            Err(e) => {
                result.failures.push(Failure::Problem(format!(
                    "the lead does not fit the program's fields: {e}"
                )));
                return result;
            }
        };
        let prev = case
            .state
            .as_ref()
            .map(|s| self.prior_state(&lead.id, s, case.as_of));
        let ctx = ScheduleContext {
            tier_names: &self.program.tiers,
            playbooks: &self.program.playbooks,
            as_of: case.as_of,
            calendar: &self.ws.config.clock.calendar,
        };
        let Planned { outcome, plan } =
            evaluate_and_plan(self.program, &ctx, prev.as_ref(), &lead.id, &lead.values);
        let suppressed_by = outcome
            .suppressed_by
            .and_then(|i| self.program.suppress_rules.get(i));
        let actual = Actual {
            tier: plan.tier_name.to_string(),
            scores: self
                .program
                .score_names
                .iter()
                .cloned()
                .zip(outcome.scores.iter().copied())
                .collect(),
            suppressed_by: suppressed_by.map(|r| r.to_string()),
            drafts: templates_where(&plan, |a| *a == Action::Draft),
            skipped: templates_where(&plan, |a| matches!(a, Action::Skip(_))),
        };
        result.failures = compare(&case.expect, &actual);
        result
            .failures
            .extend(self.render_failures(&lead, &plan, &actual));
        if !result.passed() {
            let explanation = self.program.explain(&lead.values, case.as_of);
            let playbook = position(&ctx, prev.as_ref(), &plan);
            result.trace = Some(format!("{explanation}\nplaybook\n{playbook}"));
        }
        result
    }

    /// The state the case describes: the tier since `entered`, with the steps it names
    /// as done and skipped; without a `done` list, every step of a day before today's.
    fn prior_state(&self, id: &str, state: &CaseState, as_of: NaiveDate) -> LeadState {
        let elapsed = (as_of - state.entered).num_days();
        let playbook = self
            .program
            .tier_id(&state.tier)
            .and_then(|t| self.program.playbook_for(t));
        let mut steps = BTreeMap::new();
        for step in playbook.map(|p| p.steps.as_slice()).unwrap_or_default() {
            let date = state
                .entered
                .checked_add_days(chrono::Days::new(u64::from(step.day)))
                .unwrap_or(state.entered);
            let done = match &state.done {
                Some(list) => list.iter().any(|t| step.templates().any(|s| **t == **s)),
                None => i64::from(step.day) < elapsed,
            };
            let record = if state
                .skipped
                .iter()
                .any(|t| step.templates().any(|s| **t == **s))
            {
                StepRecord {
                    status: RecordStatus::Skipped,
                    date,
                    reason: Some("skipped in the test's state".to_string()),
                    owner: None,
                    path: None,
                    variant: None,
                    rep: None,
                }
            } else if done {
                StepRecord {
                    status: RecordStatus::Done,
                    date,
                    reason: None,
                    owner: Some(step.owner.to_string()),
                    path: None,
                    variant: None,
                    rep: None,
                }
            } else {
                continue;
            };
            steps.insert(step.key.to_string(), record);
        }
        LeadState {
            id: id.to_string(),
            tier: state.tier.clone(),
            entered: state.entered,
            steps,
            handoff: None,
            exited: None,
            reps: Default::default(),
            last_run: state.entered,
        }
    }

    /// Renders every draft in memory: a template that fails for this lead fails the
    /// case, as the draft would fail in `eval`.
    fn render_failures(&self, lead: &Lead, plan: &LeadPlan, actual: &Actual) -> Vec<Failure> {
        let fields = lead.template_fields(&self.program.schema);
        let roles = self.program.schema.role_keys();
        plan.drafts()
            .filter_map(|item| {
                let mut ctx = draft_context(
                    &self.ws.config,
                    fields.clone(),
                    &plan.tier_name,
                    plan.previous_tier.as_deref(),
                    &actual.scores,
                    item,
                    plan.as_of,
                );
                ctx.roles = roles.clone();
                let draft = compose_draft(self.templates, Path::new(""), &lead.id, &ctx);
                draft
                    .err()
                    .map(|e| Failure::Problem(format!("a draft failed to render: {e}")))
            })
            .collect()
    }
}

/// The templates of the plan items whose action passes `keep`, in plan order.
fn templates_where(plan: &LeadPlan, keep: impl Fn(&Action) -> bool) -> Vec<String> {
    plan.items
        .iter()
        .filter(|i| keep(&i.action))
        .map(|i| i.template.to_string())
        .collect()
}

/// One mismatch per expected key that the run did not produce.
fn compare(expect: &Expect, actual: &Actual) -> Vec<Failure> {
    let mut failures = Vec::new();
    let mut mismatch = |key: String, expected: String, got: String| {
        failures.push(Failure::Mismatch {
            key,
            expected,
            actual: got,
        });
    };
    if let Some(tier) = expect.tier.as_ref().filter(|t| **t != actual.tier) {
        mismatch("tier".into(), tier.clone(), actual.tier.clone());
    }
    for (name, &want) in &expect.scores {
        let got = actual.scores.get(name).copied();
        if !got.is_some_and(|g| same_score(g, want)) {
            let shown = got.map_or_else(|| "no such score".to_string(), format_number);
            mismatch(format!("scores.{name}"), format_number(want), shown);
        }
    }
    let suppressed = actual.suppressed_by.is_some();
    if let Some(want) = expect.suppressed.filter(|w| *w != suppressed) {
        mismatch(
            "suppressed".into(),
            want.to_string(),
            suppressed.to_string(),
        );
    }
    if let Some(want) = &expect.suppressed_by {
        let same = match (want, &actual.suppressed_by) {
            (Some(w), Some(g)) => same_rule(w, g),
            (None, None) => true,
            _ => false,
        };
        if !same {
            mismatch(
                "suppressed_by".into(),
                rule_text(want),
                rule_text(&actual.suppressed_by),
            );
        }
    }
    if let Some(want) = expect.drafts.as_ref().filter(|w| **w != actual.drafts) {
        mismatch("drafts".into(), list(want), list(&actual.drafts));
    }
    if let Some(want) = expect.skipped.as_ref().filter(|w| **w != actual.skipped) {
        mismatch("skipped".into(), list(want), list(&actual.skipped));
    }
    failures
}

fn same_score(got: f64, want: f64) -> bool {
    let scale = got.abs().max(want.abs()).max(1.0);
    got == want || (got - want).abs() <= SCORE_TOLERANCE * scale
}

fn rule_text(rule: &Option<String>) -> String {
    rule.as_ref()
        .map_or_else(|| "null".to_string(), |r| format!("`{r}`"))
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}
