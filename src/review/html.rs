//! The page: head (policy, style), the overview sections, the queue, the script.

use super::charts::{history_columns, ordered_tiers, tier_bars};
use super::escape::{escaped, push_escaped, script_hash_source};
use super::queue::push_queue;
use super::{PageKind, Review};
use sha2::{Digest, Sha256};
use std::fmt::Write;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Leads listed under one transition before the rest are only counted.
const TRANSITION_LEADS_SHOWN: usize = 500;

/// A rendered page, and its version (a digest of its bytes, which `watch` writes to
/// `version.js` so an open page knows when to reload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The whole HTML document.
    pub html: String,
    /// 16 hex digits.
    pub version: String,
}

/// Renders the review page.
pub fn page(review: &Review) -> Page {
    let mut out = String::with_capacity(64 * 1024 + review.drafts.len() * 3 * 1024);
    push_head(&mut out, review);
    push_overview(&mut out, review);
    push_queue(&mut out, review);
    out.push_str("</main>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    let digest = Sha256::digest(out.as_bytes());
    let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // The version names the bytes around it; it is filled in last.
    let html = out.replacen(
        "data-version=\"\"",
        &format!("data-version=\"{version}\""),
        1,
    );
    Page { html, version }
}

/// The policy: nothing may be loaded from anywhere (`default-src 'none'`), the one
/// inline script runs by its hash (so an injected script or `javascript:` link never
/// would), and only the watch page may load `version.js` from its own folder.
fn policy(kind: PageKind) -> String {
    let mut scripts = script_hash_source(SCRIPT);
    if kind == PageKind::Watch {
        scripts.push_str(" 'self'");
    }
    format!(
        "default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
}

fn push_head(out: &mut String, review: &Review) {
    let kind = match review.kind {
        PageKind::Run => "run",
        PageKind::Report => "report",
        PageKind::Watch => "watch",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>leadplay review · {}</title>\n<style>{STYLE}</style>\n</head>\n\
         <body data-kind=\"{kind}\" data-version=\"\">\n<header>\n<h1>leadplay review <span class=\"date\">{}</span></h1>\n",
        policy(review.kind),
        review.as_of,
        review.as_of
    );
    let note = match review.kind {
        PageKind::Run => "the drafts of the day's runs, written to the outbox",
        PageKind::Report => {
            "made by <code>leadplay report</code>: drafts not written yet are what <code>leadplay eval</code> will write"
        }
        PageKind::Watch => {
            "the <code>watch</code> preview: nothing is committed; this page reloads when the preview changes"
        }
    };
    let _ = writeln!(out, "<p class=\"kind\">{note}</p>");
    out.push_str(
        "<nav><a href=\"#summary\">summary</a> <a href=\"#tiers\">tiers</a> <a href=\"#history\">history</a> \
         <a href=\"#transitions\">transitions</a> <a href=\"#balance\">balance</a> <a href=\"#rules\">rules</a> \
         <a href=\"#queue\">review queue</a></nav>\n</header>\n<main>\n",
    );
}

fn push_overview(out: &mut String, review: &Review) {
    // Side by side on a wide screen, one under the other on a narrow one.
    out.push_str("<div class=\"pair\">\n");
    push_summary(out, review);
    push_tiers(out, review);
    out.push_str("</div>\n");
    push_history(out, review);
    out.push_str("<div class=\"pair\">\n");
    push_transitions(out, review);
    push_balance(out, review);
    out.push_str("</div>\n");
    push_rules(out, review);
}

fn push_summary(out: &mut String, review: &Review) {
    let s = &review.summary;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"summary\">\n");
    let row_errors = match s.row_errors {
        0 => String::new(),
        n => format!(", {n} with row errors (left out)"),
    };
    dl_row(
        out,
        "leads",
        &format!("{} read from {}{row_errors}", s.leads_read, s.leads_file),
        Some(("leads", s.leads_read)),
    );
    dl_row(out, "tiers", &s.tiers_text(), None);
    let moves: Vec<String> = s
        .transitions
        .iter()
        .map(|((from, to), n)| format!("{from} → {to}: {n}"))
        .collect();
    let moves = format!(
        "{} ({} warm-ups, {} cool-downs, {} new)",
        if moves.is_empty() {
            "none".to_string()
        } else {
            moves.join(", ")
        },
        s.warm_ups,
        s.cool_downs,
        s.new_leads
    );
    dl_row(out, "moves", &moves, None);
    let drafts = match s.draft_count() {
        0 => "none due".to_string(),
        n => format!("{n} ({})", s.owners_text()),
    };
    dl_row(out, "drafts", &drafts, Some(("drafts", s.draft_count())));
    dl_row(
        out,
        "in the queue",
        &review.drafts.len().to_string(),
        Some(("queue", review.drafts.len())),
    );
    if s.handoffs > 0 {
        dl_row(out, "handoffs", &s.handoffs.to_string(), None);
    }
    let suppressed: Vec<String> = s
        .suppressed
        .iter()
        .map(|(rule, n)| format!("{rule}: {n}"))
        .collect();
    let text = match suppressed.is_empty() {
        true => "0".to_string(),
        false => format!("{} ({})", s.suppressed_count(), suppressed.join(", ")),
    };
    dl_row(
        out,
        "suppressed",
        &text,
        Some(("suppressed", s.suppressed_count())),
    );
    if !s.deferred.is_empty() {
        let parts: Vec<String> = s.deferred.iter().map(|(o, n)| format!("{o} {n}")).collect();
        dl_row(
            out,
            "deferred",
            &format!("{} (over capacity; due again next run)", parts.join(", ")),
            None,
        );
    }
    if s.render_errors > 0 {
        dl_row(
            out,
            "failed",
            &format!("{} drafts failed to render", s.render_errors),
            None,
        );
    }
    for warning in &s.balance_warnings {
        dl_row(out, "balance", &format!("warning: {warning}"), None);
    }
    out.push_str("</dl>\n</section>\n");
}

fn dl_row(out: &mut String, label: &str, value: &str, count: Option<(&str, usize)>) {
    let _ = write!(out, "<dt>{label}</dt><dd");
    if let Some((name, n)) = count {
        let _ = write!(out, " data-count=\"{name}\" data-value=\"{n}\"");
    }
    out.push('>');
    push_escaped(out, value);
    out.push_str("</dd>\n");
}

fn push_tiers(out: &mut String, review: &Review) {
    out.push_str("<section id=\"tiers\">\n<h2>Tiers</h2>\n<div class=\"side\">\n");
    tier_bars(out, &review.tiers);
    out.push_str("<table><thead><tr><th>tier</th><th>leads</th><th>not suppressed</th></tr></thead><tbody>\n");
    for t in &review.tiers {
        let tier = escaped(&t.tier);
        let _ = writeln!(
            out,
            "<tr><td>{tier}</td><td class=\"n\" data-tier-count=\"{tier}\">{}</td><td class=\"n\">{}</td></tr>",
            t.leads, t.live
        );
    }
    out.push_str("</tbody></table>\n</div>\n</section>\n");
}

fn push_history(out: &mut String, review: &Review) {
    out.push_str("<section id=\"history\">\n<h2>History</h2>\n");
    if review.history.is_empty() {
        out.push_str("<p class=\"empty\">no real run recorded yet (<code>leadplay eval</code> adds a line to <code>.leadplay/runs.jsonl</code>)</p>\n");
    } else {
        let order: Vec<String> = review.tiers.iter().map(|t| t.tier.clone()).collect();
        let tiers = ordered_tiers(&review.history, &order);
        history_columns(out, &review.history, &order);
        out.push_str("<table><thead><tr><th>run</th><th>leads</th>");
        for t in &tiers {
            out.push_str("<th>");
            push_escaped(out, t);
            out.push_str("</th>");
        }
        out.push_str("<th>drafts</th><th>suppressed</th><th>deferred</th><th>moves</th></tr></thead><tbody>\n");
        for run in review.history.iter().rev() {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td>",
                escaped(&run.date),
                run.leads
            );
            for t in &tiers {
                let n = run
                    .tiers
                    .iter()
                    .find(|(name, _)| name == t)
                    .map_or(0, |(_, n)| *n);
                let _ = write!(out, "<td class=\"n\">{n}</td>");
            }
            let moves: Vec<String> = run
                .transitions
                .iter()
                .map(|(m, n)| format!("{m} {n}"))
                .collect();
            let deferred: usize = run.deferred.values().sum();
            let _ = writeln!(
                out,
                "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{deferred}</td><td class=\"moves\">{}</td></tr>",
                run.draft_count(),
                run.suppressed,
                escaped(&moves.join(", "))
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if review.history_errors > 0 {
        let _ = writeln!(
            out,
            "<p class=\"warn\">{} lines of <code>.leadplay/runs.jsonl</code> could not be read and were left out</p>",
            review.history_errors
        );
    }
    out.push_str("</section>\n");
}

fn push_transitions(out: &mut String, review: &Review) {
    out.push_str("<section id=\"transitions\">\n<h2>Transitions</h2>\n");
    if review.transitions.is_empty() {
        out.push_str(
            "<p class=\"empty\">no lead changed tier in this evaluation</p>\n</section>\n",
        );
        return;
    }
    out.push_str("<table><thead><tr><th>move</th><th>leads</th><th>who</th></tr></thead><tbody>\n");
    for t in &review.transitions {
        let _ = write!(
            out,
            "<tr><td>{} → {}</td><td class=\"n\">{}</td><td><details><summary>the leads</summary><p class=\"ids\">",
            escaped(&t.from),
            escaped(&t.to),
            t.leads.len()
        );
        let shown: Vec<&str> = t
            .leads
            .iter()
            .take(TRANSITION_LEADS_SHOWN)
            .map(String::as_str)
            .collect();
        push_escaped(out, &shown.join(" · "));
        if t.leads.len() > shown.len() {
            let _ = write!(out, " … and {} more", t.leads.len() - shown.len());
        }
        out.push_str("</p></details></td></tr>\n");
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn push_balance(out: &mut String, review: &Review) {
    out.push_str("<section id=\"balance\">\n<h2>Balance</h2>\n");
    if review.balance.is_empty() {
        out.push_str(
            "<p class=\"empty\">no drafts and no <code>balance</code> limits</p>\n</section>\n",
        );
        return;
    }
    out.push_str("<table><thead><tr><th>tier, team or rep</th><th>today</th><th>limit</th><th></th></tr></thead><tbody>\n");
    for row in &review.balance {
        let status = if row.over {
            "<td class=\"over\">over</td>"
        } else {
            "<td class=\"ok\">ok</td>"
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td>{status}</tr>",
            escaped(&row.subject),
            escaped(&row.actual),
            escaped(&row.limit)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn push_rules(out: &mut String, review: &Review) {
    out.push_str("<section id=\"rules\">\n<h2>Rules</h2>\n");
    match &review.rules {
        None => out.push_str(
            "<p class=\"empty\">rule counts need the leads read from a file (not stdin)</p>\n",
        ),
        Some(groups) => {
            out.push_str("<div class=\"side\">\n<table class=\"rules\"><thead><tr><th>rule</th><th>leads it fired for</th></tr></thead>\n");
            for group in groups {
                let _ = writeln!(
                    out,
                    "<tbody><tr><th colspan=\"2\">{} <small>of {} leads</small></th></tr>",
                    escaped(&group.title),
                    group.of
                );
                for (rule, n) in &group.rules {
                    let class = if *n == 0 { " class=\"never\"" } else { "" };
                    let _ = writeln!(
                        out,
                        "<tr{class}><td><code>{}</code></td><td class=\"n\">{n}</td></tr>",
                        escaped(rule)
                    );
                }
                out.push_str("</tbody>\n");
            }
            out.push_str("</table>\n");
        }
    }
    if !review.steps.is_empty() {
        out.push_str("<table class=\"steps\"><thead><tr><th>tier</th><th>step</th><th>drafted</th><th>skipped</th><th>deferred</th><th>failed</th></tr></thead><tbody>\n");
        for s in &review.steps {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escaped(&s.tier),
                escaped(&s.step),
                s.drafted,
                s.skipped,
                s.deferred,
                s.failed
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if review.rules.is_some() {
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}
