//! The page's pictures, as inline SVG: a number line per count disagreement, and a timeline per
//! event. Plain shapes with text labels and `<title>` tooltips: no scripts, no fonts, no ids
//! (a page holds thousands of pictures and ids would have to stay unique across them).

use super::escape::{escape, push};
use crate::model::Interval;
use std::fmt::Write;

const WIDTH: f64 = 720.0;
/// Left of the plot: the row labels.
const LABEL: f64 = 230.0;
const RIGHT: f64 = 40.0;
const ROW: f64 = 26.0;
const AXIS: f64 = 30.0;
/// Longest label drawn in full; the tooltip has the rest.
const LABEL_CHARS: usize = 34;

/// One side on the number line.
pub struct Row<'a> {
    pub label: &'a str,
    pub value: &'a str,
    pub interval: Interval,
}

/// The sides' intervals on one axis from 0, open-ended ones running off the end as arrows, the
/// reconciled range (lowest floor to highest figure) shaded behind them.
pub fn interval_plot(out: &mut String, caption: &str, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    let open = rows.iter().any(|r| r.interval.max.is_none());
    let highest = rows
        .iter()
        .map(|r| r.interval.max.unwrap_or(r.interval.min))
        .max()
        .unwrap_or(0);
    // Room past the highest figure, so "at least N" visibly goes on.
    let top = (highest as f64 * if open { 1.3 } else { 1.1 }).max(1.0);
    let (x0, x1) = (LABEL + 10.0, WIDTH - RIGHT);
    let x = |v: u64| x0 + (v as f64 / top).min(1.0) * (x1 - x0);
    let height = ROW * rows.len() as f64 + AXIS + 8.0;
    let _ = write!(
        out,
        r#"<svg class="plot" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(caption),
        escape(caption)
    );
    let low = rows.iter().map(|r| r.interval.min).min().unwrap_or(0);
    let high_end = if open {
        x1
    } else {
        x(rows
            .iter()
            .filter_map(|r| r.interval.max)
            .max()
            .unwrap_or(0))
    };
    let plot_bottom = ROW * rows.len() as f64 + 4.0;
    let _ = write!(
        out,
        r#"<rect class="reconciled" x="{:.1}" y="2" width="{:.1}" height="{:.1}"><title>reconciled range</title></rect>"#,
        x(low),
        (high_end - x(low)).max(2.0),
        plot_bottom - 2.0
    );
    for (i, r) in rows.iter().enumerate() {
        let y = ROW * i as f64 + ROW / 2.0 + 4.0;
        row(out, r, y, x(r.interval.min), r.interval.max.map_or(x1, x));
    }
    axis(out, top, plot_bottom, x0, x1, &x);
    out.push_str("</svg>");
}

/// One side: its label, its interval (a dot for one figure), an arrow when it is open-ended.
fn row(out: &mut String, r: &Row, y: f64, from: f64, to: f64) {
    let _ = write!(
        out,
        r#"<g class="side"><title>{}: {}</title><text x="{}" y="{:.1}" class="label">"#,
        escape(r.label),
        escape(r.value),
        LABEL,
        y + 4.0
    );
    push(out, &short(r.label));
    out.push_str(" — ");
    push(out, r.value);
    out.push_str("</text>");
    if r.interval.max == Some(r.interval.min) {
        let _ = write!(out, r#"<circle cx="{from:.1}" cy="{y:.1}" r="5"/>"#);
    } else {
        let _ = write!(
            out,
            r#"<line x1="{from:.1}" y1="{y:.1}" x2="{to:.1}" y2="{y:.1}"/><line x1="{from:.1}" y1="{:.1}" x2="{from:.1}" y2="{:.1}"/>"#,
            y - 6.0,
            y + 6.0
        );
        match r.interval.max {
            Some(_) => {
                let _ = write!(
                    out,
                    r#"<line x1="{to:.1}" y1="{:.1}" x2="{to:.1}" y2="{:.1}"/>"#,
                    y - 6.0,
                    y + 6.0
                );
            }
            None => {
                let _ = write!(
                    out,
                    r#"<polygon class="open" points="{:.1},{:.1} {:.1},{y:.1} {:.1},{:.1}"/>"#,
                    to - 9.0,
                    y - 6.0,
                    to + 3.0,
                    to - 9.0,
                    y + 6.0
                );
            }
        }
    }
    out.push_str("</g>");
}

/// The number line under the rows, with round ticks.
fn axis(out: &mut String, top: f64, y: f64, x0: f64, x1: f64, x: &dyn Fn(u64) -> f64) {
    let _ = write!(
        out,
        r#"<g class="axis"><line x1="{x0:.1}" y1="{y:.1}" x2="{x1:.1}" y2="{y:.1}"/>"#
    );
    let step = nice_step(top / 5.0);
    let mut v = 0;
    while (v as f64) <= top {
        let _ = write!(
            out,
            r#"<line x1="{0:.1}" y1="{y:.1}" x2="{0:.1}" y2="{1:.1}"/><text x="{0:.1}" y="{2:.1}">{3}</text>"#,
            x(v),
            y + 5.0,
            y + 18.0,
            v
        );
        v += step;
    }
    out.push_str("</g>");
}

/// 1, 2 or 5 times a power of ten, at least `raw` (and at least 1).
fn nice_step(raw: f64) -> u64 {
    let mut power = 1u64;
    loop {
        for m in [1, 2, 5] {
            if (m * power) as f64 >= raw {
                return m * power;
            }
        }
        power = power.saturating_mul(10);
    }
}

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{cut}…")
}

