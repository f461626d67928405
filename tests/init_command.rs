//! `leadplay init`: a fresh workspace passes check, eval and test; a second init refuses.

mod common;
use common::Ws;

#[test]
fn a_new_workspace_checks_evaluates_and_tests_clean() {
    let ws = Ws::empty();
    let out = ws.run(&["init", "new"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("created a leadplay workspace in `new`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("  playbooks/tests/01-tiers.yaml\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("  cd new\n"), "{}", out.stdout);
    assert!(ws.read("new/leadplay.yaml").contains("leads: leads.csv"));

    let check = ws.run(&["-C", "new", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let eval = ws.run(&["-C", "new", "eval", "--dry-run", "--as-of", "2026-11-27"]);
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    assert!(
        eval.stdout.contains("40 read from leads.csv"),
        "{}",
        eval.stdout
    );
    let eval_today = ws.run(&["-C", "new", "eval", "--dry-run"]);
    assert_eq!(eval_today.code, 0, "{}", eval_today.stderr);
    let test = ws.run(&["-C", "new", "test"]);
    assert_eq!(test.code, 0, "{}{}", test.stdout, test.stderr);
    assert!(
        test.stdout.ends_with(" passed, 0 failed\n"),
        "{}",
        test.stdout
    );
    assert!(
        !ws.root.join("new/drafts").exists(),
        "dry run and test write nothing"
    );
    assert!(
        !ws.root.join("new/.leadplay").exists(),
        "dry run and test write nothing"
    );
}

#[test]
fn init_twice_refuses_and_names_the_files() {
    let ws = Ws::empty();
    assert_eq!(ws.run(&["init"]).code, 0);
    ws.write("playbooks/03-tiers.play", "# mine\n");
    let out = ws.run(&["init"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("error: refusing to overwrite"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`leadplay.yaml`"), "{}", out.stderr);
    assert!(
        out.stderr.contains("`playbooks/03-tiers.play`"),
        "{}",
        out.stderr
    );
    assert_eq!(
        ws.read("playbooks/03-tiers.play"),
        "# mine\n",
        "nothing overwritten"
    );
}

#[test]
fn init_writes_nothing_when_one_file_exists() {
    let ws = Ws::empty();
    ws.write("leads.csv", "id\nmine\n");
    let out = ws.run(&["-C", ".", "init", "."]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("refusing to overwrite 1 existing file: `leads.csv`"),
        "{}",
        out.stderr
    );
    assert!(!ws.root.join("leadplay.yaml").exists());
    assert!(!ws.root.join("playbooks").exists());
}
