//! `docs/diagnostics.md` and the code table cannot drift apart: every code has its
//! section with the table's title, every section is a code, and every code is used
//! somewhere in `src/` (a code nothing reports is a documented lie).

use crate::diagnostics::Code;
use std::collections::BTreeMap;
use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `### LP0101: unknown name` headings: code → title.
fn documented() -> BTreeMap<String, String> {
    read("docs/diagnostics.md")
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .filter_map(|l| l.split_once(": "))
        .map(|(code, title)| (code.to_string(), title.to_string()))
        .collect()
}

#[test]
fn every_code_is_documented_with_its_title_and_nothing_else_is() {
    let documented = documented();
    for code in Code::ALL {
        assert_eq!(
            documented.get(code.as_str()).map(String::as_str),
            Some(code.title()),
            "docs/diagnostics.md needs `### {code}: {}`",
            code.title()
        );
    }
    let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for code in documented.keys() {
        assert!(
            known.contains(&code.as_str()),
            "{code} is documented but not a code"
        );
    }
}

/// Variant names of the code table, read from its source: `Name = "LP0101", …`.
fn variants() -> Vec<(String, String)> {
    read("src/diagnostics/code.rs")
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.trim().split_once(" = \"LP")?;
            Some((name.to_string(), format!("LP{}", rest.get(..4)?)))
        })
        .collect()
}

fn source_files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if is_reporting_source(&path) {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// A Rust file of `src/` that is neither the code table nor a test file.
fn is_reporting_source(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".rs")
        && name != "code.rs"
        && !name.ends_with("tests.rs")
        && !path.components().any(|c| c.as_os_str() == "tests")
}

#[test]
fn every_code_is_reported_somewhere_in_src() {
    let mut sources = Vec::new();
    source_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    let variants = variants();
    assert_eq!(
        variants.len(),
        Code::ALL.len(),
        "the table's lines changed shape"
    );
    for (name, code) in variants {
        let used = format!("Code::{name}");
        assert!(
            sources
                .iter()
                .any(|text| text.contains(&used) && !is_only_test(text, &used)),
            "{code} (`{used}`) is never reported in src/"
        );
    }
}

/// True when every mention of `used` in a file is inside its inline `mod tests`.
fn is_only_test(text: &str, used: &str) -> bool {
    let tests_start = text.find("#[cfg(test)]\nmod tests {").unwrap_or(text.len());
    !text[..tests_start].contains(used)
}
