//! Formatter tests: golden files, layout rules, comments, and the safety nets.

mod props;

use super::format_source;
use crate::diagnostics::render_to_string;
use crate::source::SourceMap;

fn try_fmt(text: &str) -> Result<String, String> {
    let mut sources = SourceMap::new();
    let id = sources.add("test.play", text.to_string());
    format_source(&sources, id).map_err(|d| render_to_string(&sources, &d))
}

/// Formats, and checks that formatting the output changes nothing.
fn fmt(text: &str) -> String {
    let once = try_fmt(text).unwrap_or_else(|e| panic!("{e}"));
    let twice = try_fmt(&once).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(twice, once, "formatting is not idempotent");
    once
}

macro_rules! golden {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            let input = include_str!(concat!("../../tests/fixtures/fmt/", $file, ".play"));
            // The input is the fixture file itself, so the snapshot holds only the output.
            insta::with_settings!({ omit_expression => true }, {
                insta::assert_snapshot!($file, fmt(input));
            });
        }
    };
}

golden!(golden_messy_spacing, "messy_spacing");
golden!(golden_comments, "comments");
golden!(golden_parentheses, "parentheses");
golden!(golden_continuations, "continuations");
golden!(golden_names_and_strings, "names_and_strings");
golden!(golden_playbooks, "playbooks");

#[test]
fn the_starter_playbooks_are_canonical() {
    let files = [
        include_str!("../../playbooks/01-fields.play"),
        include_str!("../../playbooks/02-scores.play"),
        include_str!("../../playbooks/03-tiers.play"),
        include_str!("../../playbooks/04-playbooks.play"),
    ];
    for text in files {
        assert_eq!(fmt(text), text);
    }
}

#[test]
fn the_spec_example_keeps_its_meaning() {
    let text = include_str!("../../tests/fixtures/parse/spec_example.play");
    let out = fmt(text);
    assert!(
        out.contains("  hot  when engagement >= 60 and fit >= 20\n"),
        "{out}"
    );
}

#[test]
fn a_file_with_syntax_errors_is_not_formatted() {
    let err = try_fmt("segment a = x >\nsegment b = y\n").unwrap_err();
    assert!(
        err.contains("error[LP0001]: expected an expression"),
        "{err}"
    );
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n"), "");
    assert_eq!(fmt("\n# a  \n\n\n# b"), "# a\n\n# b\n");
}

#[test]
fn blocks_are_separated_by_one_blank_line_and_one_liners_stay_together() {
    let out = fmt(
        "segment a = x\nsegment bb = y\n\n\n\nsuppress when a\ntiers {\ncold otherwise\n}\nsuppress when bb\n",
    );
    assert_eq!(
        out,
        "segment a  = x\nsegment bb = y\n\nsuppress when a\n\ntiers {\n  cold otherwise\n}\n\nsuppress when bb\n"
    );
}

#[test]
fn no_blank_line_after_open_or_before_close_brace() {
    let out = fmt("tiers {\n\n  hot when a\n\n  cold otherwise\n\n}\n");
    assert_eq!(out, "tiers {\n  hot  when a\n\n  cold otherwise\n}\n");
}

#[test]
fn crlf_and_a_byte_order_mark_become_plain_line_ends() {
    let out = fmt("\u{FEFF}segment a = x # c\r\nsuppress when a\r\n");
    assert_eq!(out, "segment a = x  # c\nsuppress when a\n");
    let out = fmt("segment a = x # c\r\rsuppress when a\r");
    assert_eq!(out, "segment a = x  # c\n\nsuppress when a\n");
}

#[test]
fn columns_are_aligned_per_block() {
    let out = fmt(
        "playbook warm owner sales {\nday 0 email \"a\"\nday 14 meeting \"bb\" when x\nday 2 call \"c\" owner marketing\n}\n",
    );
    let want = "\
playbook warm owner sales {
  day 0  email   \"a\"
  day 14 meeting \"bb\"                 when x
  day 2  call    \"c\"  owner marketing
}
";
    assert_eq!(out, want);
}

#[test]
fn wide_characters_are_aligned_by_display_width() {
    let out = fmt("fields {\n`公司` text\nab number key\n}\n");
    assert_eq!(out, "fields {\n  `公司` text\n  ab     number key\n}\n");
}

