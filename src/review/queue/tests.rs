use super::*;

#[test]
fn data_cannot_close_its_script_block() {
    let draft = QueueDraft {
        lead: "</script><script>alert(1)</script>".into(),
        tier: "hot".into(),
        channel: "call".into(),
        template: "hot/briefing".into(),
        team: "sales".into(),
        href: "sales/x.md".into(),
        path: "drafts/d/sales/x.md".into(),
        written: true,
        view: None,
        explain: Some("<!-- & -->".into()),
    };
    let mut out = String::new();
    push_json(&mut out, &[content(&draft)]);
    push_json(&mut out, &draft.lead);
    assert!(
        !out.contains('<') && !out.contains('>') && !out.contains('&'),
        "{out}"
    );
    let mut page = String::new();
    push_data(&mut page, std::slice::from_ref(&draft));
    assert_eq!(page.matches("</script>").count(), 2, "{page}");
    let mut one = String::new();
    push_json(&mut one, &[content(&draft)]);
    let back: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(back[0]["explain"], "<!-- & -->");
}
