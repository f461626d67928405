//! Hand-built playbooks (SPEC 3.4's example) and helpers shared by the schedule tests.

use super::{Action, Change, LeadInput, LeadPlan, PlanItem, ScheduleContext, Target};
use crate::program::{Channel, CondId, PlaybookPlan, StepPlan, Truth};
use crate::source::Span;
use crate::state::State;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Condition ids used by the fixtures.
pub const US_OR_CA: u32 = 1;
pub const REPLIED: u32 = 2;
pub const MEETING_BOOKED: u32 = 3;

pub const HOT: usize = 0;
pub const WARM: usize = 1;
pub const COLD: usize = 2;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn tier_names() -> Vec<Arc<str>> {
    ["hot", "warm", "cold"].map(Arc::from).to_vec()
}

fn step(day: u32, channel: Channel, template: &str, owner: &str) -> StepPlan {
    StepPlan {
        key: format!("day{day}:{template}").into(),
        day,
        channel,
        template: template.into(),
        variants: Vec::new(),
        owner: owner.into(),
        guard: None,
        negated: false,
        guard_text: None,
        span: Span::default(),
    }
}

fn guarded(mut s: StepPlan, cond: u32, negated: bool, text: &str) -> StepPlan {
    s.guard = Some(CondId(cond));
    s.negated = negated;
    s.guard_text = Some(text.to_string());
    s
}

fn playbook(tier: usize, owner: &str, handoff: Option<&str>, steps: Vec<StepPlan>) -> PlaybookPlan {
    PlaybookPlan {
        tier,
        tier_name: tier_names()[tier].to_string(),
        owner: owner.into(),
        handoff: handoff.map(String::from),
        steps,
        exits: Vec::new(),
        on_workdays: false,
        span: Span::default(),
    }
}

/// The playbooks of SPEC 3.4, plus a handoff on `hot` (same owner as `warm`, so a
/// warm → hot move must still make none).
pub fn playbooks() -> Vec<PlaybookPlan> {
    let cold = playbook(
        COLD,
        "marketing",
        None,
        vec![
            step(0, Channel::Mail, "cold/postcard", "marketing"),
            guarded(
                step(3, Channel::Email, "cold/promotion", "marketing"),
                US_OR_CA,
                false,
                "when country in [\"US\", \"CA\"]",
            ),
            step(14, Channel::Email, "cold/newsletter", "marketing"),
        ],
    );
    let mut warm = playbook(
        WARM,
        "sales",
        Some("warm/handoff_note"),
        vec![
            step(0, Channel::Email, "warm/follow_up", "sales"),
            step(2, Channel::Meeting, "warm/meeting_invite", "sales"),
            guarded(
                step(7, Channel::Event, "warm/launch_invite", "marketing"),
                REPLIED,
                true,
                "unless replied",
            ),
            step(14, Channel::Survey, "warm/trial_survey", "sales"),
        ],
    );
    warm.exits = vec![(CondId(MEETING_BOOKED), "stage == \"meeting_booked\"".into())];
    let hot = playbook(
        HOT,
        "sales",
        Some("hot/handoff_note"),
        vec![
            step(0, Channel::Call, "hot/briefing", "sales"),
            step(1, Channel::Email, "hot/proposal", "sales"),
            step(3, Channel::Task, "hot/close_plan", "sales"),
        ],
    );
    vec![cold, warm, hot]
}

/// A condition evaluator: listed ids have the given truth, every other is false.
pub fn conds(pairs: &[(u32, Truth)]) -> impl Fn(CondId) -> Truth + use<> {
    let map: BTreeMap<u32, Truth> = pairs.iter().copied().collect();
    move |id: CondId| map.get(&id.0).copied().unwrap_or(Truth::False)
}

/// One simulated run for one lead: plan, write every draft (a fake path), record.
pub struct Harness {
    pub names: Vec<Arc<str>>,
    pub playbooks: Vec<PlaybookPlan>,
    pub state: State,
    pub calendar: crate::calendar::Calendar,
}

impl Harness {
    pub fn new() -> Harness {
        Harness {
            names: tier_names(),
            playbooks: playbooks(),
            state: State::new(),
            calendar: crate::calendar::Calendar::default(),
        }
    }

    pub fn ctx(&self, as_of: &str) -> ScheduleContext<'_> {
        ScheduleContext {
            tier_names: &self.names,
            playbooks: &self.playbooks,
            as_of: date(as_of),
            calendar: &self.calendar,
        }
    }

    /// Plans one lead without recording anything.
    pub fn plan(&self, as_of: &str, id: &str, tier: usize, truths: &[(u32, Truth)]) -> LeadPlan {
        self.plan_suppressed(as_of, id, tier, truths, None)
    }

    pub fn plan_suppressed(
        &self,
        as_of: &str,
        id: &str,
        tier: usize,
        truths: &[(u32, Truth)],
        suppressed_by: Option<&str>,
    ) -> LeadPlan {
        let rule: Option<Arc<str>> = suppressed_by.map(Arc::from);
        let lead = LeadInput {
            id,
            tier,
            first_score: None,
            suppressed_by: rule.as_ref(),
        };
        super::plan_lead(&self.ctx(as_of), self.state.get(id), &lead, &conds(truths))
    }

    /// Plans, writes every draft, records; returns the plan.
    pub fn run(&mut self, as_of: &str, id: &str, tier: usize, truths: &[(u32, Truth)]) -> LeadPlan {
        let mut plan = self.plan(as_of, id, tier, truths);
        write_all(&mut plan);
        super::apply(&mut self.state, &plan);
        plan
    }
}

/// Marks every pending draft written at `drafts/<D>/<owner>/<id>--<template>`.
pub fn write_all(plan: &mut LeadPlan) {
    let (as_of, id) = (plan.as_of, plan.id.clone());
    for item in plan.drafts_mut() {
        let path = format!("drafts/{as_of}/{}/{id}--{}", item.owner, item.template);
        item.mark_written(path);
    }
}

/// `template → action` of a plan's items, for compact assertions.
pub fn actions(plan: &LeadPlan) -> Vec<(String, Action)> {
    plan.items
        .iter()
        .map(|i| (i.template.to_string(), i.action.clone()))
        .collect()
}

/// A plan with one drafted step per `(owner, template)`, for capacity tests.
pub fn draft_plan(id: &str, tier: usize, score: Option<f64>, drafts: &[(&str, &str)]) -> LeadPlan {
    LeadPlan {
        id: id.to_string(),
        tier,
        tier_name: tier_names()[tier].clone(),
        previous_tier: None,
        change: Change::FirstSeen,
        entered: date("2026-03-02"),
        as_of: date("2026-03-02"),
        first_score: score,
        suppressed_by: None,
        exit: None,
        items: drafts
            .iter()
            .map(|(owner, template)| PlanItem {
                target: Target::Step {
                    key: format!("day0:{template}").into(),
                },
                day: 0,
                channel: Channel::Email,
                template: (*template).into(),
                variant: false,
                owner: (*owner).into(),
                action: Action::Draft,
            })
            .collect(),
        reps: Vec::new(),
    }
}
