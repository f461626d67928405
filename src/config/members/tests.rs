use super::*;

fn member(id: &str) -> Member {
    Member {
        id: id.into(),
        ..Member::default()
    }
}

#[test]
fn rosters_need_unique_valid_ids_zones_and_capacities() {
    assert_eq!(
        roster_problem("sales", &[member("priya"), member("jordan")]),
        None
    );
    let (message, at) = roster_problem("sales", &[member("priya"), member("Priya")]).unwrap();
    assert!(
        message.contains("two members of `owners.sales` have the id `Priya`"),
        "{message}"
    );
    assert_eq!(at, "Priya");
    let (message, _) = roster_problem("sales", &[member("../x")]).unwrap();
    assert!(message.contains("must be letters"), "{message}");
    let bad_zone = Member {
        time_zone: Some("Mars/Base".into()),
        ..member("priya")
    };
    let (message, at) = roster_problem("sales", &[bad_zone]).unwrap();
    assert!(
        message.contains("`Mars/Base` (member `priya`) is not a time zone"),
        "{message}"
    );
    assert_eq!(at, "Mars/Base");
    let negative = Member {
        capacity: Some(-1),
        ..member("priya")
    };
    let (message, _) = roster_problem("sales", &[negative]).unwrap();
    assert!(message.contains("capacity -1"), "{message}");
}
