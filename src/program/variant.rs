//! A/B variants of a playbook step: `day 0 email ["a" 70%, "b" 30%]`.
//!
//! A lead's variant is a pure function of its key, its tier and the step: a SHA-256 of
//! the three (not Rust's `DefaultHasher`, whose output may change between compiler
//! versions) mapped onto the weights. So the same lead gets the same variant on every
//! machine and every run, and the split follows the weights over many leads.

use sha2::{Digest, Sha256};
use std::sync::Arc;

/// One variant of a step.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantPlan {
    /// The template.
    pub template: Arc<str>,
    /// Its share of the leads, in percent (the weights of a step add up to 100).
    pub weight: f64,
}

/// The index of the variant a lead gets: the lead's point in [0, 1), drawn from the
/// hash, falls into one variant's share of the cumulative weights.
pub fn pick(lead_key: &str, tier: &str, step_key: &str, variants: &[VariantPlan]) -> usize {
    let point = unit_point(lead_key, tier, step_key);
    let total: f64 = variants.iter().map(|v| v.weight).sum();
    let mut upto = 0.0;
    for (index, variant) in variants.iter().enumerate() {
        upto += variant.weight / total;
        if point < upto {
            return index;
        }
    }
    variants.len().saturating_sub(1)
}

/// A number in [0, 1) from the hash of the three names (each length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` differ).
fn unit_point(lead_key: &str, tier: &str, step_key: &str) -> f64 {
    let mut hasher = Sha256::new();
    for part in [lead_key, tier, step_key] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    // The top 53 bits: every value is exact in an f64.
    (u64::from_be_bytes(first) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
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
}
