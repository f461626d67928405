//! Assignment across runs: owner matches, rules, stickiness, round robin that continues
//! where the last run stopped, and roster changes.

use super::{Roster, Rotation};
use crate::config::{Config, Member, Owner};
use crate::diagnostics::Code;
use crate::leads::{RawBody, RawLead, RowPlace};
use crate::program::Program;
use crate::schedule::apply;
use crate::schedule::fixtures::{draft_plan, write_all};
use crate::state::State;
use crate::test_support::{lead, program, text};
use chrono::NaiveDate;
use std::collections::BTreeMap;

const PROGRAM: &str = r#"fields {
  id      text key
  email   text
  country text
  owner   text
}
tiers {
  warm otherwise
}
playbook warm owner sales {
  day 0 email "hello"
}
assign sales {
  jordan when country == "TW"
  round robin otherwise
}
"#;

fn member(id: &str, name: &str) -> Member {
    Member {
        id: id.into(),
        name: name.into(),
        email: format!("{id}@northwind.example"),
        ..Member::default()
    }
}

fn config(members: &[(&str, &str)]) -> Config {
    let mut config = Config::default();
    config.owners.insert(
        "sales".into(),
        Owner {
            name: "Northwind Sales".into(),
            members: members.iter().map(|(id, name)| member(id, name)).collect(),
            ..Owner::default()
        },
    );
    config
}

/// One run over `leads` (id, country, owner value): every lead has a `sales` draft.
/// Returns each lead's rep and why, and records the run in `state`.
fn run(
    program: &Program,
    config: &Config,
    state: &mut State,
    leads: &[(&str, &str, &str)],
) -> Vec<(String, String)> {
    let mut plans = planned(program, config, state, leads);
    let mut reps = Vec::new();
    for plan in &mut plans {
        let rep = plan.rep_for("sales");
        let line = rep.map_or("none".to_string(), |r| {
            format!("{} ({})", r.id().unwrap_or("?"), r.reason())
        });
        reps.push((plan.id.clone(), line));
        write_all(plan);
        apply(state, plan);
    }
    reps
}

/// The plans of one run with their reps settled, in id order (nothing recorded).
fn planned(
    program: &Program,
    config: &Config,
    state: &State,
    leads: &[(&str, &str, &str)],
) -> Vec<crate::schedule::LeadPlan> {
    let roster = Roster::new(config, program);
    let mut plans = Vec::new();
    for (id, country, owner) in leads {
        let values = lead(
            program,
            &[("country", text(country)), ("owner", text(owner))],
        );
        let mut record = serde_json::Map::new();
        record.insert("owner".into(), (*owner).into());
        let raw = RawLead {
            place: RowPlace {
                row: 1,
                line: None,
                by_line: false,
            },
            body: RawBody::Object(record),
        };
        let mut plan = draft_plan(id, 0, None, &[("sales", "hello")]);
        plan.as_of = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let as_of = plan.as_of;
        let holds = |cond| program.condition(cond, &values, as_of).is_true();
        plan.reps = roster.choose(&plan, state.get(id), &raw, &holds);
        plans.push(plan);
    }
    plans.sort_by(|a, b| a.id.cmp(&b.id));
    Rotation::from_state(&roster, state).settle(&roster, &mut plans);
    plans
}

