use super::*;

#[test]
fn a_member_becomes_the_templates_owner_and_names_the_folder() {
    let mut config = Config::default();
    let member = Member {
        id: "priya".into(),
        name: "Priya Shah".into(),
        email: "priya@northwind.example".into(),
        title: "Account Executive".into(),
        extra: BTreeMap::from([("calendly".into(), "https://cal.example/priya".into())]),
        time_zone: Some("America/New_York".into()),
        ..Member::default()
    };
    config.owners.insert(
        "sales".into(),
        crate::config::Owner {
            name: "Northwind Sales".into(),
            members: vec![member.clone()],
            ..Default::default()
        },
    );
    let rep = RepProfile::from_member(&member, "sales", &config);
    let json = serde_json::to_value(&rep).unwrap_or_default();
    assert_eq!(json["owner"]["name"], "Priya Shah");
    assert_eq!(json["owner"]["title"], "Account Executive");
    assert_eq!(json["owner"]["calendly"], "https://cal.example/priya");
    assert_eq!(json["team"]["display_name"], "Northwind Sales");
    assert_eq!(
        rep.zone.map(|z| z.name()).as_deref(),
        Some("America/New_York")
    );
    let path = crate::outbox::draft_path(
        std::path::Path::new("drafts"),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
        "sales",
        "L-1",
        "warm/follow_up",
        "eml",
    );
    assert_eq!(
        rep_draft_path(path, &rep),
        std::path::PathBuf::from("drafts/2026-12-01/sales/priya/L-1--warm-follow_up.eml")
    );
}
