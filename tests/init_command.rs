//! `leadplay init`: a fresh workspace passes check, eval and test; a second init refuses.

mod common;
use common::Test;

#[test]
fn a_new_workspace_checks_evaluates_and_tests_clean() {
    let ran = Test::new()
        .args(["init", "new"])
        .stdout_contains("created a leadplay workspace in `new`")
        .stdout_contains("  playbooks/tests/01-tiers.yaml\n")
        .stdout_contains("  cd new\n")
        .run();
    assert!(
        ran.ws
            .read("new/leadplay.yaml")
            .contains("leads: leads.csv")
    );

    let ran = ran.then().args(["-C", "new", "check"]).run();
    let ran = ran
        .then()
        .args(["-C", "new", "eval", "--dry-run", "--as-of", "2026-11-27"])
        .stdout_contains("40 read from leads.csv")
        .run();
    let ran = ran.then().args(["-C", "new", "eval", "--dry-run"]).run();
    let ran = ran.then().args(["-C", "new", "test"]).run();
    assert!(
        ran.output.stdout.ends_with(" passed, 0 failed\n"),
        "{}",
        ran.output.stdout
    );
    assert!(
        !ran.ws.root.join("new/drafts").exists(),
        "dry run and test write nothing"
    );
    assert!(
        !ran.ws.root.join("new/.leadplay").exists(),
        "dry run and test write nothing"
    );
}

#[test]
fn init_twice_refuses_and_names_the_files() {
    let ran = Test::new()
        .args(["init"])
        .run()
        .then()
        .file("playbooks/03-tiers.play", "# mine\n")
        .args(["init"])
        .status(1)
        .stderr_contains("error: refusing to overwrite")
        .stderr_contains("`leadplay.yaml`")
        .stderr_contains("`playbooks/03-tiers.play`")
        .run();
    assert_eq!(
        ran.ws.read("playbooks/03-tiers.play"),
        "# mine\n",
        "nothing overwritten"
    );
}

#[test]
fn init_writes_nothing_when_one_file_exists() {
    let ran = Test::new()
        .file("leads.csv", "id\nmine\n")
        .args(["-C", ".", "init", "."])
        .status(1)
        .stderr_contains("refusing to overwrite 1 existing file: `leads.csv`")
        .run();
    assert!(!ran.ws.root.join("leadplay.yaml").exists());
    assert!(!ran.ws.root.join("playbooks").exists());
}
