//! The front of each capped team's queue while a dry run streams: a lead that already
//! has as many better competitors for a team as the team has room today can get none
//! of that team's drafts, whatever comes later, so it need not wait for the capacity
//! pass (SPEC 3.4: hottest tier, then first score, then id).
//!
//! Why that holds: the capacity pass serves competing leads in that order, each served
//! lead taking at least one draft of room. With a team cap only (no member caps in the
//! team, which could defer a better lead's draft without using team room), the room is
//! gone before the lead's turn. The front only gets better as leads come in, so a lead
//! outside it on arrival stays outside; one inside is kept, and deferred at the end if
//! it is pushed out.

use crate::program::{BalancePlan, TierId};
use crate::schedule::{LeadPlan, score_desc};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

/// One capped team's front: its room today and the best competitors seen so far.
#[derive(Debug)]
struct Front<'c> {
    team: &'c str,
    room: usize,
    /// At most `room` keys; the top is the worst of them.
    best: BinaryHeap<Key>,
}

/// A competitor's place in the queue: a smaller key is served first.
#[derive(Debug, PartialEq)]
struct Key {
    tier: TierId,
    score: Option<f64>,
    id: Box<str>,
}

impl Eq for Key {}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        serving_order(
            (self.tier, self.score, &self.id),
            (other.tier, other.score, &other.id),
        )
    }
}

/// Hottest tier, then first score (highest first, none last), then id.
fn serving_order(a: (TierId, Option<f64>, &str), b: (TierId, Option<f64>, &str)) -> Ordering {
    a.0.cmp(&b.0)
        .then_with(|| score_desc(a.1, b.1))
        .then_with(|| a.2.cmp(b.2))
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The largest room a front is kept for: daily caps are tens or hundreds of drafts.
const MAX_ROOM: usize = 1 << 16;

/// The fronts of the teams with a team cap and no member caps.
#[derive(Debug, Default)]
pub(super) struct CapFronts<'c> {
    fronts: Vec<Front<'c>>,
}

impl<'c> CapFronts<'c> {
    /// `balance` holds the team caps and the members' (`team/member`); `used_today` what
    /// the state already drafted for each on the as-of date.
    pub(super) fn new(
        balance: &'c BalancePlan,
        used_today: &BTreeMap<String, u32>,
    ) -> CapFronts<'c> {
        let mut caps: BTreeMap<&str, u32> = BTreeMap::new();
        for (owner, cap) in &balance.owner_capacity {
            caps.insert(owner, *cap); // a repeated owner: the later limit wins
        }
        let member_capped = |team: &str| {
            caps.keys()
                .any(|k| k.split_once('/').is_some_and(|(t, _)| t == team))
        };
        let fronts = caps
            .iter()
            .filter(|(owner, _)| !owner.contains('/') && !member_capped(owner))
            .map(|(&team, &cap)| {
                let used = used_today.get(team).copied().unwrap_or(0);
                (team, cap.saturating_sub(used) as usize)
            })
            // Every lead in a front is kept anyway: a front as big as the export only
            // adds a key per lead (a cap of 10,000,000 a day: 234 → 259 MB at 1M leads).
            .filter(|&(_, room)| room <= MAX_ROOM)
            .map(|(team, room)| Front {
                team,
                room,
                best: BinaryHeap::new(),
            })
            .collect();
        CapFronts { fronts }
    }

    /// The front of `team`, if it has one.
    pub(super) fn index(&self, team: &str) -> Option<usize> {
        self.fronts.iter().position(|f| f.team == team)
    }

    /// Offers the lead to the front of team `index`: true when it enters (it may still
    /// be served), false when the team's room is certainly gone before its turn.
    pub(super) fn enters(&mut self, index: usize, plan: &LeadPlan) -> bool {
        let Some(front) = self.fronts.get_mut(index) else {
            return true;
        };
        // Most leads of a big export do not enter: compare before copying the id.
        let place = (plan.tier, plan.first_score, plan.id.as_str());
        let full = front.best.len() >= front.room;
        if full {
            let better = front.best.peek().is_some_and(|worst| {
                serving_order(place, (worst.tier, worst.score, &worst.id)).is_lt()
            });
            if !better {
                return false;
            }
            front.best.pop();
        }
        front.best.push(Key {
            tier: plan.tier,
            score: plan.first_score,
            id: plan.id.as_str().into(),
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(tier: TierId, score: Option<f64>, id: &str) -> Key {
        Key {
            tier,
            score,
            id: id.into(),
        }
    }

    fn plan(id: &str, tier: TierId, score: f64) -> LeadPlan {
        let mut plan = crate::schedule::fixtures::Harness::new().plan("2026-11-27", id, tier, &[]);
        plan.first_score = Some(score);
        plan
    }

    #[test]
    fn a_lead_enters_while_it_is_among_the_best_the_room_allows() {
        let balance = BalancePlan {
            owner_capacity: vec![
                ("sales".into(), 5),
                ("support".into(), 9),
                ("support/ann".into(), 1),
            ],
            ..BalancePlan::default()
        };
        let used = BTreeMap::from([("sales".to_string(), 3)]);
        let mut fronts = CapFronts::new(&balance, &used);
        assert_eq!(
            fronts.index("support"),
            None,
            "a team with member caps has no front"
        );
        let sales = fronts.index("sales").expect("sales has a front");
        // Room 5 - 3 = 2.
        assert!(fronts.enters(sales, &plan("b", 1, 10.0)));
        assert!(fronts.enters(sales, &plan("c", 1, 10.0)));
        assert!(
            !fronts.enters(sales, &plan("d", 1, 10.0)),
            "two better ones already"
        );
        assert!(
            fronts.enters(sales, &plan("a", 1, 10.0)),
            "the id breaks the tie"
        );
        assert!(
            fronts.enters(sales, &plan("z", 0, 0.0)),
            "a hotter tier comes first"
        );
        assert!(
            !fronts.enters(sales, &plan("b2", 1, 10.0)),
            "the front is now z and a"
        );
        assert!(
            fronts.enters(sales, &plan("y", 1, 11.0)),
            "a higher score beats a"
        );
    }

    #[test]
    fn keys_order_as_the_capacity_pass_serves() {
        assert!(
            key(0, Some(1.0), "b") < key(1, Some(99.0), "a"),
            "hotter tier first"
        );
        assert!(
            key(1, Some(5.0), "b") < key(1, Some(4.0), "a"),
            "higher score first"
        );
        assert!(key(1, Some(0.0), "b") < key(1, None, "a"), "no score last");
        assert!(key(1, None, "a") < key(1, None, "b"), "then id");
    }
}