#[test]
fn comments_inside_a_joined_expression_move_above_it() {
    let out = fmt("segment a = x # one\n  # two\n  and y # three\n");
    assert_eq!(out, "# one\n# two\nsegment a = x and y  # three\n");
}

#[test]
fn a_single_comment_inside_a_joined_expression_stays_trailing() {
    let out = fmt("segment a = x # why\n  and y\n");
    assert_eq!(out, "segment a = x and y  # why\n");
}

#[test]
fn items_keep_their_source_order_in_playbooks_and_scores() {
    let out = fmt(
        "playbook p owner o {\nexit when a\nday 1 email \"x\"\nhandoff \"h\"\n}\nscore {\nrange 0..1\n+1 when a\n}\n",
    );
    assert_eq!(
        out,
        "playbook p owner o {\n  exit when a\n  day 1 email \"x\"\n  handoff \"h\"\n}\n\nscore {\n  range 0..1\n  +1 when a\n}\n"
    );
}

#[test]
fn empty_blocks_keep_their_braces_on_two_lines() {
    assert_eq!(fmt("balance {}\n"), "balance {\n}\n");
    assert_eq!(fmt("balance { # why\n}\n"), "balance {  # why\n}\n");
}

#[test]
fn hostile_input_never_panics() {
    for text in [
        "(".repeat(10_000),
        "segment a = ".to_string() + &"- ".repeat(5_000) + "1",
        "\u{0}\u{1}{{{{}}}}\"\\".to_string(),
        "score {".repeat(100),
        "segment a = \"unterminated\n".to_string(),
        "segment a = x # \u{0}\r\rsuppress when \"\\\\\" # \"\n".to_string(),
        "tiers { hot when `a#b` == \"#\" } # x".to_string(),
    ] {
        let _ = try_fmt(&text);
    }
}

#[test]
fn a_very_long_chain_is_refused_not_a_crash() {
    assert!(try_fmt(&format!("segment a = {}x\n", "x + ".repeat(100_000))).is_err());
    let ok = format!("segment a = {}x\n", "x or ".repeat(190));
    assert_eq!(fmt(&ok), ok);
}

#[test]
fn an_unknown_file_id_is_an_error_not_a_panic() {
    let sources = SourceMap::new();
    assert!(format_source(&sources, crate::source::FileId(7)).is_err());
}

#[test]
fn a_decaying_rule_keeps_its_clause() {
    let out = fmt(
        "score e {\n  +30 when replied  decaying  from last_reply   half-life 30.0 day\n  +5 when x\n}\n",
    );
    assert_eq!(
        out,
        "score e {\n  +30 when replied decaying from last_reply half-life 30 days\n  +5  when x\n}\n"
    );
}

#[test]
fn a_variant_list_is_written_canonically() {
    let out = fmt(
        "playbook warm owner sales {\n  day 0 email [ \"a\"  70.0 %,\"b\" 30% ] when x\n  day 1 email [\"c\",\n \"d\",]\n}\n",
    );
    assert_eq!(
        out,
        "playbook warm owner sales {\n  day 0 email [\"a\" 70%, \"b\" 30%] when x\n  day 1 email [\"c\", \"d\"]\n}\n"
    );
}

#[test]
fn mapped_fields_keep_every_clause_on_one_line() {
    let input = "fields {\n  id text key from \"Record ID\"\n  lang text role language from \"Preferred language\"\n     map { \"Chinese (Taiwan)\": \"zh-TW\",\n \"English\": \"en\" }\n  seen date \"%d.%m.%Y\" from \"Last Visit\"\n  rev money\n}\n";
    insta::assert_snapshot!(fmt(input), @r###"
    fields {
      id   text            key from "Record ID"
      lang text            role language from "Preferred language" map { "Chinese (Taiwan)": "zh-TW", "English": "en" }
      seen date "%d.%m.%Y" from "Last Visit"
      rev  money
    }
    "###);
}

#[test]
fn on_workdays_stays_in_the_playbook_header() {
    let out = fmt("playbook warm   owner sales   on   workdays {\nday 0 email \"warm/hi\"\n}\n");
    assert!(
        out.starts_with("playbook warm owner sales on workdays {\n"),
        "{out}"
    );
}
