//! A lead's position in its playbook, for `explain`.

use super::{Action, Change, LeadPlan, ScheduleContext, Target};
use crate::calendar::weekday_name;
use crate::program::{Channel, PlaybookPlan};
use crate::state::{ExitRecord, HandoffStatus, LeadState, RecordStatus};
use chrono::NaiveDate;
use std::fmt;

/// Where a lead stands in its tier's playbook on the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// The tier.
    pub tier_name: String,
    /// The playbook's owner (`None`: the tier has no playbook).
    pub owner: Option<String>,
    /// The date the lead entered the tier.
    pub entered: NaiveDate,
    /// Days since then (day N of the playbook; working days for `on workdays`).
    pub day: i64,
    /// For an `on workdays` playbook: the working days (`mon`, …), so `explain` can
    /// say how the days were counted.
    pub workdays: Option<Vec<&'static str>>,
    /// The handoff note of the transition into this tier, if there is one.
    pub handoff: Option<StepPosition>,
    /// Every step of the playbook, in order.
    pub steps: Vec<StepPosition>,
    /// The exit that ended the playbook (earlier, or today).
    pub exited: Option<ExitRecord>,
}

/// One step (or the handoff) and its status.
#[derive(Debug, Clone, PartialEq)]
pub struct StepPosition {
    /// The step's day (0 for the handoff).
    pub day: u32,
    /// The channel.
    pub channel: Channel,
    /// The template name (for an A/B step, the lead's variant).
    pub template: String,
    /// For an A/B step: `variant 2 of 2, 30%`.
    pub variant: Option<String>,
    /// Who the draft is for.
    pub owner: String,
    /// Its status.
    pub state: StepState,
}

/// What happened, happens or will happen to a step.
#[derive(Debug, Clone, PartialEq)]
pub enum StepState {
    /// Drafted on that date.
    Done {
        /// The run's as-of date.
        date: NaiveDate,
        /// The draft, relative to the workspace.
        path: Option<String>,
    },
    /// Skipped on that date.
    Skipped {
        /// The run's as-of date.
        date: NaiveDate,
        /// Why.
        reason: String,
    },
    /// Due in this run; the action says what the run does with it.
    Due(Action),
    /// A handoff that could not be written yet (render failure or capacity).
    Pending {
        /// The transition date.
        since: NaiveDate,
    },
    /// Not due yet.
    Upcoming {
        /// Days until it is due.
        in_days: i64,
        /// Counted in working days (`on workdays`).
        working: bool,
    },
    /// Due, but today is not a working day of its `on workdays` playbook.
    NextWorkday {
        /// The next working day.
        date: NaiveDate,
    },
    /// Never due in this tier: the playbook was ended by an exit.
    AfterExit,
}

/// The playbook position of the lead `plan` was computed for, combining the state before
/// the run (`prev`) with what this run decides. Explain shows it without recording it.
pub fn position(ctx: &ScheduleContext<'_>, prev: Option<&LeadState>, plan: &LeadPlan) -> Position {
    let playbook = ctx.playbook_for(plan.tier);
    let prev = prev.filter(|_| plan.change == Change::Stayed);
    let exited = match &plan.exit {
        Some(rule) => Some(ExitRecord {
            date: plan.as_of,
            rule: rule.to_string(),
        }),
        None => prev.and_then(|p| p.exited.clone()),
    };
    let day = ctx.playbook_day(playbook, plan.entered);
    let clock = DayClock {
        day,
        working: playbook.is_some_and(|p| p.on_workdays),
        waits_until: ctx.next_workday_for(playbook),
    };
    let steps = playbook.map_or_else(Vec::new, |pb| {
        pb.steps
            .iter()
            .map(|step| {
                let (template, variant) = variant_of(step, plan, prev);
                StepPosition {
                    day: step.day,
                    channel: step.channel,
                    template,
                    variant,
                    owner: step.owner.to_string(),
                    state: step_state(&step.key, step.day, plan, prev, exited.is_some(), &clock),
                }
            })
            .collect()
    });
    Position {
        tier_name: plan.tier_name.to_string(),
        owner: playbook.map(|p| p.owner.clone()),
        entered: plan.entered,
        day,
        workdays: clock.working.then(|| ctx.calendar.workday_names()),
        handoff: handoff_position(plan, prev, playbook),
        steps,
        exited,
    }
}

/// How the playbook's days are counted today.
struct DayClock {
    /// Today's day N.
    day: i64,
    /// Working days (`on workdays`).
    working: bool,
    /// Today is a day off of an `on workdays` playbook: the next working day.
    waits_until: Option<NaiveDate>,
}

fn step_state(
    key: &str,
    step_day: u32,
    plan: &LeadPlan,
    prev: Option<&LeadState>,
    exited: bool,
    clock: &DayClock,
) -> StepState {
    let due = plan
        .items
        .iter()
        .find(|i| matches!(&i.target, Target::Step { key: k } if **k == *key));
    if let Some(item) = due {
        return StepState::Due(item.action.clone());
    }
    if let Some(record) = prev.and_then(|p| p.steps.get(key)) {
        return match record.status {
            RecordStatus::Done => StepState::Done {
                date: record.date,
                path: record.path.clone(),
            },
            RecordStatus::Skipped => StepState::Skipped {
                date: record.date,
                reason: record.reason.clone().unwrap_or_default(),
            },
        };
    }
    let in_days = i64::from(step_day) - clock.day;
    match (exited, in_days <= 0, clock.waits_until) {
        (true, _, _) => StepState::AfterExit,
        (false, true, Some(date)) => StepState::NextWorkday { date },
        (false, true, None) => StepState::AfterExit,
        (false, false, _) => StepState::Upcoming {
            in_days,
            working: clock.working,
        },
    }
}

