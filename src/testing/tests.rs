//! Loading and running cases against small workspaces, and the starter playbooks' own tests.

use super::*;
use crate::check::CheckOptions;
use crate::diagnostics::render_to_string;
use crate::engine::load;

const PROGRAM: &str = r#"
fields {
  id         text  key
  email      text
  employees  number
  replied    bool
  country    text
}
score fit {
  +0.1 when employees >= 1
  +0.2 when employees >= 2
}
tiers {
  warm when replied
  cold otherwise
}
suppress when email is missing
playbook cold owner marketing {
  day 0  mail  "cold/hello"
  day 3  mail  "cold/again"  when country == "US"
  day 5  task  "cold/broken"
}
playbook warm owner sales {
  handoff "warm/note"
  day 0  task  "warm/call"
}
"#;

/// A workspace with [`PROGRAM`] and `tests` as `playbooks/tests/t.yaml`.
fn workspace(tests: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("playbooks/p.play", PROGRAM),
        (
            "playbooks/templates/cold/hello.j2",
            "Hello {{ lead.email }}",
        ),
        ("playbooks/templates/cold/again.j2", "Again"),
        ("playbooks/templates/cold/broken.j2", "{{ 1 // 0 }}"),
        ("playbooks/templates/warm/note.j2", "Note"),
        ("playbooks/templates/warm/call.j2", "Call"),
        ("playbooks/tests/t.yaml", tests),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let ws = Workspace::open(dir.path()).unwrap();
    (dir, ws)
}

/// Loads the program and the tests; runs every case. Panics on program errors.
fn run_all(ws: &mut Workspace) -> (Vec<CaseResult>, Suite) {
    let loaded = load(ws, &CheckOptions::default());
    let ready = loaded.ready().is_some();
    assert!(
        ready,
        "{}",
        render_to_string(&ws.sources, &loaded.diagnostics)
    );
    let (Some(program), Some(templates)) = (&loaded.program, &loaded.templates) else {
        unreachable!()
    };
    let suite = load_suite(ws, program);
    let runner = Runner {
        ws,
        program,
        templates,
    };
    let results = suite
        .selected(None)
        .map(|(f, c)| runner.run(f, c))
        .collect();
    (results, suite)
}

fn errors(ws: &mut Workspace) -> String {
    let (_, suite) = run_all(ws);
    assert!(suite.has_errors(), "expected errors");
    render_to_string(&ws.sources, &suite.diagnostics)
}

fn case(body: &str) -> String {
    format!("- name: the case\n  as_of: 2026-03-10\n{body}")
}

