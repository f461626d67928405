//! The memo serves last reload's bytes for identical inputs and never otherwise. Each
//! test renders once, builds a memo whose entries carry the same keys but poisoned
//! bytes, and renders again: poison back means the memo was used, real text means the
//! draft was rendered anew.

use super::*;
use crate::leads::{CsvRow, RowPlace};
use crate::program::Channel;
use crate::render::{OwnerInfo, SenderInfo, StepInfo};
use crate::source::SourceMap;
use chrono::NaiveDate;
use serde_json::Map;

const POISON: &str = "POISON: served from the memo";

const SCORED: &str = "---\nsubject: \"{{ lead.company }} next step\"\n---\nHi {{ lead.first_name }}, fit {{ scores.fit }}.\n";
const UNSCORED: &str = "Hello {{ lead.first_name }} from {{ sender.company }} ({{ tier }}).\n";
const INCLUDER: &str = "Intro.\n{% include \"parts/score_line\" %}\n";
const SCORE_LINE: &str = "Your fit is {{ scores.fit }}.\n";

fn templates(files: &[(&str, &str)]) -> TemplateSet {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        let path = dir.path().join(format!("{name}.j2"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let mut sources = SourceMap::new();
    TemplateSet::load(dir.path(), "templates", &mut sources).expect("templates load")
}

fn starter() -> TemplateSet {
    templates(&[
        ("scored", SCORED),
        ("unscored", UNSCORED),
        ("includer", INCLUDER),
        ("parts/score_line", SCORE_LINE),
    ])
}

const CELLS: [(&str, &str); 4] = [
    ("id", "L-1"),
    ("first_name", "Mei"),
    ("email", "mei@acme.example"),
    ("company", "Acme"),
];

/// A lead read from a CSV row with these columns.
fn lead(id: &str, cells: &[(&str, &str)]) -> Lead {
    let header: Arc<[String]> = cells.iter().map(|(k, _)| k.to_string()).collect();
    let row = CsvRow::new(header, cells.iter().map(|(_, v)| v.as_bytes()));
    Lead {
        id: id.into(),
        row: 1,
        values: Vec::new(),
        raw: RawLead {
            place: RowPlace {
                row: 1,
                line: Some(2),
                by_line: false,
            },
            body: RawBody::Csv(row),
        },
    }
}

/// A draft's inputs as the engine passes them: the context's `lead` map left empty.
#[derive(Clone)]
struct Inputs {
    lead: Lead,
    ctx: DraftContext,
}

impl Inputs {
    fn draft(&self, set: &TemplateSet, memo: &RenderMemo) -> PreviewDraft {
        let mut ctx = self.ctx.clone();
        Previewer::new(set, memo, ctx.sender.clone(), ctx.as_of)
            .draft(&self.lead, &mut ctx)
            .expect("renders")
    }
}

fn inputs(template: &str) -> Inputs {
    Inputs {
        lead: lead("L-1", &CELLS),
        ctx: context(template),
    }
}

fn context(template: &str) -> DraftContext {
    DraftContext {
        lead: Map::new(),
        tier: "warm".into(),
        previous_tier: Some("cold".into()),
        scores: BTreeMap::from([("fit".into(), 35.0), ("engagement".into(), 40.0)]),
        owner: OwnerInfo {
            name: "sales".into(),
            display_name: "Sam".into(),
            email: Some("sam@northwind.example".into()),
            ..Default::default()
        },
        sender: SenderInfo {
            name: "Northwind".into(),
            email: "hello@northwind.example".into(),
            company: "Northwind Analytics".into(),
            signature: "Sam".into(),
        },
        step: StepInfo {
            day: 0,
            channel: Channel::Email,
            template: template.into(),
            variant: None,
        },
        rep: None,
        as_of: NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
        roles: crate::schema::RoleKeys::default(),
        clock: crate::calendar::Clock::default(),
    }
}

/// A memo of the draft for `inputs` whose bytes are poison.
fn poisoned_memo(set: &TemplateSet, inputs: &Inputs) -> RenderMemo {
    let mut draft = inputs.draft(set, &RenderMemo::default());
    assert!(draft.contents.contains("Mei"), "{}", draft.contents);
    draft.contents = POISON.into();
    RenderMemo::from_drafts(vec![draft])
}

/// Whether rendering `after` (with `set_after`) reuses the memo made from `before`.
fn reused(
    set_before: &TemplateSet,
    before: &Inputs,
    set_after: &TemplateSet,
    after: &Inputs,
) -> bool {
    let memo = poisoned_memo(set_before, before);
    &*after.draft(set_after, &memo).contents == POISON
}

/// Whether changing the context with `change` keeps the memo's draft.
fn reused_after(template: &str, change: impl FnOnce(&mut DraftContext)) -> bool {
    let set = starter();
    let before = inputs(template);
    let mut after = before.clone();
    change(&mut after.ctx);
    reused(&set, &before, &set, &after)
}

/// Whether reading the lead from other cells keeps the memo's draft.
fn reused_with_cells(cells: &[(&str, &str)]) -> bool {
    let set = starter();
    let before = inputs("scored");
    let after = Inputs {
        lead: lead("L-1", cells),
        ..before.clone()
    };
    reused(&set, &before, &set, &after)
}

#[test]
fn identical_inputs_reuse_the_bytes() {
    assert!(reused_after("scored", |_| {}));
    assert!(reused_after("unscored", |_| {}));
    // A template set loaded again from the same files is the same set.
    let same = inputs("scored");
    assert!(reused(&starter(), &same, &starter(), &same));
    assert!(reused_with_cells(&CELLS));
    assert_eq!(starter().fingerprint(), starter().fingerprint());
}

#[test]
fn any_template_file_change_renders_again() {
    let ctx = inputs("scored");
    let body_edit = templates(&[
        ("scored", &SCORED.replace("Hi", "Hello")),
        ("unscored", UNSCORED),
        ("includer", INCLUDER),
        ("parts/score_line", SCORE_LINE),
    ]);
    assert!(!reused(&starter(), &ctx, &body_edit, &ctx));
    let subject_edit = templates(&[
        ("scored", &SCORED.replace("next step", "next steps")),
        ("unscored", UNSCORED),
        ("includer", INCLUDER),
        ("parts/score_line", SCORE_LINE),
    ]);
    assert!(!reused(&starter(), &ctx, &subject_edit, &ctx));
    // Another template changed (it could be included): conservatively, all render.
    let other_edit = templates(&[
        ("scored", SCORED),
        ("unscored", UNSCORED),
        ("includer", INCLUDER),
        ("parts/score_line", "Fit: {{ scores.fit }}\n"),
    ]);
    assert!(!reused(&starter(), &ctx, &other_edit, &ctx));
    assert_ne!(starter().fingerprint(), other_edit.fingerprint());
}

#[test]
fn config_parts_a_draft_reads_render_again() {
    assert!(!reused_after("scored", |c| c.sender.company = "Other".into()));
    assert!(!reused_after("scored", |c| c.sender.signature = "—".into()));
    assert!(!reused_after("scored", |c| c.owner.display_name = "Pat".into()));
    assert!(!reused_after("scored", |c| c.owner.email = None));
}

#[test]
fn lead_and_evaluation_changes_render_again() {
    let mut renamed = CELLS;
    renamed[1].1 = "May";
    assert!(!reused_with_cells(&renamed));
    let mut more = CELLS.to_vec();
    more.push(("title", "VP"));
    assert!(!reused_with_cells(&more));
    // The same cell under another column name (one the template does not read).
    let set = starter();
    let before = Inputs {
        lead: lead("L-1", &more),
        ..inputs("scored")
    };
    let mut renamed_column = more.clone();
    renamed_column[4].0 = "role";
    let after = Inputs {
        lead: lead("L-1", &renamed_column),
        ..before.clone()
    };
    assert!(!reused(&set, &before, &set, &after));
    // Cells are length-prefixed: moving a byte across a cell boundary is a change.
    let mut shifted = CELLS;
    shifted[2].1 = "mei@acme.exampleA";
    shifted[3].1 = "cme";
    assert!(!reused_with_cells(&shifted));
    assert!(!reused_after("scored", |c| c.tier = "hot".into()));
    assert!(!reused_after("scored", |c| c.previous_tier = None));
    assert!(!reused_after("scored", |c| {
        c.scores.insert("fit".into(), 36.0);
    }));
    assert!(!reused_after("scored", |c| {
        c.scores.insert("fit".into(), f64::NAN);
    }));
    assert!(!reused_after("scored", |c| c.step.day = 2));
    assert!(!reused_after("scored", |c| c.step.channel = Channel::Task));
}

#[test]
fn a_new_as_of_date_renders_again() {
    assert!(!reused_after("scored", |c| {
        c.as_of = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    }));
}

#[test]
fn another_lead_id_renders_again() {
    let set = starter();
    let before = inputs("scored");
    let after = Inputs {
        lead: lead("L-2", &CELLS),
        ..before.clone()
    };
    assert!(!reused(&set, &before, &set, &after));
}

#[test]
fn scores_are_keyed_only_where_a_template_can_read_them() {
    // `unscored` never reads scores: a new score leaves its draft as it was.
    assert!(reused_after("unscored", |c| {
        c.scores.insert("fit".into(), 99.0);
    }));
    // `includer` reads them through an include, which is not followed: keyed.
    assert!(!reused_after("includer", |c| {
        c.scores.insert("fit".into(), 99.0);
    }));
    let set = starter();
    assert!(set.may_read("scored", "scores"));
    assert!(!set.may_read("unscored", "scores"));
    assert!(set.may_read("includer", "scores"));
    assert!(set.may_read("missing", "scores"));
}

#[test]
fn the_draft_knows_its_path_digest_and_key() {
    let set = starter();
    let unscored = inputs("unscored");
    let draft = unscored.draft(&set, &RenderMemo::default());
    assert_eq!(draft.path, Path::new("2026-11-27/sales/L-1--unscored.eml"));
    assert_eq!(
        draft.digest,
        <[u8; 32]>::from(Sha256::digest(draft.contents.as_bytes()))
    );
    let memo = RenderMemo::from_drafts(vec![draft.clone()]);
    assert_eq!(memo.len(), 1);
    let again = unscored.draft(&set, &memo);
    assert!(
        Arc::ptr_eq(&again.contents, &draft.contents),
        "shared, not copied"
    );
}

#[test]
fn a_context_unlike_the_runs_shared_inputs_is_keyed_in_full() {
    let set = starter();
    let before = inputs("scored");
    let memo = poisoned_memo(&set, &before);
    let mut elsewhere = before.ctx.sender.clone();
    elsewhere.name = "Someone Else".into();
    // Same inputs, but the run's shared sender differs from the context's: keyed in
    // full (a miss, rendered again), never confused with the shared way.
    let mut ctx = before.ctx.clone();
    let full = Previewer::new(&set, &memo, elsewhere.clone(), ctx.as_of)
        .draft(&before.lead, &mut ctx)
        .expect("renders");
    assert_ne!(&*full.contents, POISON);
    assert!(full.contents.contains("Mei"));
    // A memo keyed in full serves the same inputs keyed in full again.
    let memo = RenderMemo::from_drafts(vec![PreviewDraft {
        contents: POISON.into(),
        ..full
    }]);
    let mut ctx = before.ctx.clone();
    let again = Previewer::new(&set, &memo, elsewhere, ctx.as_of)
        .draft(&before.lead, &mut ctx)
        .expect("renders");
    assert_eq!(&*again.contents, POISON);
}

#[test]
fn a_second_header_in_one_run_is_keyed_by_its_names() {
    let set = starter();
    let first = inputs("scored");
    // The same fields in another column order: another header, the same draft text.
    let reordered: Vec<(&str, &str)> = CELLS.iter().rev().copied().collect();
    let second = Inputs {
        lead: lead("L-1", &reordered),
        ..first.clone()
    };
    // The memo holds the first header's draft; the run meets the first header, then
    // the second: the second is keyed by its names and is not served the first's.
    let memo = poisoned_memo(&set, &first);
    let previewer = Previewer::new(&set, &memo, first.ctx.sender.clone(), first.ctx.as_of);
    let mut ctx = first.ctx.clone();
    let hit = previewer.draft(&first.lead, &mut ctx).expect("renders");
    assert_eq!(&*hit.contents, POISON);
    let mut ctx = second.ctx.clone();
    let other = previewer.draft(&second.lead, &mut ctx).expect("renders");
    assert_ne!(&*other.contents, POISON);
}