fn reps_only(reps: &[(String, String)]) -> BTreeMap<String, String> {
    reps.iter()
        .map(|(id, line)| (id.clone(), line.split(' ').next().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn the_owner_value_names_a_member_by_id_name_or_email_in_any_case() {
    let program = program(PROGRAM);
    let config = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    let mut state = State::new();
    let reps = run(
        &program,
        &config,
        &mut state,
        &[
            ("a", "US", "PRIYA"),
            ("b", "US", "  jordan lee "),
            ("c", "TW", "Priya@Northwind.Example"),
        ],
    );
    assert_eq!(
        reps[0].1,
        "priya (owner value `PRIYA` matches member `priya`)"
    );
    assert_eq!(
        reps[1].1,
        "jordan (owner value `jordan lee` matches member `jordan`)"
    );
    // The owner value wins over a rule that would hold (country TW → jordan).
    assert!(reps[2].1.starts_with("priya (owner value"), "{reps:?}");
}

#[test]
fn rules_decide_in_order_and_round_robin_continues_across_runs() {
    let program = program(PROGRAM);
    let config = config(&[
        ("priya", "Priya Shah"),
        ("jordan", "Jordan Lee"),
        ("sam", "Sam Rivera"),
    ]);
    let mut state = State::new();
    // Given in file order; turns go in id order: b, c, d.
    let first = run(
        &program,
        &config,
        &mut state,
        &[
            ("d", "US", ""),
            ("a", "TW", ""),
            ("c", "DE", ""),
            ("b", "FR", "Nobody"),
        ],
    );
    let first = reps_only(&first);
    assert_eq!(first["a"], "jordan");
    assert_eq!(
        [&first["b"], &first["c"], &first["d"]],
        ["priya", "jordan", "sam"]
    );
    // The next run: old leads keep their reps, new ones continue the rotation.
    let second = run(
        &program,
        &config,
        &mut state,
        &[
            ("a", "TW", ""),
            ("b", "FR", "Nobody"),
            ("e", "US", ""),
            ("f", "US", ""),
        ],
    );
    let second = reps_only(&second);
    assert_eq!(second["b"], "priya");
    assert_eq!([&second["e"], &second["f"]], ["priya", "jordan"]);
    // The same inputs from the same state give the same reps.
    let mut again = State::new();
    let replay = run(
        &program,
        &config,
        &mut again,
        &[
            ("d", "US", ""),
            ("a", "TW", ""),
            ("c", "DE", ""),
            ("b", "FR", "Nobody"),
        ],
    );
    assert_eq!(reps_only(&replay), first);
}

#[test]
fn reps_are_sticky_until_the_owner_value_changes() {
    let program = program(PROGRAM);
    let config = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    let mut state = State::new();
    run(&program, &config, &mut state, &[("a", "US", "")]);
    // Country now TW: the rule would say jordan, but the rep stays.
    let kept = run(&program, &config, &mut state, &[("a", "TW", "")]);
    assert!(
        kept[0].1.starts_with("priya (round robin (turn 1"),
        "{kept:?}"
    );
    // The CRM now names an owner: that decides.
    let moved = run(&program, &config, &mut state, &[("a", "TW", "Jordan Lee")]);
    assert!(moved[0].1.starts_with("jordan (owner value"), "{moved:?}");
    let recorded = state
        .get("a")
        .and_then(|l| l.reps.get("sales"))
        .map(|r| r.rep.clone());
    assert_eq!(recorded.as_deref(), Some("jordan"));
}

#[test]
fn a_rep_who_leaves_is_replaced_and_a_new_member_joins_the_rotation() {
    let program = program(PROGRAM);
    let before = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    let mut state = State::new();
    let first = reps_only(&run(
        &program,
        &before,
        &mut state,
        &[("a", "US", ""), ("b", "US", "")],
    ));
    assert_eq!([&first["a"], &first["b"]], ["priya", "jordan"]);
    // Priya leaves, Sam joins: a's rep is chosen again; the rotation goes on after
    // jordan and takes sam in.
    let after = config(&[("jordan", "Jordan Lee"), ("sam", "Sam Rivera")]);
    let second = reps_only(&run(
        &program,
        &after,
        &mut state,
        &[("a", "US", ""), ("b", "US", ""), ("c", "US", "")],
    ));
    assert_eq!(second["b"], "jordan");
    assert_eq!([&second["a"], &second["c"]], ["sam", "jordan"]);
}

#[test]
fn a_team_without_a_matching_rule_leaves_the_lead_without_a_rep() {
    let program = program(&PROGRAM.replace("  round robin otherwise\n", ""));
    let config = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    let mut state = State::new();
    let reps = run(
        &program,
        &config,
        &mut state,
        &[("a", "US", "someone else")],
    );
    assert_eq!(reps[0].1, "none");
    let roster = Roster::new(&config, &program);
    assert!(roster.team("marketing").is_none());
}

#[test]
fn check_names_members_that_are_not_on_the_roster_and_teams_without_members() {
    let program = program(&PROGRAM.replace("jordan when", "jordn when").replace(
        "round robin otherwise",
        "round robin [priya, sammy] otherwise",
    ));
    let config = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    let diags = super::check_assign(&program, &config);
    let messages: Vec<String> = diags
        .iter()
        .map(|d| format!("{} / {}", d.message, d.help.clone().unwrap_or_default()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        diags.iter().all(|d| d.code == Code::NotAMember),
        "{diags:?}"
    );
    assert!(
        messages[0].starts_with("`jordn` is not a member of team `sales` / did you mean `jordan`?"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("`sammy` is not a member of team `sales`"),
        "{messages:?}"
    );
    let no_members = Config::default();
    let diags = super::check_assign(&program, &no_members);
    assert_eq!(diags[0].code, Code::TeamWithoutMembers);
    let other = program_with_team("sale");
    let diags = super::check_assign(&other, &config);
    assert_eq!(diags[0].code, Code::UnknownTeam);
    assert_eq!(diags[0].help.as_deref(), Some("did you mean `sales`?"));
}

#[test]
fn a_member_without_an_email_is_a_warning_when_the_team_sends_email() {
    let program = program(PROGRAM);
    let mut config = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    if let Some(sales) = config.owners.get_mut("sales") {
        sales.members[0].email = String::new();
    }
    let diags = super::check_assign(&program, &config);
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error());
    assert!(
        diags[0]
            .message
            .contains("member `priya` of team `sales` has no email"),
        "{}",
        diags[0].message
    );
}

#[test]
fn owner_values_that_name_no_member_are_counted_most_frequent_first() {
    let program = program(PROGRAM);
    let config = config(&[("priya", "Priya Shah")]);
    let roster = Roster::new(&config, &program);
    let raw = |owner: &str| {
        let mut record = serde_json::Map::new();
        record.insert("owner".into(), owner.into());
        RawLead {
            place: RowPlace {
                row: 1,
                line: None,
                by_line: false,
            },
            body: RawBody::Object(record),
        }
    };
    let records: Vec<RawLead> = ["Priya Shah", "Old Rep", "Ghost", "Old Rep", ""]
        .into_iter()
        .map(raw)
        .collect();
    let mut counts = BTreeMap::new();
    super::count_unmatched_owners(&roster, &records, &mut counts);
    let warning = super::unmatched_owner_warning(&counts).unwrap_or_default();
    assert_eq!(
        warning,
        "3 leads have an owner value that names no team member: `Old Rep` (2), `Ghost` (1); their reps come from the `assign` rules"
    );
}

fn program_with_team(team: &str) -> Program {
    program(&PROGRAM.replace("assign sales", &format!("assign {team}")))
}

#[test]
fn a_members_capacity_defers_their_drafts_beside_the_teams_limit() {
    use crate::program::BalancePlan;
    use crate::schedule::{Action, apply_capacity};
    let program = program(PROGRAM);
    let config = config(&[("priya", "Priya Shah"), ("jordan", "Jordan Lee")]);
    let leads = [
        ("a", "US", "priya"),
        ("b", "US", "priya"),
        ("c", "US", "jordan"),
        ("d", "US", "priya"),
    ];
    let actions = |plans: &[crate::schedule::LeadPlan]| -> Vec<bool> {
        plans
            .iter()
            .map(|p| p.items[0].action == Action::Deferred)
            .collect()
    };
    // Priya may have one draft a day, the team ten: b and d wait, jordan's c goes.
    let mut plans = planned(&program, &config, &State::new(), &leads);
    let balance = BalancePlan {
        owner_capacity: vec![("sales".into(), 10), ("sales/priya".into(), 1)],
        ..BalancePlan::default()
    };
    let report = apply_capacity(&mut plans, &balance, &BTreeMap::new());
    assert_eq!(actions(&plans), [false, true, false, true]);
    assert_eq!(
        report.deferred,
        BTreeMap::from([("sales/priya".to_string(), 2)])
    );
    // Drafts already written today count against the member's cap too.
    let mut plans = planned(&program, &config, &State::new(), &leads);
    let used = BTreeMap::from([("sales/priya".to_string(), 1)]);
    apply_capacity(&mut plans, &balance, &used);
    assert_eq!(actions(&plans), [true, true, false, true]);
    // The team's limit still applies: two drafts in all, in id order.
    let mut plans = planned(&program, &config, &State::new(), &leads);
    let tight = BalancePlan {
        owner_capacity: vec![("sales".into(), 2), ("sales/priya".into(), 5)],
        ..BalancePlan::default()
    };
    let report = apply_capacity(&mut plans, &tight, &BTreeMap::new());
    assert_eq!(actions(&plans), [false, false, true, true]);
    assert_eq!(report.deferred, BTreeMap::from([("sales".to_string(), 2)]));
}
