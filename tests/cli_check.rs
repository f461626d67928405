//! `leadplay check` on the real binary: lint diagnostics and the `--leads` report.

mod common;

use common::{copy_dir, edit, fixture, leadplay};
use predicates::prelude::*;
use predicates::str::contains;

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("lint"), dir.path());
    dir
}

#[test]
fn warnings_do_not_fail_check() {
    let dir = workspace();
    leadplay(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stderr(contains("warning[LP0116]: segment `dormant` is never used"))
        .stderr(contains("playbooks/main.play:14:9"))
        .stderr(contains(
            "warning[LP0604]: email template `warm/follow_up` has no unsubscribe wording",
        ))
        .stderr(contains("playbooks/templates/warm/follow_up.j2:4:1"))
        // The zh-TW variant says 取消訂閱; follow_up_2 includes a footer that says it.
        .stderr(contains("(zh-TW) has no").not())
        .stderr(contains("`warm/follow_up_2` has no").not())
        .stderr(contains(
            "ok: playbooks and templates check out (3 warnings)",
        ));
}

#[test]
fn a_template_variable_typo_is_an_error_at_its_line() {
    let dir = workspace();
    edit(
        &dir.path().join("playbooks/templates/cold/letter.j2"),
        "from {{ sender.company }}",
        "from {{ sender.company }} for {{ lead.frist_name }}",
    );
    leadplay(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains(
            "error[LP0602]: `lead.frist_name` is not a declared field",
        ))
        .stderr(contains("playbooks/templates/cold/letter.j2:3:"))
        .stderr(contains("did you mean `lead.first_name`?"))
        .stderr(contains("1 error in the playbooks"))
        .stderr(contains("ok:").not());
}

#[test]
fn the_unsubscribe_wording_comes_from_the_config() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("leadplay.yaml"),
        "leads: leads.csv\nsender: {name: A, email: a@b.co, company: C}\nunsubscribe_wording: [\"your fit score\"]\n",
    )
    .unwrap();
    leadplay(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stderr(contains("`warm/follow_up` has no").not())
        .stderr(contains(
            "`warm/follow_up` (zh-TW) has no unsubscribe wording",
        ));
}

#[test]
fn check_leads_prints_a_data_quality_and_coverage_report() {
    let dir = workspace();
    leadplay(dir.path())
        .args(["check", "--leads", "leads.csv", "--as-of", "2026-11-27"])
        .assert()
        // Two values do not fit their type: warnings, the leads stay usable (SPEC 5).
        .code(0)
        .stderr(contains(
            "warning[LP0513]: leads.csv:4: field `employees`: `12k` is not a number; treated as missing",
        ))
        .stderr(contains("leads: 8 usable, 0 with row errors"))
        .stdout(contains("data quality: leads.csv, 8 records (8 usable, 0 with row errors)"))
        .stdout(contains("values: 2 unreadable (employees: 1, replied: 1), treated as missing"))
        .stdout(contains("employees   number    12.5%        1  e.g. line 4: `12k` is not a number"))
        .stdout(contains("industry    saas 2, \" saas\" 1, SaaS 1 — 3 variants of one value"))
        .stdout(contains("tiers no lead reaches:\n    nurture"))
        .stdout(contains("suppress rules that hold for no lead:\n    suppress when bounced"))
        .stdout(contains(
            "warm: day 3 email \"warm/follow_up_2\" when industry == \"gaming\"  (0 of 2 leads in the tier)",
        ));
}

#[test]
fn check_leads_on_clean_data_passes() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("leads.csv"),
        "id,first_name,email,industry,employees,stage,replied,bounced\nA,a,a@a.co,saas,5000,new,no,no\n",
    )
    .unwrap();
    leadplay(dir.path())
        .args(["check", "--leads", "leads.csv", "--as-of", "2026-11-27"])
        .assert()
        .code(0)
        .stdout(contains("1 records (1 usable, 0 with row errors)"))
        .stdout(contains("tiers no lead reaches:"))
        .stderr(contains("ok: playbooks and templates check out"));
}
