//! A/B steps: `day 0 email ["a" 70%, "b" 30%]`. Weights are all given and add up to
//! 100, or none are (an even split); a template appears once per step.

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::program::VariantPlan;
use crate::syntax::ast;
use crate::value::format_number;
use std::collections::BTreeMap;

impl Checker<'_> {
    /// The step's variants (empty for a step with one template).
    pub(super) fn compile_variants(&mut self, step: &ast::Step) -> Vec<VariantPlan> {
        let variants = &step.variants;
        if variants.is_empty() {
            return Vec::new();
        }
        if variants.len() == 1 {
            self.error(
                Diagnostic::at(
                    Code::ShortVariantList,
                    variants[0].span,
                    "a variant list needs two templates or more",
                )
                .with_help("write the template without brackets for a single version"),
            );
        }
        self.no_duplicate_variants(variants);
        let weights = self.weights(step);
        variants
            .iter()
            .zip(weights)
            .map(|(v, weight)| VariantPlan {
                template: v.template.value.as_str().into(),
                weight,
            })
            .collect()
    }

    fn no_duplicate_variants(&mut self, variants: &[ast::Variant]) {
        let mut seen: BTreeMap<&str, &ast::Variant> = BTreeMap::new();
        for v in variants {
            match seen.get(v.template.value.as_str()) {
                Some(first) => self.error(
                    Diagnostic::at(
                        Code::VariantTwice,
                        v.template.span,
                        format!("template `{}` is twice in this step", v.template.value),
                    )
                    .with_secondary(first.template.span, "first here")
                    .with_help("give each variant its own template, or merge their weights"),
                ),
                None => {
                    seen.insert(&v.template.value, v);
                }
            }
        }
    }

    /// The weights in percent: as written, or an even split when none is written.
    fn weights(&mut self, step: &ast::Step) -> Vec<f64> {
        let variants = &step.variants;
        let given: Vec<f64> = variants.iter().filter_map(|v| v.weight).collect();
        if given.is_empty() {
            let even = 100.0 / variants.len() as f64;
            return vec![even; variants.len()];
        }
        if let Some(bare) = variants.iter().find(|v| v.weight.is_none()) {
            self.error(
                Diagnostic::at(
                    Code::VariantWithoutWeight,
                    bare.span,
                    format!("variant `{}` has no weight", bare.template.value),
                )
                .with_help("give every variant a weight (`70%`), or none for an even split"),
            );
            return vec![100.0 / variants.len() as f64; variants.len()];
        }
        let total: f64 = given.iter().sum();
        if (total - 100.0).abs() > 1e-9 {
            let span = variants[0].span.to(variants[variants.len() - 1].span);
            self.error(
                Diagnostic::at(
                    Code::WeightsNot100,
                    span,
                    format!("the weights add up to {}%, not 100%", format_number(total)),
                )
                .with_help("a variant's weight is its share of the step's leads"),
            );
        }
        given
    }
}