fn handoff_position(
    plan: &LeadPlan,
    prev: Option<&LeadState>,
    playbook: Option<&PlaybookPlan>,
) -> Option<StepPosition> {
    if let Some(item) = plan.handoff() {
        return Some(StepPosition {
            day: 0,
            channel: Channel::Handoff,
            template: item.template.to_string(),
            variant: None,
            owner: item.owner.to_string(),
            state: StepState::Due(item.action.clone()),
        });
    }
    let record = prev?.handoff.as_ref()?;
    let state = match record.status {
        HandoffStatus::Done => StepState::Done {
            date: record.date,
            path: record.path.clone(),
        },
        HandoffStatus::Skipped => StepState::Skipped {
            date: record.date,
            reason: record.reason.clone().unwrap_or_default(),
        },
        HandoffStatus::Pending => StepState::Pending { since: record.date },
    };
    Some(StepPosition {
        day: 0,
        channel: Channel::Handoff,
        template: playbook.and_then(|p| p.handoff.clone()).unwrap_or_default(),
        variant: None,
        owner: record.owner.clone(),
        state,
    })
}

impl fmt::Display for StepState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepState::Done {
                date,
                path: Some(p),
            } => write!(f, "done {date} ({p})"),
            StepState::Done { date, path: None } => write!(f, "done {date}"),
            StepState::Skipped { date, reason } => write!(f, "skipped {date}: {reason}"),
            StepState::Due(Action::Draft) => f.write_str("due today: drafted"),
            StepState::Due(Action::Written(p)) => write!(f, "due today: drafted ({p})"),
            StepState::Due(Action::Skip(reason)) => write!(f, "due today: skipped: {reason}"),
            StepState::Due(Action::Deferred) => {
                f.write_str("due today: deferred by the owner's daily capacity")
            }
            StepState::Due(Action::Failed(m)) => write!(f, "due today: render failed: {m}"),
            StepState::Pending { since } => write!(f, "pending since {since}"),
            StepState::Upcoming { in_days, working } => {
                let unit = if *working { "working day" } else { "day" };
                let plural = if *in_days == 1 { "" } else { "s" };
                write!(f, "upcoming in {in_days} {unit}{plural}")
            }
            StepState::NextWorkday { date } => {
                write!(
                    f,
                    "due on the next working day ({} {date})",
                    weekday_name(*date)
                )
            }
            StepState::AfterExit => f.write_str("not due: the playbook was exited"),
        }
    }
}

/// The template a lead gets at an A/B step (the one the state recorded, else its
/// deterministic pick) and how it is described: `variant 2 of 2, 30%`.
fn variant_of(
    step: &crate::program::StepPlan,
    plan: &LeadPlan,
    prev: Option<&LeadState>,
) -> (String, Option<String>) {
    let recorded = prev
        .and_then(|p| p.steps.get(&*step.key))
        .and_then(|r| r.variant.as_deref());
    let template = match recorded {
        Some(t) => t.to_string(),
        None => step.template_for(&plan.id, &plan.tier_name).0.to_string(),
    };
    let described = step
        .variants
        .iter()
        .position(|v| *v.template == *template)
        .map(|i| {
            format!(
                "variant {} of {}, {}%",
                i + 1,
                step.variants.len(),
                crate::value::format_number((step.variants[i].weight * 100.0).round() / 100.0)
            )
        });
    (template, described)
}

impl fmt::Display for Position {
    /// ```text
    /// warm since 2026-03-02 (day 5), playbook owner sales
    ///   handoff             warm/handoff_note    done 2026-03-02 (drafts/…)
    ///   day 0   email       warm/follow_up       done 2026-03-02 (drafts/…)
    ///   day 7   event       warm/launch_invite   upcoming in 2 days
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.workdays {
            None => write!(
                f,
                "{} since {} (day {})",
                self.tier_name, self.entered, self.day
            )?,
            Some(days) => write!(
                f,
                "{} since {} (working day {}; working days {}, holidays skipped)",
                self.tier_name,
                self.entered,
                self.day,
                days.join(" ")
            )?,
        }
        match &self.owner {
            Some(owner) => writeln!(f, ", playbook owner {owner}")?,
            None => return writeln!(f, ": no playbook for this tier"),
        }
        if let Some(h) = &self.handoff {
            writeln!(f, "  {:<19} {:<24} {}", "handoff", h.template, h.state)?;
        }
        for s in &self.steps {
            let when = format!("day {:<3} {}", s.day, s.channel);
            write!(f, "  {when:<19} {:<24} {}", s.template, s.state)?;
            match &s.variant {
                Some(v) => writeln!(f, " · A/B {v}")?,
                None => writeln!(f)?,
            }
        }
        if let Some(exit) = &self.exited {
            writeln!(f, "  exited {}: `{}`", exit.date, exit.rule)?;
        }
        Ok(())
    }
}
