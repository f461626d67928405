//! Inline SVG charts: the tier counts today, and their history over past runs.

use super::escape::push_escaped;
use super::{RunRecord, TierCount};
use std::fmt::Write;

/// Tier colors by heat (hottest first); further tiers cycle through cool greys.
const HEAT_COLORS: [&str; 6] = [
    "#d9480f", "#f08c00", "#1c7ed6", "#5c7cfa", "#868e96", "#adb5bd",
];

/// The color of the tier at `index` in heat order, when there are `count` tiers:
/// the first is hot and the last cold whatever the count.
pub fn tier_color(index: usize, count: usize) -> &'static str {
    match (index, count) {
        (0, _) => HEAT_COLORS[0],
        (i, n) if i + 1 == n => HEAT_COLORS[2],
        (1, _) => HEAT_COLORS[1],
        (i, _) => HEAT_COLORS[3 + (i - 2) % 3],
    }
}

/// Horizontal bars, one per tier, with the count at the end of each.
pub fn tier_bars(out: &mut String, tiers: &[TierCount]) {
    let max = tiers.iter().map(|t| t.leads).max().unwrap_or(0).max(1);
    let row = 30;
    let height = row * tiers.len().max(1) + 4;
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" aria-label="leads per tier" viewBox="0 0 520 {height}" width="520" height="{height}">"#
    );
    for (i, tier) in tiers.iter().enumerate() {
        let y = i * row + 4;
        let width = (tier.leads as f64 / max as f64 * 360.0).round().max(1.0);
        let color = tier_color(i, tiers.len());
        out.push_str(r#"<text x="0" y=""#);
        let _ = write!(out, "{}\" class=\"label\">", y + 17);
        push_escaped(out, &tier.tier);
        let _ = write!(
            out,
            r#"</text><rect x="90" y="{y}" width="{width}" height="22" rx="3" fill="{color}"/><text x="{}" y="{}" class="value">{}</text>"#,
            90.0 + width + 6.0,
            y + 17,
            tier.leads
        );
    }
    out.push_str("</svg>");
}

/// Stacked columns, one per past run (oldest left), tiers in heat order from the
/// bottom up: cold at the base, hot on top, as the tiers table reads.
pub fn history_columns(out: &mut String, runs: &[RunRecord], tier_order: &[String]) {
    let tiers = ordered_tiers(runs, tier_order);
    let max = runs
        .iter()
        .map(|r| r.tiers.iter().map(|(_, n)| n).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let (plot, column) = (150.0, 38usize);
    let width = (runs.len() * column).max(column) + 40;
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" aria-label="leads per tier, past runs" viewBox="0 0 {width} 190" width="{width}" height="190">"#
    );
    for (i, run) in runs.iter().enumerate() {
        let x = i * column + 4;
        let mut top = plot + 4.0;
        for (t, name) in tiers.iter().enumerate().rev() {
            let n = run
                .tiers
                .iter()
                .find(|(tier, _)| tier == name)
                .map_or(0, |(_, n)| *n);
            if n == 0 {
                continue;
            }
            let h = n as f64 / max as f64 * plot;
            top -= h;
            let _ = write!(
                out,
                r#"<rect x="{x}" y="{top:.1}" width="{}" height="{h:.1}" fill="{}"><title>"#,
                column - 10,
                tier_color(t, tiers.len())
            );
            push_escaped(out, &format!("{} {name}: {n}", run.date));
            out.push_str("</title></rect>");
        }
        // Month-day under each column: the year is in the table below.
        let label = run.date.get(5..).unwrap_or(&run.date);
        let _ = write!(out, r#"<text x="{x}" y="172" class="tick">"#);
        push_escaped(out, label);
        out.push_str("</text>");
    }
    out.push_str("</svg>");
}

/// The program's tiers, then any older tier a past run still names.
pub fn ordered_tiers(runs: &[RunRecord], tier_order: &[String]) -> Vec<String> {
    let mut tiers: Vec<String> = tier_order.to_vec();
    for run in runs {
        for (name, _) in &run.tiers {
            if !tiers.contains(name) {
                tiers.push(name.clone());
            }
        }
    }
    tiers
}

#[cfg(test)]
mod tests;
