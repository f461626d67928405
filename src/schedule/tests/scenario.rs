//! Multi-day scenarios for the day clock: enrollment, idempotence, catch-up, conditions,
//! exits, render failures and capacity across runs.

use crate::program::{BalancePlan, Truth};
use crate::schedule::fixtures::*;
use crate::schedule::*;
use crate::state::{HandoffStatus, RecordStatus};

fn draft() -> Action {
    Action::Draft
}

fn written(as_of: &str, owner: &str, id: &str, template: &str) -> Action {
    Action::Written(format!("drafts/{as_of}/{owner}/{id}--{template}"))
}

#[test]
fn day_0_enrolls_and_drafts_the_day_0_steps() {
    let mut h = Harness::new();
    let plan = h.run("2026-03-02", "a", COLD, &[]);
    assert_eq!(plan.change, Change::FirstSeen);
    assert_eq!(plan.previous_tier, None);
    assert_eq!(plan.entered, date("2026-03-02"));
    assert_eq!(
        actions(&plan),
        [(
            "cold/postcard".to_string(),
            written("2026-03-02", "marketing", "a", "cold/postcard")
        )]
    );
    let lead = h.state.get("a").expect("recorded");
    assert_eq!(lead.tier, "cold");
    assert_eq!(lead.entered, date("2026-03-02"));
    assert_eq!(lead.last_run, date("2026-03-02"));
    let rec = &lead.steps["day0:cold/postcard"];
    assert_eq!(rec.status, RecordStatus::Done);
    assert_eq!(rec.owner.as_deref(), Some("marketing"));
    assert_eq!(
        rec.path.as_deref(),
        Some("drafts/2026-03-02/marketing/a--cold/postcard")
    );
}

#[test]
fn the_same_day_again_yields_nothing_new() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    let before = h.state.to_jsonl();
    let again = h.run("2026-03-02", "a", WARM, &[]);
    assert!(again.items.is_empty());
    assert!(again.is_quiet());
    assert_eq!(again.change, Change::Stayed);
    assert_eq!(h.state.to_jsonl(), before, "state unchanged byte for byte");
}

#[test]
fn day_2_drafts_only_the_day_2_step() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    assert!(h.run("2026-03-03", "a", WARM, &[]).items.is_empty());
    let plan = h.run("2026-03-04", "a", WARM, &[]);
    assert_eq!(plan.day(), 2);
    let templates: Vec<String> = actions(&plan).into_iter().map(|(t, _)| t).collect();
    assert_eq!(templates, ["warm/meeting_invite"]);
}

#[test]
fn a_late_run_catches_up_every_missed_step_once() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let plan = h.run("2026-03-22", "a", COLD, &[(US_OR_CA, Truth::True)]);
    assert_eq!(plan.day(), 20);
    let templates: Vec<String> = actions(&plan).into_iter().map(|(t, _)| t).collect();
    assert_eq!(templates, ["cold/promotion", "cold/newsletter"]);
    assert!(h.run("2026-03-23", "a", COLD, &[]).items.is_empty());
    assert_eq!(h.state.get("a").map(|l| l.steps.len()), Some(3));
}

#[test]
fn a_false_condition_skips_the_step_for_good() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let plan = h.run("2026-03-05", "a", COLD, &[(US_OR_CA, Truth::False)]);
    let reason = "condition `when country in [\"US\", \"CA\"]` did not hold";
    assert_eq!(
        actions(&plan),
        [(
            "cold/promotion".to_string(),
            Action::Skip(reason.to_string())
        )]
    );
    let rec = &h.state.get("a").expect("lead").steps["day3:cold/promotion"];
    assert_eq!(rec.status, RecordStatus::Skipped);
    assert_eq!(rec.reason.as_deref(), Some(reason));
    assert_eq!(rec.date, date("2026-03-05"));
    // The condition holds later: the step is not offered again.
    assert!(
        h.run("2026-03-06", "a", COLD, &[(US_OR_CA, Truth::True)])
            .items
            .is_empty()
    );
}

#[test]
fn unless_drafts_only_when_its_condition_is_false() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    h.run("2026-03-04", "a", WARM, &[]);
    let day7 = |truth| {
        let plan = h.plan("2026-03-09", "a", WARM, &[(REPLIED, truth)]);
        actions(&plan)
            .into_iter()
            .map(|(_, a)| a)
            .collect::<Vec<_>>()
    };
    assert_eq!(day7(Truth::False), [draft()]);
    assert_eq!(
        day7(Truth::True),
        [Action::Skip(
            "condition `unless replied` did not hold".into()
        )]
    );
    assert_eq!(
        day7(Truth::Unknown),
        [Action::Skip(
            "condition `unless replied` could not be decided: a value it needs is missing".into()
        )]
    );
}

#[test]
fn an_unknown_when_condition_is_skipped_as_undecided() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let plan = h.plan("2026-03-05", "a", COLD, &[(US_OR_CA, Truth::Unknown)]);
    assert!(matches!(&plan.items[0].action, Action::Skip(r) if r.contains("could not be decided")));
}

