use super::*;
use std::path::Path;

#[test]
fn the_team_is_the_folders_under_the_date() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    assert_eq!(team_of("drafts/2026-11-27/sales/L-1--x.md", day), "sales");
    assert_eq!(
        team_of("drafts/2026-11-27/sales/priya/L-1--x.md", day),
        "sales/priya"
    );
    assert_eq!(team_of("elsewhere/L-1--x.md", day), "");
}

#[test]
fn links_are_relative_and_encoded() {
    assert_eq!(
        relative_href(
            Path::new("/w/drafts/2026-11-27"),
            Path::new("/w/drafts/2026-11-27/sales/a #1?.md")
        ),
        "sales/a%20%231%3F.md"
    );
    assert_eq!(
        relative_href(Path::new("/w/out"), Path::new("/w/drafts/d/李.md")),
        "../drafts/d/%E6%9D%8E.md"
    );
}
