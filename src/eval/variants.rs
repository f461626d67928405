//! A/B variants of playbook steps, as a backtest sees them.

use super::Program;
use crate::plan::TierId;

impl Program {
    /// Every step with several templates: (tier, `day N CHANNEL`, templates), in
    /// playbook and step order; [`Program::variants_of`] indexes it.
    pub fn variant_steps(&self) -> Vec<(String, String, Vec<String>)> {
        Vec::new()
    }

    /// The variants a lead of `tier` is assigned: (index into
    /// [`Program::variant_steps`], variant index) pairs, appended to `out`.
    pub fn variants_of(&self, _id: &str, _tier: TierId, _out: &mut Vec<(usize, usize)>) {}
}
