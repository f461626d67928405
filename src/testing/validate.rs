//! The checks a test file needs the program for: every tier, score, suppress rule and
//! template a case names must exist, so a typo is an error at its line rather than a
//! case that can never pass.

use super::case::TestCase;
use super::locate::Locator;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::program::Program;
use crate::source::{FileId, Span};
use std::collections::BTreeSet;

/// What the checks of one file share.
pub(crate) struct FileCheck<'a> {
    pub program: &'a Program,
    pub file: FileId,
    pub locator: &'a Locator<'a>,
}

impl FileCheck<'_> {
    /// Every problem of every case of the file, plus duplicate names (a warning: a
    /// `--filter` or a failure line could not tell the cases apart).
    pub(crate) fn check(&self, cases: &[TestCase]) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut names = BTreeSet::new();
        for (index, case) in cases.iter().enumerate() {
            diags.extend(self.check_case(index, case));
            if !names.insert(case.name.trim()) {
                diags.push(
                    Diagnostic::at(
                        Code::CaseNameTwice,
                        self.span(self.locator.key(index, &["name"])),
                        format!("two cases in this file are named `{}`", case.name.trim()),
                    )
                    .with_help("give each case its own name"),
                );
            }
        }
        diags
    }

    fn check_case(&self, index: usize, case: &TestCase) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        if case.name.trim().is_empty() {
            diags.push(Diagnostic::at(
                Code::CaseWithoutName,
                self.span(self.locator.key(index, &["name"])),
                "a case needs a name",
            ));
        }
        if case.expect.is_empty() {
            diags.push(
                Diagnostic::at(Code::CaseExpectsNothing,
                    self.span(self.locator.key(index, &["expect"])),
                    format!("case `{}` expects nothing", case.name),
                )
                .with_help("expect any of `tier`, `scores`, `suppressed`, `suppressed_by`, `drafts`, `skipped`"),
            );
        }
        let tiers = self.program.tiers.iter().map(|t| &**t);
        if let Some(tier) = &case.expect.tier {
            diags.extend(self.known(index, &["expect", "tier"], tier, "tier", tiers.clone()));
        }
        let scores = self.program.score_names.iter().map(String::as_str);
        for name in case.expect.scores.keys() {
            let path = ["expect", "scores", name.as_str()];
            diags.extend(self.known(index, &path, name, "score", scores.clone()));
        }
        if let Some(Some(rule)) = &case.expect.suppressed_by {
            diags.extend(self.suppress_rule(index, rule));
        }
        let templates = all_templates(self.program);
        for key in ["drafts", "skipped"] {
            let list = match key {
                "drafts" => case.expect.drafts.as_deref(),
                _ => case.expect.skipped.as_deref(),
            };
            for name in list.unwrap_or_default() {
                let place = self.locator.value(index, &["expect", key], name);
                let message = format!("no playbook drafts a template `{name}`");
                diags.extend(self.known_at(place, name, message, templates.iter().copied()));
            }
        }
        diags.extend(self.check_state(index, case));
        diags.extend(self.unknown_lead_fields(index, case));
        diags
    }

    fn check_state(&self, index: usize, case: &TestCase) -> Vec<Diagnostic> {
        let Some(state) = &case.state else {
            return Vec::new();
        };
        let tiers = self.program.tiers.iter().map(|t| &**t);
        let mut diags: Vec<Diagnostic> = self
            .known(index, &["state", "tier"], &state.tier, "tier", tiers)
            .into_iter()
            .collect();
        if state.entered > case.as_of {
            diags.push(
                Diagnostic::at(
                    Code::EnteredAfterAsOf,
                    self.span(self.locator.key(index, &["state", "entered"])),
                    format!(
                        "the lead entered `{}` on {}, after `as_of` {}",
                        state.tier, state.entered, case.as_of
                    ),
                )
                .with_help("a state describes the lead before the run"),
            );
        }
        let Some(playbook) = self
            .program
            .tier_id(&state.tier)
            .and_then(|t| self.program.playbook_for(t))
        else {
            return diags; // an unknown tier is reported above; a tier without a playbook has no steps
        };
        let steps: Vec<&str> = playbook
            .steps
            .iter()
            .flat_map(|s| s.templates().map(|t| &**t))
            .collect();
        let listed = state.done.iter().flatten().map(|n| ("done", n));
        for (key, name) in listed.chain(state.skipped.iter().map(|n| ("skipped", n))) {
            if !steps.contains(&name.as_str()) {
                let place = self.locator.value(index, &["state", key], name);
                let message = format!("the `{}` playbook has no step `{name}`", state.tier);
                diags.extend(self.known_at(place, name, message, steps.iter().copied()));
            }
        }
        diags
    }

    /// With a `fields` block, a lead key the program does not read is most likely a typo
    /// (the lead would silently lack the field); a warning, since a lead file may carry
    /// extra columns too.
    fn unknown_lead_fields(&self, index: usize, case: &TestCase) -> Vec<Diagnostic> {
        let schema = &self.program.schema;
        if !schema.declared {
            return Vec::new();
        }
        let mut fields: BTreeSet<String> = schema.fields.iter().map(|f| f.display_name()).collect();
        // A lead may be written as the export has it: mapped columns are read too.
        fields.extend(schema.fields.iter().filter_map(|f| f.column.clone()));
        let roots: BTreeSet<&str> = schema
            .fields
            .iter()
            .filter_map(|f| f.path.first().map(String::as_str))
            .collect();
        case.lead
            .keys()
            .filter(|k| !roots.contains(k.as_str()) && !fields.contains(k.as_str()))
            .map(|k| {
                let place = self.locator.key(index, &["lead", k.as_str()]);
                let d = Diagnostic::at(
                    Code::CaseUnknownField,
                    self.span(place),
                    format!("the program has no field `{k}`; the lead's `{k}` is not read"),
                );
                match did_you_mean(k, fields.iter().map(String::as_str)) {
                    Some(close) => d.with_help(format!("did you mean `{close}`?")),
                    None => d.with_help("the fields are declared in the `fields` block"),
                }
            })
            .collect()
    }

    fn suppress_rule(&self, index: usize, rule: &str) -> Option<Diagnostic> {
        let rules = &self.program.suppress_rules;
        if rules.iter().any(|r| same_rule(r, rule)) {
            return None;
        }
        let place = self.locator.key(index, &["expect", "suppressed_by"]);
        let list = rules
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match did_you_mean(rule, rules.iter().map(|r| &**r)) {
            Some(close) => format!("did you mean `{close}`?"),
            None if rules.is_empty() => "the program has no `suppress` rules".to_string(),
            None => format!("the rules are {list}"),
        };
        Some(
            Diagnostic::at(
                Code::CaseUnknownName,
                self.span(place),
                format!("no `suppress` rule reads `{rule}`"),
            )
            .with_help(help),
        )
    }

    fn known<'n>(
        &self,
        index: usize,
        path: &[&str],
        name: &str,
        what: &str,
        names: impl Iterator<Item = &'n str> + Clone,
    ) -> Option<Diagnostic> {
        let place = self.locator.value(index, path, name);
        self.known_at(place, name, format!("no {what} `{name}`"), names)
    }

    fn known_at<'n>(
        &self,
        place: std::ops::Range<usize>,
        name: &str,
        message: String,
        mut names: impl Iterator<Item = &'n str> + Clone,
    ) -> Option<Diagnostic> {
        if names.clone().any(|n| n == name) {
            return None;
        }
        let d = Diagnostic::at(Code::CaseUnknownName, self.span(place), message);
        let list: Vec<String> = names.clone().map(|n| format!("`{n}`")).collect();
        Some(match did_you_mean(name, names.by_ref()) {
            Some(close) => d.with_help(format!("did you mean `{close}`?")),
            None if list.is_empty() => d,
            None => d.with_help(format!("known: {}", list.join(", "))),
        })
    }

    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }
}

/// Every template a playbook step or handoff names, sorted.
fn all_templates(program: &Program) -> BTreeSet<&str> {
    program
        .playbooks
        .iter()
        .flat_map(|p| {
            p.steps
                .iter()
                .map(|s| &*s.template)
                .chain(p.handoff.as_deref())
        })
        .collect()
}

/// Two suppress rule texts are the same rule when they differ only in white space.
pub(crate) fn same_rule(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}
