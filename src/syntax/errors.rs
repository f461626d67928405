//! Turning pest errors and junk lines into pointed diagnostics.

use super::grammar::{LeadplayParser, Rule};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::Parser;
use pest::error::{Error, ErrorVariant, InputLocation};

/// Explains a junk span by re-parsing it with the strict rule for its context.
/// `offset` is where `junk` starts in the file.
pub fn explain_junk(file: FileId, junk: &str, offset: usize, strict: Rule) -> Diagnostic {
    match LeadplayParser::parse(strict, junk) {
        Err(e) if error_pos(&e) == junk.len() - junk.trim_start().len() => {
            // Nothing of the line made sense: say what this place expects.
            let found = found_token(junk, error_pos(&e));
            let start = offset + error_pos(&e);
            let span = Span::new(file, start..start + found.len());
            let mut d = Diagnostic::at(
                Code::SyntaxError,
                span,
                format!(
                    "expected {}, found {}",
                    context_expectation(strict),
                    describe_found(&found)
                ),
            );
            if let Some(help) = keyword_suggestion(&found, strict) {
                d = d.with_help(help);
            }
            d
        }
        Err(e) => {
            // The junk ends where its line ends, not where the file ends.
            let mut d = from_pest(file, junk, offset, &e);
            d.message = d.message.replace("found end of file", "found end of line");
            d
        }
        // The strict rule accepted the text alone, so it was its surroundings that were
        // wrong (e.g. two rules on one line without `;`).
        Ok(_) => Diagnostic::at(
            Code::UnexpectedText,
            Span::new(file, offset..offset + junk.len()),
            "unexpected text on this line",
        )
        .with_help("put each rule on its own line"),
    }
}

fn error_pos(error: &Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
}

/// What a junk line stands in place of.
fn context_expectation(strict: Rule) -> &'static str {
    match strict {
        Rule::declaration_only => {
            "a declaration (`fields`, `segment`, `score`, `tiers`, `suppress`, `playbook` or `balance`)"
        }
        Rule::field_only => "a field (`NAME TYPE [key] [required] [role R] [from \"Column\"]`)",
        Rule::score_item_only => "a score rule (`+N when …`, `+N per …` or `range LO..HI`)",
        Rule::tier_item_only => "a tier rule (`NAME when …` or `NAME otherwise`)",
        Rule::playbook_item_only => {
            "a step (`day N CHANNEL \"template\"`), `handoff \"template\"` or `exit when …`"
        }
        Rule::balance_item_only => {
            "a balance rule (`TIER at most P%` or `OWNER at most N per day`)"
        }
        Rule::assign_item_only => {
            "an assign rule (`MEMBER when …`, `MEMBER otherwise`, `round robin [a, b] when …` or `round robin otherwise`)"
        }
        _ => "something else",
    }
}

/// "did you mean `segment`?" for a misspelt leading keyword.
fn keyword_suggestion(found: &str, strict: Rule) -> Option<String> {
    let keywords: &[&str] = match strict {
        Rule::declaration_only => &[
            "fields", "segment", "score", "tiers", "suppress", "playbook", "balance", "assign",
        ],
        Rule::playbook_item_only => &["day", "handoff", "exit"],
        Rule::score_item_only => &["range"],
        _ => &[],
    };
    crate::diagnostics::did_you_mean(found, keywords.iter().copied())
        .map(|k| format!("did you mean `{k}`?"))
}

/// Converts a pest error in `text` (which starts at `offset` in the file) into a diagnostic.
pub fn from_pest(file: FileId, text: &str, offset: usize, error: &Error<Rule>) -> Diagnostic {
    let pos = error_pos(error);
    let found = found_token(text, pos);
    let start = offset + pos;
    let width = found.len().min(text.len().saturating_sub(pos));
    let span = Span::new(file, start..start + width);
    let message = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let expected = describe_expected(positives);
            format!("expected {expected}, found {}", describe_found(&found))
        }
        ErrorVariant::CustomError { message } => message.clone(),
        _ => format!("unexpected {}", describe_found(&found)),
    };
    let mut d = Diagnostic::at(Code::SyntaxError, span, message);
    if let Some(help) = hint_for(&found, &error.variant) {
        d = d.with_help(help);
    }
    d
}

/// The token at `pos`: a word, a quoted string start, or one character.
fn found_token(text: &str, pos: usize) -> String {
    let rest = text.get(pos..).unwrap_or("");
    let mut chars = rest.chars();
    match chars.next() {
        None => String::new(),
        Some('\n') | Some('\r') => "\n".to_string(),
        Some(c) if c.is_alphanumeric() || c == '_' => rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect(),
        Some(c) => {
            let two: String = rest.chars().take(2).collect();
            if ["==", "!=", "<=", ">=", ".."].contains(&two.as_str()) {
                two
            } else {
                c.to_string()
            }
        }
    }
}

fn describe_found(found: &str) -> String {
    match found {
        "" => "end of file".to_string(),
        "\n" => "end of line".to_string(),
        other => format!("`{other}`"),
    }
}