#[test]
fn the_starter_playbooks_pass_their_own_tests() {
    let mut ws = Workspace::open(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let (results, suite) = run_all(&mut ws);
    let shown = render_to_string(&ws.sources, &suite.diagnostics);
    assert!(suite.diagnostics.is_empty(), "{shown}");
    assert!(results.len() >= 10, "{} cases", results.len());
    let failed: String = results
        .iter()
        .filter(|r| !r.passed())
        .map(|r| r.to_string())
        .collect();
    assert!(failed.is_empty(), "{failed}");
}

#[test]
fn a_passing_case() {
    let (_d, mut ws) = workspace(&case(
        "  lead: {id: a, email: a@x.co, employees: 5}\n  expect: {tier: cold, scores: {fit: 0.3}, suppressed: false, drafts: [cold/hello]}\n",
    ));
    let (results, _) = run_all(&mut ws);
    assert_eq!(results.len(), 1);
    assert!(results[0].passed(), "{}", results[0]);
    assert_eq!(results[0].to_string(), "ok   t.yaml: the case\n");
}

#[test]
fn mismatches_show_expected_and_actual_and_the_trace() {
    let (_d, mut ws) = workspace(&case(
        "  lead: {id: a, employees: 1}\n  expect:\n    tier: warm\n    scores: {fit: 0.3}\n    suppressed_by: null\n    drafts: [warm/call]\n    skipped: []\n",
    ));
    let (results, _) = run_all(&mut ws);
    let text = results[0].to_string();
    assert!(text.starts_with("FAILED t.yaml: the case\n"), "{text}");
    assert!(
        text.contains("    tier: expected warm, actual cold\n"),
        "{text}"
    );
    assert!(
        text.contains("    scores.fit: expected 0.3, actual 0.1\n"),
        "{text}"
    );
    assert!(
        text.contains("    suppressed_by: expected null, actual `email is missing`\n"),
        "{text}"
    );
    assert!(
        text.contains("    drafts: expected [warm/call], actual []\n"),
        "{text}"
    );
    assert!(
        text.contains("    skipped: expected [], actual [cold/hello]\n"),
        "{text}"
    );
    assert!(text.contains("    explain:\n"), "{text}");
    assert!(text.contains("tier: cold"), "the explain trace: {text}");
    assert!(
        text.contains("cold since 2026-03-10 (day 0)"),
        "the playbook position: {text}"
    );
}

#[test]
fn a_lead_that_does_not_coerce_fails_with_the_row_error() {
    let (_d, mut ws) = workspace(&case(
        "  lead: {id: a, email: a@x.co, employees: 12k}\n  expect: {tier: cold}\n",
    ));
    let (results, _) = run_all(&mut ws);
    assert_eq!(results[0].failures.len(), 1);
    let text = results[0].to_string();
    assert!(
        text.contains("playbooks/tests/t.yaml:3: field `employees`: `12k` is not a number"),
        "{text}"
    );
}

#[test]
fn a_state_makes_later_days_and_transitions_testable() {
    let tests = "\
- name: day 3, earlier days done
  as_of: 2026-03-10
  lead: {id: a, email: a@x.co, country: us}
  state: {tier: cold, entered: 2026-03-07}
  expect: {drafts: [cold/again], skipped: []}
- name: day 3, nothing done yet
  as_of: 2026-03-10
  lead: {id: a, email: a@x.co, country: CA}
  state: {tier: cold, entered: 2026-03-07, done: []}
  expect: {drafts: [cold/hello], skipped: [cold/again]}
- name: day 3, explicitly skipped
  as_of: 2026-03-10
  lead: {id: a, email: a@x.co, country: US}
  state: {tier: cold, entered: 2026-03-07, done: [cold/hello], skipped: [cold/again]}
  expect: {drafts: []}
- name: cold to warm
  as_of: 2026-03-10
  lead: {id: a, email: a@x.co, replied: yes}
  state: {tier: cold, entered: 2026-03-01}
  expect: {tier: warm, drafts: [warm/note, warm/call]}
";
    let (_d, mut ws) = workspace(tests);
    let (results, _) = run_all(&mut ws);
    for r in &results {
        assert!(r.passed(), "{r}");
    }
    assert_eq!(results.len(), 4);
}

#[test]
fn a_draft_that_fails_to_render_fails_the_case() {
    let (_d, mut ws) = workspace(&case(
        "  lead: {id: a, email: a@x.co}\n  state: {tier: cold, entered: 2026-03-05}\n  expect: {drafts: [cold/broken]}\n",
    ));
    let (results, _) = run_all(&mut ws);
    let text = results[0].to_string();
    assert!(!results[0].passed());
    assert!(
        text.contains("a draft failed to render: template `cold/broken`"),
        "{text}"
    );
}

#[test]
fn the_filter_ignores_case() {
    let tests = "\
- {name: Alpha one, as_of: 2026-03-10, lead: {id: a}, expect: {tier: cold}}
- {name: beta, as_of: 2026-03-10, lead: {id: b}, expect: {tier: cold}}
- {name: ALPHA two, as_of: 2026-03-10, lead: {id: c}, expect: {tier: cold}}
";
    let (_d, mut ws) = workspace(tests);
    let (_, suite) = run_all(&mut ws);
    let names: Vec<&str> = suite
        .selected(Some("alpha"))
        .map(|(_, c)| c.case.name.as_str())
        .collect();
    assert_eq!(names, ["Alpha one", "ALPHA two"]);
    assert_eq!(suite.case_count(), 3);
}

#[test]
fn names_the_program_lacks_are_errors_at_their_line() {
    let (_d, mut ws) = workspace(&case(
        "  lead: {id: a}\n  state: {tier: colt, entered: 2026-03-01}\n  expect:\n    tier: warmm\n    scores: {fitt: 1}\n    drafts: [cold/hello, cold/helo]\n",
    ));
    let text = errors(&mut ws);
    assert!(
        text.contains("error[LP0708]: no tier `colt`\n  ┌─ playbooks/tests/t.yaml:4:17"),
        "{text}"
    );
    assert!(
        text.contains("error[LP0708]: no tier `warmm`\n  ┌─ playbooks/tests/t.yaml:6:11"),
        "{text}"
    );
    assert!(text.contains("did you mean `warm`?"), "{text}");
    assert!(
        text.contains("error[LP0708]: no score `fitt`\n  ┌─ playbooks/tests/t.yaml:7:14"),
        "{text}"
    );
    assert!(
        text.contains(
            "error[LP0708]: no playbook drafts a template `cold/helo`\n  ┌─ playbooks/tests/t.yaml:8:26"
        ),
        "{text}"
    );
}

#[test]
fn steps_in_a_state_must_belong_to_its_playbook() {
    let (_d, mut ws) = workspace(&case(
        "  lead: {id: a}\n  state: {tier: cold, entered: 2026-03-11, done: [warm/call]}\n  expect: {tier: cold}\n",
    ));
    let text = errors(&mut ws);
    assert!(
        text.contains("error[LP0708]: the `cold` playbook has no step `warm/call`"),
        "{text}"
    );
    assert!(text.contains("after `as_of` 2026-03-10"), "{text}");
}

#[test]
fn shape_errors_are_placed_by_the_yaml_reader() {
    let (_d, mut ws) = workspace(&case("  lead: {id: a}\n  expct: {tier: cold}\n"));
    let text = errors(&mut ws);
    assert!(
        text.contains("error[LP0709]: unknown field `expct`"),
        "{text}"
    );
    assert!(text.contains("playbooks/tests/t.yaml:4:3"), "{text}");
    assert!(text.contains("did you mean `expect`?"), "{text}");
}

#[test]
fn unknown_lead_fields_and_duplicate_names_warn() {
    let tests = "\
- {name: same, as_of: 2026-03-10, lead: {id: a, employes: 3}, expect: {tier: cold}}
- {name: same, as_of: 2026-03-10, lead: {id: b}, expect: {tier: cold}}
";
    let (_d, mut ws) = workspace(tests);
    let (results, suite) = run_all(&mut ws);
    assert!(!suite.has_errors());
    let text = render_to_string(&ws.sources, &suite.diagnostics);
    assert!(
        text.contains("warning[LP0707]: the program has no field `employes`"),
        "{text}"
    );
    assert!(text.contains("did you mean `employees`?"), "{text}");
    assert!(
        text.contains("warning[LP0703]: two cases in this file are named `same`"),
        "{text}"
    );
    assert_eq!(results.len(), 2);
}

#[test]
fn no_tests_folder_means_no_cases() {
    let (dir, _) = workspace("");
    std::fs::remove_dir_all(dir.path().join("playbooks/tests")).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let (results, suite) = run_all(&mut ws);
    assert!(results.is_empty());
    assert!(suite.diagnostics.is_empty());
}
