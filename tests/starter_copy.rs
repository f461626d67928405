//! The starter strategy's drafts read as real sales copy: the real binary runs the
//! repository's playbooks and config on a CRM-shaped export (`tests/cases/starter_copy`)
//! and each test checks one promise a sender relies on. The whole text of every draft is
//! in the golden snapshot `case@starter_copy`; these tests name what must hold in it.

mod common;
use common::Ws;
use std::path::Path;

/// The starter workspace after the case's three runs (Fri 11-27, Tue 12-01, Wed 12-02).
fn evaluated() -> Ws {
    let ws = Ws::starter();
    let leads = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/starter_copy/leads.csv");
    std::fs::copy(leads, ws.root.join("leads.csv")).unwrap();
    for day in ["2026-11-27", "2026-12-01", "2026-12-02"] {
        let out = ws.run(&["eval", "--leads", "leads.csv", "--as-of", day]);
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    }
    ws
}

/// A draft's text with CRLF line ends made plain.
fn draft(ws: &Ws, rel: &str) -> String {
    ws.read(&format!("drafts/{rel}")).replace("\r\n", "\n")
}

/// The value of a header line (`From`), unfolded.
fn header(text: &str, name: &str) -> String {
    let head = text.split("\n\n").next().unwrap_or("");
    let start = head
        .find(&format!("\n{name}: "))
        .map(|i| i + 1)
        .or_else(|| head.starts_with(&format!("{name}: ")).then_some(0))
        .unwrap_or_else(|| panic!("no {name} in {text}"));
    let mut value = String::new();
    for (i, line) in head[start..].lines().enumerate() {
        if i > 0 && !line.starts_with(' ') {
            break;
        }
        value.push_str(line.strip_prefix(&format!("{name}: ")).unwrap_or(line));
    }
    value
}

#[test]
fn a_sentence_about_pricing_visits_only_for_a_lead_who_made_them() {
    let ws = evaluated();
    let visited = draft(&ws, "2026-11-27/sales/priya/W-1--warm-follow_up.eml");
    assert!(
        visited.contains("You have had a look at our pricing"),
        "{visited}"
    );
    let not_visited = draft(&ws, "2026-11-27/sales/jordan/W-2--warm-follow_up.eml");
    assert!(!not_visited.contains("pricing"), "{not_visited}");
    // A job title is never preceded by a wrong article.
    assert!(
        visited.contains("In your role as Software Engineer,"),
        "{visited}"
    );
    assert!(!visited.contains("As Software Engineer"), "{visited}");
}

#[test]
fn a_proposal_thanks_for_a_conversation_only_when_there_was_one() {
    let ws = evaluated();
    let demo = draft(&ws, "2026-12-01/sales/priya/H-1--hot-proposal.eml");
    assert!(!demo.contains("Thank you for the conversation"), "{demo}");
    assert!(demo.contains("Thank you for asking for a demo"), "{demo}");
    let talked = draft(&ws, "2026-12-01/sales/jordan/H-2--hot-proposal.eml");
    assert!(
        talked.contains("Thank you for the conversation"),
        "{talked}"
    );
    // No "this week" while offering days of the next one.
    assert!(!demo.contains("this week"), "{demo}");
    assert!(
        demo.contains("Thursday, December 3 or\nFriday, December 4"),
        "{demo}"
    );
}

#[test]
fn a_trial_is_mentioned_only_to_a_lead_who_started_one() {
    let ws = evaluated();
    let started = draft(&ws, "2026-12-02/sales/priya/W-5--warm-trial_offer.eml");
    assert!(
        started.contains("started a Northwind Analytics trial on\nNovember 10"),
        "{started}"
    );
    let offered = draft(&ws, "2026-12-02/sales/priya/W-1--warm-trial_offer.eml");
    assert!(!offered.contains("started a"), "{offered}");
    assert!(
        offered.contains("I have set aside a 14-day trial"),
        "{offered}"
    );
}

