//! The memo serves last reload's bytes for identical inputs and never otherwise. Each
//! test renders once, builds a memo whose entries carry the same keys but poisoned
//! bytes, and renders again: poison back means the memo was used, real text means the
//! draft was rendered anew.

use super::*;
use crate::plan::Channel;
use crate::render::{OwnerInfo, SenderInfo, StepInfo};
use crate::source::SourceMap;
use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

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

fn context(template: &str) -> DraftContext {
    let mut lead = Map::new();
    for (k, v) in [
        ("id", "L-1"),
        ("first_name", "Mei"),
        ("email", "mei@acme.example"),
        ("company", "Acme"),
    ] {
        lead.insert(k.to_string(), Json::String(v.to_string()));
    }
    DraftContext {
        lead,
        tier: "warm".into(),
        previous_tier: Some("cold".into()),
        scores: BTreeMap::from([("fit".into(), 35.0), ("engagement".into(), 40.0)]),
        owner: OwnerInfo {
            name: "sales".into(),
            display_name: "Sam".into(),
            email: Some("sam@northwind.example".into()),
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
        },
        as_of: NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
    }
}

/// A memo of the draft for `ctx` whose bytes are poison.
fn poisoned_memo(set: &TemplateSet, ctx: &DraftContext) -> RenderMemo {
    let empty = RenderMemo::default();
    let mut draft = Previewer::new(set, &empty)
        .draft("L-1", ctx)
        .expect("renders");
    assert!(!draft.contents.contains(POISON));
    draft.contents = POISON.into();
    RenderMemo::from_drafts(&[draft])
}

/// Whether rendering `after` (with `set_after`) reuses the memo made from `before`.
fn reused(
    set_before: &TemplateSet,
    before: &DraftContext,
    set_after: &TemplateSet,
    after: &DraftContext,
) -> bool {
    let memo = poisoned_memo(set_before, before);
    let draft = Previewer::new(set_after, &memo)
        .draft("L-1", after)
        .expect("renders");
    &*draft.contents == POISON
}

/// Whether changing the context with `change` keeps the memo's draft.
fn reused_after(template: &str, change: impl FnOnce(&mut DraftContext)) -> bool {
    let set = starter();
    let before = context(template);
    let mut after = before.clone();
    change(&mut after);
    reused(&set, &before, &set, &after)
}

#[test]
fn identical_inputs_reuse_the_bytes() {
    assert!(reused_after("scored", |_| {}));
    assert!(reused_after("unscored", |_| {}));
    // A template set loaded again from the same files is the same set.
    let ctx = context("scored");
    assert!(reused(&starter(), &ctx, &starter(), &ctx));
    assert_eq!(starter().fingerprint(), starter().fingerprint());
}

#[test]
fn any_template_file_change_renders_again() {
    let ctx = context("scored");
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
    assert!(!reused_after("scored", |c| {
        c.lead
            .insert("first_name".into(), Json::String("May".into()));
    }));
    assert!(!reused_after("scored", |c| {
        c.lead.insert("title".into(), Json::String("VP".into()));
    }));
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
    let ctx = context("scored");
    let memo = poisoned_memo(&set, &ctx);
    let draft = Previewer::new(&set, &memo)
        .draft("L-2", &ctx)
        .expect("renders");
    assert_ne!(&*draft.contents, POISON);
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
    let ctx = context("unscored");
    let empty = RenderMemo::default();
    let draft = Previewer::new(&set, &empty)
        .draft("L-1", &ctx)
        .expect("renders");
    assert_eq!(draft.path, Path::new("2026-11-27/sales/L-1--unscored.eml"));
    assert_eq!(
        draft.digest,
        <[u8; 32]>::from(Sha256::digest(draft.contents.as_bytes()))
    );
    let memo = RenderMemo::from_drafts(std::slice::from_ref(&draft));
    assert_eq!(memo.len(), 1);
    let again = Previewer::new(&set, &memo)
        .draft("L-1", &ctx)
        .expect("renders");
    assert!(Arc::ptr_eq(&again.contents, &draft.contents), "shared, not copied");
}
