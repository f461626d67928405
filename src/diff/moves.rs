//! Counting tier moves: how many leads went from which tier to which. `diff` counts
//! them between a revision and the working tree, `watch` between two reloads.

use std::collections::BTreeMap;

/// `(from, to)` → how many of `moves` go so. Pairs with `from == to` are not moves and
/// are not counted.
pub fn count_moves<'a>(
    moves: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<(String, String), usize> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (from, to) in moves.into_iter().filter(|(from, to)| from != to) {
        *counts
            .entry((from.to_string(), to.to_string()))
            .or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests;
