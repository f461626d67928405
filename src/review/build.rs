//! Gathering a page's data and writing it: `eval` after a real run, `report`, and
//! `watch`'s preview.
//! The data comes from the evaluation's results; the leads file is read once more to
//! count how often each rule fired and to explain the leads that have drafts.

use crate::atomic::write_atomic;
use crate::engine::{EvalOutput, LeadsSource};
use crate::leads::{Lead, for_each_batch};
use crate::lint::Coverage;
use crate::program::Program;
use crate::review::{
    self, DraftView, PageKind, QueueDraft, QueueEntry, Review, RuleGroup, read_runs, relative_href,
    team_of,
};
use crate::state::{State, StateStore};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Runs (dates) the history chart and table show.
const HISTORY_SHOWN: usize = 30;

/// Explains one lead against the state (`leadplay explain`'s text).
pub type Explainer = fn(&Workspace, &Program, &Lead, NaiveDate, &str, &State) -> String;

/// What a page is made from.
pub struct PageJob<'a> {
    /// The workspace.
    pub ws: &'a Workspace,
    /// The checked program.
    pub program: &'a Program,
    /// The evaluation's results.
    pub output: &'a EvalOutput,
    /// Where the leads came from (read again for rule counts and traces).
    pub source: &'a LeadsSource,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// Who writes the page.
    pub kind: PageKind,
    /// Where the page goes.
    pub out: PathBuf,
    /// Explains the leads with drafts; `None` leaves traces and rule counts out (the
    /// watch reloads in milliseconds, and a second read of the leads would not).
    pub explain: Option<Explainer>,
}

/// The default page: `OUTBOX/<as-of>/index.html`.
pub fn default_page_path(ws: &Workspace, as_of: NaiveDate) -> PathBuf {
    ws.outbox_dir()
        .join(as_of.to_string())
        .join(review::PAGE_FILE)
}

