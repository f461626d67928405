//! The review queue: every draft of the day grouped by team (and rep). The drafts are
//! a JSON data block that the script renders as the reader scrolls, a screen at a
//! time: 10,000 drafts as markup would take the browser seconds to parse, while the
//! data parses in a fraction of that. With scripts off, an index of the drafts with a
//! link to each file stands in.

use super::escape::{escaped, push_escaped};
use super::{DraftBody, QueueDraft, Review};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write;

pub(super) fn push_queue(out: &mut String, review: &Review) {
    let _ = writeln!(
        out,
        "<section id=\"queue\">\n<h2>Review queue <small>{} drafts</small></h2>",
        review.drafts.len()
    );
    if review.drafts.is_empty() {
        out.push_str("<p class=\"empty\">no drafts for this day</p>\n</section>\n");
        return;
    }
    push_filters(out, &review.drafts);
    out.push_str("<div id=\"drafts\"></div>\n<div id=\"more\"></div>\n");
    push_index(out, &review.drafts);
    push_data(out, &review.drafts);
    out.push_str("</section>\n");
}

/// Hidden until the script shows it: without scripts it could not filter anything.
fn push_filters(out: &mut String, drafts: &[QueueDraft]) {
    out.push_str("<form id=\"filters\" hidden>\n");
    push_select(out, "tier", drafts.iter().map(|d| d.tier.as_str()));
    push_select(out, "channel", drafts.iter().map(|d| d.channel.as_str()));
    push_select(out, "template", drafts.iter().map(|d| d.template.as_str()));
    push_select(out, "team", drafts.iter().map(|d| d.team.as_str()));
    out.push_str(
        "<label>text <input type=\"search\" name=\"q\" placeholder=\"lead, company, words…\"></label>\n\
         <output id=\"shown\"></output>\n</form>\n",
    );
}

fn push_select<'a>(out: &mut String, name: &str, values: impl Iterator<Item = &'a str>) {
    let label = if name == "team" { "team / rep" } else { name };
    let _ = write!(
        out,
        "<label>{label} <select name=\"{name}\"><option value=\"\">all</option>"
    );
    let values: BTreeSet<&str> = values.collect();
    for value in values {
        let value = escaped(value);
        let _ = write!(out, "<option value=\"{value}\">{value}</option>");
    }
    out.push_str("</select></label>\n");
}

/// With scripts off: one row per draft, linking to its file.
fn push_index(out: &mut String, drafts: &[QueueDraft]) {
    out.push_str("<noscript><p>scripts are off: the drafts are listed with a link to each file</p>\n<table class=\"index\"><thead><tr><th>team / rep</th><th>tier</th><th>channel</th><th>lead</th><th>template</th><th>file</th></tr></thead><tbody>\n");
    for d in drafts {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a class=\"file\" href=\"",
            escaped(&d.team),
            escaped(&d.tier),
            escaped(&d.channel),
            escaped(&d.lead),
            escaped(&d.template),
        );
        push_escaped(out, &d.href);
        out.push_str("\">");
        push_escaped(out, &d.path);
        out.push_str("</a></td></tr>\n");
    }
    out.push_str("</tbody></table></noscript>\n");
}

/// Drafts per content block: the first screen parses one block, not all of them.
const CHUNK: usize = 100;

/// What the filters read, for every draft.
#[derive(Serialize)]
struct DraftMeta<'a> {
    lead: &'a str,
    tier: &'a str,
    channel: &'a str,
    template: &'a str,
    team: &'a str,
    href: &'a str,
    path: &'a str,
    written: bool,
}

/// What a rendered draft shows.
#[derive(Serialize)]
struct DraftContent<'a> {
    /// `None`: the file could not be read.
    headers: Option<&'a [(String, String)]>,
    /// A plain-text body.
    text: Option<&'a str>,
    /// A Markdown body rendered to HTML (raw HTML in it already turned into text).
    html: Option<&'a str>,
    explain: Option<&'a str>,
}

/// The drafts as JSON data blocks: one with what the filters read, then the contents
/// in blocks of [`CHUNK`] drafts, parsed only when a draft in them is shown.
fn push_data(out: &mut String, drafts: &[QueueDraft]) {
    let meta: Vec<DraftMeta<'_>> = drafts
        .iter()
        .map(|d| DraftMeta {
            lead: &d.lead,
            tier: &d.tier,
            channel: &d.channel,
            template: &d.template,
            team: &d.team,
            href: &d.href,
            path: &d.path,
            written: d.written,
        })
        .collect();
    out.push_str("<script type=\"application/json\" id=\"queue-data\">");
    push_json(out, &meta);
    out.push_str("</script>\n");
    for chunk in drafts.chunks(CHUNK) {
        let contents: Vec<DraftContent<'_>> = chunk.iter().map(content).collect();
        out.push_str("<script type=\"application/json\" class=\"queue-chunk\">");
        push_json(out, &contents);
        out.push_str("</script>\n");
    }
}

fn content(d: &QueueDraft) -> DraftContent<'_> {
    let (text, html) = match d.view.as_ref().map(|v| &v.body) {
        Some(DraftBody::Text(t)) => (Some(t.as_str()), None),
        Some(DraftBody::Html(h)) => (None, Some(h.as_str())),
        None => (None, None),
    };
    DraftContent {
        headers: d.view.as_ref().map(|v| v.headers.as_slice()),
        text,
        html,
        explain: d.explain.as_deref(),
    }
}

/// JSON for a data block: `<`, `>` and `&` are written as `\u003c` … so no value can
/// close the block (`</script>`) or start a comment.
fn push_json(out: &mut String, value: &impl Serialize) {
    // Strings, bools and lists of them always serialize.
    let json = serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string());
    out.reserve(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
