//! `--format html`: one self-contained page a fact-checker opens, shares or attaches. Inline
//! CSS and SVG, no external asset, readable with JavaScript off; a small inline script only
//! adds filtering, and the page's Content-Security-Policy lets that script run and nothing else.
//!
//! Written as it goes, one event at a time, so memory holds one event's claims, never the page.
//! A large corpus stays usable: every disagreement is shown in full, each event's other claims
//! sit in a collapsed list cut at [`CLAIMS_SHOWN`], and events without a disagreement are one
//! collapsed table cut at [`QUIET_EVENTS_SHOWN`] rows. The JSON report has everything.

mod card;
mod escape;
mod svg;

use super::{Report, plural};
use crate::compare::Contradiction;
use crate::events::Event;
use crate::model::Claim;
use crate::store::DocumentClaims;
use escape::{escape, ident, push};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("filter.js");
/// Claims listed per event; the rest are counted.
const CLAIMS_SHOWN: usize = 100;
/// Events without a disagreement listed; the rest are counted.
const QUIET_EVENTS_SHOWN: usize = 500;
/// Sides drawn on one event's timeline; the cards show every side.
const LANES_SHOWN: usize = 16;

/// Writes the page to `w`.
pub(super) fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let mut by_event: BTreeMap<&str, Vec<&Contradiction>> = BTreeMap::new();
    for c in &report.contradictions {
        by_event.entry(c.event.as_str()).or_default().push(c);
    }
    let docs: HashMap<&str, &DocumentClaims> = report
        .claims
        .documents()
        .iter()
        .map(|d| (d.document.as_str(), d))
        .collect();
    w.write_all(head(report).as_bytes())?;
    let mut n = 0;
    for event in &report.events {
        if let Some(found) = by_event.get(event.id.as_str()) {
            let mut out = String::new();
            event_section(&mut out, report, &docs, event, found, n);
            n += found.len();
            w.write_all(out.as_bytes())?;
        }
    }
    w.write_all(tail(report, &by_event).as_bytes())
}

/// The document's head, the title and the summary, and the filter form (shown by the script).
fn head(report: &Report) -> String {
    let mut out = String::new();
    let n = report.contradictions.len();
    let events_with = super::events_with_disagreements(report);
    let title = match n {
        0 => "contra: no disagreements".to_string(),
        _ => format!(
            "contra: {} in {}",
            plural(n, "disagreement"),
            plural(events_with, "event")
        ),
    };
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'">
<title>{title}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<dl class="summary">"#,
        escape::script_hash(STYLE),
        escape::script_hash(SCRIPT),
    );
    for (label, value) in [
        ("documents", report.documents.len()),
        ("events", report.events.len()),
        ("claims", report.claims.len()),
        ("disagreements", n),
        ("skipped inputs", report.errors.len()),
    ] {
        let _ = write!(out, "<div><dt>{label}</dt><dd>{value}</dd></div>");
    }
    out.push_str("</dl>\n");
    if report.hidden_by_baseline > 0 {
        let _ = writeln!(
            out,
            r#"<p class="note">{} known, hidden by the baseline.</p>"#,
            plural(report.hidden_by_baseline, "disagreement")
        );
    }
    out.push_str(
        r#"<form id="filter" hidden><label>Filter <input id="query" type="search" placeholder="actor, outlet, words"></label>
<label>Contested <select id="level"><option value="">any</option><option value="strongly">strongly</option><option value="unevenly">unevenly</option><option value="weakly">weakly</option></select></label>
<output id="shown"></output></form>
</header>
<main>
"#,
    );
    out
}

/// One event: its timeline, its disagreements, its claims collapsed.
fn event_section(
    out: &mut String,
    report: &Report,
    docs: &HashMap<&str, &DocumentClaims>,
    event: &Event,
    found: &[&Contradiction],
    first: usize,
) {
    let _ = write!(
        out,
        r#"<section class="event" id="event-{}"><h2 dir="auto">{}</h2><p class="meta"><code>{}</code>{} · {} · {}</p>"#,
        ident(&event.id),
        escape(&event.label),
        escape(&event.id),
        event
            .date
            .as_deref()
            .map(|d| format!(" · {}", escape(d)))
            .unwrap_or_default(),
        plural(event.documents.len(), "document"),
        plural(found.len(), "disagreement"),
    );
    // Each side's latest claims (at most [`card::QUOTES_SHOWN`]), read back once for the
    // timeline and the cards.
    let side_claims: Vec<Vec<Vec<Claim>>> = found
        .iter()
        .map(|c| {
            c.sides
                .iter()
                .map(|s| {
                    let latest = &s.claims[s.claims.len().saturating_sub(card::QUOTES_SHOWN)..];
                    latest.iter().filter_map(|&id| report.claim(id)).collect()
                })
                .collect()
        })
        .collect();
    timeline(out, report, found, &side_claims);
    for (i, (c, claims)) in found.iter().zip(&side_claims).enumerate() {
        card::card(out, report, first + i + 1, c, claims);
    }
    claims_list(out, report, docs, event);
    out.push_str("</section>\n");
}

