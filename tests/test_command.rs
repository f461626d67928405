//! `leadplay test` on real files: a passing suite, failing cases, `--filter`, broken test
//! files, and a workspace without tests. Each test runs the real binary.

mod common;
use common::{Test, Ws};

/// A failing copy of the first starter case (the demo request is hot, not warm).
const FAILING: &str = "\
- name: a demo request makes a lead warm
  as_of: 2026-11-27
  lead: { id: f1, email: dana@acme.example, industry: saas, employees: 5000, stage: demo_requested }
  expect:
    tier: warm
    scores: { fit: 35 }
    drafts: [warm/follow_up]
";

#[test]
fn the_starter_suite_passes() {
    let ws = Ws::starter();
    let out = ws.run(&["test"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("ok   01-tiers.yaml: a demo request makes a lead hot\n"),
        "{}",
        out.stdout
    );
    let last = out.stdout.lines().last().unwrap();
    let passed: usize = last
        .strip_suffix(" passed, 0 failed")
        .unwrap()
        .parse()
        .unwrap();
    assert!(passed >= 10, "{last}");
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.starts_with("ok   "))
            .count(),
        passed
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn a_failing_case_shows_expected_actual_and_the_trace_and_exits_1() {
    let ws = Ws::starter();
    ws.write("playbooks/tests/99-failing.yaml", FAILING);
    let out = ws.run(&["test"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let stdout = &out.stdout;
    assert!(
        stdout.contains("FAILED 99-failing.yaml: a demo request makes a lead warm\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    tier: expected warm, actual hot\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    drafts: expected [warm/follow_up], actual [hot/briefing]\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("scores.fit"),
        "a matching key is not listed: {stdout}"
    );
    assert!(stdout.contains("    explain:\n"), "{stdout}");
    assert!(
        stdout.contains("hot when stage == \"demo_requested\"       true  <- tier"),
        "{stdout}"
    );
    let last = stdout.lines().last().unwrap();
    assert!(last.ends_with(" passed, 1 failed"), "{last}");
}

#[test]
fn filter_runs_only_matching_cases_ignoring_case() {
    let ws = Ws::starter();
    ws.write("playbooks/tests/99-failing.yaml", FAILING);
    let out = ws.run(&["test", "--filter", "SUPPRESSED"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines.len() >= 3, "{}", out.stdout);
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("ok   ") && line.contains("suppressed"),
            "{line}"
        );
    }
    assert_eq!(
        *lines.last().unwrap(),
        format!("{} passed, 0 failed", lines.len() - 1)
    );

    let out = ws.run(&["test", "--filter", "demo request makes a lead WARM"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.ends_with("0 passed, 1 failed\n"),
        "{}",
        out.stdout
    );

    let out = ws.run(&["test", "--filter", "no such case"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "0 passed, 0 failed\n");
    assert!(
        out.stderr
            .contains("warning: no case name contains `no such case`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_broken_test_file_is_a_diagnostic_with_file_and_line() {
    let broken = "playbooks/tests/05-broken.yaml";
    Test::starter()
        .file(
            broken,
            "- name: typo\n  as_of: 2026-11-27\n  lead: { id: b1 }\n  expect:\n    tier: hott\n",
        )
        .args(["test"])
        .status(1)
        .stderr_contains("error[LP0708]: no tier `hott`")
        .stderr_contains("playbooks/tests/05-broken.yaml:5:11")
        .stderr_contains("did you mean `hot`?")
        .stderr_contains("1 error in the tests; nothing was run")
        // Nothing ran.
        .stdout("")
        .run()
        .then()
        .file(
            broken,
            "- name: typo\n  as_of: 2026-11-27\n  lead: { id: b1 }\n  expects: { tier: hot }\n",
        )
        .args(["test"])
        .status(1)
        .stderr_contains("error[LP0709]: unknown field `expects`")
        .stderr_contains("playbooks/tests/05-broken.yaml:4:3")
        .run()
        .then()
        .file(broken, "- name: [unclosed\n")
        .args(["test"])
        .status(1)
        .stderr_contains("playbooks/tests/05-broken.yaml:")
        .run();
}

#[test]
fn a_lead_that_does_not_fit_the_fields_fails_its_case() {
    Test::starter()
        .file(
            "playbooks/tests/05-row.yaml",
            "- name: bad employees\n  as_of: 2026-11-27\n  lead: { id: r1, email: a@b.example, employees: 12k }\n  expect: { tier: cold }\n",
        )
        .args(["test", "--filter", "bad employees"])
        .status(1)
        .stdout_contains("FAILED 05-row.yaml: bad employees\n")
        .stdout_contains(
            "playbooks/tests/05-row.yaml:3: field `employees`: `12k` is not a number\n",
        )
        .run();
}

#[test]
fn no_test_files_passes_with_a_warning() {
    let ws = Ws::starter();
    std::fs::remove_dir_all(ws.root.join("playbooks/tests")).unwrap();
    Test::in_workspace(ws)
        .args(["test"])
        .stdout("0 passed, 0 failed\n")
        .stderr_contains("warning: no test cases in `playbooks/tests/*.yaml`")
        .run();
}

#[test]
fn a_broken_program_is_reported_before_any_test() {
    Test::starter()
        .file(
            "playbooks/05-broken.play",
            "tiers {\n  hot when nope >= 1\n}\n",
        )
        .args(["test"])
        .status(1)
        .stderr_contains("playbooks/05-broken.play")
        .stdout("")
        .run();
}