fn describe_expected(rules: &[Rule]) -> String {
    // Any operand rule means "an expression": listing literal kinds helps nobody.
    let operand = |r: &Rule| {
        matches!(
            r,
            Rule::number
                | Rule::string
                | Rule::date
                | Rule::path
                | Rule::list
                | Rule::call
                | Rule::boolean
                | Rule::today
                | Rule::op_not
                | Rule::op_neg
                | Rule::expr
        )
    };
    let rules: Vec<Rule> = if rules.iter().filter(|r| operand(r)).count() > 1 {
        rules
            .iter()
            .copied()
            .filter(|r| !operand(r) && !matches!(r, Rule::name | Rule::ident | Rule::backtick))
            .chain([Rule::expr])
            .collect()
    } else {
        rules.to_vec()
    };
    let mut names: Vec<&str> = rules.iter().filter_map(|r| rule_name(*r)).collect();
    names.sort_unstable();
    names.dedup();
    match names.len() {
        0 => "something else".to_string(),
        1 => names[0].to_string(),
        n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// Friendly names for the rules pest reports as expected.
fn rule_name(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        expr => "an expression",
        name | ident | path => "a name",
        backtick => "a `backtick name`",
        number | signed_number => "a number",
        integer => "a whole number",
        string => "a \"string\"",
        points | sign => "points like `+10` or `-5`",
        date => "a date",
        kw_when => "`when`",
        kw_unless => "`unless`",
        kw_otherwise => "`otherwise`",
        kw_per => "`per`",
        kw_up => "`up to`",
        kw_to => "`to`",
        kw_range => "`range`",
        kw_owner => "`owner`",
        kw_day => "`day`",
        kw_handoff => "`handoff`",
        kw_exit => "`exit`",
        kw_at => "`at`",
        kw_most => "`most`",
        kw_decaying => "`decaying`",
        kw_from => "`from`",
        kw_half_life => "`half-life`",
        kw_days => "`days`",
        decay => "`decaying from DATE half-life D days`",
        kw_key | kw_required | field_flag => "`key` or `required`",
        kw_fields | kw_segment | kw_score | kw_tiers | kw_suppress | kw_playbook | kw_balance => {
            "a declaration (`fields`, `segment`, `score`, `tiers`, `suppress`, `playbook`, `balance`)"
        }
        percent => "a percentage like `25%`",
        per_day => "a daily limit like `40 per day`",
        op_or | op_and | op_eq | op_ne | op_le | op_ge | op_lt | op_gt | op_in | op_not_in
        | op_contains | op_starts_with | op_ends_with | op_matches | op_add | op_sub | op_mul
        | op_div => "an operator",
        is_missing | is_present => "`is missing` or `is present`",
        EOI => "end of line",
        score_when | score_per | score_range => {
            "a score rule (`+N when …`, `+N per …`, `range LO..HI`)"
        }
        tier_when | tier_otherwise => "a tier rule (`NAME when …` or `NAME otherwise`)",
        step | handoff | exit_rule => {
            "a step (`day N CHANNEL \"template\"`), `handoff` or `exit when`"
        }
        assign_member | assign_rotate => {
            "an assign rule (`MEMBER when …` or `round robin otherwise`)"
        }
        assign_guard => "`when CONDITION` or `otherwise`",
        kw_round | kw_robin => "`round robin`",
        balance_rule => "a balance rule (`TIER at most P%` or `OWNER at most N per day`)",
        field_def => "a field (`NAME TYPE [key] [required] [role R] [from \"Column\"]`)",
        _ => return None,
    })
}

fn hint_for(found: &str, variant: &ErrorVariant<Rule>) -> Option<String> {
    let expected: &[Rule] = match variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        _ => &[],
    };
    match found {
        "=" if expected.contains(&Rule::op_eq) || expected.contains(&Rule::expr) => {
            Some("compare with `==`".to_string())
        }
        "&&" | "&" => Some("write `and`".to_string()),
        "|" => Some("write `or`".to_string()),
        "!" => Some("write `not`, or `!=` to compare".to_string()),
        "'" => Some("strings use double quotes: \"like this\"".to_string()),
        "[" if expected.contains(&Rule::string) => Some(
            "a list of variants is `[\"a\" 70%, \"b\" 30%]`: quoted templates, optional weights, a closing `]`"
                .to_string(),
        ),
        "half" => Some("write `half-life` with a hyphen: `decaying from DATE half-life 30 days`".to_string()),
        "\n" if expected.contains(&Rule::expr) => Some(
            "to continue on the next line, end this one with an operator or start the next with `and`/`or`"
                .to_string(),
        ),
        w if super::RESERVED.contains(&w)
            && expected.iter().any(|r| matches!(r, Rule::name | Rule::ident)) =>
        {
            Some(format!("`{w}` is a keyword; write `` `{w}` `` to use it as a name"))
        }
        _ => None,
    }
}
