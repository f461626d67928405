//! Golden-file tests: every folder under `tests/cases/` is a small workspace plus a
//! `cmd` file holding the leadplay command line(s) to run in it, one per line. The
//! combined exit code, stdout and stderr of each command are compared with the insta
//! snapshot `tests/snapshots/golden__<case>.snap`, which a non-Rust reader can follow.
//!
//! A case may name example exports to copy in (`.examples`, one file name a line).
//!
//! To add a case: make the folder, write `cmd`, run `cargo insta test --accept` (or
//! `INSTA_UPDATE=always cargo test --test golden`) and review the new snapshot.

mod common;

use assert_cmd::Command;
use common::copy_dir;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Runs each line of `cmd` in a fresh copy of the case folder and records the output.
/// A case with a `.starter` file starts from the repository's own `playbooks/` and
/// `leadplay.yaml`, with the case's files laid over them.
fn run_case(case: &Path) -> String {
    let temp = tempfile::tempdir().unwrap();
    let work = temp.path().join("ws");
    if case.join(".starter").is_file() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("playbooks"), &work.join("playbooks"));
        std::fs::copy(repo.join("leadplay.yaml"), work.join("leadplay.yaml")).unwrap();
    }
    copy_dir(case, &work);
    // `.examples` names files of the repository's `examples/` to copy in, one a line:
    // the golden tests run over the very exports the README shows.
    if let Ok(list) = std::fs::read_to_string(case.join(".examples")) {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in list.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::copy(repo.join("examples").join(name), work.join(name)).unwrap();
        }
    }
    let script = std::fs::read_to_string(case.join("cmd")).unwrap();
    let mut transcript = String::new();
    for line in script
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let args: Vec<&str> = line.split_whitespace().collect();
        let output = Command::cargo_bin("leadplay")
            .unwrap()
            .current_dir(&work)
            .env("NO_COLOR", "1")
            .args(&args)
            .output()
            .unwrap();
        transcript.push_str(&format!("$ leadplay {line}\n"));
        transcript.push_str(&format!("exit: {}\n", output.status.code().unwrap_or(-1)));
        for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            if !text.is_empty() {
                transcript.push_str(&format!("--- {name}\n{text}"));
                if !text.ends_with('\n') {
                    transcript.push('\n');
                }
            }
        }
        transcript.push('\n');
    }
    if case.join(".show-files").is_file() {
        transcript.push_str(&list_files(&work));
    }
    // `.show` names further files to include, one path per line.
    if let Ok(list) = std::fs::read_to_string(case.join(".show")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            let text = std::fs::read_to_string(work.join(rel)).unwrap_or_default();
            transcript.push_str(&format!("=== {rel}\n{text}"));
        }
    }
    transcript
}

/// Every file the commands created or changed under `drafts/` and `.leadplay/`, with contents.
fn list_files(work: &Path) -> String {
    let mut out = String::new();
    let mut files = Vec::new();
    for dir in ["drafts", ".leadplay", "pages"] {
        collect(&work.join(dir), &mut files);
    }
    files.sort();
    for f in files {
        let rel = f
            .strip_prefix(work)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&f)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        // A review page is listed by the drafts in its queue, not its markup (its
        // rendering is tested in a browser, tests/review_page.rs).
        let text = if rel.ends_with(".html") {
            review_queue(&text)
        } else {
            text
        };
        out.push_str(&format!("=== {rel}\n{text}"));
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The links of a review page's queue, one per line.
fn review_queue(page: &str) -> String {
    let mut out = String::from("review page; its queue:\n");
    for piece in page.split("<a class=\"file\" href=\"").skip(1) {
        let href = piece.split('"').next().unwrap_or_default();
        out.push_str(&format!("  {href}\n"));
    }
    out
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if e.path().is_dir() {
            collect(&e.path(), files);
        } else {
            files.push(e.path());
        }
    }
}

#[test]
fn golden_cases() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("cmd").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no golden cases found");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let transcript = run_case(&case);
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("case", transcript);
        });
    }
}
