//! Reliability (issue 14): closed pipes, locks, leftovers, hostile dates and paths — the
//! real binary on real workspaces.

mod common;

use common::Ws;
use std::process::{Command, Stdio};

const AS_OF: &str = "2026-11-27";

/// Runs `leadplay ARGS` in `ws` through bash with `REDIRECT` and the reading side of the
/// pipe closed before anything is written; returns leadplay's exit code and what reached
/// the terminal's stderr.
fn run_into_closed_pipe(ws: &Ws, args: &str, redirect: &str) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("leadplay");
    // `{ exec 0<&-; sleep 0.3; }` closes the pipe's read end at once and outlives the
    // writer's first writes, so every write after that fails with EPIPE.
    let script = format!(
        "'{}' {args} {redirect} | {{ exec 0<&-; sleep 0.3; }}; exit ${{PIPESTATUS[0]}}",
        bin.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&ws.root)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_quiet(case: &str, (code, stderr): (i32, String)) {
    assert_ne!(code, 101, "{case}: panicked: {stderr}");
    assert!(code == 0 || code == 1, "{case}: exit {code}: {stderr}");
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    assert!(!stderr.contains("Broken pipe"), "{case}: {stderr}");
}

#[test]
fn every_command_ends_quietly_on_a_closed_stdout() {
    let ws = Ws::starter();
    let cases = [
        format!("explain L-000011 --as-of {AS_OF}"),
        format!("eval --as-of {AS_OF} --dry-run --format jsonl"),
        format!("eval --as-of {AS_OF} --dry-run --format json"),
        format!("eval --as-of {AS_OF} --dry-run --format csv"),
        format!("eval --as-of {AS_OF} --dry-run"),
        format!("check --leads examples/leads.csv --as-of {AS_OF}"),
        "test".to_string(),
        "fmt --check".to_string(),
        "--help".to_string(),
    ];
    for args in &cases {
        assert_quiet(args, run_into_closed_pipe(&ws, args, "2>/dev/null"));
    }
}

#[test]
fn every_command_ends_quietly_on_a_closed_stderr() {
    let ws = Ws::starter();
    // Row errors and warnings by the hundred, all on stderr.
    let mut csv = String::from("id,email,employees\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "L-{i:05},a{i}@b.co,{}\n",
            if i % 2 == 0 { "12k" } else { "5" }
        ));
    }
    ws.write("bad.csv", &csv);
    let cases = [
        format!("eval --leads bad.csv --as-of {AS_OF} --dry-run -v"),
        format!("eval --leads bad.csv --as-of {AS_OF} --dry-run --format jsonl"),
        format!("check --leads bad.csv --as-of {AS_OF} -v"),
        format!("explain L-00002 --leads bad.csv --as-of {AS_OF}"),
        format!("eval --leads bad.csv --as-of {AS_OF} -v"),
    ];
    for args in &cases {
        assert_quiet(args, run_into_closed_pipe(&ws, args, "2>&1 >/dev/null"));
    }
}

/// A small workspace: one score, three tiers, one playbook step per tier.
fn tiny_ws(rules: &str) -> Ws {
    let ws = Ws::empty();
    ws.write(
        "leadplay.yaml",
        "leads: leads.csv\nsender: {name: Avery, email: avery@example.com, company: Northwind}\n",
    );
    ws.write("playbooks/p.play", rules);
    for t in ["hot/call", "warm/note", "cold/letter"] {
        ws.write(
            &format!("playbooks/templates/{t}.j2"),
            "Lead {{ lead.id }} is {{ tier }}{% if previous_tier is defined %} (was {{ previous_tier }} until today){% endif %}.\n",
        );
    }
    ws
}

const TIERS_AND_PLAYBOOKS: &str = "
tiers {
  hot  when n >= 10
  warm when n >= 5
  cold otherwise
}
playbook hot owner sales {
  day 0 call \"hot/call\"
}
playbook warm owner sales {
  day 0 task \"warm/note\"
}
playbook cold owner marketing {
  day 0 mail \"cold/letter\"
}
";

