use super::*;

fn variants(weights: &[f64]) -> Vec<VariantPlan> {
    weights
        .iter()
        .enumerate()
        .map(|(i, w)| VariantPlan {
            template: Arc::from(format!("t{i}")),
            weight: *w,
        })
        .collect()
}

#[test]
fn the_split_follows_the_weights_on_100k_leads() {
    let v = variants(&[70.0, 30.0]);
    let mut counts = [0usize; 2];
    for i in 0..100_000 {
        counts[pick(&format!("L-{i:06}"), "warm", "day0:warm/follow_up", &v)] += 1;
    }
    let share = counts[0] as f64 / 1000.0;
    assert!((share - 70.0).abs() < 2.0, "{counts:?}");
    let even = variants(&[50.0, 50.0, 0.0]);
    let mut counts = [0usize; 3];
    for i in 0..100_000 {
        counts[pick(&i.to_string(), "hot", "day1:x", &even)] += 1;
    }
    assert!((counts[0] as f64 / 1000.0 - 50.0).abs() < 2.0, "{counts:?}");
    assert_eq!(counts[2], 0, "a 0% variant is never picked");
}

#[test]
fn the_choice_is_a_fixed_function_of_key_tier_and_step() {
    let v = variants(&[50.0, 50.0]);
    // Pinned values: they must be the same on every machine, build and run.
    let picks: Vec<usize> = [
        "L-000001", "L-000002", "L-000003", "L-000004", "L-000005", "L-000006",
    ]
    .iter()
    .map(|k| pick(k, "warm", "day0:warm/follow_up", &v))
    .collect();
    assert_eq!(picks, PINNED);
    assert!((0..200).any(|i| {
        let key = format!("L-{i}");
        pick(&key, "warm", "s", &v) != pick(&key, "hot", "s", &v)
    }));
}

// Also computed with Python's hashlib: the same bytes hashed the same way.
const PINNED: [usize; 6] = [1, 0, 1, 1, 0, 1];
