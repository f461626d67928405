//! Parser tests: what parses into what, and what each syntax error says.

use super::ast::*;
use super::parse_program;
use crate::diagnostics::render_to_string;
use crate::source::SourceMap;

fn parse(text: &str) -> (Program, Vec<crate::diagnostics::Diagnostic>, SourceMap) {
    let mut sources = SourceMap::new();
    let id = sources.add("test.play", text.to_string());
    let (program, diags) = parse_program(&sources, &[id]);
    (program, diags, sources)
}

fn parse_ok(text: &str) -> Program {
    let (program, diags, sources) = parse(text);
    assert!(diags.is_empty(), "{}", render_to_string(&sources, &diags));
    program
}

fn errors(text: &str) -> String {
    let (_, diags, sources) = parse(text);
    assert!(!diags.is_empty(), "expected errors for {text:?}");
    render_to_string(&sources, &diags)
}

fn segment_expr(text: &str) -> Expr {
    let program = parse_ok(&format!("segment s = {text}\n"));
    match program.items.into_iter().next() {
        Some(Item::Segment(s)) => s.expr,
        other => panic!("not a segment: {other:?}"),
    }
}

/// Renders an expression fully parenthesized, to test precedence.
fn show(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Number(n) => format!("{n}"),
        ExprKind::Text(s) => format!("{s:?}"),
        ExprKind::Bool(b) => format!("{b}"),
        ExprKind::Date(d) => format!("{d}"),
        ExprKind::Today => "today".into(),
        ExprKind::List(items) => {
            format!(
                "[{}]",
                items.iter().map(show).collect::<Vec<_>>().join(", ")
            )
        }
        ExprKind::Path(parts) => parts
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("."),
        ExprKind::Call { function, args } => format!(
            "{}({})",
            function.name,
            args.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Unary { op, operand } => format!("({} {})", op.symbol(), show(operand)),
        ExprKind::Binary {
            op, left, right, ..
        } => format!("({} {} {})", show(left), op.symbol(), show(right)),
        ExprKind::Presence { operand, present } => format!(
            "({} is {})",
            show(operand),
            if *present { "present" } else { "missing" }
        ),
    }
}

#[test]
fn precedence_follows_the_spec() {
    let cases = [
        ("a or b and c", "(a or (b and c))"),
        ("not a == b", "(not (a == b))"),
        ("not a and b", "((not a) and b)"),
        ("a + b * c > d - 1", "((a + (b * c)) > (d - 1))"),
        ("-a * b", "((- a) * b)"),
        (
            "x is missing or y is present",
            "((x is missing) or (y is present))",
        ),
        ("a not in [1, 2]", "(a not in [1, 2])"),
        ("tags contains \"vip\"", "(tags contains \"vip\")"),
        (
            "days_since(last_activity) > 90",
            "(days_since(last_activity) > 90)",
        ),
        ("`Lead Source` == \"web\"", "(Lead Source == \"web\")"),
        ("company.size >= 10", "(company.size >= 10)"),
        (
            "d < 2026-03-31 and today > d",
            "((d < 2026-03-31) and (today > d))",
        ),
        ("(a or b) and c", "((a or b) and c)"),
        ("x matches \"(?i)vp\"", "(x matches \"(?i)vp\")"),
    ];
    for (src, want) in cases {
        assert_eq!(show(&segment_expr(src)), want, "parsing {src}");
    }
}

