//! Checker tests for playbooks and balance.

use crate::program::Channel;
use crate::test_support::{program, rendered};
use insta::assert_snapshot;

const TIERS: &str = "tiers {\n  hot when x > 5\n  warm when x > 1\n  cold otherwise\n}\n";

#[test]
fn playbooks_become_plans_with_sorted_steps() {
    let p = program(&format!(
        "{TIERS}playbook warm owner sales {{
  handoff \"warm/handoff_note\"
  day 7   event   \"warm/launch\"  owner marketing   unless replied
  day 0   email   \"warm/follow_up\"
  day 0   task    \"warm/prep\"    when stage == \"new\"
  exit when stage == \"meeting_booked\"
}}
playbook hot owner sales {{
  day 0 call \"hot/briefing\"
}}
playbook cold owner marketing {{
  day 0 mail \"cold/postcard\"
}}
"
    ));
    let warm = p.playbook_for(1).unwrap();
    assert_eq!(warm.tier_name, "warm");
    assert_eq!(warm.handoff.as_deref(), Some("warm/handoff_note"));
    let keys: Vec<&str> = warm.steps.iter().map(|s| &*s.key).collect();
    assert_eq!(
        keys,
        ["day0:warm/follow_up", "day0:warm/prep", "day7:warm/launch"]
    );
    let launch = &warm.steps[2];
    assert_eq!(
        (launch.channel, &*launch.owner),
        (Channel::Event, "marketing")
    );
    assert!(launch.negated);
    assert_eq!(launch.guard_text.as_deref(), Some("unless replied"));
    assert_eq!(
        warm.steps[1].guard_text.as_deref(),
        Some("when stage == \"new\"")
    );
    assert_eq!(&*warm.steps[0].owner, "sales");
    assert_eq!(&*warm.exits[0].1, "stage == \"meeting_booked\"");
    assert_eq!(p.playbook_for(0).unwrap().tier_name, "hot");
    assert_eq!(p.playbook_for(2).unwrap().tier, 2);
}

#[test]
fn balance_becomes_a_plan() {
    let p = program(&format!(
        "{TIERS}balance {{\n  hot at most 25%\n  cold at most 70.5%\n  sales at most 40 per day\n}}\n"
    ));
    assert_eq!(p.balance.tier_shares, vec![(0, 25.0), (2, 70.5)]);
    assert_eq!(p.balance.owner_capacity, vec![("sales".to_string(), 40)]);
}

#[test]
fn playbook_errors() {
    assert_snapshot!(rendered(&format!(
        "{TIERS}playbook hott owner sales {{
  day 0 email \"a\"
}}
playbook hot owner sales {{
  day 0 emial \"hot/a\"
  day 3 sms \"hot/b\"
  day 3 call \"hot/c\"
  day 1 call \"hot/d\"
  day 3 task \"hot/c\"
}}
playbook hot owner marketing {{
  day 0 call \"hot/x\"
}}
"
    )));
}

#[test]
fn a_tier_without_a_playbook_warns_only_when_playbooks_exist() {
    let with = rendered(&format!(
        "{TIERS}playbook hot owner sales {{\n  day 0 call \"hot/a\"\n}}\n"
    ));
    assert_snapshot!(with);
    assert_eq!(rendered(TIERS), "");
}

#[test]
fn balance_errors() {
    assert_snapshot!(rendered(&format!(
        "{TIERS}balance {{\n  hott at most 25%\n  cold at most 170%\n  nobody at most 3 per day\n}}\n"
    )));
}

#[test]
fn guards_are_checked_like_any_condition() {
    assert_snapshot!(rendered(&format!(
        "fields {{\n  id text key\n  x number\n}}\n{TIERS}playbook hot owner sales {{\n  day 0 call \"hot/a\" when x\n  exit when y\n}}\n"
    )));
}
