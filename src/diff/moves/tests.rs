use super::*;

#[test]
fn moves_are_counted_per_pair_and_staying_is_no_move() {
    let counts = count_moves([
        ("cold", "warm"),
        ("warm", "warm"),
        ("cold", "warm"),
        ("warm", "hot"),
    ]);
    let pairs: Vec<(&str, &str, usize)> = counts
        .iter()
        .map(|((from, to), n)| (from.as_str(), to.as_str(), *n))
        .collect();
    assert_eq!(pairs, [("cold", "warm", 2), ("warm", "hot", 1)]);
}
