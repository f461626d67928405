use super::*;

#[test]
fn extensions_pick_the_format() {
    let cases = [
        ("leads.csv", LeadFormat::Csv),
        ("a/b/LEADS.CSV", LeadFormat::Csv),
        ("x.json", LeadFormat::Json),
        ("x.jsonl", LeadFormat::JsonLines),
        ("x.ndjson", LeadFormat::JsonLines),
        ("x.yaml", LeadFormat::Yaml),
        ("x.yml", LeadFormat::Yaml),
    ];
    for (path, format) in cases {
        assert_eq!(
            LeadFormat::from_path(Path::new(path)).ok(),
            Some(format),
            "{path}"
        );
    }
}

#[test]
fn unknown_extensions_and_names_are_errors_with_help() {
    let e = LeadFormat::from_path(Path::new("leads.xlsx")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot tell the format of `leads.xlsx` from its extension"
    );
    assert!(e.help().is_some_and(|h| h.contains("--leads-format")));
    assert!(LeadFormat::from_path(Path::new("-")).is_err());
    assert!(LeadFormat::from_name("xml").is_err());
}

#[test]
fn names_round_trip() {
    for format in [
        LeadFormat::Csv,
        LeadFormat::Json,
        LeadFormat::JsonLines,
        LeadFormat::Yaml,
    ] {
        assert_eq!(LeadFormat::from_name(format.name()).ok(), Some(format));
    }
    assert_eq!(
        LeadFormat::from_name("NDJSON").ok(),
        Some(LeadFormat::JsonLines)
    );
}
