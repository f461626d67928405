use super::*;

/// A context with every field the starter templates read.
pub(crate) fn sample_context(channel: Channel, template: &str) -> DraftContext {
    let mut lead = Map::new();
    for (k, v) in [
        ("id", "L-1001"),
        ("first_name", "Mei"),
        ("last_name", "Lin"),
        ("email", "mei.lin@acme.example"),
        ("company", "Acme Logistics"),
        ("job_title", "VP Operations"),
        ("industry", "ecommerce"),
        ("stage", "demo_requested"),
        ("country", "TW"),
    ] {
        lead.insert(k.to_string(), Json::String(v.to_string()));
    }
    lead.insert("employees".into(), Json::from(1200));
    DraftContext {
        lead,
        tier: "warm".into(),
        previous_tier: Some("cold".into()),
        scores: BTreeMap::from([("fit".into(), 35.0), ("engagement".into(), 42.5)]),
        owner: OwnerInfo {
            name: "sales".into(),
            display_name: "Sam Rivera".into(),
            email: Some("sam@northwind.example".into()),
            signature: "Sam Rivera\nAccount Executive, Northwind Analytics".into(),
            title: "Account Executive".into(),
            phone: "+1 555 0100".into(),
            extra: BTreeMap::from([("signature_zh".into(), "Sam Rivera 敬上".into())]),
        },
        sender: SenderInfo {
            name: "Northwind Analytics".into(),
            email: "hello@northwind.example".into(),
            company: "Northwind Analytics".into(),
            signature: "Sam Rivera\nNorthwind Analytics".into(),
        },
        step: StepInfo {
            day: 2,
            channel,
            template: template.into(),
            variant: None,
        },
        as_of: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        roles: crate::schema::RoleKeys::default(),
        clock: Clock::default(),
        rep: None,
    }
}

#[test]
fn context_serializes_scores_as_plain_numbers_and_date_as_text() {
    let ctx = sample_context(Channel::Email, "warm/follow_up");
    let json = serde_json::to_value(&ctx).unwrap_or_default();
    assert_eq!(json["scores"]["fit"].to_string(), "35");
    assert_eq!(json["scores"]["engagement"].to_string(), "42.5");
    assert_eq!(json["as_of"], "2026-11-27");
    assert_eq!(json["step"]["channel"], "email");
}

#[test]
fn owners_come_from_config_with_fallbacks() {
    let mut config = Config::default();
    config.owners.insert(
        "sales".into(),
        crate::config::Owner {
            name: "Jordan Lee".into(),
            email: "jordan@x.example".into(),
            ..Default::default()
        },
    );
    let sales = OwnerInfo::from_config("sales", &config);
    assert_eq!(sales.display_name, "Jordan Lee");
    assert_eq!(sales.email.as_deref(), Some("jordan@x.example"));
    assert_eq!((sales.signature.as_str(), sales.title.as_str()), ("", ""));
    let unknown = OwnerInfo::from_config("partners", &config);
    assert_eq!(unknown.display_name, "partners");
    assert_eq!(unknown.email, None);
    assert_eq!(unknown.phone, "");
    assert!(unknown.extra.is_empty());
}

#[test]
fn owner_signature_title_phone_and_extras_reach_the_template() {
    let yaml = "owners:\n  sales:\n    name: Jordan Lee\n    email: jordan@x.example\n    \
                title: Account Executive\n    phone: \"+1 555 0100\"\n    \
                signature: |\n      Jordan Lee\n      Northwind\n    \
                signature_zh: 李佳蓉 敬上\n    display_name: shadow\n";
    let config: Config = crate::yaml::from_str(yaml).unwrap_or_default();
    let sales = OwnerInfo::from_config("sales", &config);
    assert_eq!(
        sales.signature, "Jordan Lee\nNorthwind",
        "the block's last newline goes"
    );
    assert_eq!(sales.title, "Account Executive");
    assert_eq!(sales.phone, "+1 555 0100");
    let json = serde_json::to_value(&sales).unwrap_or_default();
    assert_eq!(json["signature_zh"], "李佳蓉 敬上");
    assert_eq!(
        json["display_name"], "Jordan Lee",
        "an extra key cannot shadow a field"
    );
}

#[test]
fn display_name_falls_back_to_first_and_last() {
    let mut ctx = sample_context(Channel::Email, "warm/follow_up");
    assert_eq!(ctx.lead_display_name(), "Mei Lin");
    for (given, family, shown) in [("家豪", "李", "李家豪"), ("Karen", "李", "Karen 李")] {
        ctx.lead
            .insert("first_name".into(), Json::String(given.into()));
        ctx.lead
            .insert("last_name".into(), Json::String(family.into()));
        assert_eq!(ctx.lead_display_name(), shown);
    }
    ctx.lead
        .insert("name".into(), Json::String("Mei-Ling Lin".into()));
    assert_eq!(ctx.lead_display_name(), "Mei-Ling Lin");
    ctx.lead.clear();
    assert_eq!(ctx.lead_display_name(), "");
}