#[test]
fn meeting_times_state_their_zone_and_the_subject_names_the_same_days() {
    let ws = evaluated();
    // Tuesday 12-01: three working days later is Friday 12-04, five is Tuesday 12-08.
    // The lead has no zone of its own, so times are in its rep's (Priya: New York).
    let invite = draft(&ws, "2026-12-01/sales/priya/W-1--warm-meeting_invite.eml");
    let subject = header(&invite, "Subject");
    assert!(
        subject.starts_with("30 minutes between December 4 and December 8?"),
        "{subject}"
    );
    assert!(!invite.contains("this week"), "{invite}");
    for slot in [
        "- Friday, December 4, 10:00 America/New_York",
        "- Monday, December 7, 14:00 America/New_York",
        "- Tuesday, December 8, 16:00 America/New_York",
    ] {
        assert!(invite.contains(slot), "{slot} in {invite}");
    }
    let zh = draft(&ws, "2026-12-01/sales/mei/W-3--warm-meeting_invite.eml");
    assert!(
        zh.contains("- 12 月 4 日（週五）上午 10:00（Asia/Taipei）"),
        "{zh}"
    );
}

#[test]
fn every_email_signs_as_the_person_it_is_sent_from() {
    let ws = evaluated();
    for (path, bytes) in ws.drafts() {
        if !path.ends_with(".eml") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
        let from = header(&text, "From");
        let name = from.split(" <").next().unwrap_or("").to_string();
        let body = text.split_once("\n\n").map(|(_, b)| b).unwrap_or("");
        let signature = body.rsplit_once("\n--\n").map(|(s, _)| s).unwrap_or(body);
        assert!(
            signature
                .trim_end()
                .lines()
                .rev()
                .take(4)
                .any(|l| l.contains(&name)),
            "{path}: From {from}, but the signature is\n{signature}"
        );
        assert!(!body.contains("The Northwind Analytics team"), "{path}");
    }
}

#[test]
fn zh_tw_drafts_put_the_family_name_first_and_sign_in_chinese() {
    let ws = evaluated();
    let named = draft(&ws, "2026-11-27/sales/mei/W-3--warm-follow_up.eml");
    assert!(named.contains("\n李家豪 您好：\n"), "{named}");
    assert!(
        named.contains("Northwind Analytics 業務部\n客戶經理 陳美玲（Mei-Ling Chen）"),
        "{named}"
    );
    assert!(!named.contains("Account Executive"), "{named}");
    // Only a family name in the export: still family-name first, no stray space.
    let family_only = draft(&ws, "2026-11-27/sales/mei/W-4--warm-follow_up.eml");
    assert!(family_only.contains("\n王 您好：\n"), "{family_only}");
}

#[test]
fn a_postcard_prints_the_address_or_says_which_fields_are_missing() {
    let ws = evaluated();
    let us = draft(&ws, "2026-11-27/marketing/C-1--cold-postcard.md");
    assert!(
        us.contains("```\nGrace Kim\nHarborview Health\n200 Clarendon St, Floor 12\nBoston, MA 02116\nUNITED STATES\n```"),
        "{us}"
    );
    assert!(!us.contains("MISSING"), "{us}");
    let none = draft(&ws, "2026-11-27/marketing/C-2--cold-postcard.md");
    assert!(
        none.starts_with("# [ADDRESS MISSING] Postcard to Leo"),
        "{none}"
    );
    assert!(
        none.contains("The lead has no `street`, `city`, `postal_code`."),
        "{none}"
    );
    let partial = draft(&ws, "2026-11-27/marketing/C-4--cold-postcard.md");
    assert!(
        partial.contains("The lead has no `postal_code`."),
        "{partial}"
    );
    let taipei = draft(&ws, "2026-11-27/marketing/C-3--cold-postcard.md");
    assert!(
        taipei.contains("```\n110 台北市信義區信義路五段7號 12樓\n元山科技\n陳淑芬 收\n```"),
        "{taipei}"
    );
}

#[test]
fn the_same_inputs_give_byte_identical_drafts() {
    assert_eq!(evaluated().drafts(), evaluated().drafts());
}
