use super::*;
use crate::source::Span;

#[test]
fn an_entry_has_code_place_end_and_help() {
    let mut map = SourceMap::new();
    let text = "tiers {\n  hot when 台北 > employes\n}\n".to_string();
    let file = map.add("playbooks/a.play", text);
    let start = "tiers {\n  hot when 台北 > ".len();
    let d = Diagnostic::at(
        Code::UnknownName,
        Span::new(file, start..start + 8),
        "unknown name `employes`",
    )
    .with_help("did you mean `employees`?");
    let entry = Entry::from_diagnostic(&map, &d);
    assert_eq!(entry.code, Code::UnknownName);
    assert_eq!(entry.severity, Severity::Error);
    assert_eq!(entry.file.as_deref(), Some("playbooks/a.play"));
    // Columns count characters: `台北` is two columns, not six bytes.
    assert_eq!((entry.line, entry.column), (Some(2), Some(17)));
    assert_eq!((entry.end_line, entry.end_column), (Some(2), Some(25)));
    assert_eq!(entry.help.as_deref(), Some("did you mean `employees`?"));
}

#[test]
fn the_document_counts_errors_and_warnings() {
    let entries = [
        Entry::new(Code::BadCell, "`x` is not a number".into(), None).in_file("leads.csv", Some(3)),
        Entry::new(
            Code::NoTiers,
            "the program has no `tiers` block".into(),
            None,
        ),
    ];
    let doc: serde_json::Value = serde_json::from_str(&document(&entries)).unwrap();
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["warnings"], 1);
    assert_eq!(doc["diagnostics"][0]["code"], "LP0513");
    assert_eq!(doc["diagnostics"][0]["line"], 3);
    assert_eq!(doc["diagnostics"][0]["severity"], "warning");
    assert!(doc["diagnostics"][1]["file"].is_null());
}
