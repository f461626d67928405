use super::*;

#[test]
fn language_suffixes_are_recognised_and_other_dots_are_not() {
    assert_eq!(
        split_language("warm/follow_up.zh-TW"),
        ("warm/follow_up", Some("zh-TW"))
    );
    assert_eq!(
        split_language("warm/follow_up.en"),
        ("warm/follow_up", Some("en"))
    );
    assert_eq!(split_language("cold/v1.2"), ("cold/v1.2", None));
    assert_eq!(split_language("cold/post.card"), ("cold/post.card", None));
    assert_eq!(split_language("warm/follow_up"), ("warm/follow_up", None));
    assert_eq!(split_language(".zh"), (".zh", None));
}

#[test]
fn display_names_join_with_slashes() {
    assert_eq!(
        join_display("playbooks/templates/", "warm/x"),
        "playbooks/templates/warm/x.j2"
    );
    assert_eq!(join_display("", "warm/x"), "warm/x.j2");
}
