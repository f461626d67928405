use super::*;

#[test]
fn whole_numbers_print_like_display() {
    for n in [
        0,
        7,
        -7,
        10,
        35,
        -100,
        999_999_999_999_999,
        -999_999_999_999_999,
        i64::MIN,
    ] {
        let mut out = String::from("x");
        push_whole(&mut out, n);
        assert_eq!(out, format!("x{n}"));
    }
}

fn sample() -> LeadReport {
    LeadReport {
        id: "L-1".into(),
        tier: "hot".into(),
        previous_tier: None,
        scores: Scores(vec![("fit".into(), 35.0), ("engagement".into(), 12.5)]),
        suppressed: false,
        suppressed_by: None,
        drafts: vec![DraftReport {
            template: "hot/briefing".into(),
            channel: "call".into(),
            owner: "sales".into(),
            day: 0,
            path: "drafts/2026-11-27/sales/L-1--hot-briefing.md".into(),
            variant: None,
            rep: None,
        }],
    }
}

#[test]
fn json_keeps_score_order_and_whole_numbers() {
    assert_eq!(
        sample().to_json_line(),
        r#"{"id":"L-1","tier":"hot","previous_tier":null,"scores":{"fit":35,"engagement":12.5},"suppressed":false,"suppressed_by":null,"drafts":[{"template":"hot/briefing","channel":"call","owner":"sales","day":0,"path":"drafts/2026-11-27/sales/L-1--hot-briefing.md","rep":null}]}"#
    );
}

#[test]
fn csv_has_one_column_per_score() {
    let r = sample();
    let scores: Vec<f64> = r.scores.0.iter().map(|(_, v)| *v).collect();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut scratch = String::new();
    for _ in 0..2 {
        let row = CsvRow {
            id: &r.id,
            tier: &r.tier,
            previous_tier: r.previous_tier.as_deref(),
            scores: &scores,
            suppressed: r.suppressed,
            drafts: r.drafts.iter().map(|d| d.template.as_str()),
        };
        write_csv_row(&mut out, &mut scratch, row).unwrap();
    }
    let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
    assert_eq!(
        text,
        "L-1,hot,,35,12.5,false,hot/briefing\nL-1,hot,,35,12.5,false,hot/briefing\n"
    );
    assert_eq!(
        csv_header(&["fit".into(), "engagement".into()]),
        [
            "id",
            "tier",
            "previous_tier",
            "fit",
            "engagement",
            "suppressed",
            "drafts"
        ]
    );
}
