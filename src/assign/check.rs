//! What `check` says about reps: `assign` blocks against the roster, members without
//! an address for a team that sends email, and (with `--leads`) owner values that name
//! no member.

use super::{AssignPlan, PickPlan, Roster};
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::leads::RawLead;
use crate::program::Program;
use crate::source::Span;
use std::collections::BTreeMap;

/// Every problem of the program's `assign` blocks and the roster they name.
pub fn check_assign(program: &Program, config: &Config) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for block in &program.assign {
        let members: Vec<&str> = config
            .owners
            .get(&block.team)
            .map(|o| o.members.iter().map(|m| m.id.trim()).collect())
            .unwrap_or_default();
        if members.is_empty() {
            diags.push(team_without_members(program, config, block));
            continue;
        }
        for rule in &block.rules {
            let named: Vec<(&str, Span)> = match &rule.pick {
                PickPlan::Member(id, span) => vec![(id.as_str(), *span)],
                PickPlan::RoundRobin(list) => list
                    .iter()
                    .flatten()
                    .map(|(id, span)| (id.as_str(), *span))
                    .collect(),
            };
            for (id, span) in named.into_iter().filter(|(id, _)| !members.contains(id)) {
                diags.push(not_a_member(&block.team, id, span, &members));
            }
        }
    }
    diags.extend(members_without_email(program, config));
    diags
}

fn not_a_member(team: &str, id: &str, span: Span, members: &[&str]) -> Diagnostic {
    let listed: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
    let help = match did_you_mean(id, members.iter().copied()) {
        Some(close) => format!(
            "did you mean `{close}`? the members are: {}",
            listed.join(", ")
        ),
        None => format!("the members of `{team}` are: {}", listed.join(", ")),
    };
    Diagnostic::at(
        Code::NotAMember,
        span,
        format!("`{id}` is not a member of team `{team}`"),
    )
    .with_help(help)
}

fn team_without_members(program: &Program, config: &Config, block: &AssignPlan) -> Diagnostic {
    let team = &block.team;
    let known = config.owners.contains_key(team)
        || program
            .playbooks
            .iter()
            .any(|p| p.owner == *team || p.steps.iter().any(|s| &*s.owner == team.as_str()));
    if known {
        return Diagnostic::at(
            Code::TeamWithoutMembers,
            block.team_span,
            format!("team `{team}` has no members to assign"),
        )
        .with_help(format!(
            "list them in leadplay.yaml under `owners.{team}.members` (id, name, email …)"
        ));
    }
    let teams: Vec<&str> = config
        .owners
        .keys()
        .map(String::as_str)
        .chain(program.playbooks.iter().map(|p| p.owner.as_str()))
        .collect();
    let help = match did_you_mean(team, teams.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "an `assign` block names a team of `owners` in leadplay.yaml".to_string(),
    };
    Diagnostic::at(
        Code::UnknownTeam,
        block.team_span,
        format!("unknown team `{team}`"),
    )
    .with_help(help)
}

/// A member without an address in a team whose steps send email: their leads' email
/// drafts would go out from the team (or the sender) instead of them.
fn members_without_email(program: &Program, config: &Config) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (team, owner) in &config.owners {
        let step = program
            .playbooks
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| &*s.owner == team.as_str() && s.channel.is_email());
        let Some(step) = step else {
            continue;
        };
        for member in owner.members.iter().filter(|m| m.email.trim().is_empty()) {
            diags.push(
                Diagnostic::at(Code::MemberWithoutEmail,
                    step.span,
                    format!(
                        "member `{}` of team `{team}` has no email, and this step sends email",
                        member.id.trim()
                    ),
                )
                .with_help(format!(
                    "set `email` for `{}` under `owners.{team}.members` in leadplay.yaml; until then their leads' emails go out from the team",
                    member.id.trim()
                )),
            );
        }
    }
    diags
}

/// `check --leads`: counts, into `counts`, the `owner` values of `records` that name
/// no member of any team with members (blank values are not counted).
pub fn count_unmatched_owners<'a>(
    roster: &Roster,
    records: impl IntoIterator<Item = &'a RawLead>,
    counts: &mut BTreeMap<String, usize>,
) {
    if roster.is_empty() {
        return;
    }
    for raw in records {
        let Some(value) = roster.owner_field.value(raw) else {
            continue;
        };
        if roster
            .teams
            .iter()
            .all(|t| t.member_named(&value).is_none())
        {
            *counts.entry(value).or_insert(0) += 1;
        }
    }
}

/// The one warning about owner values that name no member: the most frequent few
/// with their counts (ties by value); `None` when every value matched.
pub fn unmatched_owner_warning(counts: &BTreeMap<String, usize>) -> Option<String> {
    const SHOWN: usize = 5;
    if counts.is_empty() {
        return None;
    }
    let mut values: Vec<(&String, &usize)> = counts.iter().collect();
    values.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let leads: usize = counts.values().sum();
    let listed: Vec<String> = values
        .iter()
        .take(SHOWN)
        .map(|(v, n)| format!("`{v}` ({n})"))
        .collect();
    let more = match values.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let have = if leads == 1 { "lead has" } else { "leads have" };
    Some(format!(
        "{leads} {have} an owner value that names no team member: {}{more}; their reps come from the `assign` rules",
        listed.join(", ")
    ))
}
