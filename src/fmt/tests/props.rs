//! Property test: random programs, written messily (odd spacing, line continuations,
//! `;` separators, one-line blocks, comments everywhere, CRLF), format to text that
//! parses to the same AST apart from spans, keeps every comment, and formats to itself.

use super::super::comments::comment_multiset;
use super::super::format_source;
use super::super::same::without_spans;
use crate::diagnostics::render_to_string;
use crate::source::SourceMap;
use crate::syntax::{ast::Item, parse_file};
use proptest::prelude::*;

fn pick(options: &'static [&'static str]) -> BoxedStrategy<String> {
    proptest::sample::select(options)
        .prop_map(String::from)
        .boxed()
}

/// White space between tokens.
fn ws() -> BoxedStrategy<String> {
    pick(&[" ", " ", "  ", "\t", " \\\n    "])
}

/// White space where a line end may also go: after a binary operator, around `and` /
/// `or`, inside brackets.
fn brk() -> BoxedStrategy<String> {
    pick(&[
        " ",
        " ",
        " ",
        "\n      ",
        " # why\n   ",
        "  \\\n ",
        "\n\n  # own line in an expression\n\n ",
    ])
}

fn comment() -> BoxedStrategy<String> {
    pick(&[
        "# note",
        "#",
        "## 台北 \"q\" `t` #x",
        "#tight",
        "# trailing space   ",
        "# ends in a backslash \\",
    ])
}

fn leaf() -> BoxedStrategy<String> {
    pick(&[
        "employees",
        "stage",
        "`Lead Source`",
        "`公司`",
        "company.size",
        "`day`",
        "day",
        "`in`",
        "replied",
        "0",
        "7",
        "12.50",
        "007",
        "\"saas\"",
        r#""a\"b""#,
        r#""\d+\.x""#,
        r#""x\\y""#,
        r#""tab\there\u{53F0}""#,
        "\"#not a comment\"",
        "true",
        "false",
        "today",
        "2026-03-31",
        "lower(stage)",
        "days_since( last_activity )",
        "len([])",
        "[\"US\", \"CA\",]",
    ])
}

fn binary_op() -> BoxedStrategy<String> {
    pick(&[
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "in",
        "not in",
        "not  in",
        "contains",
        "starts_with",
        "ends_with",
        "matches",
        "+",
        "-",
        "*",
        "/",
    ])
}

