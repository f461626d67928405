//! Tests of [`TemplateSet`]: loading, variants, sandbox, errors.

use super::*;
use crate::diagnostics::render_to_string;
use crate::program::Channel;
use crate::render::context::tests::sample_context;
use std::fs;

/// Writes `files` (relative path, text) into a fresh folder and loads it.
fn load(
    files: &[(&str, &str)],
) -> (
    tempfile::TempDir,
    SourceMap,
    Result<TemplateSet, Vec<Diagnostic>>,
) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let mut sources = SourceMap::new();
    let set = TemplateSet::load(dir.path(), "playbooks/templates", &mut sources);
    (dir, sources, set)
}

fn ctx() -> DraftContext {
    sample_context(Channel::Email, "warm/follow_up")
}

const FOLLOW_UP: &str = "---\nsubject: \"{{ lead.company }}: next step\"\nheaders:\n  X-Campaign: \"q4-{{ tier }}\"\n---\nHi {{ lead.first_name | default(\"there\") }},\n\n{% if lead.job_title is defined %}As {{ lead.job_title }}, you{% else %}You{% endif %} asked about pricing.\n";

#[test]
fn loads_names_front_matter_and_renders() {
    let (_d, _s, set) = load(&[
        ("warm/follow_up.j2", FOLLOW_UP),
        ("cold/postcard.j2", "Dear {{ lead.company }}\n"),
    ]);
    let set = set.unwrap();
    assert_eq!(
        set.names().collect::<Vec<_>>(),
        vec!["cold/postcard", "warm/follow_up"]
    );
    assert!(set.has("warm/follow_up"));
    assert!(!set.has("warm/follow_upp"));
    assert_eq!(
        set.expected_display("warm/x"),
        "playbooks/templates/warm/x.j2"
    );
    let out = set.render("warm/follow_up", None, &ctx()).unwrap();
    assert_eq!(out.subject.as_deref(), Some("Acme Logistics: next step"));
    assert_eq!(
        out.headers,
        vec![("X-Campaign".to_string(), "q4-warm".to_string())]
    );
    assert_eq!(
        out.body,
        "Hi Mei,\n\nAs VP Operations, you asked about pricing.\n"
    );
    assert_eq!(out.template_file, "playbooks/templates/warm/follow_up.j2");
}

#[test]
fn defaults_cover_blank_crm_fields() {
    let (_d, _s, set) = load(&[("warm/follow_up.j2", FOLLOW_UP)]);
    let mut c = ctx();
    c.lead.remove("first_name");
    c.lead.remove("job_title");
    let out = set.unwrap().render("warm/follow_up", None, &c).unwrap();
    assert_eq!(out.body, "Hi there,\n\nYou asked about pricing.\n");
}

#[test]
fn language_variants_match_case_insensitively_and_fall_back() {
    let (_d, _s, set) = load(&[
        ("warm/follow_up.j2", "Hello\n"),
        (
            "warm/follow_up.zh-TW.j2",
            "---\nsubject: 下一步\n---\n您好\n",
        ),
        ("warm/meeting.j2", "Meet?\n"),
        ("warm/meeting.zh.j2", "見面？\n"),
    ]);
    let set = set.unwrap();
    let c = ctx();
    assert_eq!(set.languages("warm/follow_up"), vec!["zh-tw".to_string()]);
    assert_eq!(
        set.render("warm/follow_up", Some("zh-tw"), &c)
            .unwrap()
            .body,
        "您好\n"
    );
    assert_eq!(
        set.render("warm/follow_up", Some("ZH_TW"), &c)
            .unwrap()
            .body,
        "您好\n"
    );
    let zh = set.render("warm/follow_up", Some("zh-TW"), &c).unwrap();
    assert_eq!(zh.subject.as_deref(), Some("下一步"));
    assert_eq!(
        zh.template_file,
        "playbooks/templates/warm/follow_up.zh-TW.j2"
    );
    assert_eq!(
        set.render("warm/follow_up", Some("fr"), &c).unwrap().body,
        "Hello\n"
    );
    assert_eq!(
        set.render("warm/follow_up", None, &c).unwrap().body,
        "Hello\n"
    );
    // zh-TW falls back to a plain zh variant.
    assert_eq!(
        set.render("warm/meeting", Some("zh-TW"), &c).unwrap().body,
        "見面？\n"
    );
}