/// One claim on the timeline: its lane (a side), its publication date, what it said.
pub struct Point {
    pub lane: usize,
    pub date: Option<String>,
    pub value: String,
    pub tooltip: String,
}

/// Lanes (one per side) across the event's publication dates, each claim a labelled dot, a
/// side's claims joined in time order: a revision ("rose to 25") shows as a step.
pub fn timeline(out: &mut String, lanes: &[String], points: &[Point]) {
    if lanes.is_empty() || points.is_empty() {
        return;
    }
    let mut dates: Vec<Option<&str>> = points.iter().map(|p| p.date.as_deref()).collect();
    // Undated articles last: `None` sorts first, so flip it.
    dates.sort_by_key(|d| (d.is_none(), *d));
    dates.dedup();
    let (x0, x1) = (LABEL + 10.0, WIDTH - RIGHT);
    let column = (x1 - x0) / dates.len() as f64;
    let cx = |d: Option<&str>| {
        let i = dates.iter().position(|&x| x == d).unwrap_or(0);
        x0 + column * (i as f64 + 0.5)
    };
    let lane_height = 30.0;
    let height = lane_height * lanes.len() as f64 + AXIS;
    let _ = write!(
        out,
        r#"<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Claims by publication date"><title>Claims by publication date</title>"#
    );
    for (i, lane) in lanes.iter().enumerate() {
        let y = lane_height * i as f64 + lane_height / 2.0;
        let _ = write!(
            out,
            r#"<g class="lane"><title>{}</title><text x="{LABEL}" y="{:.1}" class="label">{}</text>"#,
            escape(lane),
            y + 4.0,
            escape(&short(lane))
        );
        let mut placed: Vec<(f64, &Point)> = Vec::new();
        for p in points.iter().filter(|p| p.lane == i) {
            let base = cx(p.date.as_deref());
            // Several claims on one day sit side by side.
            let same = placed
                .iter()
                .filter(|(x, _)| (*x - base).abs() < column / 2.0)
                .count();
            placed.push((base + 12.0 * same as f64, p));
        }
        if placed.len() > 1 {
            out.push_str(r#"<polyline points=""#);
            for (x, _) in &placed {
                let _ = write!(out, "{x:.1},{y:.1} ");
            }
            out.push_str(r#""/>"#);
        }
        for (x, p) in &placed {
            let _ = write!(
                out,
                r#"<g><title>{}</title><circle cx="{x:.1}" cy="{y:.1}" r="4"/><text x="{x:.1}" y="{:.1}" class="value">{}</text></g>"#,
                escape(&p.tooltip),
                y - 7.0,
                escape(&p.value)
            );
        }
        out.push_str("</g>");
    }
    let y = lane_height * lanes.len() as f64 + 4.0;
    out.push_str(r#"<g class="axis">"#);
    for &d in &dates {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            cx(d),
            y + 14.0,
            escape(d.unwrap_or("undated"))
        );
    }
    out.push_str("</g></svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(min: u64, max: Option<u64>) -> Interval {
        Interval { min, max }
    }

    #[test]
    fn open_bounds_are_arrows_and_exact_figures_dots() {
        let rows = [
            Row {
                label: "Group",
                value: "2",
                interval: iv(2, Some(2)),
            },
            Row {
                label: "Army <b>",
                value: "at least 6",
                interval: iv(6, None),
            },
            Row {
                label: "Monitor",
                value: "3 to 5",
                interval: iv(3, Some(5)),
            },
        ];
        let mut out = String::new();
        interval_plot(&mut out, "Death toll", &rows);
        assert_eq!(out.matches("<circle").count(), 1, "{out}");
        assert_eq!(out.matches(r#"class="open""#).count(), 1, "{out}");
        assert_eq!(out.matches(r#"class="reconciled""#).count(), 1);
        assert!(out.contains("Army &lt;b&gt; — at least 6"), "{out}");
        assert!(!out.contains("<b>"));
        // The open range runs to the plot's end; the shaded range too.
        assert!(
            out.contains(&format!(r#"x2="{:.1}""#, WIDTH - RIGHT)),
            "{out}"
        );
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_step(0.2), 1);
        assert_eq!(nice_step(1.5), 2);
        assert_eq!(nice_step(3.0), 5);
        assert_eq!(nice_step(420.0), 500);
    }

    #[test]
    fn timeline_orders_dates_and_joins_a_sides_claims() {
        let point = |lane, date: Option<&str>, value: &str| Point {
            lane,
            date: date.map(str::to_string),
            value: value.into(),
            tooltip: value.into(),
        };
        let points = [
            point(0, Some("2024-01-02"), "12"),
            point(0, Some("2024-01-03"), "25"),
            point(1, None, "3"),
        ];
        let mut out = String::new();
        timeline(&mut out, &["Ministry".into(), "Group".into()], &points);
        assert_eq!(out.matches("<polyline").count(), 1, "{out}");
        let (a, b, u) = (
            out.find(">2024-01-02<").unwrap(),
            out.find(">2024-01-03<").unwrap(),
            out.find(">undated<").unwrap(),
        );
        assert!(a < b && b < u, "{out}");
    }
}
