//! Golden-file tests: every folder under `tests/cases/` is a small workspace plus a
//! `cmd` file holding the leadplay command line(s) to run in it, one per line. The
//! combined exit code, stdout and stderr of each command are compared with the insta
//! snapshot `tests/snapshots/case@<case>.snap`, which a non-Rust reader can follow.
//! The cases run through `insta::glob!`, so one run reports every case that differs,
//! not the first only (`INSTA_GLOB_FILTER=<case>/cmd` runs one case).
//!
//! A case may name example exports to copy in (`.examples`, one file name a line).
//!
//! To add a case: make the folder, write `cmd`, run `cargo insta test --accept` (or
//! `INSTA_UPDATE=always cargo test --test golden`) and review the new snapshot.

mod common;

use common::{Ws, copy_dir};
use std::path::{Path, PathBuf};

/// Runs each line of `cmd` in a fresh copy of the case folder and records the output.
/// A case with a `.starter` file starts from the repository's own `playbooks/` and
/// `leadplay.yaml`, with the case's files laid over them.
fn run_case(case: &Path) -> String {
    let ws = Ws::empty();
    let work = &ws.root;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if case.join(".starter").is_file() {
        copy_dir(&repo.join("playbooks"), &work.join("playbooks"));
        std::fs::copy(repo.join("leadplay.yaml"), work.join("leadplay.yaml")).unwrap();
    }
    copy_dir(case, work);
    // `.examples` names files of the repository's `examples/` to copy in, one a line:
    // the golden tests run over the very exports the README shows.
    if let Ok(list) = std::fs::read_to_string(case.join(".examples")) {
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
        let output = ws.run(&args);
        transcript.push_str(&format!("$ leadplay {line}\n"));
        transcript.push_str(&format!("exit: {}\n", output.code));
        for (name, text) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
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
        transcript.push_str(&list_files(work));
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

/// One snapshot per case, named `case@<case>` as before the cases ran through `glob!`.
#[test]
fn golden_cases() {
    insta::glob!("cases/*/cmd", |cmd| {
        let case = cmd.parent().unwrap();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let transcript = run_case(case);
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("case", transcript);
        });
    });
}
