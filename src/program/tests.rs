//! What `Program::new` derives from the compiled parts, and the program's queries.

use crate::test_support::program;

const RULES: &str = r#"segment big = employees >= 1000
score fit {
  +20 when big
}
segment engaged = replied
score { +5 per email_opens }
tiers {
  hot  when fit >= 20
  warm when engaged
  cold otherwise
}
suppress when unsubscribed
suppress when email is missing
playbook warm owner sales {
  day 0 email "warm/follow_up"
}
"#;

#[test]
fn score_names_follow_declaration_order_and_skip_segments() {
    let p = program(RULES);
    assert_eq!(p.score_names(), ["fit", "score"]);
    assert_eq!(p.segment_names(), ["big", "engaged"]);
}

#[test]
fn suppress_rule_texts_are_the_conditions_as_written() {
    let p = program(RULES);
    let texts: Vec<&str> = p.suppress_rules.iter().map(|t| &**t).collect();
    assert_eq!(texts, ["unsubscribed", "email is missing"]);
}

#[test]
fn tiers_keep_heat_order_and_each_finds_its_playbook() {
    let p = program(RULES);
    let tiers: Vec<&str> = p.tiers().iter().map(|t| &**t).collect();
    assert_eq!(tiers, ["hot", "warm", "cold"]);
    let warm = p.tier_id("warm").expect("warm is a tier");
    assert_eq!(
        p.playbook_for(warm).map(|pb| pb.owner.as_str()),
        Some("sales")
    );
    assert!(p.playbook_for(0).is_none(), "hot has no playbook");
    assert_eq!(p.tier_id("lukewarm"), None);
}