#[test]
fn string_escapes_are_resolved() {
    let e = segment_expr(r#"x == "a\"b\\c\n\u{53F0}""#);
    let ExprKind::Binary { right, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(right.kind, ExprKind::Text("a\"b\\c\n台".into()));
}

#[test]
fn the_spec_example_parses() {
    let program = parse_ok(include_str!("../../tests/fixtures/parse/spec_example.play"));
    let kinds: Vec<&str> = program
        .items
        .iter()
        .map(|i| match i {
            Item::Fields(_) => "fields",
            Item::Segment(_) => "segment",
            Item::Score(_) => "score",
            Item::Tiers(_) => "tiers",
            Item::Suppress(_) => "suppress",
            Item::Playbook(_) => "playbook",
            Item::Balance(_) => "balance",
            Item::Assign(_) => "assign",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "fields", "segment", "segment", "score", "score", "tiers", "suppress", "playbook",
            "playbook", "playbook", "balance"
        ]
    );
    let Item::Score(engagement) = &program.items[4] else {
        panic!()
    };
    assert_eq!(engagement.rules.len(), 4);
    assert_eq!(engagement.rules[0].points, 5.0);
    assert!(matches!(
        engagement.rules[0].kind,
        ScoreRuleKind::Per {
            cap: Some(25.0),
            ..
        }
    ));
    assert_eq!(engagement.rules[3].points, -20.0);
    assert_eq!(
        (engagement.ranges[0].low, engagement.ranges[0].high),
        (0.0, 100.0)
    );
    let Item::Playbook(warm) = &program.items[8] else {
        panic!()
    };
    assert_eq!(warm.tier.name, "warm");
    assert_eq!(warm.owner.name, "sales");
    assert_eq!(
        warm.handoff.as_ref().map(|h| h.value.as_str()),
        Some("warm/handoff_note")
    );
    assert_eq!(warm.steps.len(), 4);
    assert_eq!(
        warm.steps[2].owner.as_ref().map(|o| o.name.as_str()),
        Some("marketing")
    );
    assert!(warm.steps[2].guard.as_ref().is_some_and(|g| g.negated));
    assert_eq!(warm.exits.len(), 1);
    let Item::Balance(balance) = &program.items[10] else {
        panic!()
    };
    assert_eq!(balance.rules[0].limit, BalanceLimit::Percent(25.0));
    assert_eq!(balance.rules[2].limit, BalanceLimit::PerDay(40));
}

#[test]
fn expressions_continue_after_operators_and_before_and_or() {
    let program = parse_ok(
        "tiers {\n  hot when engagement >= 60\n       and fit >= 20\n  warm when a +\n    b > 3\n  cold otherwise\n}\n",
    );
    let Item::Tiers(t) = &program.items[0] else {
        panic!()
    };
    assert_eq!(t.rules.len(), 3);
}

#[test]
fn rules_are_separated_by_line_ends() {
    let program = parse_ok("score {\n  +20 when a\n  +15 when b\n  -5 when c; +1 when d\n}\n");
    let Item::Score(s) = &program.items[0] else {
        panic!()
    };
    assert!(s.name.is_none());
    assert_eq!(s.rules.len(), 4);
}

#[test]
fn every_bad_line_is_reported_and_the_rest_still_parses() {
    let (program, diags, sources) = parse(
        "segment a = x >\nsegment ok = y\nscore s {\n  +20 when\n  +5 when b\n  bogus\n}\nwhat is this\n",
    );
    let out = render_to_string(&sources, &diags);
    assert_eq!(diags.len(), 4, "{out}");
    assert_eq!(
        program.items.len(),
        2,
        "the good segment and the score survive"
    );
    assert!(out.contains("test.play:1:16"), "{out}");
    assert!(
        out.contains("error[LP0001]: expected an expression"),
        "{out}"
    );
}

#[test]
fn keyword_as_name_gets_a_hint() {
    let out = errors("segment in = a\n");
    assert!(out.contains("`in` is a keyword"), "{out}");
}

#[test]
fn single_equals_suggests_double() {
    let out = errors("segment a = stage = \"x\"\n");
    assert!(out.contains("compare with `==`"), "{out}");
}

#[test]
fn hostile_input_never_panics() {
    for text in [
        "(".repeat(100_000),
        "not ".repeat(100_000),
        "segment a = ".to_string() + &"- ".repeat(50_000) + "1",
        "\u{0}\u{1}{{{{}}}}\"\\".to_string(),
        "score {".repeat(1000),
        "segment a = x".to_string() + &" or x".repeat(50_000),
        "segment a = 1".to_string() + &" + 1".repeat(50_000),
        "segment a = \"unterminated\n".to_string(),
        "playbook x owner y {\n day 99999999999999 email \"a\"\n}".to_string(),
    ] {
        let _ = parse(&text);
    }
}

#[test]
fn unknown_escapes_stay_as_written_for_regexes() {
    let e = segment_expr(r#"x matches "\d+\.\bx""#);
    let ExprKind::Binary { right, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(right.kind, ExprKind::Text(r"\d+\.\bx".into()));
}

#[test]
fn a_bad_unicode_escape_is_an_error() {
    let out = errors("segment a = x == \"\\u{D800}\"\n");
    assert!(
        out.contains("error[LP0004]: invalid escape `\\u{D800}`"),
        "{out}"
    );
}

#[test]
fn a_very_long_operator_chain_is_an_error_not_a_crash() {
    let out = errors(&("segment a = x".to_string() + &" or x".repeat(5_000) + "\n"));
    assert!(
        out.contains("error[LP0006]: expression is too long"),
        "{out}"
    );
}

#[test]
fn the_reserved_list_matches_the_grammar() {
    for word in super::RESERVED {
        let (_, diags, _) = parse(&format!("segment {word} = a\n"));
        assert!(!diags.is_empty(), "`{word}` should be reserved");
    }
    // A declaration keyword is not reserved inside expressions.
    parse_ok("segment day = owner > 1\n");
}

#[test]
fn a_half_life_without_its_hyphen_gets_a_hint() {
    let out =
        errors("score e {\n  +30 when replied decaying from last_reply half life 30 days\n}\n");
    assert!(
        out.contains("error[LP0001]: expected `half-life` or an operator, found `half`"),
        "{out}"
    );
    assert!(out.contains("write `half-life` with a hyphen"), "{out}");
}

#[test]
fn variants_and_decay_parse_into_the_ast() {
    let p = parse_ok(
        "score e {\n  +30 when replied decaying from last_reply half-life 7.5 days\n}\nplaybook warm owner sales {\n  day 0 email [\"a\" 70%, \"b\" 30%] when x\n  day 1 email [\n    \"c\",\n    \"d\",\n  ]\n}\n",
    );
    let Item::Score(score) = &p.items[0] else {
        panic!("{:?}", p.items[0]);
    };
    let decay = score.rules[0].decay.as_ref().unwrap();
    assert_eq!(
        (show(&decay.date).as_str(), decay.half_life),
        ("last_reply", 7.5)
    );
    let Item::Playbook(playbook) = &p.items[1] else {
        panic!("{:?}", p.items[1]);
    };
    let weights: Vec<Option<f64>> = playbook.steps[0]
        .variants
        .iter()
        .map(|v| v.weight)
        .collect();
    assert_eq!(weights, [Some(70.0), Some(30.0)]);
    assert_eq!(playbook.steps[0].template.value, "a");
    assert!(playbook.steps[0].guard.is_some());
    assert_eq!(playbook.steps[1].variants.len(), 2);
    assert!(
        playbook.steps[1]
            .variants
            .iter()
            .all(|v| v.weight.is_none())
    );
}

#[test]
fn a_broken_variant_list_says_what_one_looks_like() {
    let out =
        errors("playbook warm owner sales {\n  day 0 email [\"a\" 70%, \"b\" 30% when x\n}\n");
    assert!(
        out.contains("a list of variants is `[\"a\" 70%, \"b\" 30%]`"),
        "{out}"
    );
}

#[test]
fn a_playbook_may_count_working_days() {
    let program = parse_ok("playbook warm owner sales on workdays {\n  day 2 email \"w\"\n}\n");
    let Some(Item::Playbook(p)) = program.items.first() else {
        panic!("not a playbook");
    };
    assert!(p.on_workdays.is_some());
    let program = parse_ok("playbook warm owner sales {\n  day 2 email \"w\"\n}\n");
    let Some(Item::Playbook(p)) = program.items.first() else {
        panic!("not a playbook");
    };
    assert!(p.on_workdays.is_none());
    let err = errors("playbook warm owner sales on weekdays {\n  day 2 email \"w\"\n}\n");
    assert!(err.contains("test.play:1:"), "{err}");
}
