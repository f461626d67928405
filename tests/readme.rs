//! The README under test: every `$ leadplay …` command the README shows is run, in the
//! order a newcomer reads them, in one fresh workspace (the repository's starter
//! playbooks, `leadplay.yaml` and `examples/`), and its output compared with the lines
//! shown under it.
//!
//! The rules, kept simple so a README section can be fixed at a glance:
//!
//! - Only fenced blocks (```` ``` ```` or ```` ```sh ````/```` ```console ````) are read.
//!   In them, a line starting with `$ leadplay ` is a command; `$ cargo run --release --`
//!   counts as `$ leadplay`. The lines after it, up to the next `$ ` line or the end of
//!   the block, are its expected output: stdout, then stderr, as a terminal shows them.
//! - Blocks without a `$ ` line (syntax sketches, `leadplay diff main` lists) are not run.
//! - Expected lines match exactly (trailing white space ignored). A line that starts
//!   with `…` (after its indentation) matches any number of lines, none included; a
//!   `…` inside a line matches any text there (a commit hash, a timing).
//! - A trailing `| head -N` keeps the first N lines of stdout.
//! - Before a block, `<!-- readme-test: replace FILE :: FROM :: TO -->` edits a file of
//!   the workspace for that block only (to show a mistake and its diagnostics); the
//!   file is restored after the block.
//! - Before a block, `<!-- readme-test: git commit -->` commits the workspace as it is
//!   to a git repository (made on first use) before the block's edits, so `leadplay
//!   diff HEAD` compares the edited working tree with it.
//! - The exit code is not compared, but a panic (101) fails the test.

mod common;

use common::Ws;
use std::path::Path;

/// One `$ leadplay …` command and what the README shows under it.
#[derive(Debug)]
struct Example {
    line: usize,
    args: Vec<String>,
    head: Option<usize>,
    expected: Vec<String>,
}

/// A fenced block with its commands and the edits to make before it.
#[derive(Debug, Default)]
struct Block {
    commit_first: bool,
    edits: Vec<(String, String, String)>,
    examples: Vec<Example>,
}

fn parse_readme(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending_edits = Vec::new();
    let mut pending_commit = false;
    let mut current: Option<Block> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None => {
                    current = Some(Block {
                        commit_first: std::mem::take(&mut pending_commit),
                        edits: std::mem::take(&mut pending_edits),
                        examples: Vec::new(),
                    })
                }
            }
            continue;
        }
        let Some(block) = current.as_mut() else {
            if trimmed == "<!-- readme-test: git commit -->" {
                pending_commit = true;
            }
            if let Some(edit) = trimmed
                .strip_prefix("<!-- readme-test: replace ")
                .and_then(|rest| rest.strip_suffix("-->"))
            {
                let parts: Vec<&str> = edit.split(" :: ").map(str::trim).collect();
                assert_eq!(parts.len(), 3, "README line {}: FILE :: FROM :: TO", n + 1);
                pending_edits.push((parts[0].into(), parts[1].into(), parts[2].into()));
            }
            continue;
        };
        let command = line
            .strip_prefix("$ leadplay ")
            .or_else(|| line.strip_prefix("$ cargo run --release -- "));
        if let Some(command) = command {
            let (command, head) = match command.split_once(" | head -") {
                Some((c, n)) => (c, Some(n.trim().parse().expect("head -N"))),
                None => (command, None),
            };
            block.examples.push(Example {
                line: n + 1,
                args: command.split_whitespace().map(String::from).collect(),
                head,
                expected: Vec::new(),
            });
        } else if line.starts_with("$ ") {
            panic!(
                "README line {}: only `$ leadplay` commands can be run",
                n + 1
            );
        } else if let Some(example) = block.examples.last_mut() {
            example.expected.push(line.trim_end().to_string());
        }
    }
    blocks.retain(|b| !b.examples.is_empty());
    blocks
}

/// Whether `actual` matches `expected`, where a line starting with `…` matches any
/// number of lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim_start().starts_with('…') => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && matches(rest, more)),
    }
}

