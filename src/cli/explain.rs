//! `leadplay explain LEAD_ID`: every rule for one lead, and where it is in its playbook.

use super::args::ExplainArgs;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::diagnostics::Severity;
use crate::engine::{LeadsSource, Planned, evaluate_and_plan};
use crate::leads::{Lead, find_leads};
use crate::program::Program;
use crate::schedule::{ScheduleContext, position};
use crate::state::{State, StateStore};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::Path;

/// Runs `explain`.
pub fn run(ui: &Ui, root: &Path, args: &ExplainArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &ExplainArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let source = common::leads_source(ui, &ws, &args.leads)?;
    let loaded = common::load_program(ui, &mut ws, None)?;
    let Some((program, _)) = loaded.ready() else {
        return Err(EXIT_FAILURE);
    };
    let as_of = common::as_of(args.as_of);
    let lead = find_lead(ui, &ws, &source, program, &args.lead_id)?;
    let text = explain_text(&ws, program, &lead, as_of, &source).map_err(|message| {
        ui.error(&message, None);
        EXIT_FAILURE
    })?;
    super::ui::to_stdout(&text);
    Ok(EXIT_OK)
}

/// The full explanation of one lead as text.
pub fn explain_text(
    ws: &Workspace,
    program: &Program,
    lead: &Lead,
    as_of: NaiveDate,
    source: &LeadsSource,
) -> Result<String, String> {
    let file = source.display(ws);
    let state = StateStore::load(&ws.state_path()).map_err(|e| e.to_string())?;
    Ok(explain_with_state(ws, program, lead, as_of, &file, &state))
}

/// The full explanation of one lead against a state already read (the review page
/// explains thousands of leads with one read of the state). The workspace gives the
/// calendar that `on workdays` playbooks count in.
pub fn explain_with_state(
    ws: &Workspace,
    program: &Program,
    lead: &Lead,
    as_of: NaiveDate,
    file: &str,
    state: &State,
) -> String {
    let explanation = program.explain(&lead.values, as_of);
    let ctx = ScheduleContext {
        tier_names: &program.tiers,
        playbooks: &program.playbooks,
        as_of,
        calendar: &ws.config.clock.calendar,
    };
    let prev = state.get(&lead.id);
    let Planned { plan, .. } = evaluate_and_plan(program, &ctx, prev, &lead.id, &lead.values);
    let previous = match prev {
        Some(p) => format!("in the state: {} since {}", p.tier, p.entered),
        None => "not in the state yet (first run for this lead)".to_string(),
    };
    let roster = crate::assign::Roster::new(&ws.config, program);
    let reps = if roster.is_empty() {
        String::new()
    } else {
        let holds = |id| program.condition(id, &lead.values, as_of).is_true();
        format!("reps\n{}", roster.explain(&plan, state, &lead.raw, &holds))
    };
    format!(
        "lead `{}` ({file}, row {}), as of {as_of}\n{previous}\n\n{explanation}\nplaybook\n{}{reps}",
        lead.id,
        lead.row,
        position(&ctx, prev, &plan)
    )
}

/// Reads the leads until the one with this id; row errors are not fatal unless the
/// lead itself cannot be found.
fn find_lead(
    ui: &Ui,
    ws: &Workspace,
    source: &LeadsSource,
    program: &Program,
    id: &str,
) -> Result<Lead, u8> {
    let mut found = None;
    let wanted = BTreeSet::from([id.to_string()]);
    let lookup = source
        .open(ws)
        .and_then(|reader| find_leads(reader, &program.schema, wanted, |l| found = Some(l)))
        .map_err(|e| {
            ui.error_with_code(Some(e.code()), &e.to_string(), e.help().as_deref());
            EXIT_FAILURE
        })?;
    found.ok_or_else(|| {
        for e in &lookup.errors {
            ui.problem(Severity::Warning, e.code, &e.to_string(), None);
        }
        let help = match lookup.near.first() {
            Some(n) => format!("did you mean `{n}`? ids are matched exactly"),
            None if !lookup.errors.is_empty() => {
                "some rows had errors (above) and were left out; the lead may be one of them".into()
            }
            None => "`leadplay eval --format csv` lists every lead's id".into(),
        };
        let display = source.display(ws);
        ui.error(&format!("no lead with id `{id}` in {display}"), Some(&help));
        EXIT_FAILURE
    })
}
