//! Tier changes, handoffs, suppression, and the explain position.

use crate::program::Truth;
use crate::schedule::fixtures::*;
use crate::schedule::*;
use crate::state::{HandoffStatus, RecordStatus};

#[test]
fn cold_to_warm_enrolls_anew_with_a_handoff_when_the_owner_changes() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let plan = h.run("2026-03-09", "a", WARM, &[]);
    assert_eq!(plan.change, Change::WarmUp);
    assert_eq!(plan.previous_tier.as_deref(), Some("cold"));
    assert_eq!(plan.entered, date("2026-03-09"));
    let handoff = plan.handoff().expect("handoff");
    assert_eq!(&*handoff.owner, "sales");
    assert_eq!(handoff.channel, crate::program::Channel::Handoff);
    assert_eq!(
        handoff.target,
        Target::Handoff(Box::new(HandoffFrom {
            from_tier: "cold".into(),
            from_owner: "marketing".into()
        }))
    );
    let templates: Vec<String> = actions(&plan).into_iter().map(|(t, _)| t).collect();
    assert_eq!(templates, ["warm/handoff_note", "warm/follow_up"]);

    let lead = h.state.get("a").expect("lead");
    assert_eq!(lead.tier, "warm");
    assert_eq!(lead.entered, date("2026-03-09"));
    assert_eq!(
        lead.steps.keys().collect::<Vec<_>>(),
        ["day0:warm/follow_up"]
    );
    let record = lead.handoff.as_ref().expect("handoff recorded");
    assert_eq!(record.status, HandoffStatus::Done);
    assert_eq!(record.owner, "sales");
}

#[test]
fn warm_to_hot_with_the_same_owner_has_no_handoff() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    let plan = h.run("2026-03-04", "a", HOT, &[]);
    assert_eq!(plan.change, Change::WarmUp);
    assert!(plan.handoff().is_none());
    assert!(h.state.get("a").expect("lead").handoff.is_none());
}

#[test]
fn a_lead_seen_for_the_first_time_has_no_handoff() {
    let mut h = Harness::new();
    let plan = h.run("2026-03-02", "a", WARM, &[]);
    assert_eq!(plan.change, Change::FirstSeen);
    assert!(plan.handoff().is_none());
    assert!(!plan.change.is_transition());
}

#[test]
fn a_cool_down_drops_progress_and_needs_a_handoff_template() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", HOT, &[]);
    h.run("2026-03-03", "a", HOT, &[]);
    let plan = h.run("2026-03-10", "a", COLD, &[]);
    assert_eq!(plan.change, Change::CoolDown);
    assert_eq!(plan.previous_tier.as_deref(), Some("hot"));
    // sales → marketing changes owner, but `cold` has no handoff template.
    assert!(plan.handoff().is_none());
    let lead = h.state.get("a").expect("lead");
    assert_eq!(
        lead.steps.keys().collect::<Vec<_>>(),
        ["day0:cold/postcard"]
    );
}

#[test]
fn a_tier_that_no_longer_exists_is_a_plain_move_without_handoff() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    h.names[WARM] = "nurture".into();
    let plan = h.run("2026-03-04", "a", WARM, &[]);
    assert_eq!(plan.change, Change::Moved);
    assert_eq!(&*plan.tier_name, "nurture");
    assert!(plan.handoff().is_none());
    assert_eq!(plan.entered, date("2026-03-04"));
}

#[test]
fn a_suppressed_lead_has_its_due_steps_and_handoff_skipped() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    let rule = "unsubscribed or bounced";
    let mut plan = h.plan_suppressed("2026-03-05", "a", WARM, &[], Some(rule));
    assert_eq!(
        plan.change,
        Change::WarmUp,
        "suppressed leads are still tiered"
    );
    let reason = Action::Skip("suppressed by `unsubscribed or bounced`".into());
    assert_eq!(
        actions(&plan),
        [
            ("warm/handoff_note".to_string(), reason.clone()),
            ("warm/follow_up".to_string(), reason)
        ]
    );
    write_all(&mut plan);
    apply(&mut h.state, &plan);
    let lead = h.state.get("a").expect("lead");
    assert_eq!(
        lead.steps["day0:warm/follow_up"].status,
        RecordStatus::Skipped
    );
    assert_eq!(
        lead.handoff.as_ref().map(|h| h.status),
        Some(HandoffStatus::Skipped)
    );
    // No longer suppressed: skipped steps do not come back, new ones do.
    let later = h.run("2026-03-07", "a", WARM, &[]);
    let templates: Vec<String> = actions(&later).into_iter().map(|(t, _)| t).collect();
    assert_eq!(templates, ["warm/meeting_invite"]);
}

#[test]
fn position_lists_done_skipped_due_and_upcoming_steps() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", COLD, &[]);
    h.run("2026-03-09", "a", WARM, &[]);
    h.run("2026-03-11", "a", WARM, &[]);
    let prev = h.state.get("a").cloned();
    let plan = h.plan("2026-03-16", "a", WARM, &[(REPLIED, Truth::True)]);
    let pos = position(&h.ctx("2026-03-16"), prev.as_ref(), &plan);
    assert_eq!(pos.day, 7);
    assert_eq!(pos.entered, date("2026-03-09"));
    let text = pos.to_string();
    let expected = "\
warm since 2026-03-09 (day 7), playbook owner sales
  handoff             warm/handoff_note        done 2026-03-09 (drafts/2026-03-09/sales/a--warm/handoff_note)
  day 0   email       warm/follow_up           done 2026-03-09 (drafts/2026-03-09/sales/a--warm/follow_up)
  day 2   meeting     warm/meeting_invite      done 2026-03-11 (drafts/2026-03-11/sales/a--warm/meeting_invite)
  day 7   event       warm/launch_invite       due today: skipped: condition `unless replied` did not hold
  day 14  survey      warm/trial_survey        upcoming in 7 days
";
    assert_eq!(text, expected);
}

#[test]
fn position_after_an_exit_marks_the_rest_as_not_due() {
    let mut h = Harness::new();
    h.run("2026-03-02", "a", WARM, &[]);
    h.run("2026-03-03", "a", WARM, &[(MEETING_BOOKED, Truth::True)]);
    let prev = h.state.get("a").cloned();
    let plan = h.plan("2026-03-20", "a", WARM, &[]);
    let pos = position(&h.ctx("2026-03-20"), prev.as_ref(), &plan);
    let states: Vec<String> = pos.steps.iter().map(|s| s.state.to_string()).collect();
    assert_eq!(
        states[0],
        "done 2026-03-02 (drafts/2026-03-02/sales/a--warm/follow_up)"
    );
    assert!(
        states[1..]
            .iter()
            .all(|s| s == "not due: the playbook was exited")
    );
    assert!(
        pos.to_string()
            .ends_with("  exited 2026-03-03: `stage == \"meeting_booked\"`\n")
    );
}

#[test]
fn position_of_a_tier_without_playbook_says_so() {
    let mut h = Harness::new();
    h.playbooks.retain(|p| p.tier != COLD);
    let plan = h.plan("2026-03-02", "a", COLD, &[]);
    assert!(plan.items.is_empty());
    let pos = position(&h.ctx("2026-03-02"), None, &plan);
    assert_eq!(
        pos.to_string(),
        "cold since 2026-03-02 (day 0): no playbook for this tier\n"
    );
}
