use super::*;

fn tiers(pairs: &[(&str, &str)]) -> Tiers {
    Tiers(
        pairs
            .iter()
            .map(|(id, t)| (id.to_string(), t.to_string()))
            .collect(),
    )
}

#[test]
fn moves_are_counted_per_pair_and_the_first_ids_named() {
    let before = tiers(&[
        ("a", "cold"),
        ("b", "cold"),
        ("c", "warm"),
        ("d", "hot"),
        ("e", "cold"),
    ]);
    let after = tiers(&[
        ("a", "warm"),
        ("b", "cold"),
        ("c", "hot"),
        ("d", "hot"),
        ("e", "warm"),
    ]);
    let delta = Delta::between(&before, &after);
    assert_eq!(delta.moved(), 3);
    assert_eq!(
        delta.moves.get(&("cold".to_string(), "warm".to_string())),
        Some(&2)
    );
    assert_eq!(
        delta.moves.get(&("warm".to_string(), "hot".to_string())),
        Some(&1)
    );
    let ids: Vec<&str> = delta.examples.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "e"]);
    assert_eq!((delta.added, delta.removed), (0, 0));
}

#[test]
fn added_and_removed_leads_are_not_moves() {
    let before = tiers(&[("a", "cold"), ("b", "warm")]);
    let after = tiers(&[("b", "warm"), ("c", "hot"), ("d", "hot")]);
    let delta = Delta::between(&before, &after);
    assert_eq!(delta.moved(), 0);
    assert_eq!((delta.added, delta.removed), (2, 1));
    assert!(delta.examples.is_empty());
}

#[test]
fn examples_stop_at_the_limit() {
    let ids: Vec<String> = (0..20).map(|i| format!("L-{i:02}")).collect();
    let before = Tiers(ids.iter().map(|i| (i.clone(), "cold".into())).collect());
    let after = Tiers(ids.iter().map(|i| (i.clone(), "warm".into())).collect());
    let delta = Delta::between(&before, &after);
    assert_eq!(delta.moved(), 20);
    assert_eq!(delta.examples.len(), EXAMPLES);
    assert_eq!(delta.examples[0].id, "L-00");
}

#[test]
fn examples_name_the_tier_rule_that_decided() {
    use crate::check::CheckOptions;
    use crate::leads::LeadFormat;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ws = crate::workspace::Workspace::open(root).expect("workspace");
    let loaded = crate::engine::load(&mut ws, &CheckOptions { columns: None });
    let (program, _) = loaded.ready().expect("the starter playbooks load");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("leads.csv");
    std::fs::write(&path, "id,stage\nL-1,demo_requested\nL-2,new\nL-3,new\n").expect("write");
    let before = tiers(&[("L-1", "cold"), ("L-2", "warm"), ("L-3", "cold")]);
    let after = tiers(&[("L-1", "hot"), ("L-2", "cold"), ("L-3", "cold")]);
    let mut delta = Delta::between(&before, &after);
    let source = LeadsSource::File {
        path,
        format: LeadFormat::Csv,
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    delta
        .explain_examples(program, &source, &ws, as_of)
        .expect("explained");
    let rules: Vec<Option<&str>> = delta.examples.iter().map(|m| m.rule.as_deref()).collect();
    assert_eq!(
        rules,
        [
            Some("hot when stage == \"demo_requested\""),
            Some("cold otherwise")
        ]
    );
}

#[test]
fn nothing_changed_is_an_empty_delta() {
    let t = tiers(&[("a", "cold")]);
    assert_eq!(Delta::between(&t, &t), Delta::default());
    assert_eq!(
        Delta::between(&Tiers::default(), &Tiers::default()),
        Delta::default()
    );
}
