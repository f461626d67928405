//! Template variables that name nothing a draft's context holds: errors, because such
//! a draft fails to render (an undefined variable is a render error).

use super::LintInput;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};

/// The context's top-level names (SPEC 3.5) and the keys of those with fixed keys.
const CONTEXT: [(&str, Option<&[&str]>); 10] = [
    ("lead", None),
    ("tier", None),
    ("previous_tier", None),
    ("scores", None),
    ("owner", Some(&crate::render::OWNER_KEYS)),
    ("sender", Some(&["name", "email", "company", "signature"])),
    ("step", Some(&["day", "channel", "template", "variant"])),
    ("as_of", None),
    ("time_zone", None),
    ("team", Some(&["name", "display_name"])),
];

/// What `owner` has when it may be a team member (SPEC 6): the member's fields and
/// every extra key any member of the workspace has.
fn member_keys(input: &LintInput<'_>) -> Option<Vec<String>> {
    let members: Vec<&crate::config::Member> = input
        .config
        .owners
        .values()
        .flat_map(|o| &o.members)
        .collect();
    if members.is_empty() {
        return None;
    }
    let fixed = [
        "name",
        "display_name",
        "email",
        "id",
        "signature",
        "title",
        "phone",
    ];
    let mut keys: Vec<String> = fixed.iter().map(|k| k.to_string()).collect();
    keys.extend(members.iter().flat_map(|m| m.extra.keys().cloned()));
    Some(keys)
}

/// The lead fields templates may read; `None` when they cannot be known (no `fields`
/// block and no leads header), in which case `lead.*` is not judged.
fn lead_fields(input: &LintInput<'_>) -> Option<Vec<Vec<String>>> {
    let schema = &input.program.schema;
    let columns = input.columns.map(|columns| {
        columns
            .iter()
            .map(|c| vec![c.clone()])
            .collect::<Vec<Vec<String>>>()
    });
    if !schema.declared {
        return columns;
    }
    // Declared fields, the columns they are read `from` (a template sees every column
    // of the record), and with `--leads` every other column too.
    let mut fields: Vec<Vec<String>> = schema.fields.iter().map(|f| f.path.clone()).collect();
    fields.extend(
        schema
            .fields
            .iter()
            .filter_map(|f| f.column.clone().map(|c| vec![c])),
    );
    fields.extend(columns.unwrap_or_default());
    Some(fields)
}

/// How a template reads a lead field: `lead.first_name`, or `lead["First Name"]` when
/// the name is not an identifier (`lead.First Name` would not parse).
fn lead_syntax(name: &str) -> String {
    let plain = |part: &str| {
        part.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if name.split('.').all(plain) {
        format!("lead.{name}")
    } else {
        format!("lead[{}]", serde_json::Value::String(name.to_string()))
    }
}

/// One error per template file and variable that names nothing known.
pub(super) fn unknown_variables(input: &LintInput<'_>) -> Vec<Diagnostic> {
    let fields = lead_fields(input);
    let mut diags = Vec::new();
    for name in input.templates.names() {
        for used in input.templates.variable_uses(name) {
            if let Some((message, help)) = judge(&used.variable, fields.as_deref(), input) {
                diags.push(
                    Diagnostic::at(Code::UnknownVariable, used.span, message).with_help(help),
                );
            }
        }
    }
    diags
}

/// Why a variable names nothing (message, help), or `None` when it is fine.
fn judge(
    variable: &str,
    fields: Option<&[Vec<String>]>,
    input: &LintInput<'_>,
) -> Option<(String, String)> {
    let parts: Vec<&str> = variable.split('.').collect();
    let (root, rest) = parts.split_first()?;
    let Some((_, keys)) = CONTEXT.iter().find(|(n, _)| n == root) else {
        let roots = CONTEXT.iter().map(|(n, _)| *n);
        let help = match did_you_mean(root, roots) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "templates can read {}",
                list(CONTEXT.iter().map(|(n, _)| *n))
            ),
        };
        return Some((format!("unknown template variable `{variable}`"), help));
    };
    let key = rest.first()?;
    match (*root, keys) {
        ("lead", _) => judge_lead_field(variable, rest, fields?, input),
        ("owner", _) if member_keys(input).is_some() => {
            let keys = member_keys(input).unwrap_or_default();
            if keys.iter().any(|k| k == key) {
                return None;
            }
            let help = format!("`owner` has {}", list(keys.iter().map(String::as_str)));
            Some((format!("`{variable}` is not known"), help))
        }
        ("scores", _) => {
            let scores = &input.program.score_names;
            if scores.iter().any(|s| s == key) {
                return None;
            }
            let help = match did_you_mean(key, scores.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `scores.{close}`?"),
                None if scores.is_empty() => "the program defines no scores".to_string(),
                None => format!("the scores are {}", list(scores.iter().map(String::as_str))),
            };
            Some((format!("`{variable}` is not a score"), help))
        }
        ("owner", Some(keys)) => judge_owner_key(variable, key, keys, input),
        (_, Some(keys)) if !keys.contains(key) => {
            let help = match did_you_mean(key, keys.iter().copied()) {
                Some(close) => format!("did you mean `{root}.{close}`?"),
                None => format!("`{root}` has {}", list(keys.iter().copied())),
            };
            Some((format!("`{variable}` is not known"), help))
        }
        _ => None,
    }
}

