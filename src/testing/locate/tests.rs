use super::*;

const TEXT: &str = "# tests\n- name: one\n  state: {tier: cold, entered: 2026-01-01}\n  expect:\n    tier: warm\n    drafts:\n      - warm/follow_up\n      - warm/x\n- name: two\n  expect: { tier: hot, drafts: [hot/briefing_2, hot/briefing] }\n";

fn at(range: Range<usize>) -> &'static str {
    &TEXT[range]
}

#[test]
fn cases_start_at_top_level_items() {
    let loc = Locator::new(TEXT, 2);
    assert_eq!(loc.case(0).start, TEXT.find("- name: one").unwrap());
    assert_eq!(loc.case(1).start, TEXT.find("- name: two").unwrap());
}

#[test]
fn keys_follow_their_path() {
    let loc = Locator::new(TEXT, 2);
    let state_tier = loc.key(0, &["state", "tier"]);
    let expect_tier = loc.key(0, &["expect", "tier"]);
    assert!(state_tier.start < expect_tier.start);
    assert_eq!(at(expect_tier.clone()), "tier");
    assert_eq!(TEXT[..expect_tier.start].lines().count(), 5);
    assert_eq!(at(loc.key(1, &["expect", "tier"])), "tier");
}

#[test]
fn values_are_whole_words() {
    let loc = Locator::new(TEXT, 2);
    let x = loc.value(0, &["expect", "drafts"], "warm/x");
    assert_eq!(at(x.clone()), "warm/x");
    assert_eq!(TEXT[..x.start].lines().count(), 8);
    let b = loc.value(1, &["expect", "drafts"], "hot/briefing");
    assert_eq!(&TEXT[b.start..b.end + 1], "hot/briefing]");
}

#[test]
fn an_unexpected_layout_falls_back_to_the_file_start() {
    let loc = Locator::new(TEXT, 3);
    assert_eq!(loc.case(1), 0..0);
    assert_eq!(loc.key(1, &["expect"]), 0..0);
    let flow = "[{name: a}, {name: b}]";
    let loc = Locator::new(flow, 2);
    assert_eq!(loc.value(1, &["name"], "b"), 0..0);
}

#[test]
fn a_missing_key_stops_at_the_closest_found() {
    let loc = Locator::new(TEXT, 2);
    assert_eq!(at(loc.key(0, &["expect", "scores"])), "expect");
    assert_eq!(at(loc.value(0, &["expect", "drafts"], "nope")), "drafts");
}
