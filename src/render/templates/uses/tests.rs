use super::*;

fn at(source: &str, dotted: &str) -> Option<String> {
    find_use(source, dotted).map(|r| source[r].to_string())
}

#[test]
fn finds_the_first_use_inside_a_tag() {
    let src = "lead.frist_name\n{# lead.frist_name #}\nHi {{ lead . frist_name | default('x') }}";
    let r = find_use(src, "lead.frist_name").unwrap();
    assert_eq!(&src[r.clone()], "lead . frist_name");
    assert_eq!(src[..r.start].matches('\n').count(), 2);
}

#[test]
fn statements_count_and_attributes_of_other_names_do_not() {
    let src = "{{ x.lead.company }}{% if lead.company %}y{% endif %}";
    let r = find_use(src, "lead.company").unwrap();
    assert_eq!(r.start, src.find("lead.company %").unwrap());
}

#[test]
fn falls_back_to_the_root_name() {
    assert_eq!(
        at("{{ lead['Lead Source'] }}", "lead.Lead Source").as_deref(),
        Some("lead")
    );
    assert_eq!(at("no tags here", "lead.x"), None);
    assert_eq!(
        at("{{ unclosed lead.x", "lead.x").as_deref(),
        Some("lead.x")
    );
}