/// The event's sides on one timeline, by publication date.
fn timeline(
    out: &mut String,
    report: &Report,
    found: &[&Contradiction],
    claims: &[Vec<Vec<Claim>>],
) {
    let mut lanes = Vec::new();
    let mut points = Vec::new();
    let sides = found
        .iter()
        .zip(claims)
        .flat_map(|(c, claims)| c.sides.iter().zip(claims).map(move |s| (c, s)));
    for (c, (side, claims)) in sides.take(LANES_SHOWN) {
        let lane = lanes.len();
        lanes.push(format!("{} · {}", side.actor_name, c.subject));
        for claim in claims {
            let doc = report.document(&claim.document);
            let date = doc.and_then(|d| d.published.clone());
            let outlet = doc
                .and_then(|d| d.outlet.as_deref())
                .unwrap_or(&claim.document);
            points.push(svg::Point {
                lane,
                tooltip: format!(
                    "{}: {} ({}, {}), {}",
                    side.actor_name,
                    claim.display,
                    c.rule,
                    outlet,
                    date.as_deref().unwrap_or("undated")
                ),
                date,
                value: claim.display.clone(),
            });
        }
    }
    svg::timeline(out, &lanes, &points);
}

/// Every claim of the event, collapsed, cut at [`CLAIMS_SHOWN`].
fn claims_list(
    out: &mut String,
    report: &Report,
    docs: &HashMap<&str, &DocumentClaims>,
    event: &Event,
) {
    let mut shown = 0;
    let mut total = 0;
    let mut rows = String::new();
    for id in &event.documents {
        let Some(d) = docs.get(id.as_str()) else {
            continue;
        };
        total += d.count;
        for claim in report.claims.load(d) {
            if shown == CLAIMS_SHOWN {
                break;
            }
            shown += 1;
            claim_row(&mut rows, report, &claim);
        }
    }
    if total == 0 {
        return;
    }
    let _ = write!(
        out,
        "<details class=\"claims\"><summary>All {} of this event</summary><table><thead><tr><th>Rule</th><th>Subject</th><th>Who</th><th>Value</th><th>Where</th></tr></thead><tbody>{rows}</tbody></table>",
        plural(total, "claim")
    );
    if total > shown {
        let _ = write!(
            out,
            r#"<p class="note">{} more in the JSON report.</p>"#,
            total - shown
        );
    }
    out.push_str("</details>");
}

fn claim_row(out: &mut String, report: &Report, claim: &Claim) {
    let path = report
        .document(&claim.document)
        .map_or(claim.document.as_str(), |d| d.path.as_str());
    out.push_str("<tr><td>");
    push(out, &claim.rule);
    out.push_str("</td><td>");
    push(out, &claim.subject);
    out.push_str("</td><td><bdi>");
    push(out, claim.actor_name.as_deref().unwrap_or("(nobody named)"));
    out.push_str("</bdi></td><td>");
    push(out, &claim.display);
    let _ = write!(
        out,
        "</td><td><code>{}:{}:{}</code></td></tr>",
        escape(path),
        claim.line,
        claim.column
    );
}

/// Events without a disagreement, skipped inputs, the script, the end of the page.
fn tail(report: &Report, by_event: &BTreeMap<&str, Vec<&Contradiction>>) -> String {
    let mut out = String::new();
    let quiet: Vec<&Event> = report
        .events
        .iter()
        .filter(|e| !by_event.contains_key(e.id.as_str()))
        .collect();
    if !quiet.is_empty() {
        let _ = write!(
            out,
            "<details class=\"quiet\"><summary>{} without a disagreement</summary><table><thead><tr><th>Event</th><th>Label</th><th>Documents</th></tr></thead><tbody>",
            plural(quiet.len(), "event")
        );
        for e in quiet.iter().take(QUIET_EVENTS_SHOWN) {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td dir=\"auto\">{}</td><td>{}</td></tr>",
                escape(&e.id),
                escape(&e.label),
                e.documents.len()
            );
        }
        out.push_str("</tbody></table>");
        if quiet.len() > QUIET_EVENTS_SHOWN {
            let _ = write!(
                out,
                r#"<p class="note">{} more in the JSON report.</p>"#,
                quiet.len() - QUIET_EVENTS_SHOWN
            );
        }
        out.push_str("</details>\n");
    }
    if !report.errors.is_empty() {
        out.push_str("<section class=\"errors\"><h2>Skipped inputs</h2><ul>");
        for e in &report.errors {
            let _ = write!(
                out,
                "<li><code>{}</code>: {}</li>",
                escape(&e.path),
                escape(&e.message)
            );
        }
        out.push_str("</ul></section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer><p>Made by contra {}. Every quote is the article's own words; the matched words are marked.</p></footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}