#[test]
fn a_variant_without_its_base_does_not_count_as_present() {
    let (_d, _s, set) = load(&[("warm/x.zh-TW.j2", "您好\n")]);
    let set = set.unwrap();
    assert!(!set.has("warm/x"));
    let err = set.render("warm/x", Some("zh-TW"), &ctx()).unwrap_err();
    assert_eq!(err.message, "template file not found");
    assert_eq!(err.file, "playbooks/templates/warm/x.j2");
}

#[test]
fn strict_undefined_is_a_render_error_with_file_and_line() {
    let text = "---\nsubject: Hi\n---\nHello\n\nDear {{ lead.frist_name }},\n";
    let (_d, _s, set) = load(&[("warm/follow_up.j2", text)]);
    let err = set
        .unwrap()
        .render("warm/follow_up", None, &ctx())
        .unwrap_err();
    assert_eq!(err.file, "playbooks/templates/warm/follow_up.j2");
    assert_eq!(err.line, Some(6));
    assert!(err.message.contains("undefined value"), "{}", err.message);
    assert!(err.message.contains("lead.frist_name"), "{}", err.message);
    assert_eq!(
        err.to_string(),
        format!(
            "template `warm/follow_up` (playbooks/templates/warm/follow_up.j2:6): {}",
            err.message
        )
    );
}

#[test]
fn errors_in_the_subject_point_at_the_subject_line() {
    let text = "---\n# a comment\nsubject: \"{{ lead.nope }}\"\n---\nBody\n";
    let (_d, _s, set) = load(&[("a.j2", text)]);
    let err = set.unwrap().render("a", None, &ctx()).unwrap_err();
    assert_eq!(err.line, Some(3));
}

#[test]
fn fuel_runs_out_on_huge_loops() {
    let (_d, _s, set) = load(&[
        ("a.j2", "{% for i in range(100000000) %}x{% endfor %}"),
        (
            "b.j2",
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        ),
    ]);
    let set = set.unwrap();
    assert!(set.render("a", None, &ctx()).is_err());
    let err = set.render("b", None, &ctx()).unwrap_err();
    assert!(err.message.contains("too much work"), "{}", err.message);
}

#[test]
fn includes_stay_inside_the_set() {
    let (dir, _s, set) = load(&[
        ("a.j2", "{% include \"/etc/passwd\" %}"),
        ("b.j2", "{% include \"../secret.j2\" %}"),
        ("c.j2", "Hi{% include \"partials/sig\" %}"),
        ("d.j2", "Hi{% include \"partials/sig.j2\" %}"),
        ("d.zh-TW.j2", "您好{% include \"partials/sig\" %}"),
        ("partials/sig.j2", " -- Sam"),
        ("partials/sig.zh-TW.j2", " -- 山姆"),
    ]);
    fs::write(dir.path().parent().unwrap().join("secret.j2"), "SECRET").ok();
    let set = set.unwrap();
    let err = set.render("a", None, &ctx()).unwrap_err();
    assert!(
        err.message.contains("template not found"),
        "{}",
        err.message
    );
    assert!(set.render("b", None, &ctx()).is_err());
    assert_eq!(set.render("c", None, &ctx()).unwrap().body, "Hi -- Sam");
    assert_eq!(set.render("d", None, &ctx()).unwrap().body, "Hi -- Sam");
    assert_eq!(
        set.render("d", Some("zh-TW"), &ctx()).unwrap().body,
        "您好 -- 山姆"
    );
}

#[test]
fn errors_inside_an_include_name_the_included_file() {
    let (_d, _s, set) = load(&[
        ("a.j2", "Hi\n{% include \"partials/sig\" %}"),
        ("partials/sig.j2", "\n\n{{ nope }}"),
    ]);
    let err = set.unwrap().render("a", None, &ctx()).unwrap_err();
    assert_eq!(err.template, "a");
    assert_eq!(err.file, "playbooks/templates/partials/sig.j2");
    assert_eq!(err.line, Some(3));
}

