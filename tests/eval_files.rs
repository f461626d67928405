//! `eval` on real files: determinism, dry runs, hostile lead data, template errors,
//! crash recovery. Each test runs the real binary in a temporary workspace.

mod common;
use common::Ws;

const AS_OF: &str = "2026-11-27";

#[test]
fn two_runs_in_two_directories_are_byte_identical() {
    let (a, b) = (Ws::starter(), Ws::starter());
    for ws in [&a, &b] {
        let out = ws.run(&["eval", "--as-of", AS_OF, "--format", "jsonl"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let drafts_a = a.tree("drafts");
    assert!(drafts_a.len() > 100, "the starter run drafts real messages");
    assert_eq!(drafts_a, b.tree("drafts"));
    assert_eq!(
        a.read(".leadplay/state.jsonl"),
        b.read(".leadplay/state.jsonl")
    );
    let out_a = a.run(&["eval", "--as-of", "2026-11-30", "--format", "csv", "-q"]);
    let out_b = b.run(&["eval", "--as-of", "2026-11-30", "--format", "csv", "-q"]);
    assert_eq!(out_a.stdout, out_b.stdout);
    assert_eq!(a.tree("drafts"), b.tree("drafts"));
}

#[test]
fn dry_run_writes_nothing_at_all() {
    let ws = Ws::starter();
    let before = ws.tree("");
    let out = ws.run(&["eval", "--as-of", AS_OF, "--dry-run", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("\"drafts\":[{"),
        "dry run still lists due drafts"
    );
    assert_eq!(ws.tree(""), before, "no draft, state or lock file appeared");
}

#[test]
fn the_state_lists_leads_sorted_and_a_second_run_drafts_nothing() {
    let ws = Ws::starter();
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    let state = ws.read(".leadplay/state.jsonl");
    let ids: Vec<String> = state
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let drafts = ws.drafts();
    let again = ws.run(&["eval", "--as-of", AS_OF]);
    assert!(
        again.stdout.contains("drafts     none due"),
        "{}",
        again.stdout
    );
    assert_eq!(ws.drafts(), drafts);
}

const SENDER: &str = "sender: {name: Avery, email: avery@example.com, company: Northwind}\n";

const HOSTILE_PROGRAM: &str = r#"
tiers {
  hot otherwise
}
playbook hot owner sales {
  day 0 email "hello"
  day 0 call "brief"
}
"#;

#[test]
fn hostile_lead_data_cannot_escape_the_outbox_or_add_headers() {
    let ws = Ws::empty();
    ws.write("leadplay.yaml", SENDER);
    ws.write("playbooks/p.play", HOSTILE_PROGRAM);
    ws.write(
        "playbooks/templates/hello.j2",
        "---\nsubject: \"Hi {{ lead.company }}\"\n---\nHello {{ lead.name }}. Unsubscribe: reply STOP.\n",
    );
    ws.write(
        "playbooks/templates/brief.j2",
        "Call {{ lead.name }} at {{ lead.company }}.\n",
    );
    let long = "x".repeat(300);
    let leads = serde_json::json!([
        {"id": "../../escape", "name": "Eve", "email": "eve@example.com", "company": "Evil\r\nBcc: all@victim.example"},
        {"id": "a/b\\c", "name": "Mallory\r\nX-Injected: yes", "email": "m@example.com", "company": "ACME"},
        {"id": "CON", "name": "Con", "email": "con@example.com", "company": "c"},
        {"id": long, "name": long, "email": "long@example.com", "company": long},
        {"id": "emoji-🚀\u{7}", "name": "Rocket", "email": "r@example.com", "company": "r"},
        {"id": "bad-address", "name": "Bad", "email": "bad@example.com\r\nBcc: x@y.z", "company": "b"}
    ]);
    ws.write("leads.json", &leads.to_string());
    let out = ws.run(&["eval", "--leads", "leads.json", "--as-of", AS_OF]);
    // The malformed address fails its email draft (reported, exit 1); the rest is written.
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("bad-address"), "{}", out.stderr);

    let outbox = ws.root.join("drafts").canonicalize().unwrap();
    let files = ws.tree("");
    let drafts: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("drafts/") && !p.ends_with("/index.html"))
        .collect();
    assert_eq!(
        drafts.len(),
        11,
        "6 calls + 5 emails: {:?}",
        drafts.iter().map(|d| &d.0).collect::<Vec<_>>()
    );
    for (path, bytes) in &drafts {
        let full = ws.root.join(path).canonicalize().unwrap();
        assert!(full.starts_with(&outbox), "{path} escaped the outbox");
        let name = full.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.len() < 200, "{name}");
        assert!(!name.chars().any(char::is_control), "{name:?}");
        if path.ends_with(".eml") {
            let text = String::from_utf8_lossy(bytes);
            let headers = text.split("\r\n\r\n").next().unwrap();
            for line in headers.split("\r\n") {
                let lower = line.to_ascii_lowercase();
                assert!(
                    !lower.starts_with("bcc:") && !lower.starts_with("x-injected"),
                    "{line}"
                );
            }
            let parsed = mail_parser::MessageParser::default()
                .parse(bytes.as_slice())
                .unwrap();
            assert!(parsed.bcc().is_none());
        }
    }
    assert!(
        files
            .iter()
            .all(|(p, _)| !p.contains("escape") || p.starts_with("drafts/"))
    );
}

#[test]
fn a_template_error_is_reported_the_step_stays_due_and_the_run_goes_on() {
    let ws = Ws::empty();
    ws.write("leadplay.yaml", SENDER);
    ws.write("playbooks/p.play", HOSTILE_PROGRAM);
    ws.write(
        "playbooks/templates/hello.j2",
        "---\nsubject: Hi\n---\nHello {{ lead.frist_name }}. unsubscribe\n",
    );
    ws.write("playbooks/templates/brief.j2", "Call {{ lead.name }}.\n");
    ws.write(
        "leads.csv",
        "id,name,email\nL1,Ann,ann@example.com\nL2,Bo,bo@example.com\n",
    );
    let out = ws.run(&["eval", "--leads", "leads.csv", "--as-of", AS_OF]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("hello.j2:4"),
        "names file and line: {}",
        out.stderr
    );
    assert!(out.stderr.contains("lead.frist_name"), "{}", out.stderr);
    assert_eq!(ws.drafts().len(), 2, "the two call briefs were written");

    // Fix the template: the failed steps are due again, and only they are drafted.
    ws.write(
        "playbooks/templates/hello.j2",
        "---\nsubject: Hi\n---\nHello {{ lead.name }}. unsubscribe\n",
    );
    let out = ws.run(&[
        "eval",
        "--leads",
        "leads.csv",
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.matches("\"template\":\"hello\"").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("\"template\":\"brief\"").count(), 0);
    assert_eq!(ws.drafts().len(), 4);
}

#[test]
fn a_crash_between_drafts_and_state_is_recovered_exactly_once() {
    let ws = Ws::starter();
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    let drafts = ws.drafts();
    // As if the run died after writing the drafts but before the state: no state at all.
    std::fs::remove_file(ws.root.join(".leadplay/state.jsonl")).unwrap();
    assert_eq!(ws.run(&["eval", "--as-of", AS_OF]).code, 0);
    assert_eq!(
        ws.drafts(),
        drafts,
        "the same drafts, same files, no duplicates"
    );
    let again = ws.run(&["eval", "--as-of", AS_OF]);
    assert!(again.stdout.contains("none due"), "{}", again.stdout);
}

#[test]
fn a_lock_file_left_by_a_killed_run_does_not_block_the_next() {
    let ws = Ws::starter();
    ws.write(
        ".leadplay/state.jsonl.lock",
        "{\"pid\":999999999,\"since\":\"2026-11-27T08:00:00Z\"}",
    );
    let out = ws.run(&["eval", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_held_lock_stops_a_second_run_after_a_short_wait_naming_the_holder() {
    let ws = Ws::starter();
    let state = ws.root.join(".leadplay/state.jsonl");
    let _held = leadplay::StateLock::acquire_waiting(&state, std::time::Duration::ZERO)
        .expect("the test takes the lock");
    let out = assert_cmd::Command::cargo_bin("leadplay")
        .unwrap()
        .current_dir(&ws.root)
        .env("LEADPLAY_LOCK_WAIT", "0.3")
        .args(["eval", "--as-of", AS_OF])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("state.jsonl.lock"), "{stderr}");
    assert!(
        stderr.contains(&format!("pid {}", std::process::id())),
        "names the holder: {stderr}"
    );
    assert!(stderr.contains("waited 0.3 s"), "{stderr}");
    assert!(!ws.root.join("drafts").exists(), "nothing written");
}

#[test]
fn leads_come_from_stdin_with_an_explicit_format() {
    let ws = Ws::starter();
    let csv = ws.read("examples/leads.csv");
    let out = assert_cmd::Command::cargo_bin("leadplay")
        .unwrap()
        .current_dir(&ws.root)
        .args([
            "eval",
            "--leads",
            "-",
            "--leads-format",
            "csv",
            "--as-of",
            AS_OF,
            "--dry-run",
            "--format",
            "csv",
            "-q",
        ])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 301, "header + 300 leads");
}

#[test]
fn dash_c_runs_in_another_directory() {
    let ws = Ws::starter();
    let out = assert_cmd::Command::cargo_bin("leadplay")
        .unwrap()
        .args([
            "-C",
            ws.root.to_str().unwrap(),
            "eval",
            "--as-of",
            AS_OF,
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("300 read from examples/leads.csv"));
}

#[test]
fn email_steps_without_a_from_address_fail_check_once() {
    let ws = Ws::empty();
    ws.write("playbooks/p.play", HOSTILE_PROGRAM);
    ws.write("playbooks/templates/hello.j2", "Hello. unsubscribe\n");
    ws.write("playbooks/templates/brief.j2", "Call.\n");
    let out = ws.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("need a From address for owner `sales`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("sender.email"), "{}", out.stderr);
}

#[test]
fn unsorted_exports_come_out_sorted_and_the_later_duplicate_is_the_row_error() {
    let ws = Ws::empty();
    ws.write(
        "playbooks/p.play",
        "tiers {\n  hot when n > 5\n  cold otherwise\n}\n",
    );
    // Enough rows for several batches, in reverse id order, with one duplicate at the end.
    let mut csv = String::from("id,n\n");
    for i in (0..20_000).rev() {
        csv.push_str(&format!("L{i:05},{}\n", i % 10));
    }
    csv.push_str("L00042,9\n");
    ws.write("leads.csv", &csv);
    let out = ws.dry_run_csv("leads.csv", AS_OF);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ids: Vec<&str> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 20_000);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id");
    assert!(
        out.stdout.contains("L00042,cold,"),
        "the first L00042 (n = 2) is kept"
    );
    assert!(
        out.stderr.contains("row 20001") && out.stderr.contains("L00042"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_review_page_balances_each_rep_against_their_capacity() {
    let ws = Ws::starter();
    let config = ws.read("leadplay.yaml");
    assert!(
        config.contains("# capacity: 15"),
        "the starter shows Mei's capacity"
    );
    ws.write(
        "leadplay.yaml",
        &config.replace("# capacity: 15", "capacity: 2 "),
    );
    let out = ws.run(&["eval", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = ws.read(&format!("drafts/{AS_OF}/index.html"));
    let drafts_of = |rep: &str| {
        let prefix = format!("drafts/{AS_OF}/sales/{rep}/");
        ws.tree("drafts")
            .iter()
            .filter(|(p, _)| p.starts_with(&prefix))
            .count()
    };
    assert_eq!(drafts_of("mei"), 2, "Mei's capacity holds");
    let mei = page
        .lines()
        .find(|l| l.starts_with("<tr><td>sales/mei</td>"))
        .unwrap_or_else(|| panic!("no row for Mei in\n{page}"));
    assert!(mei.contains("<td>2 drafts today, "), "{mei}");
    assert!(mei.contains("deferred to the next run"), "{mei}");
    assert!(
        mei.contains("<td>at most 2 per day</td><td class=\"over\">"),
        "{mei}"
    );
    let priya = format!(
        "<tr><td>sales/priya</td><td>{} drafts today</td><td>no limit of their own</td><td class=\"ok\">",
        drafts_of("priya")
    );
    assert!(page.contains(&priya), "{priya} in the page");
}

#[test]
fn an_empty_cell_is_undefined_in_a_template_so_default_covers_it() {
    let ws = Ws::empty();
    ws.write("leadplay.yaml", SENDER);
    ws.write("playbooks/p.play", HOSTILE_PROGRAM);
    ws.write(
        "playbooks/templates/hello.j2",
        "---\nsubject: Hi\n---\nHello {{ lead.name | default(\"there\") }}. unsubscribe\n",
    );
    ws.write(
        "playbooks/templates/brief.j2",
        "Call {{ lead.name | default(\"the lead\") }} ({{ lead.title | default(\"no title\") }}).\n",
    );
    // An empty cell and a cell of spaces, as CRM exports write "no value".
    ws.write(
        "leads.csv",
        "id,name,title,email\nL1,,   ,ann@example.com\n",
    );
    let out = ws.run(&["eval", "--leads", "leads.csv", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let texts: Vec<String> = ws
        .drafts()
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    assert_eq!(texts.len(), 2);
    let all = texts.concat();
    assert!(all.contains("Hello there."), "{all}");
    assert!(all.contains("Call the lead (no title)."), "{all}");
    assert!(!all.to_lowercase().contains("none"), "{all}");
}
