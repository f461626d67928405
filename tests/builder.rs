//! The end-to-end test builder (`tests/common/builder.rs`) itself: a test that expects
//! the wrong thing fails, and says everything that was wrong at once.

mod common;
use common::Test;

fn failure_message(test: Test) -> String {
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test.run()))
        .err()
        .expect("the run must fail");
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn every_unmet_expectation_is_reported_with_the_output() {
    let message = failure_message(
        Test::new()
            .args(["no-such-command"])
            .status(0)
            .stdout_contains("hello")
            .stderr_lacks("error"),
    );
    assert!(message.contains("`leadplay no-such-command`"), "{message}");
    assert!(message.contains("exit code 2 (expected 0)"), "{message}");
    assert!(message.contains("stdout lacks \"hello\""), "{message}");
    assert!(message.contains("stderr holds \"error\""), "{message}");
    assert!(message.contains("--- stderr\n"), "{message}");
}

#[test]
fn met_expectations_pass_and_the_workspace_carries_over() {
    let ran = Test::new()
        .file("notes.txt", "kept\n")
        .args(["--version"])
        .stdout_contains("leadplay")
        .stderr("")
        .run();
    assert_eq!(ran.output.code, 0);
    assert_eq!(
        ran.then().args(["--version"]).run().ws.read("notes.txt"),
        "kept\n"
    );
}