#[test]
fn syntax_errors_of_all_files_become_diagnostics_with_carets() {
    let (_d, sources, set) = load(&[
        (
            "a.j2",
            "---\nsubject: ok\n---\nline 1\n{% if x %}\nno end\n",
        ),
        ("b.j2", "fine {{ x }}\n"),
        ("c.j2", "---\nsubject: \"{{ broken \"\n---\nBody\n"),
    ]);
    let errors = set.unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let out = render_to_string(&sources, &errors);
    assert!(out.contains("playbooks/templates/a.j2:"), "{out}");
    assert!(out.contains("playbooks/templates/c.j2:2:"), "{out}");
    assert!(out.contains("template syntax error"), "{out}");
    // The first error sits in the body, below the three front matter lines.
    let first_line = out.lines().find(|l| l.contains("a.j2:")).unwrap_or("");
    let line: usize = first_line
        .split(':')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(line >= 5, "{first_line}");
}

#[test]
fn duplicate_language_variants_are_an_error() {
    let (_d, _s, set) = load(&[("a.j2", "x"), ("a.zh-TW.j2", "y"), ("a.zh-tw.j2", "z")]);
    let errors = set.unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("two templates for `a` in language"),
        "{errors:?}"
    );
}

#[test]
fn variables_lists_what_the_template_reads() {
    let (_d, _s, set) = load(&[
        ("warm/follow_up.j2", FOLLOW_UP),
        (
            "warm/follow_up.zh-TW.j2",
            "{{ scores.fit }} {% for i in range(3) %}{{ i }}{% endfor %}",
        ),
    ]);
    let vars = set.unwrap().variables("warm/follow_up");
    let expected = [
        "lead.company",
        "lead.first_name",
        "lead.job_title",
        "scores.fit",
        "tier",
    ];
    assert_eq!(
        vars.iter().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn a_missing_folder_is_an_empty_set() {
    let mut sources = SourceMap::new();
    let set = TemplateSet::load(
        Path::new("/nonexistent/leadplay/templates"),
        "t",
        &mut sources,
    )
    .unwrap();
    assert_eq!(set.names().count(), 0);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "SECRET").unwrap();
    let (dir, _s, _) = load(&[("ok.j2", "x")]);
    std::os::unix::fs::symlink(&secret, dir.path().join("leak.j2")).unwrap();
    let mut sources = SourceMap::new();
    let errors = TemplateSet::load(dir.path(), "t", &mut sources).unwrap_err();
    assert_eq!(
        errors[0].code,
        crate::diagnostics::Code::TemplateOutside,
        "{errors:?}"
    );
}

#[test]
fn variable_uses_point_at_the_line_in_each_file() {
    let (_d, sources, set) = load(&[
        ("warm/follow_up.j2", FOLLOW_UP),
        (
            "warm/follow_up.zh-TW.j2",
            "{{ lead.first_name }}\n\n{{ scores.fit }}",
        ),
    ]);
    let set = set.unwrap();
    let uses = set.variable_uses("warm/follow_up");
    let shown: Vec<(String, String, usize)> = uses
        .iter()
        .map(|u| {
            let file = sources.get(u.span.file).unwrap().name.clone();
            let (line, _) = sources.line_col(u.span.file, u.span.start);
            (file, u.variable.clone(), line)
        })
        .collect();
    let base = "playbooks/templates/warm/follow_up.j2";
    let zh = "playbooks/templates/warm/follow_up.zh-TW.j2";
    assert!(
        shown.contains(&(base.into(), "lead.job_title".into(), 8)),
        "{shown:?}"
    );
    assert!(
        shown.contains(&(base.into(), "lead.first_name".into(), 6)),
        "{shown:?}"
    );
    assert!(
        shown.contains(&(base.into(), "lead.company".into(), 2)),
        "{shown:?}"
    );
    assert!(
        shown.contains(&(base.into(), "tier".into(), 4)),
        "{shown:?}"
    );
    assert!(
        shown.contains(&(zh.into(), "scores.fit".into(), 3)),
        "{shown:?}"
    );
    let bodies = set.bodies("warm/follow_up");
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[1].language.as_deref(), Some("zh-TW"));
    assert!(bodies[0].text.starts_with("Hi {{"), "{:?}", bodies[0].text);
}
