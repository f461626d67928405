use super::*;

fn pairs(list: &[(f64, bool)]) -> Vec<(f64, bool)> {
    let mut v = list.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

#[test]
fn auc_is_one_when_every_win_outscores_every_loss() {
    let v = pairs(&[(1.0, false), (2.0, false), (3.0, true), (4.0, true)]);
    assert_eq!(auc(&v), Some(1.0));
}

#[test]
fn auc_counts_ties_as_one_half() {
    // Pairs (won, lost): (5 vs 5) tie = 0.5, (5 vs 1) = 1, (1 vs 5) = 0, (1 vs 1) = 0.5.
    let v = pairs(&[(5.0, true), (1.0, true), (5.0, false), (1.0, false)]);
    assert_eq!(auc(&v), Some(0.5));
    // One win at 3, losses at 1, 3, 5: (1 + 0.5 + 0) / 3.
    let v = pairs(&[(3.0, true), (1.0, false), (3.0, false), (5.0, false)]);
    assert_eq!(auc(&v), Some(0.5));
    let v = pairs(&[(3.0, true), (1.0, false), (3.0, false), (2.0, false)]);
    assert_eq!(auc(&v), Some(round4(2.5 / 3.0)));
}

#[test]
fn auc_needs_both_outcomes() {
    assert_eq!(auc(&pairs(&[(1.0, true), (2.0, true)])), None);
    assert_eq!(auc(&[]), None);
}

#[test]
fn deciles_split_by_rank_and_keep_ties_together() {
    let v: Vec<(f64, bool)> = (0..20).map(|i| (f64::from(i), i % 4 == 0)).collect();
    let d = deciles(&v);
    assert_eq!(d.len(), 10);
    assert_eq!(
        (d[0].from, d[0].to, d[0].leads),
        (Number(0.0), Number(1.0), 2)
    );
    assert_eq!(d[0].win_rate, Some(0.5));
    // Half the leads score 0: they all land in the first decile.
    let v: Vec<(f64, bool)> = (0..10)
        .map(|i| (if i < 5 { 0.0 } else { f64::from(i) }, false))
        .collect();
    let d = deciles(&v);
    assert_eq!(d[0].leads, 5);
    assert_eq!(d.iter().map(|d| d.leads).sum::<usize>(), 10);
}

#[test]
fn rates_of_nothing_are_null() {
    let labels = Labels {
        tiers: vec!["hot".into(), "cold".into()],
        scores: vec![],
        rules: vec!["segment x".into()],
        steps: vec![],
    };
    let mut tally = Tally::new(&labels);
    tally.add(Observation {
        won: true,
        tier: 1,
        scores: &[],
        fired: &[true],
        variants: &[],
    });
    let b = tally.figures(&labels, false, About::default());
    assert_eq!(b.base_rate, Some(1.0));
    assert_eq!(b.tiers[0].win_rate, None);
    assert_eq!(b.tiers[0].lift, None);
    assert_eq!(b.tiers[1].lift, Some(1.0));
    assert_eq!(b.rules[0].win_rate_not_fired, None);
}