/// Gathers the data, renders the page and writes it atomically (and, for the watch
/// page, `version.js` beside it).
pub fn write_page(job: &PageJob<'_>) -> Result<(), String> {
    let review = gather(job)?;
    let page = review::page(&review);
    let shown = job.ws.display(&job.out);
    write_atomic(&job.out, page.html.as_bytes())
        .map_err(|e| format!("cannot write the review page `{shown}`: {e}"))?;
    if job.kind == PageKind::Watch {
        let version = job.out.with_file_name("version.js");
        let script = format!("window.leadplayVersion = \"{}\";\n", page.version);
        write_atomic(&version, script.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", job.ws.display(&version)))?;
    }
    Ok(())
}

fn gather(job: &PageJob<'_>) -> Result<Review, String> {
    let state = StateStore::load(&job.ws.state_path()).map_err(|e| e.to_string())?;
    // `report` renders in memory; `eval` and the watch wrote every draft they show.
    let written_now = job.kind != PageKind::Report;
    let entries = review::queue_entries(job.program, job.output, &state, job.as_of, written_now);
    let second_pass = match (job.explain, job.source) {
        (None, _) | (_, LeadsSource::Stdin(_)) => None,
        (Some(explain), LeadsSource::File { .. }) => {
            let wanted: BTreeSet<&str> = entries.iter().map(|e| e.lead.as_str()).collect();
            Some(read_again(job, explain, &state, &wanted)?)
        }
    };
    let (rules, mut explains) = match second_pass {
        Some((coverage, explains)) => (Some(rule_groups(&coverage)), explains),
        None => (None, BTreeMap::new()),
    };
    let drafts = queue(job, entries, &mut explains);
    let tiers = review::tier_counts(job.program, job.output);
    let (mut history, history_errors) = read_runs(&job.ws.state_path(), &job.as_of.to_string());
    // A page is about today: the last 30 days run are the trend worth a glance.
    history.drain(..history.len().saturating_sub(HISTORY_SHOWN));
    Ok(Review {
        as_of: job.as_of,
        kind: job.kind,
        summary: job.output.summary.clone(),
        balance: review::balance(job.program, &job.ws.config, job.output, &tiers, &drafts),
        tiers,
        history,
        history_errors,
        transitions: review::transitions(job.output),
        rules,
        steps: review::step_counts(job.output),
        drafts,
    })
}

/// Reads each draft (from memory for a preview, else from disk) and decodes it.
fn queue(
    job: &PageJob<'_>,
    entries: Vec<QueueEntry>,
    explains: &mut BTreeMap<String, String>,
) -> Vec<QueueDraft> {
    let previews: BTreeMap<String, &str> = job
        .output
        .previews
        .iter()
        .map(|p| {
            (
                job.ws.display(&job.output.draft_root.join(&p.path)),
                &*p.contents,
            )
        })
        .collect();
    let page_dir = absolute(job.out.parent().unwrap_or(Path::new(".")));
    let views: Vec<Option<DraftView>> = entries
        .par_iter()
        .map(|e| {
            let bytes = match previews.get(&e.path) {
                Some(text) => Some(text.as_bytes().to_vec()),
                None => std::fs::read(job.ws.root.join(&e.path)).ok(),
            };
            bytes.map(|b| DraftView::decode(&e.path, &b))
        })
        .collect();
    let mut last_lead: Option<String> = None;
    entries
        .into_iter()
        .zip(views)
        .map(|(e, view)| {
            let file = absolute(&job.ws.root.join(&e.path));
            // A lead's trace goes under its first draft only: no text is repeated.
            let explain = if last_lead.as_deref() == Some(e.lead.as_str()) {
                None
            } else {
                explains.remove(&e.lead)
            };
            last_lead = Some(e.lead.clone());
            QueueDraft {
                team: team_of(&e.path, job.as_of),
                href: relative_href(&page_dir, &file),
                lead: e.lead,
                tier: e.tier,
                channel: e.channel,
                template: e.template,
                path: e.path,
                written: e.written,
                view,
                explain,
            }
        })
        .collect()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// One more read of the leads: every lead counted for rule coverage, and the leads
/// with drafts explained against the state as it is now.
fn read_again(
    job: &PageJob<'_>,
    explain: Explainer,
    state: &State,
    wanted: &BTreeSet<&str>,
) -> Result<(Coverage, BTreeMap<String, String>), String> {
    let shown = job.source.display(job.ws);
    let reader = job.source.open(job.ws).map_err(|e| e.to_string())?;
    let program = job.program;
    let mut coverage = Coverage::new(program);
    let mut explains = BTreeMap::new();
    for_each_batch(reader, &program.schema, |batch| {
        let counted = batch
            .leads
            .par_iter()
            .fold(
                || Coverage::new(program),
                |mut c, lead| {
                    c.add(program, &lead.values, job.as_of);
                    c
                },
            )
            .reduce(|| Coverage::new(program), Coverage::merge);
        coverage = std::mem::replace(&mut coverage, Coverage::new(program)).merge(counted);
        let explained: Vec<(String, String)> = batch
            .leads
            .par_iter()
            .filter(|lead: &&Lead| wanted.contains(lead.id.as_str()))
            .map(|lead| {
                let text = explain(job.ws, program, lead, job.as_of, &shown, state);
                (lead.id.clone(), text)
            })
            .collect();
        explains.extend(explained);
        ControlFlow::Continue(())
    })
    .map_err(|e| e.to_string())?;
    Ok((coverage, explains))
}

fn rule_groups(coverage: &Coverage) -> Vec<RuleGroup> {
    let mut groups: Vec<RuleGroup> = Vec::new();
    for (score, rule, n) in &coverage.score_rules {
        let title = format!("score {score}");
        match groups.last_mut() {
            Some(g) if g.title == title => g.rules.push((rule.clone(), *n)),
            _ => groups.push(RuleGroup {
                title,
                rules: vec![(rule.clone(), *n)],
                of: coverage.leads,
            }),
        }
    }
    groups.push(RuleGroup {
        title: "tiers (the rule that decided)".into(),
        rules: coverage
            .tier_rules
            .iter()
            .map(|(_, r, n)| (r.clone(), *n))
            .collect(),
        of: coverage.leads,
    });
    if !coverage.suppress.is_empty() {
        groups.push(RuleGroup {
            title: "suppress".into(),
            rules: coverage.suppress.clone(),
            of: coverage.leads,
        });
    }
    groups
}
