use super::*;

#[test]
fn the_first_tier_is_hot_and_the_last_cold_whatever_the_count() {
    assert_eq!(tier_color(0, 2), HEAT_COLORS[0]);
    assert_eq!(tier_color(1, 2), HEAT_COLORS[2]);
    assert_eq!(tier_color(1, 3), HEAT_COLORS[1]);
    assert_eq!(tier_color(2, 3), HEAT_COLORS[2]);
    assert_eq!(tier_color(2, 5), HEAT_COLORS[3]);
}

#[test]
fn tier_names_in_charts_are_escaped() {
    let mut out = String::new();
    tier_bars(
        &mut out,
        &[TierCount {
            tier: "<b>hot".into(),
            leads: 3,
            live: 3,
        }],
    );
    assert!(
        out.contains("&lt;b&gt;hot") && !out.contains("<b>"),
        "{out}"
    );
}
