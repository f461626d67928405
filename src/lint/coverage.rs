//! The rule-coverage half of `check --leads`: rules that fire for no lead in the file
//! are often typos (`"SaaS"` vs `"saas"` is fine, `"sass"` is not) or dead strategy.
//!
//! Not the hot path: every lead is explained rule by rule ([`Program::explain`]).

use crate::eval::Explanation;
use crate::program::Program;
use crate::program::Truth;
use crate::value::Value;
use chrono::NaiveDate;
use std::fmt;

/// How often one step's condition held, among the leads of its tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepCoverage {
    /// The tier the playbook serves.
    pub tier: String,
    /// `day 7 event "warm/launch_invite" unless replied`.
    pub label: String,
    /// Leads of the tier for which the step would be drafted.
    pub holds: usize,
    /// Leads in the tier.
    pub of: usize,
    /// (playbook index, step index) in the program.
    at: (usize, usize),
}

/// Per rule, the leads it fired for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Leads counted.
    pub leads: usize,
    /// (score, rule text, leads it added points for).
    pub score_rules: Vec<(String, String, usize)>,
    /// (tier, rule text, leads it decided the tier of).
    pub tier_rules: Vec<(String, String, usize)>,
    /// (tier, leads in it).
    pub tiers: Vec<(String, usize)>,
    /// (suppress condition, leads it holds for).
    pub suppress: Vec<(String, usize)>,
    /// Guarded steps only: a step without a condition holds for every lead of its tier.
    pub steps: Vec<StepCoverage>,
}

impl Coverage {
    /// Counters at zero for every rule of the program.
    pub fn new(program: &Program) -> Coverage {
        let mut steps = Vec::new();
        for (p, playbook) in program.playbooks.iter().enumerate() {
            for (i, step) in playbook.steps.iter().enumerate() {
                if step.guard.is_none() {
                    continue;
                }
                // The guard's text includes its keyword (`unless replied`).
                let guard = step.guard_text.as_deref().unwrap_or("");
                steps.push(StepCoverage {
                    tier: playbook.tier_name.clone(),
                    label: format!(
                        "day {} {} \"{}\" {guard}",
                        step.day, step.channel, step.template
                    ),
                    holds: 0,
                    of: 0,
                    at: (p, i),
                });
            }
        }
        Coverage {
            leads: 0,
            score_rules: Vec::new(),
            tier_rules: Vec::new(),
            tiers: program.tiers.iter().map(|t| (t.to_string(), 0)).collect(),
            suppress: program
                .suppress_rules
                .iter()
                .map(|t| (t.to_string(), 0))
                .collect(),
            steps,
        }
    }

    /// Counts one lead.
    pub fn add(&mut self, program: &Program, values: &[Value], as_of: NaiveDate) {
        let explanation = program.explain(values, as_of);
        if self.leads == 0 {
            self.name_rules(&explanation);
        }
        self.leads += 1;
        let rules = explanation.scores.iter().flat_map(|s| &s.rules);
        for (counter, rule) in self.score_rules.iter_mut().zip(rules) {
            counter.2 += usize::from(rule.result.points() != 0.0);
        }
        for (counter, rule) in self.tier_rules.iter_mut().zip(&explanation.tier_rules) {
            counter.2 += usize::from(rule.chosen);
        }
        for (counter, rule) in self.suppress.iter_mut().zip(&explanation.suppress) {
            counter.1 += usize::from(rule.result.truth.is_true());
        }
        let Some(tier) = program.tier_id(&explanation.tier) else {
            return;
        };
        if let Some(counter) = self.tiers.get_mut(tier) {
            counter.1 += 1;
        }
        self.add_steps(program, tier, values, as_of);
    }

    /// The rule texts come from the first explanation (they are the same for all).
    fn name_rules(&mut self, explanation: &Explanation) {
        self.score_rules = explanation
            .scores
            .iter()
            .flat_map(|s| s.rules.iter().map(|r| (s.name.clone(), r.text.clone(), 0)))
            .collect();
        self.tier_rules = explanation
            .tier_rules
            .iter()
            .map(|r| (r.tier.clone(), r.text.clone(), 0))
            .collect();
    }

