//! One disagreement as a card: what it is about, how firmly it is contested, a number line for
//! counts, then every side with its sourcing and the quotes behind it.

use super::escape::{escape, ident, push, safe_url};
use super::svg::{self, Row};
use crate::compare::{Contradiction, Side};
use crate::model::{Claim, Interval, Value};
use crate::report::{Report, contested_text, sourcing_text};
use std::fmt::Write;

/// Quotes shown per side: a side that repeats its figure in a thousand articles shows the
/// latest ones.
pub const QUOTES_SHOWN: usize = 12;

/// Writes the card for `c`, whose sides' claims (time order, latest last) are `claims`.
pub fn card(out: &mut String, report: &Report, n: usize, c: &Contradiction, claims: &[Vec<Claim>]) {
    let _ = write!(
        out,
        r#"<article class="disagreement" id="d-{}" data-contested="{}"><h3><span class="n">{n}.</span> "#,
        ident(&c.id),
        c.contested.as_str()
    );
    push(out, &c.rule);
    out.push_str(" · ");
    push(out, &c.subject);
    let _ = write!(
        out,
        r#"</h3><p class="summary" dir="auto">{}</p><p class="contested {}">{}</p>"#,
        escape(&c.summary),
        c.contested.as_str(),
        escape(&contested_text(c))
    );
    let rows: Vec<Row> = c
        .sides
        .iter()
        .zip(claims)
        .filter_map(|(side, claims)| {
            Some(Row {
                label: &side.actor_name,
                value: &side.display,
                interval: side_interval(side, claims)?,
            })
        })
        .collect();
    if rows.len() == c.sides.len() {
        svg::interval_plot(out, &c.summary, &rows);
    }
    out.push_str(r#"<div class="sides">"#);
    for (side, claims) in c.sides.iter().zip(claims) {
        side_block(out, report, side, claims);
    }
    out.push_str("</div></article>\n");
}

/// The interval a count side stands for: its current claim's, or, when the side speaks through
/// a class's figure ("80 soldiers" as a floor for everyone killed), that figure and up.
pub fn side_interval(side: &Side, claims: &[Claim]) -> Option<Interval> {
    claims.iter().rev().find_map(|claim| {
        let Value::Count(iv) = claim.value else {
            return None;
        };
        if claim.display == side.display {
            Some(iv)
        } else if side.display == format!("{} {}", claim.display, claim.subject) {
            Some(Interval {
                min: iv.min,
                max: None,
            })
        } else {
            None
        }
    })
}

fn side_block(out: &mut String, report: &Report, side: &Side, claims: &[Claim]) {
    let _ = write!(
        out,
        r#"<section class="side {}"><h4><bdi>{}</bdi> — <span class="value">{}</span></h4><p class="grade">{}</p><ul class="quotes">"#,
        side.sourcing.grade.as_str(),
        escape(&side.actor_name),
        escape(&side.display),
        escape(&sourcing_text(side))
    );
    // `claims` are the latest, which hold the side's word; earlier repeats are counted.
    let earlier = side.claims.len().saturating_sub(claims.len());
    for claim in claims {
        quote(out, report, side, claim);
    }
    out.push_str("</ul>");
    if earlier > 0 {
        let _ = write!(
            out,
            r#"<p class="note">{earlier} earlier claims of this side are in the JSON report.</p>"#
        );
    }
    out.push_str("</section>");
}

/// A quote with its matched words marked, then who printed it, when, and where it is.
fn quote(out: &mut String, report: &Report, side: &Side, claim: &Claim) {
    out.push_str(r#"<li><blockquote dir="auto">"#);
    let q = &claim.quote;
    let (start, end) = (claim.highlight.start, claim.highlight.end);
    match (q.get(..start), q.get(start..end), q.get(end..)) {
        (Some(before), Some(matched), Some(after)) if !matched.is_empty() => {
            push(out, before);
            out.push_str("<mark>");
            push(out, matched);
            out.push_str("</mark>");
            push(out, after);
        }
        _ => push(out, q),
    }
    out.push_str(r#"</blockquote><p class="cite">"#);
    let doc = report.document(&claim.document);
    let outlet = doc
        .and_then(|d| d.outlet.as_deref())
        .unwrap_or(&claim.document);
    match doc.and_then(|d| d.url.as_deref()).and_then(safe_url) {
        Some(url) => {
            let _ = write!(
                out,
                r#"<a href="{}" rel="noreferrer"><bdi>{}</bdi></a>"#,
                escape(&url),
                escape(outlet)
            );
        }
        None => {
            let _ = write!(out, "<bdi>{}</bdi>", escape(outlet));
        }
    }
    if let Some(date) = doc.and_then(|d| d.published.as_deref()) {
        let _ = write!(out, r#", <time>{}</time>"#, escape(date));
    }
    let path = doc.map_or(claim.document.as_str(), |d| d.path.as_str());
    let _ = write!(
        out,
        r#", <code>{}:{}:{}</code>"#,
        escape(path),
        claim.line,
        claim.column
    );
    if claim.display != side.display {
        let _ = write!(out, r#" · said {} here"#, escape(&claim.display));
    }
    out.push_str("</p></li>");
}
