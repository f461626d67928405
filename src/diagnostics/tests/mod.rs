use super::*;
use crate::source::SourceMap;

#[test]
fn renders_code_file_line_col_caret_and_help() {
    let mut map = SourceMap::new();
    let text = "segment big = employes > 5\n".to_string();
    let file = map.add("playbooks/a.play", text);
    let d = Diagnostic::at(
        Code::UnknownName,
        Span::new(file, 14..22),
        "unknown name `employes`",
    )
    .with_help("did you mean `employees`?");
    let out = render_to_string(&map, &[d]);
    assert!(
        out.starts_with("error[LP0101]: unknown name `employes`"),
        "{out}"
    );
    assert!(out.contains("playbooks/a.play:1:15"), "{out}");
    assert!(out.contains("^^^^^^^^"), "{out}");
    assert!(out.contains("help: did you mean `employees`?"), "{out}");
}

#[test]
fn did_you_mean_picks_closest_and_rejects_far() {
    let c = ["employees", "email", "engagement"];
    assert_eq!(did_you_mean("employes", c), Some("employees"));
    assert_eq!(did_you_mean("zzzzzz", c), None);
}

mod docs;