    fn add_steps(&mut self, program: &Program, tier: usize, values: &[Value], as_of: NaiveDate) {
        let Some(playbook) = program.playbook_for(tier) else {
            return;
        };
        let Some(index) = program
            .playbooks
            .iter()
            .position(|p| std::ptr::eq(p, playbook))
        else {
            return;
        };
        for counter in self.steps.iter_mut().filter(|c| c.at.0 == index) {
            let Some(step) = playbook.steps.get(counter.at.1) else {
                continue;
            };
            let Some(guard) = step.guard else { continue };
            let holds = matches!(
                (program.condition(guard, values, as_of), step.negated),
                (Truth::True, false) | (Truth::False, true)
            );
            counter.of += 1;
            counter.holds += usize::from(holds);
        }
    }

    /// The counts of two disjoint sets of leads added up (for counting in parallel).
    pub fn merge(mut self, other: Coverage) -> Coverage {
        if self.leads == 0 {
            return other;
        }
        if other.leads == 0 {
            return self;
        }
        self.leads += other.leads;
        for (a, b) in self.score_rules.iter_mut().zip(other.score_rules) {
            a.2 += b.2;
        }
        for (a, b) in self.tier_rules.iter_mut().zip(other.tier_rules) {
            a.2 += b.2;
        }
        for (a, b) in self.tiers.iter_mut().zip(other.tiers) {
            a.1 += b.1;
        }
        for (a, b) in self.suppress.iter_mut().zip(other.suppress) {
            a.1 += b.1;
        }
        for (a, b) in self.steps.iter_mut().zip(other.steps) {
            a.holds += b.holds;
            a.of += b.of;
        }
        self
    }

    /// Whether every rule fired for at least one lead.
    pub fn is_complete(&self) -> bool {
        self.score_rules.iter().all(|r| r.2 > 0)
            && self.tier_rules.iter().all(|r| r.2 > 0)
            && self.tiers.iter().all(|t| t.1 > 0)
            && self.suppress.iter().all(|s| s.1 > 0)
            && self.steps.iter().all(|s| s.of == 0 || s.holds > 0)
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.leads == 0 {
            return writeln!(f, "  no usable leads: nothing to cover");
        }
        if self.is_complete() {
            return writeln!(f, "  every rule fires for at least one lead");
        }
        let dead_scores: Vec<String> = self
            .score_rules
            .iter()
            .filter(|r| r.2 == 0)
            .map(|(score, text, _)| format!("{score}: {text}"))
            .collect();
        section(f, "score rules that add points for no lead", &dead_scores)?;
        let dead_tiers: Vec<String> = self
            .tier_rules
            .iter()
            .filter(|r| r.2 == 0)
            .map(|(_, text, _)| text.clone())
            .collect();
        section(f, "tier rules that decide no lead's tier", &dead_tiers)?;
        let empty: Vec<String> = self
            .tiers
            .iter()
            .filter(|t| t.1 == 0)
            .map(|t| t.0.clone())
            .collect();
        section(f, "tiers no lead reaches", &empty)?;
        let dead_suppress: Vec<String> = self
            .suppress
            .iter()
            .filter(|s| s.1 == 0)
            .map(|s| format!("suppress when {}", s.0))
            .collect();
        section(f, "suppress rules that hold for no lead", &dead_suppress)?;
        let dead_steps: Vec<String> = self
            .steps
            .iter()
            .filter(|s| s.of > 0 && s.holds == 0)
            .map(|s| {
                let leads = if s.of == 1 { "lead" } else { "leads" };
                format!(
                    "{}: {}  (0 of {} {leads} in the tier)",
                    s.tier, s.label, s.of
                )
            })
            .collect();
        section(
            f,
            "playbook steps whose condition holds for no lead of their tier",
            &dead_steps,
        )
    }
}

fn section(f: &mut fmt::Formatter<'_>, title: &str, lines: &[String]) -> fmt::Result {
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(f, "  {title}:")?;
    for line in lines {
        writeln!(f, "    {line}")?;
    }
    Ok(())
}
