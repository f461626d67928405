use super::{FEW_OUT_OF_PLACE, permute_in_place, sort_by_id};
use crate::program::Outcome;

fn permuted(order: &[usize]) -> Vec<char> {
    let mut rows: Vec<char> = ('a'..).take(order.len()).collect();
    permute_in_place(order, |a, b| rows.swap(a, b));
    rows
}

/// Sorts plans with ids in the given order (first `prefix` ascending) and returns
/// the ids as sorted, checking outcomes moved with their plans.
fn sorted_ids(ids: &[String], prefix: usize) -> Vec<String> {
    let mut plans: Vec<_> = ids
        .iter()
        .map(|id| crate::schedule::fixtures::draft_plan(id, 0, None, &[]))
        .collect();
    let mut outcomes: Vec<Outcome> = (0..ids.len())
        .map(|i| Outcome {
            tier: i,
            scores: crate::program::Scores::new(),
            suppressed_by: None,
        })
        .collect();
    let mut leads = vec![None; ids.len()];
    sort_by_id(&mut plans, &mut outcomes, &mut leads, prefix);
    for (plan, outcome) in plans.iter().zip(&outcomes) {
        assert_eq!(plan.id, ids[outcome.tier], "outcome moved with its plan");
    }
    plans.into_iter().map(|p| p.id).collect()
}

#[test]
fn a_short_unsorted_tail_and_a_shuffle_both_come_out_sorted() {
    let mut rng = crate::test_rng::TestRng::new(5);
    let mut next = |n: usize| rng.below(n as u64) as usize;
    for tail in [1, 3, FEW_OUT_OF_PLACE, FEW_OUT_OF_PLACE + 1, 200] {
        let mut ids: Vec<String> = (0..300).map(|i| format!("L-{i:04}")).collect();
        // Take `tail` ids out at random and append them in random order.
        let mut moved = Vec::new();
        for _ in 0..tail {
            moved.push(ids.remove(next(ids.len())));
        }
        let prefix = ids.len();
        ids.extend(moved.into_iter().rev());
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(sorted_ids(&ids, prefix), expected, "tail {tail}");
    }
}

#[test]
fn each_position_gets_the_row_the_order_names() {
    assert_eq!(permuted(&[]), Vec::<char>::new());
    assert_eq!(permuted(&[0, 1, 2]), ['a', 'b', 'c']);
    assert_eq!(permuted(&[2, 0, 1]), ['c', 'a', 'b']);
    assert_eq!(permuted(&[1, 0, 3, 2, 4]), ['b', 'a', 'd', 'c', 'e']);
    // Two cycles and a fixed point, against the copying definition.
    let order = [4, 2, 5, 3, 0, 1, 6];
    let copied: Vec<char> = order.iter().map(|&i| (b'a' + i as u8) as char).collect();
    assert_eq!(permuted(&order), copied);
}