/// Any operator sequence is valid syntax, so parentheses are added only at random:
/// the parser then applies precedence, and the test compares its trees.
fn expr() -> BoxedStrategy<String> {
    leaf()
        .prop_recursive(4, 24, 3, |inner| {
            prop_oneof![
                (inner.clone(), brk(), brk()).prop_map(|(e, a, b)| format!("({a}{e}{b})")),
                (pick(&["not ", "not\t", "-", "- "]), inner.clone())
                    .prop_map(|(op, e)| format!("{op}{e}")),
                (inner.clone(), ws(), pick(&["is missing", "is  present"]))
                    .prop_map(|(e, w, p)| format!("{e}{w}{p}")),
                (inner.clone(), ws(), binary_op(), brk(), inner.clone())
                    .prop_map(|(l, w, op, b, r)| format!("{l}{w}{op}{b}{r}")),
                (
                    inner.clone(),
                    brk(),
                    pick(&["and", "or"]),
                    brk(),
                    inner.clone()
                )
                    .prop_map(|(l, a, op, b, r)| format!("{l}{a}{op}{b}{r}")),
                (inner.clone(), brk()).prop_map(|(e, b)| format!("len({b}{e})")),
                proptest::collection::vec(inner, 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
            ]
        })
        .boxed()
}

fn segment() -> BoxedStrategy<String> {
    (
        ws(),
        pick(&["a", "seg_b", "`seg c`", "score", "`when`", "day"]),
        pick(&[" ", "", "\n  ", " \\\n "]),
        expr(),
    )
        .prop_map(|(w, n, after, e)| format!("segment{w}{n} ={after}{e}"))
        .boxed()
}

fn suppress() -> BoxedStrategy<String> {
    (ws(), ws(), expr())
        .prop_map(|(a, b, e)| format!("suppress{a}when{b}{e}"))
        .boxed()
}

fn score_item() -> BoxedStrategy<String> {
    let points = pick(&["+5", "-10", "+2.5", "+ 3", "-0", "+007", "+0.50"]);
    prop_oneof![
        (points.clone(), ws(), expr()).prop_map(|(p, w, e)| format!("{p}{w}when {e}")),
        (
            points.clone(),
            ws(),
            expr(),
            pick(&["last_reply", "`Last Reply`", "a.b"]),
            pick(&[
                " half-life 30 days",
                "  half-life 7.50 day",
                " half-life 1 days"
            ])
        )
            .prop_map(|(p, w, e, d, h)| format!("{p}{w}when {e} decaying  from {d}{h}")),
        (
            points,
            ws(),
            expr(),
            pick(&["", " up to 25", " up  to 2.50"])
        )
            .prop_map(|(p, w, e, cap)| format!("{p}{w}per {e}{cap}")),
        pick(&["range 0..100", "range -5 .. 5", "range 0..2.50"]),
    ]
    .boxed()
}

fn tier_item() -> BoxedStrategy<String> {
    let name = pick(&["hot", "warm", "`very hot`", "nurture", "`otherwise`"]);
    prop_oneof![
        (name.clone(), ws(), expr()).prop_map(|(n, w, e)| format!("{n}{w}when {e}")),
        name.prop_map(|n| format!("{n} otherwise")),
    ]
    .boxed()
}

fn step() -> BoxedStrategy<String> {
    let guard = prop_oneof![
        Just(String::new()),
        expr().prop_map(|e| format!(" when {e}")),
        expr().prop_map(|e| format!(" unless {e}")),
    ];
    (
        ws(),
        pick(&["0", "3", "14", "007"]),
        pick(&["email", "call", "`meeting`", "mail"]),
        pick(&["\"a/b\"", r#""x \"y\"""#, "\"台/北\""]),
        pick(&["", " owner marketing", " owner `Sales Team`"]),
        guard,
    )
        .prop_map(|(w, d, c, t, o, g)| format!("day{w}{d} {c}{w}{t}{o}{g}"))
        .boxed()
}

fn playbook_items() -> BoxedStrategy<Vec<String>> {
    let item = prop_oneof![3 => step(), 1 => expr().prop_map(|e| format!("exit when {e}"))];
    (
        proptest::collection::vec(item, 0..5),
        proptest::option::of(pick(&["handoff \"warm/note\"", "handoff  \"台\""])),
        any::<proptest::sample::Index>(),
    )
        .prop_map(|(mut items, handoff, at)| {
            if let Some(h) = handoff {
                items.insert(at.index(items.len() + 1), h);
            }
            items
        })
        .boxed()
}

/// A block: its header, then items with optional trailing comments and random
/// separators (line ends, blank lines, `;`, comment lines).
fn block(
    header: BoxedStrategy<String>,
    items: BoxedStrategy<Vec<String>>,
) -> BoxedStrategy<String> {
    let sep = pick(&["\n", "\n", "\n\n", "; ", "\n  # own line\n", "\n\n\n"]);
    let item_comment = proptest::option::weighted(0.3, comment());
    (
        header,
        pick(&[" {", " {", " \\\n{"]),
        proptest::option::weighted(0.3, comment()),
        pick(&["\n", "\n", " "]),
        items,
        proptest::collection::vec((item_comment, sep, pick(&["  ", "", "\t"])), 5),
    )
        .prop_map(|(header, open, open_comment, first_sep, items, layout)| {
            let mut out = header + &open;
            match open_comment {
                Some(c) => out += &format!("  {c}\n"),
                None => out += &first_sep,
            }
            for (item, (comment, sep, indent)) in items.iter().zip(layout.iter().cycle()) {
                out += indent;
                out += item;
                match comment {
                    Some(c) => out += &format!(" {c}\n"),
                    None => out += sep,
                }
            }
            out + "}"
        })
        .boxed()
}

fn blocks() -> BoxedStrategy<String> {
    let vec_of = |s: BoxedStrategy<String>| proptest::collection::vec(s, 0..5).boxed();
    prop_oneof![
        block(
            pick(&["score", "score fit", "score `my score`"]),
            vec_of(score_item())
        ),
        block(pick(&["tiers"]), vec_of(tier_item())),
        block(
            pick(&[
                "playbook hot owner sales",
                "playbook `very hot` owner `Sales Team`"
            ]),
            playbook_items()
        ),
        block(
            pick(&["balance"]),
            vec_of(pick(&[
                "hot at most 25%",
                "cold at most 70 %",
                "sales at most 40 per day",
                "`very hot` at most 2.50%",
            ]))
        ),
        block(
            pick(&["fields"]),
            vec_of(
                (
                    pick(&["id", "company.size", "`Lead Source`", "`公司`.x"]),
                    pick(&["text", "number", "date"]),
                    pick(&["", " key", " required", " required key", " key key"]),
                )
                    .prop_map(|(p, t, f)| format!("{p}   {t}{f}"))
                    .boxed()
            )
        ),
    ]
    .boxed()
}

fn program() -> BoxedStrategy<String> {
    let item = prop_oneof![2 => segment(), 1 => suppress(), 3 => blocks()];
    let sep = pick(&[
        "\n",
        "\n",
        "\n\n",
        "; ",
        "\n# between\n",
        "\n\n# spaced\n\n",
    ]);
    (
        pick(&["", "# head\n", "\n\n# head\n\n", "\u{FEFF}"]),
        proptest::collection::vec(
            (item, proptest::option::weighted(0.3, comment()), sep),
            0..6,
        ),
        pick(&["", "\n", "\n# tail", "\n\n# tail\n\n"]),
        any::<bool>(),
    )
        .prop_map(|(head, items, tail, crlf)| {
            let mut out = head;
            for (item, comment, sep) in items {
                out += &item;
                match comment {
                    Some(c) => out += &format!(" {c}\n"),
                    None => out += &sep,
                }
            }
            out += &tail;
            if crlf { out.replace('\n', "\r\n") } else { out }
        })
        .boxed()
}

fn parse(text: &str) -> Result<Vec<Item>, String> {
    let mut sources = SourceMap::new();
    let id = sources.add("p.play", text.to_string());
    let (items, diagnostics) = parse_file(&sources, id);
    if diagnostics.is_empty() {
        Ok(items)
    } else {
        Err(render_to_string(&sources, &diagnostics))
    }
}

fn format(text: &str) -> Result<String, String> {
    let mut sources = SourceMap::new();
    let id = sources.add("p.play", text.to_string());
    format_source(&sources, id).map_err(|d| render_to_string(&sources, &d))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_meaning_and_comments_and_is_idempotent(text in program()) {
        let items = parse(&text).map_err(|e| TestCaseError::fail(format!("generator bug: {e}\n{text}")))?;
        let once = format(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let reparsed = parse(&once).map_err(|e| TestCaseError::fail(format!("{e}\n{once}")))?;
        prop_assert_eq!(without_spans(&items), without_spans(&reparsed), "{}", once);
        prop_assert_eq!(comment_multiset(&text), comment_multiset(&once));
        let twice = format(&once).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&twice, &once, "input:\n{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[a-z0-9 #\"`(){}\\[\\]+\\-*/=<>;.,\n\\\\%]{0,80}") {
        let _ = format(&text);
    }
}
