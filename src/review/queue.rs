//! The review queue: every draft of the day grouped by team (and rep), each in full,
//! with the filter form the script enables. Drafts are plain HTML, so the page reads
//! with scripts off; the browser lays out only those on screen (`content-visibility`).

use super::escape::{escaped, push_escaped};
use super::{DraftBody, QueueDraft, Review};
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
    let mut start = 0;
    while start < review.drafts.len() {
        let team = &review.drafts[start].team;
        let end = review.drafts[start..]
            .iter()
            .position(|d| &d.team != team)
            .map_or(review.drafts.len(), |n| start + n);
        push_group(out, team, &review.drafts[start..end]);
        start = end;
    }
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

fn push_group(out: &mut String, team: &str, drafts: &[QueueDraft]) {
    let team = escaped(team);
    let _ = writeln!(
        out,
        "<section class=\"group\" data-team=\"{team}\">\n<h3>{team} <small><span class=\"count\">{}</span> drafts</small></h3>",
        drafts.len()
    );
    for draft in drafts {
        push_draft(out, draft);
    }
    out.push_str("</section>\n");
}

fn push_draft(out: &mut String, d: &QueueDraft) {
    let _ = write!(
        out,
        "<article class=\"draft\" data-lead=\"{}\" data-tier=\"{}\" data-channel=\"{}\" data-template=\"{}\" data-team=\"{}\">\n<h4><span class=\"tier\">{}</span> <span class=\"channel\">{}</span> ",
        escaped(&d.lead),
        escaped(&d.tier),
        escaped(&d.channel),
        escaped(&d.template),
        escaped(&d.team),
        escaped(&d.tier),
        escaped(&d.channel),
    );
    push_escaped(out, &d.lead);
    out.push_str(" <code>");
    push_escaped(out, &d.template);
    out.push_str("</code> <a class=\"file\" href=\"");
    push_escaped(out, &d.href);
    out.push_str("\">");
    push_escaped(out, &d.path);
    out.push_str("</a>");
    if !d.written {
        out.push_str(" <em class=\"pending\">not written yet</em>");
    }
    out.push_str("</h4>\n");
    match &d.view {
        None => out.push_str("<p class=\"warn\">the draft file could not be read</p>\n"),
        Some(view) => {
            if !view.headers.is_empty() {
                out.push_str("<dl class=\"headers\">");
                for (name, value) in &view.headers {
                    out.push_str("<dt>");
                    push_escaped(out, name);
                    out.push_str("</dt><dd>");
                    push_escaped(out, value);
                    out.push_str("</dd>");
                }
                out.push_str("</dl>\n");
            }
            match &view.body {
                DraftBody::Text(text) => {
                    out.push_str("<pre class=\"body\">");
                    push_escaped(out, text);
                    out.push_str("</pre>\n");
                }
                // Rendered from Markdown with raw HTML turned into escaped text.
                DraftBody::Html(html) => {
                    out.push_str("<div class=\"body md\">");
                    out.push_str(html);
                    out.push_str("</div>\n");
                }
            }
        }
    }
    if let Some(trace) = &d.explain {
        out.push_str(
            "<details class=\"explain\"><summary>why: <code>leadplay explain</code></summary><pre>",
        );
        push_escaped(out, trace);
        out.push_str("</pre></details>\n");
    }
    out.push_str("</article>\n");
}
