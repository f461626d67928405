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
        let mut out = b"x".to_vec();
        push_whole(&mut out, n);
        assert_eq!(String::from_utf8(out).unwrap(), format!("x{n}"));
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
    let mut out = Vec::new();
    for _ in 0..2 {
        let row = CsvRow {
            id: &r.id,
            tier: &r.tier,
            previous_tier: r.previous_tier.as_deref(),
            scores: &scores,
            suppressed: r.suppressed,
            drafts: r.drafts.iter().map(|d| d.template.as_str()),
        };
        append_csv_row(&mut out, row);
    }
    let text = String::from_utf8(out).unwrap();
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

/// The row is written by hand for speed; its bytes must stay those of the `csv` crate's
/// default writer, whatever the ids and tier names hold.
#[test]
fn csv_rows_match_the_csv_crate_byte_for_byte() {
    let awkward = [
        "L-1",
        "",
        "a,b",
        "say \"hi\"",
        "\"",
        "line\nbreak",
        "cr\rhere",
        "ends with space ",
        "#hash",
        "台北,客戶",
        "'quoted'",
        ";",
    ];
    let scores = [35.0, -2.5, 1e20, 0.1];
    for (i, id) in awkward.iter().enumerate() {
        let tier = awkward[(i + 3) % awkward.len()];
        let previous = awkward.get(i + 1).copied();
        let drafts = [awkward[(i + 5) % awkward.len()], "warm/follow_up"];
        let suppressed = i % 2 == 0;
        let mut ours = Vec::new();
        let row = CsvRow {
            id,
            tier,
            previous_tier: previous,
            scores: &scores,
            suppressed,
            drafts: drafts.iter().copied(),
        };
        append_csv_row(&mut ours, row);

        let mut theirs = csv::Writer::from_writer(Vec::new());
        let mut fields = vec![
            id.to_string(),
            tier.to_string(),
            previous.unwrap_or("").to_string(),
        ];
        fields.extend(scores.iter().map(|&s| format_number(s)));
        fields.push(suppressed.to_string());
        fields.push(drafts.join(";"));
        theirs.write_record(&fields).unwrap();
        let theirs = theirs.into_inner().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "row {i}"
        );
    }
}
