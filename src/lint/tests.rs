//! Lint and `check --leads` report tests on the fixture workspace `tests/fixtures/lint`
//! (copied to a temporary folder and edited per test).

use super::*;
use crate::check::CheckOptions;
use crate::diagnostics::render_to_string;
use crate::engine::load;
use crate::leads::{LeadFormat, LeadReader};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::fs;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The fixture with `edits` (path, new text) applied.
fn workspace(edits: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    copy_dir(&fixture, dir.path());
    for (path, text) in edits {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// Loads and lints; every diagnostic (load and lint) rendered as text.
fn lint_text(dir: &Path, columns: Option<Vec<String>>) -> String {
    let mut ws = Workspace::open(dir).unwrap();
    let loaded = load(
        &mut ws,
        &CheckOptions {
            columns: columns.clone(),
        },
    );
    let (program, templates) = loaded
        .ready()
        .unwrap_or_else(|| panic!("{}", render_to_string(&ws.sources, &loaded.diagnostics)));
    let diags = lint(&LintInput {
        ast: &loaded.ast,
        program,
        templates,
        config: &ws.config,
        columns: columns.as_deref(),
    });
    render_to_string(&ws.sources, &diags)
}

#[test]
fn fixture_warnings() {
    let dir = workspace(&[]);
    insta::assert_snapshot!(lint_text(dir.path(), None));
}

#[test]
fn template_variables_that_name_nothing_are_errors_at_their_line() {
    let dir = workspace(&[
        (
            "playbooks/templates/cold/letter.j2",
            "Dear {{ lead.first_name | default(\"friend\") }},\n\nA letter for {{ lead.frist_name }} from {{ sender.compnay }}.\n",
        ),
        (
            "playbooks/templates/hot/call.j2",
            "---\nsubject: \"{{ leed.company }}\"\n---\nCall {{ lead.first_name }}: fit {{ scores.fitt }}.\n{% if step.day > 0 %}{{ owner.mobile }}{% endif %} {{ as_of }} {{ previous_tier }}\n",
        ),
    ]);
    insta::assert_snapshot!(lint_text(dir.path(), None));
}

#[test]
fn owner_keys_are_the_fixed_ones_and_the_extras_of_leadplay_yaml() {
    let template = "{{ owner.signature }} {{ owner.title }} {{ owner.phone }}\n\
                    {{ owner.signature_zh }}\n{{ owner.signature_jp }}\n";
    let without = workspace(&[("playbooks/templates/hot/call.j2", template)]);
    let text = lint_text(without.path(), None);
    assert!(
        text.contains("error[LP0602]: `owner.signature_zh` is not known"),
        "{text}"
    );
    assert!(
        text.contains("error[LP0602]: `owner.signature_jp` is not known"),
        "{text}"
    );
    let config = "leads: leads.csv\nowners:\n  sales:\n    name: Jordan Lee\n    \
                  email: jordan@example.com\n    signature_zh: 李佳蓉 敬上\n";
    let with = workspace(&[
        ("playbooks/templates/hot/call.j2", template),
        ("leadplay.yaml", config),
    ]);
    let text = lint_text(with.path(), None);
    assert!(
        !text.contains("`owner.signature_zh` is not known"),
        "{text}"
    );
    assert_eq!(text.matches("error[LP0602]:").count(), 1, "{text}");
    assert!(
        text.contains("did you mean `owner.signature_zh`?"),
        "{text}"
    );
    assert!(
        text.contains("error[LP0602]: `owner.signature_jp` is not known"),
        "{text}"
    );
    assert!(text.contains("hot/call.j2:3:4"), "{text}");
}

const NO_FIELDS: &str = "score fit {\n  +20 when employees >= 1000\n}\ntiers {\n  hot when fit >= 20\n  cold otherwise\n}\nplaybook cold owner marketing {\n  day 0 mail \"cold/letter\"\n}\nplaybook hot owner sales {\n  day 0 call \"hot/call\"\n}\n";

#[test]
fn without_a_fields_block_lead_fields_are_judged_only_against_columns() {
    let dir = workspace(&[
        ("playbooks/main.play", NO_FIELDS),
        (
            "playbooks/templates/hot/call.j2",
            "{{ lead.frist_name }} {{ lead.email }}\n",
        ),
    ]);
    fs::remove_dir_all(dir.path().join("playbooks/templates/warm")).unwrap();
    assert_eq!(lint_text(dir.path(), None), "");
    let columns: Vec<String> = ["id", "first_name", "email", "employees"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let text = lint_text(dir.path(), Some(columns));
    assert!(
        text.contains("error[LP0602]: `lead.frist_name` is not a column of the leads file"),
        "{text}"
    );
    assert!(text.contains("did you mean `lead.first_name`?"), "{text}");
    assert!(text.contains("hot/call.j2:1:4"), "{text}");
    assert_eq!(text.matches("error[LP0602]:").count(), 1, "{text}");
}

#[test]
fn an_empty_unsubscribe_wording_turns_the_warning_off() {
    let dir = workspace(&[(
        "leadplay.yaml",
        "sender: {name: A, email: a@b.co, company: C}\nunsubscribe_wording: []\n",
    )]);
    let text = lint_text(dir.path(), None);
    assert!(!text.contains("unsubscribe"), "{text}");
    assert!(
        text.contains("warning[LP0116]: segment `dormant` is never used"),
        "{text}"
    );
}

#[test]
fn wording_from_the_config_is_matched_ignoring_case() {
    let dir = workspace(&[(
        "leadplay.yaml",
        "sender: {name: A, email: a@b.co, company: C}\nunsubscribe_wording: [\"FIT SCORE\"]\n",
    )]);
    let text = lint_text(dir.path(), None);
    // follow_up says "fit score"; its zh-TW variant and follow_up_2 (via the footer) do not.
    assert!(!text.contains("`warm/follow_up` has no"), "{text}");
    assert!(text.contains("`warm/follow_up` (zh-TW) has no"), "{text}");
    assert!(text.contains("`warm/follow_up_2` has no"), "{text}");
}

#[test]
fn a_segment_used_only_by_another_segment_is_used() {
    let play = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint/playbooks/main.play"),
    )
    .unwrap()
    .replace(
        "segment dormant    = stage == \"lost\"",
        "segment dormant    = stage == \"lost\"\nsegment gone = dormant and not enterprise",
    );
    let dir = workspace(&[("playbooks/main.play", &play)]);
    let text = lint_text(dir.path(), None);
    assert!(!text.contains("`dormant` is never used"), "{text}");
    assert!(
        text.contains("warning[LP0116]: segment `gone` is never used"),
        "{text}"
    );
}

fn report(dir: &Path) -> LeadsReport {
    let mut ws = Workspace::open(dir).unwrap();
    let loaded = load(&mut ws, &CheckOptions::default());
    let program = loaded.program.unwrap();
    let reader = LeadReader::open(&dir.join("leads.csv"), "leads.csv", LeadFormat::Csv).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    scan_leads(reader, &program, as_of).unwrap()
}

#[test]
fn leads_report_on_the_fixture() {
    let dir = workspace(&[]);
    let report = report(dir.path());
    assert_eq!((report.row_errors.len(), report.bad_cells.len()), (0, 2));
    insta::assert_snapshot!(report.to_string());
}

#[test]
fn mixed_case_variants_are_grouped_most_common_first() {
    let dir = workspace(&[]);
    let report = report(dir.path());
    let industry = report
        .quality
        .fields
        .iter()
        .find(|f| f.name == "industry")
        .unwrap();
    let top = industry.top_values();
    assert_eq!(top[0].total, 4);
    assert_eq!(
        top[0].to_string(),
        "saas 2, \" saas\" 1, SaaS 1 — 3 variants of one value"
    );
    assert_eq!(
        top[1].to_string(),
        "Retail 2, retail 1 — 2 variants of one value"
    );
    let employees = report
        .quality
        .fields
        .iter()
        .find(|f| f.name == "employees")
        .unwrap();
    assert_eq!((employees.missing, employees.invalid), (1, 1));
    assert_eq!(
        employees.invalid_example,
        Some((
            "line 4".to_string(),
            "12k".to_string(),
            "is not a number".to_string()
        ))
    );
}

#[test]
fn a_file_where_every_rule_fires_says_so() {
    let dir = workspace(&[(
        "leads.csv",
        "id,first_name,email,industry,employees,stage,replied,bounced\n\
         A,a,a@a.co,saas,5000,new,no,no\nB,b,b@b.co,gaming,10,won,no,yes\n\
         C,c,c@c.co,retail,10,nurture,no,no\nD,d,,retail,10,new,no,no\n\
         E,e,e@e.co,fintech,10,new,no,no\nF,f,f@f.co,gaming,10,new,yes,no\n",
    )]);
    let report = report(dir.path());
    assert!(report.coverage.is_complete(), "{}", report.coverage);
    assert!(
        report
            .to_string()
            .contains("every rule fires for at least one lead")
    );
}
