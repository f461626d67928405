//! `leadplay check` on the real binary: lint diagnostics and the `--leads` report.

mod common;

use common::Test;

/// The `lint` fixture: a workspace whose playbooks and templates draw warnings.
fn lint_workspace() -> Test {
    Test::fixture_workspace("lint")
}

#[test]
fn warnings_do_not_fail_check() {
    lint_workspace()
        .args(["check"])
        .status(0)
        .stderr_contains("warning[LP0116]: segment `dormant` is never used")
        .stderr_contains("playbooks/main.play:14:9")
        .stderr_contains(
            "warning[LP0604]: email template `warm/follow_up` has no unsubscribe wording",
        )
        .stderr_contains("playbooks/templates/warm/follow_up.j2:4:1")
        // The zh-TW variant says 取消訂閱; follow_up_2 includes a footer that says it.
        .stderr_lacks("(zh-TW) has no")
        .stderr_lacks("`warm/follow_up_2` has no")
        .stderr_contains("ok: playbooks and templates check out (3 warnings)")
        .run();
}

#[test]
fn a_template_variable_typo_is_an_error_at_its_line() {
    lint_workspace()
        .edit(
            "playbooks/templates/cold/letter.j2",
            "from {{ sender.company }}",
            "from {{ sender.company }} for {{ lead.frist_name }}",
        )
        .args(["check"])
        .status(1)
        .stderr_contains("error[LP0602]: `lead.frist_name` is not a declared field")
        .stderr_contains("playbooks/templates/cold/letter.j2:3:")
        .stderr_contains("did you mean `lead.first_name`?")
        .stderr_contains("1 error in the playbooks")
        .stderr_lacks("ok:")
        .run();
}

#[test]
fn the_unsubscribe_wording_comes_from_the_config() {
    lint_workspace()
        .file(
            "leadplay.yaml",
            "leads: leads.csv\nsender: {name: A, email: a@b.co, company: C}\nunsubscribe_wording: [\"your fit score\"]\n",
        )
        .args(["check"])
        .status(0)
        .stderr_lacks("`warm/follow_up` has no")
        .stderr_contains("`warm/follow_up` (zh-TW) has no unsubscribe wording")
        .run();
}

#[test]
fn check_leads_prints_a_data_quality_and_coverage_report() {
    lint_workspace()
        .args(["check", "--leads", "leads.csv", "--as-of", "2026-11-27"])
        // Two values do not fit their type: warnings, the leads stay usable (SPEC 5).
        .status(0)
        .stderr_contains(
            "warning[LP0513]: leads.csv:4: field `employees`: `12k` is not a number; treated as missing",
        )
        .stderr_contains("leads: 8 usable, 0 with row errors")
        .stdout_contains("data quality: leads.csv, 8 records (8 usable, 0 with row errors)")
        .stdout_contains("values: 2 unreadable (employees: 1, replied: 1), treated as missing")
        .stdout_contains("employees   number    12.5%        1  e.g. line 4: `12k` is not a number")
        .stdout_contains("industry    saas 2, \" saas\" 1, SaaS 1 — 3 variants of one value")
        .stdout_contains("tiers no lead reaches:\n    nurture")
        .stdout_contains("suppress rules that hold for no lead:\n    suppress when bounced")
        .stdout_contains(
            "warm: day 3 email \"warm/follow_up_2\" when industry == \"gaming\"  (0 of 2 leads in the tier)",
        )
        .run();
}

#[test]
fn check_leads_on_clean_data_passes() {
    lint_workspace()
        .file(
            "leads.csv",
            "id,first_name,email,industry,employees,stage,replied,bounced\nA,a,a@a.co,saas,5000,new,no,no\n",
        )
        .args(["check", "--leads", "leads.csv", "--as-of", "2026-11-27"])
        .status(0)
        .stdout_contains("1 records (1 usable, 0 with row errors)")
        .stdout_contains("tiers no lead reaches:")
        .stderr_contains("ok: playbooks and templates check out")
        .run();
}
