use super::*;
use crate::schedule::Action;
use crate::schedule::fixtures::{date, draft_plan};

fn balance(caps: &[(&str, u32)]) -> BalancePlan {
    BalancePlan {
        tier_shares: vec![(0, 25.0), (2, 70.0)],
        owner_capacity: caps.iter().map(|(o, n)| (o.to_string(), *n)).collect(),
    }
}

fn drafted(plans: &[LeadPlan]) -> Vec<String> {
    plans
        .iter()
        .flat_map(|p| {
            p.items
                .iter()
                .filter(|i| i.action == Action::Draft)
                .map(move |i| format!("{}:{}", p.id, i.template))
        })
        .collect()
}

#[test]
fn overflow_is_deferred_by_tier_then_score_then_id() {
    let mut plans = vec![
        draft_plan("d", 1, Some(90.0), &[("sales", "a")]),
        draft_plan("c", 0, Some(10.0), &[("sales", "a")]),
        draft_plan("b", 1, Some(50.0), &[("sales", "a")]),
        draft_plan("a", 1, Some(50.0), &[("sales", "a"), ("marketing", "m")]),
        draft_plan("e", 1, None, &[("sales", "a")]),
    ];
    let report = apply_capacity(&mut plans, &balance(&[("sales", 3)]), &BTreeMap::new());
    // c (hottest), then d (score 90), then a (50, id before b); b and e wait.
    assert_eq!(drafted(&plans), ["d:a", "c:a", "a:a", "a:m"]);
    assert_eq!(report.deferred.get("sales"), Some(&2));
    assert_eq!(report.total(), 2);
    let deferred: Vec<&str> = plans
        .iter()
        .filter(|p| p.items.iter().any(|i| i.action == Action::Deferred))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(deferred, ["b", "e"]);
}

/// The plain definition: every competing lead in order, one after another.
fn served_in_full_order(plans: &mut [LeadPlan], caps: &[(&str, u32)]) -> Vec<u32> {
    let mut left: BTreeMap<&str, u32> = caps.iter().copied().collect();
    let mut deferred = vec![0; caps.len()];
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&plans[a], &plans[b]);
        x.tier
            .cmp(&y.tier)
            .then_with(|| score_desc(x.first_score, y.first_score))
            .then_with(|| x.id.cmp(&y.id))
    });
    for index in order {
        for item in plans[index].items.iter_mut() {
            if let Some(n) = left.get_mut(&*item.owner) {
                if *n == 0 {
                    item.action = Action::Deferred;
                    let slot = caps.iter().position(|c| c.0 == &*item.owner).unwrap();
                    deferred[slot] += 1;
                } else {
                    *n -= 1;
                }
            }
        }
    }
    deferred
}

#[test]
fn serving_a_slice_at_a_time_matches_the_full_order() {
    // Many leads, small limits, tied scores and missing ones: the sliced selection
    // must serve exactly the leads a full sort would.
    let mut rng = crate::test_rng::TestRng::new(7);
    let mut next = |n: u64| rng.below(n);
    let owners = ["sales", "marketing", "cs"];
    for caps in [
        vec![("sales", 5), ("marketing", 0)],
        vec![("sales", 300), ("cs", 1)],
        vec![("marketing", 2000)],
    ] {
        let plans: Vec<LeadPlan> = (0..1500)
            .map(|i| {
                let score = match next(4) {
                    0 => None,
                    _ => Some(next(20) as f64),
                };
                let items: Vec<(&str, &str)> = (0..=next(2))
                    .map(|_| (owners[next(3) as usize], "t"))
                    .collect();
                draft_plan(
                    &format!("L{:05}", next(100_000) * 10 + i % 10),
                    next(3) as usize,
                    score,
                    &items,
                )
            })
            .collect();
        let mut sliced = plans.clone();
        let report = apply_capacity(&mut sliced, &balance(&caps), &BTreeMap::new());
        let mut full = plans.clone();
        let expected = served_in_full_order(&mut full, &caps);
        assert_eq!(sliced, full, "caps {caps:?}");
        for ((owner, _), n) in caps.iter().zip(expected) {
            assert_eq!(report.deferred.get(*owner).copied().unwrap_or(0), n);
        }
    }
}

#[test]
fn drafts_already_made_today_count() {
    let mut plans = vec![draft_plan("a", 0, None, &[("sales", "x"), ("sales", "y")])];
    let used = BTreeMap::from([("sales".to_string(), 2)]);
    let report = apply_capacity(&mut plans, &balance(&[("sales", 3)]), &used);
    assert_eq!(drafted(&plans), ["a:x"]);
    assert_eq!(report.total(), 1);
}

#[test]
fn no_limit_means_nothing_deferred() {
    let mut plans = vec![draft_plan("a", 0, None, &[("sales", "x")])];
    let report = apply_capacity(&mut plans, &balance(&[]), &BTreeMap::new());
    assert_eq!(report.total(), 0);
    assert_eq!(drafted(&plans), ["a:x"]);
    assert_eq!(plans[0].as_of, date("2026-03-02"));
}
