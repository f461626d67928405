use super::*;

#[test]
fn balance_warns_only_above_the_limit() {
    let names: Vec<Arc<str>> = ["hot", "warm", "cold"].map(Arc::from).to_vec();
    let warnings = balance_warnings(&names, &[31, 0, 69], 100, &shares());
    assert_eq!(warnings, ["hot is 31% of unsuppressed leads (limit 25%)"]);
    assert!(balance_warnings(&names, &[25, 5, 70], 100, &shares()).is_empty());
    let odd = balance_warnings(&names, &[1, 2, 0], 3, &shares());
    assert_eq!(odd, ["hot is 33.3% of unsuppressed leads (limit 25%)"]);
    assert!(balance_warnings(&names, &[0, 0, 0], 0, &shares()).is_empty());
    assert_eq!(share_text(25.04, 25.0), "25.1%");
    assert_eq!(percent(12.5), "12.5%");
}

fn shares() -> BalancePlan {
    BalancePlan {
        tier_shares: vec![(0, 25.0), (2, 70.0)],
        owner_capacity: Vec::new(),
    }
}
