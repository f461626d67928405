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
mod tests;
