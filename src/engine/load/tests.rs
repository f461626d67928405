use super::*;

#[test]
fn a_program_loads_from_texts_without_templates() {
    let mut sources = SourceMap::new();
    let good = sources.add(
        "REV:a.play",
        "tiers {\n  hot when x > 1\n  cold otherwise\n}\n".to_string(),
    );
    let loaded = load_from_sources(&sources, &[good], &CheckOptions::default());
    let program = loaded.program.as_ref().unwrap();
    assert_eq!(program.tiers, ["hot", "cold"].map(std::sync::Arc::from));
    assert!(loaded.templates.is_none() && loaded.ready().is_none());
    let bad = sources.add("REV:b.play", "tiers {\n  hot when\n}\n".to_string());
    let loaded = load_from_sources(&sources, &[bad], &CheckOptions::default());
    assert!(loaded.program.is_none());
    let text = diagnostics::render_to_string(&sources, &loaded.diagnostics);
    assert!(text.contains("REV:b.play:"), "{text}");
}
