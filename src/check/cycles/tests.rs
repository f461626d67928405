use super::*;

#[test]
fn components_group_cycles() {
    let graph = vec![vec![1], vec![0], vec![0], vec![3]];
    let c = components(&graph);
    assert_eq!(c[0], c[1]);
    assert_ne!(c[0], c[2]);
    assert_ne!(c[2], c[3]);
    assert_eq!(cycle_path(&graph, &c, 0, 1), vec![0, 1, 0]);
    assert_eq!(cycle_path(&graph, &c, 3, 3), vec![3, 3]);
}

#[test]
fn long_chains_do_not_recurse() {
    let n = 200_000;
    let graph: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
    let c = components(&graph);
    assert!(c.iter().all(|&x| x == c[0]));
}
