//! Email-like templates must let the reader opt out: a warning for every variant of an
//! email, meeting, event or survey template whose text has none of the configured
//! phrases (`unsubscribe_wording` in leadplay.yaml; an empty list turns this off).

use super::templates::list;
use crate::diagnostics::{Code, Diagnostic};
use crate::program::Program;
use crate::render::{TemplateBody, TemplateSet};
use crate::source::Span;
use std::collections::BTreeSet;

/// Includes followed at most this deep (a cycle is a render error, not ours to loop on).
const MAX_INCLUDE_DEPTH: usize = 8;

/// One warning per email-like template variant without any of `wording`.
pub(super) fn missing_unsubscribe(
    program: &Program,
    templates: &TemplateSet,
    wording: &[String],
) -> Vec<Diagnostic> {
    let phrases: Vec<String> = wording
        .iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if phrases.is_empty() {
        return Vec::new();
    }
    let emails: BTreeSet<&str> = program
        .playbooks
        .iter()
        .flat_map(|p| &p.steps)
        .filter(|s| s.channel.is_email())
        .flat_map(|s| s.templates().map(|t| &**t))
        .collect();
    let mut diags = Vec::new();
    for name in emails {
        for body in templates.bodies(name) {
            let text = with_includes(templates, &body, 0).to_lowercase();
            if !phrases.iter().any(|p| text.contains(p.as_str())) {
                diags.push(warning(name, &body, wording));
            }
        }
    }
    diags
}

fn warning(name: &str, body: &TemplateBody, wording: &[String]) -> Diagnostic {
    let which = match &body.language {
        Some(tag) => format!("email template `{name}` ({tag})"),
        None => format!("email template `{name}`"),
    };
    let first_line = body.text.lines().next().map_or(0, str::len);
    let start = body.span.range().start;
    let span = Span::new(body.span.file, start..start + first_line);
    let phrases = list(wording.iter().map(String::as_str));
    Diagnostic::at(
        Code::NoUnsubscribe,
        span,
        format!("{which} has no unsubscribe wording"),
    )
    .with_label("the body never says how to opt out")
    .with_help(format!(
        "add a line such as \"reply STOP or write 'unsubscribe' and we will not write again\"; \
             any of {phrases} counts (ignoring case; set `unsubscribe_wording` in leadplay.yaml)"
    ))
}

/// The body's text followed by the text of every template it includes statically
/// (`{% include "footer" %}`), in the same language when there is a variant.
fn with_includes(templates: &TemplateSet, body: &TemplateBody, depth: usize) -> String {
    let mut text = body.text.clone();
    if depth >= MAX_INCLUDE_DEPTH {
        return text;
    }
    for name in included_names(&body.text) {
        let bodies = templates.bodies(&name);
        let same_language = bodies.iter().find(|b| b.language == body.language);
        if let Some(included) = same_language.or(bodies.first()) {
            text.push('\n');
            text.push_str(&with_includes(templates, included, depth + 1));
        }
    }
    text
}

fn included_names(text: &str) -> Vec<String> {
    let Ok(re) = regex::Regex::new(r#"\{%-?\s*include\s+(?:"([^"]+)"|'([^']+)')"#) else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter_map(|c| c.get(1).or(c.get(2)))
        .map(|m| m.as_str().trim_end_matches(".j2").to_string())
        .collect()
}