#[test]
fn an_exit_ends_the_playbook_until_the_tier_changes() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    let plan = h.run("2026-03-10", "a", WARM, &[(MEETING_BOOKED, Truth::True)]);
    assert_eq!(plan.exit.as_deref(), Some("stage == \"meeting_booked\""));
    assert!(
        plan.items.is_empty(),
        "missed steps are not caught up after an exit"
    );
    let exited = h
        .state
        .get("a")
        .and_then(|l| l.exited.clone())
        .expect("exit recorded");
    assert_eq!(exited.date, date("2026-03-10"));
    // Sticky, even when the condition no longer holds.
    let later = h.run("2026-03-20", "a", WARM, &[]);
    assert!(later.items.is_empty() && later.exit.is_none());
    // A new tier starts a new enrollment.
    let hot = h.run("2026-03-21", "a", HOT, &[]);
    assert_eq!(hot.items.len(), 1);
    assert_eq!(h.state.get("a").map(|l| l.exited.is_none()), Some(true));
}

#[test]
fn an_exit_is_checked_on_the_day_of_enrollment() {
    let mut h = Harness::new();
    let plan = h.run("2026-03-02", "a", WARM, &[(MEETING_BOOKED, Truth::True)]);
    assert!(plan.exit.is_some());
    assert!(plan.items.is_empty());
    // An unknown exit condition does not fire.
    let mut h = Harness::new();
    let plan = h.run("2026-03-02", "b", WARM, &[(MEETING_BOOKED, Truth::Unknown)]);
    assert!(plan.exit.is_none());
    assert_eq!(plan.items.len(), 1);
}

#[test]
fn a_failed_render_stays_due_and_is_drafted_once_next_run() {
    let mut h = Harness::new();
    let mut plan = h.plan("2026-03-02", "a", COLD, &[]);
    for item in plan.drafts_mut() {
        item.mark_failed("undefined variable `lead.city`");
    }
    apply(&mut h.state, &plan);
    let lead = h
        .state
        .get("a")
        .expect("lead is enrolled even without drafts");
    assert!(lead.steps.is_empty());
    let retry = h.run("2026-03-03", "a", COLD, &[]);
    assert_eq!(actions(&retry).len(), 1);
    assert_eq!(
        h.state.get("a").map(|l| l.entered),
        Some(date("2026-03-02"))
    );
    assert!(h.run("2026-03-03", "a", COLD, &[]).items.is_empty());
}

#[test]
fn a_dry_run_plan_that_is_never_applied_changes_nothing() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let before = h.state.clone();
    let _ = h.plan("2026-03-30", "a", HOT, &[]);
    assert_eq!(h.state, before);
}

#[test]
fn capacity_overflow_is_deferred_and_drafted_on_a_later_run() {
    let mut h = Harness::new();
    let balance = BalancePlan {
        tier_shares: Vec::new(),
        owner_capacity: vec![("sales".to_string(), 2)],
    };
    let run = |h: &mut Harness, as_of: &str| {
        let mut plans: Vec<LeadPlan> = ["c", "b", "a"]
            .iter()
            .map(|id| h.plan(as_of, id, WARM, &[]))
            .collect();
        let used = h.state.drafts_on(date(as_of));
        let report = apply_capacity(&mut plans, &balance, &used);
        for plan in &mut plans {
            write_all(plan);
            apply(&mut h.state, plan);
        }
        (plans, report)
    };
    let (plans, report) = run(&mut h, "2026-03-02");
    assert_eq!(report.total(), 1);
    let deferred: Vec<&str> = plans
        .iter()
        .filter(|p| p.items.iter().any(|i| i.action == Action::Deferred))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(deferred, ["c"], "same tier and no score: id order");
    assert!(h.state.get("c").expect("enrolled").steps.is_empty());

    // Same day again: the limit is already used up, nothing more is drafted.
    let (_, again) = run(&mut h, "2026-03-02");
    assert_eq!(again.total(), 1);
    assert!(h.state.get("c").expect("enrolled").steps.is_empty());

    // Next day the deferred step goes out.
    let (plans, report) = run(&mut h, "2026-03-03");
    assert_eq!(report.total(), 0);
    let c = plans.iter().find(|p| p.id == "c").expect("c");
    assert!(matches!(c.items[0].action, Action::Written(_)));
    assert_eq!(h.state.get("c").map(|l| l.steps.len()), Some(1));
}

#[test]
fn a_deferred_handoff_stays_pending_then_goes_out() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let mut plan = h.plan("2026-03-05", "a", WARM, &[]);
    let balance = BalancePlan {
        tier_shares: Vec::new(),
        owner_capacity: vec![("sales".to_string(), 0)],
    };
    apply_capacity(
        std::slice::from_mut(&mut plan),
        &balance,
        &Default::default(),
    );
    apply(&mut h.state, &plan);
    let pending = h
        .state
        .get("a")
        .and_then(|l| l.handoff.clone())
        .expect("pending");
    assert_eq!(pending.status, HandoffStatus::Pending);
    assert_eq!(pending.date, date("2026-03-05"));

    let next = h.run("2026-03-06", "a", WARM, &[]);
    assert_eq!(next.change, Change::Stayed);
    let handoff = next.handoff().expect("offered again");
    assert_eq!(&*handoff.template, "warm/handoff_note");
    assert_eq!(
        handoff.target,
        Target::Handoff(Box::new(HandoffFrom {
            from_tier: "cold".into(),
            from_owner: "marketing".into()
        }))
    );
    let done = h
        .state
        .get("a")
        .and_then(|l| l.handoff.clone())
        .expect("done");
    assert_eq!(done.status, HandoffStatus::Done);
    assert!(h.run("2026-03-06", "a", WARM, &[]).items.is_empty());
}
