use super::*;

#[test]
fn the_plan_follows_the_config_and_the_flag_wins() {
    let config = Config {
        leads: Some(crate::config::LeadsSetting::Path(PathBuf::from(
            "data/leads.csv",
        ))),
        outbox: PathBuf::from("out"),
        ..Config::default()
    };
    let plan = plan_for(Path::new("/ws"), &config, None);
    assert_eq!(plan.leads, Some(PathBuf::from("/ws/data/leads.csv")));
    assert_eq!(plan.playbooks, PathBuf::from("/ws/playbooks"));
    assert_eq!(plan.config_file, PathBuf::from("/ws/leadplay.yaml"));
    assert!(plan.ignored.contains(&PathBuf::from("/ws/out")));
    assert!(plan.ignored.contains(&PathBuf::from("/ws/.leadplay")));
    let plan = plan_for(Path::new("/ws"), &config, Some(Path::new("/abs/x.csv")));
    assert_eq!(plan.leads, Some(PathBuf::from("/abs/x.csv")));
}
