//! Putting a run's rows in id order: the plans, outcomes and kept leads of one run are
//! three parallel vectors, reordered together without copying a million rows.

use crate::leads::Lead;
use crate::program::Outcome;
use crate::schedule::LeadPlan;
use rayon::prelude::*;

/// Puts the three parallel vectors in id order; the first `sorted_prefix` rows are in
/// order already. A few rows out of place at the end (leads appended to an export
/// sorted by id) are each moved into place; otherwise an index permutation is sorted
/// (not the rows themselves) and applied in place, so no second copy of a million
/// rows is made.
pub(super) fn sort_by_id(
    plans: &mut [LeadPlan],
    outcomes: &mut [Outcome],
    leads: &mut [Option<Box<Lead>>],
    sorted_prefix: usize,
) {
    if plans.len() - sorted_prefix <= FEW_OUT_OF_PLACE {
        for i in sorted_prefix..plans.len() {
            // Ids are unique (duplicates were row errors): the place is unambiguous.
            let id = &plans[i].id;
            let place = plans[..i].partition_point(|p| p.id < *id);
            plans[place..=i].rotate_right(1);
            outcomes[place..=i].rotate_right(1);
            leads[place..=i].rotate_right(1);
        }
        return;
    }
    let mut order: Vec<usize> = (0..plans.len()).collect();
    // A stable merge sort finds the runs an export is already in (sorted by id or by
    // creation date, with a few rows out of place) and only merges them.
    order.par_sort_by(|&a, &b| plans[a].id.cmp(&plans[b].id));
    permute_in_place(&order, |a, b| {
        plans.swap(a, b);
        outcomes.swap(a, b);
        leads.swap(a, b);
    });
}

/// Rows after the ascending prefix that are moved into place one by one (each move
/// shifts the rows after its place: cheap for a few, quadratic for many).
const FEW_OUT_OF_PLACE: usize = 16;

/// Reorders rows so that position `k` holds the row that was at `order[k]` (a
/// permutation of `0..order.len()`), by following each cycle of the permutation once
/// with `swap`.
fn permute_in_place(order: &[usize], mut swap: impl FnMut(usize, usize)) {
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests;