/// `owner.<key>`: one of the fixed keys, or an extra key that some owner in
/// `leadplay.yaml` gives (`signature_zh`); an owner without it needs `| default(…)`.
fn judge_owner_key(
    variable: &str,
    key: &str,
    fixed: &[&str],
    input: &LintInput<'_>,
) -> Option<(String, String)> {
    let extras: std::collections::BTreeSet<&str> = input
        .config
        .owners
        .values()
        .flat_map(|owner| owner.extra.keys().map(String::as_str))
        .collect();
    if fixed.contains(&key) || extras.contains(key) {
        return None;
    }
    let known = || fixed.iter().copied().chain(extras.iter().copied());
    let help = match did_you_mean(key, known()) {
        Some(close) => format!("did you mean `owner.{close}`?"),
        None => format!(
            "`owner` has {}; other keys come from `owners.<team>` in `leadplay.yaml`",
            list(known())
        ),
    };
    Some((format!("`{variable}` is not known"), help))
}

fn judge_lead_field(
    variable: &str,
    rest: &[&str],
    fields: &[Vec<String>],
    input: &LintInput<'_>,
) -> Option<(String, String)> {
    // `lead.company.size` is fine for a field `company` (an object) or `company.size`;
    // `lead.company` is fine for a field `company.size`.
    let dotted = rest.join(".");
    let known = fields.iter().any(|f| {
        let n = f.len().min(rest.len());
        let prefix_matches = f
            .iter()
            .take(n)
            .map(String::as_str)
            .eq(rest.iter().take(n).copied());
        // A column whose name holds a dot (`lead["Acct. Owner"]`) comes as a path.
        let whole = |c: &String| dotted == *c || dotted.starts_with(&format!("{c}."));
        prefix_matches || (f.len() == 1 && f.first().is_some_and(whole))
    });
    if known {
        return None;
    }
    let names: Vec<String> = fields.iter().map(|f| f.join(".")).collect();
    let declared = input.program.schema.declared;
    let help = match did_you_mean(&dotted, names.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{}`?", lead_syntax(close)),
        None if declared => "declare it in the `fields` block".to_string(),
        None => "the leads file has no such column".to_string(),
    };
    let what = if declared {
        "a declared field"
    } else {
        "a column of the leads file"
    };
    Some((format!("`{variable}` is not {what}"), help))
}

/// `` `a`, `b` and `c` ``.
pub(super) fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} and {last}", init.join(", ")),
    }
}