#[test]
fn rule_texts_keep_their_parentheses_and_leave_comments_out() {
    let ws = tiny_ws(&format!(
        "score s {{\n  +1 when ((n)) > 1   # more than one\n  +2 when (n * 2) < 10\n}}\n\
         suppress when not (n >= 200) # big ones only\n{TIERS_AND_PLAYBOOKS}"
    ));
    ws.write("leads.csv", "id,n\nA,3\nB,300\n");
    let out = ws.run(&["eval", "--as-of", AS_OF, "--dry-run", "--format", "jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(r#""suppressed_by":"not (n >= 200)""#),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("not (n >= 200): 1"), "{}", out.stderr);
    let explain = ws.run(&["explain", "A", "--as-of", AS_OF]);
    assert!(
        explain.stdout.contains("+1 when ((n)) > 1 "),
        "{}",
        explain.stdout
    );
    assert!(
        explain.stdout.contains("+2 when (n * 2) < 10 "),
        "{}",
        explain.stdout
    );
    assert!(
        !explain.stdout.contains("more than one"),
        "{}",
        explain.stdout
    );
    assert!(
        !explain.stdout.contains("big ones only"),
        "{}",
        explain.stdout
    );
}

#[test]
fn a_50000_rule_generated_program_checks_and_evaluates() {
    let mut rules = String::from("score s {\n");
    for i in 0..50_000 {
        rules.push_str(&format!(
            "  +1 when n > 0 and company != \"the generated company number {i:05}\"  # rule {i}\n"
        ));
    }
    rules.push_str("}\n");
    assert!(rules.len() > 4_000_000, "{} bytes", rules.len());
    let ws = tiny_ws(&format!("{rules}{TIERS_AND_PLAYBOOKS}"));
    ws.write("leads.csv", "id,n,company\nA,3,x\nB,0,y\n");
    let check = ws.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let out = ws.run(&["eval", "--as-of", AS_OF, "--dry-run", "--format", "jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(r#""scores":{"s":50000}"#),
        "{}",
        out.stdout
    );
}

#[test]
fn a_dry_run_of_an_earlier_day_evaluates_without_the_state_and_says_so() {
    let ws = tiny_ws(TIERS_AND_PLAYBOOKS);
    ws.write("leads.csv", "id,n\nA,12\n");
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    let earlier = ws.run(&[
        "eval",
        "--as-of",
        "2026-11-20",
        "--dry-run",
        "--format",
        "jsonl",
    ]);
    assert_eq!(earlier.code, 0, "{}", earlier.stderr);
    assert!(
        earlier.stderr.contains("evaluated without the state"),
        "{}",
        earlier.stderr
    );
    assert!(
        earlier.stdout.contains(r#""previous_tier":null"#),
        "{}",
        earlier.stdout
    );
    let real = ws.run(&["eval", "--as-of", "2026-11-20"]);
    assert_eq!(
        real.code, 1,
        "a real run of an earlier day is still refused"
    );
}

#[test]
fn a_template_that_builds_a_huge_value_fails_that_draft_only() {
    let ws = tiny_ws(TIERS_AND_PLAYBOOKS);
    ws.write(
        "playbooks/templates/hot/call.j2",
        "{{ 'a'|indent(99999999999) }}\n",
    );
    ws.write(
        "playbooks/templates/warm/note.j2",
        "{{ [1] * 99999999999 }}\n",
    );
    ws.write("leads.csv", "id,n\nA,12\nB,6\nC,1\n");
    let out = ws.run(&["eval", "--as-of", AS_OF]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("at most 1000"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`*` would build a list of 99999999999 items"),
        "{}",
        out.stderr
    );
    // The cold draft and the state are written, the lock released.
    assert_eq!(ws.drafts().len(), 1);
    assert!(ws.read(".leadplay/state.jsonl").contains("\"C\""));
    assert!(!ws.root.join(".leadplay/state.jsonl.lock").exists());
    let test = ws.run(&["test"]);
    assert_ne!(test.code, 101, "{}", test.stderr);
    // `check` sees both constant sizes before a run does.
    let check = ws.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(check.stderr.contains("call.j2:1:8"), "{}", check.stderr);
    assert!(check.stderr.contains("note.j2:1:4"), "{}", check.stderr);
}

#[test]
fn a_template_that_doubles_a_value_in_a_loop_fails_that_draft_quickly() {
    let ws = tiny_ws(TIERS_AND_PLAYBOOKS);
    ws.write(
        "playbooks/templates/hot/call.j2",
        "{% set ns = namespace(s=lead.id) %}{% for i in range(100) %}\
         {% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}\n",
    );
    ws.write("leads.csv", "id,n\nA,12\nC,1\n");
    let started = std::time::Instant::now();
    let out = ws.run(&["eval", "--as-of", AS_OF]);
    assert!(started.elapsed().as_secs() < 30);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`ns.s ~ ns.s`: `~` would build a text of 2048 KiB"),
        "{}",
        out.stderr
    );
    assert_eq!(ws.drafts().len(), 1, "the cold draft is written");
}

#[test]
fn a_reviewers_edit_is_kept_and_the_new_draft_written_beside_it() {
    let ws = tiny_ws(TIERS_AND_PLAYBOOKS);
    ws.write("leads.csv", "id,n\nA,12\n");
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    let draft = format!("drafts/{AS_OF}/sales/A--hot-call.md");
    let edited = format!("{}\nReviewer: call after 3pm.\n", ws.read(&draft));
    ws.write(&draft, &edited);
    // hot → cold → hot on the same day: the hot call is due again.
    ws.write("leads.csv", "id,n\nA,1\n");
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    ws.write("leads.csv", "id,n\nA,12\n");
    let out = ws.run(&["eval", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(ws.read(&draft), edited, "the edit survives");
    assert!(out.stderr.contains("kept as it is"), "{}", out.stderr);
    assert!(
        out.stdout.contains("kept       1 edited draft"),
        "{}",
        out.stdout
    );
    let beside: Vec<String> = ws
        .tree(&format!("drafts/{AS_OF}/sales"))
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.contains("A--hot-call.") && !p.ends_with("A--hot-call.md"))
        .collect();
    assert_eq!(beside.len(), 1, "{beside:?}");
    assert!(ws.read(&beside[0]).contains("was cold until today"));
}

#[test]
fn a_killed_runs_temp_files_are_removed_by_the_next_run() {
    let ws = tiny_ws(TIERS_AND_PLAYBOOKS);
    ws.write("leads.csv", "id,n\nA,12\n");
    let dead = u32::MAX - 1;
    let draft_temp = format!("drafts/2026-11-26/sales/.L-1--hot-call.md.{dead}-7.tmp");
    let state_temp = format!(".leadplay/state.jsonl.tmp.{dead}");
    ws.write(&draft_temp, "half a dra");
    ws.write(&state_temp, "{\"id\":");
    ws.write("drafts/2026-11-26/sales/keep.tmp", "not ours");
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    assert!(!ws.root.join(draft_temp).exists());
    assert!(!ws.root.join(state_temp).exists());
    assert!(ws.root.join("drafts/2026-11-26/sales/keep.tmp").exists());
}

#[test]
fn overlapping_paths_are_refused_by_every_command() {
    for config in [
        "outbox: .leadplay/state.jsonl\n",
        "state: drafts\n",
        "state: drafts/state.jsonl\n",
        "outbox: playbooks/out\n",
    ] {
        let ws = tiny_ws(TIERS_AND_PLAYBOOKS);
        ws.write("leads.csv", "id,n\nA,12\n");
        ws.write("leadplay.yaml", &format!("leads: leads.csv\n{config}"));
        for args in [vec!["check"], vec!["eval", "--as-of", AS_OF], vec!["test"]] {
            let out = ws.run(&args);
            assert_eq!(out.code, 1, "{config} {args:?}: {}", out.stderr);
            assert!(out.stderr.contains("overlap"), "{config}: {}", out.stderr);
        }
        assert!(!ws.root.join("drafts").exists() || config.starts_with("state: drafts"));
    }
}
