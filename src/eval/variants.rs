//! A/B variants of playbook steps, as a backtest sees them: which variant each lead of a
//! tier is assigned (the same deterministic pick the schedule makes).

use super::Program;
use crate::program::TierId;

impl Program {
    /// Every step with several templates: (tier, `day N CHANNEL`, templates), in
    /// playbook and step order; [`Program::variants_of`] indexes it.
    pub(crate) fn variant_steps(&self) -> Vec<(String, String, Vec<String>)> {
        self.playbooks
            .iter()
            .flat_map(|playbook| {
                playbook
                    .steps
                    .iter()
                    .filter(|s| !s.variants.is_empty())
                    .map(|s| {
                        (
                            playbook.tier_name.clone(),
                            format!("day {} {}", s.day, s.channel),
                            s.variants.iter().map(|v| v.template.to_string()).collect(),
                        )
                    })
            })
            .collect()
    }

    /// The variants a lead of `tier` is assigned: (index into
    /// [`Program::variant_steps`], variant index) pairs, appended to `out`.
    pub(crate) fn variants_of(&self, id: &str, tier: TierId, out: &mut Vec<(usize, usize)>) {
        let mut index = 0;
        for (position, playbook) in self.playbooks.iter().enumerate() {
            let serves = self.playbook_of_tier().get(tier).copied().flatten() == Some(position);
            for step in playbook.steps.iter().filter(|s| !s.variants.is_empty()) {
                if let Some(tier_name) = self.tiers.get(tier).filter(|_| serves) {
                    let variant =
                        crate::program::pick_variant(id, tier_name, &step.key, &step.variants);
                    out.push((index, variant));
                }
                index += 1;
            }
        }
    }
}