/// One line: exact (trailing white space ignored), or with a `…` standing for any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let actual = actual.trim_end();
    match expected.split_once('…') {
        Some((before, after)) => {
            actual.len() >= before.len() + after.len()
                && actual.starts_with(before)
                && actual.ends_with(after)
        }
        None => actual == expected,
    }
}

/// Commits the workspace as it is (a repository is made on first use).
fn commit(ws: &Ws) {
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(&ws.root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &ws.root)
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
    };
    if !ws.root.join(".git").exists() {
        git(&["init", "-q"]);
        git(&["config", "user.name", "leadplay readme test"]);
        git(&["config", "user.email", "readme@example.com"]);
        git(&["config", "commit.gpgsign", "false"]);
    }
    git(&["add", "-A"]);
    git(&["commit", "-q", "--allow-empty", "-m", "readme"]);
}

fn run(ws: &Ws, example: &Example) -> Vec<String> {
    let args: Vec<&str> = example.args.iter().map(String::as_str).collect();
    let out = ws.run(&args);
    assert_ne!(
        out.code, 101,
        "README line {}: panicked: {}",
        example.line, out.stderr
    );
    let mut stdout: Vec<&str> = out.stdout.lines().collect();
    if let Some(n) = example.head {
        stdout.truncate(n);
    }
    stdout
        .into_iter()
        .chain(out.stderr.lines())
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[test]
fn every_command_in_the_readme_gives_the_output_it_shows() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let blocks = parse_readme(&readme);
    assert!(
        blocks.len() >= 5,
        "README blocks with commands: {}",
        blocks.len()
    );
    let ws = Ws::starter();
    let mut failures = Vec::new();
    for block in &blocks {
        if block.commit_first {
            commit(&ws);
        }
        let originals: Vec<(String, String)> = block
            .edits
            .iter()
            .map(|(file, from, to)| {
                let text = ws.read(file);
                assert!(text.contains(from.as_str()), "{file} lacks `{from}`");
                ws.write(file, &text.replacen(from.as_str(), to, 1));
                (file.clone(), text)
            })
            .collect();
        for example in &block.examples {
            let actual = run(&ws, example);
            let actual_refs: Vec<&str> = actual.iter().map(String::as_str).collect();
            if !matches(&example.expected, &actual_refs) {
                failures.push(format!(
                    "README line {}: `leadplay {}`\n--- the README shows\n{}\n--- the command printed\n{}",
                    example.line,
                    example.args.join(" "),
                    example.expected.join("\n"),
                    actual.join("\n")
                ));
            }
        }
        // In reverse: with two edits of one file, the first original is the true one.
        for (file, text) in originals.into_iter().rev() {
            ws.write(&file, &text);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_runner_matches_ellipses_and_reads_directives() {
    let lines = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    assert!(matches(&lines("a\n…\nd"), &["a", "b", "c", "d"]));
    assert!(matches(&lines("a\n  …\nd"), &["a", "d"]));
    assert!(!matches(&lines("a\nd"), &["a", "b", "d"]));
    assert!(!matches(&lines("a\n…"), &["b"]));
    assert!(matches(
        &lines("diff HEAD (…) → tree"),
        &["diff HEAD (ec374e9) → tree"]
    ));
    assert!(!matches(
        &lines("diff HEAD (…) → tree"),
        &["diff main (ec374e9) → tree"]
    ));
    let blocks = parse_readme(
        "<!-- readme-test: replace p.play :: x :: y -->\n```\n$ leadplay check | head -2\nok\n…\n```\n```\nleadplay diff main\n```\n",
    );
    assert_eq!(blocks.len(), 1);
    assert!(!blocks[0].commit_first);
    assert_eq!(
        blocks[0].edits,
        vec![("p.play".into(), "x".into(), "y".into())]
    );
    assert_eq!(blocks[0].examples[0].args, vec!["check"]);
    assert_eq!(blocks[0].examples[0].head, Some(2));
    assert_eq!(blocks[0].examples[0].expected, vec!["ok", "…"]);
}
