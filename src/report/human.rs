//! The report for a person at a terminal: summary tables, then every disagreement with each
//! side's quotes as source snippets pointing at file:line:column.

use super::Report;
use crate::model::Claim;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::io::{self, Write};

/// A quoted sentence that knows where it stands in its file, so snippets show real line numbers.
#[derive(Debug)]
struct QuoteSource {
    name: String,
    text: String,
    /// 0-based line and column of the quote's first character in its file.
    line: usize,
    column: usize,
}

impl QuoteSource {
    /// 0-based line and column in the file of a byte offset inside the quote.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..crate::text::floor_char_boundary(&self.text, offset)];
        match before.rfind('\n') {
            Some(nl) => (
                self.line + before.matches('\n').count(),
                before[nl + 1..].chars().count(),
            ),
            None => (self.line, self.column + before.chars().count()),
        }
    }
}

impl SourceCode for QuoteSource {
    /// The whole sentence for the snippet; just the span, at its real position, when asked for
    /// no context (that is how the header finds the label's line and column).
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        if before == 0 && after == 0 {
            let (line, column) = self.position(start);
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[start..end],
                *span,
                line,
                column,
                1,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.line,
            self.column,
            self.text.lines().count().max(1),
        )))
    }
}

#[derive(Debug, Diagnostic, thiserror::Error)]
#[error("{heading}")]
#[diagnostic(severity(Advice))]
struct QuoteDiagnostic {
    heading: String,
    #[source_code]
    src: QuoteSource,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
}

fn quote_diagnostic(report: &Report, claim: &Claim, heading: String) -> QuoteDiagnostic {
    let path = report
        .document(&claim.document)
        .map_or(claim.document.clone(), |d| d.path.clone());
    let (hl_start, hl_end) = (claim.highlight.start, claim.highlight.end);
    QuoteDiagnostic {
        heading,
        src: QuoteSource {
            name: path,
            text: claim.quote.clone(),
            line: claim.quote_start.line.saturating_sub(1),
            column: claim.quote_start.column.saturating_sub(1),
        },
        span: (hl_start, hl_end.saturating_sub(hl_start)).into(),
        label: claim.display.clone(),
    }
}

/// Writes the whole report. `color` follows the terminal and `NO_COLOR`.
pub(super) fn write(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "contra: {}, {}, {}, {}{}",
        plural(report.documents.len(), "document", "documents"),
        plural(report.events.len(), "event", "events"),
        plural(report.claims.len(), "claim", "claims"),
        plural(report.contradictions.len(), "disagreement", "disagreements"),
        if report.hidden_by_baseline > 0 {
            format!(
                " ({} known, hidden by the baseline)",
                report.hidden_by_baseline
            )
        } else {
            String::new()
        } + &if report.errors.is_empty() {
            String::new()
        } else {
            format!(
                ", {} skipped",
                plural(report.errors.len(), "input", "inputs")
            )
        }
    )?;
    writeln!(out, "\n{}", events_table(report))?;
    if !report.contradictions.is_empty() {
        writeln!(out, "\n{}", contradictions_table(report))?;
    }
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
        .with_wrap_lines(true);
    for (i, c) in report.contradictions.iter().enumerate() {
        writeln!(out, "\n[{}] {}\n    event: {}", i + 1, c.summary, c.event)?;
        writeln!(out, "    {}", super::contested_text(c))?;
        for side in &c.sides {
            writeln!(
                out,
                "      {}: {}",
                side.actor_name,
                super::sourcing_text(side)
            )?;
        }
        for side in &c.sides {
            for &claim_id in &side.claims {
                let Some(claim) = report.claim(claim_id) else {
                    continue;
                };
                let outlet = report
                    .document(&claim.document)
                    .and_then(|d| d.outlet.clone())
                    .unwrap_or_else(|| claim.document.clone());
                let speaker = claim
                    .speaker
                    .as_deref()
                    .filter(|s| *s != side.actor_name)
                    .map(|s| format!(" (\"{s}\")"))
                    .unwrap_or_default();
                let heading = format!(
                    "{}{speaker} — {} — in {outlet}",
                    side.actor_name, claim.display
                );
                // miette renders into a `fmt::Write`: one snippet at a time, then out.
                let mut snippet = String::new();
                let _ =
                    handler.render_report(&mut snippet, &quote_diagnostic(report, &claim, heading));
                out.write_all(snippet.as_bytes())?;
            }
        }
    }
    writeln!(
        out,
        "\nRead {}, skipped {}{}.",
        plural(report.documents.len(), "article", "articles"),
        plural(report.errors.len(), "input", "inputs"),
        if report.warnings.is_empty() {
            String::new()
        } else {
            format!(
                ", repaired {}",
                plural(report.warnings.len(), "input", "inputs")
            )
        }
    )?;
    for (title, list) in [
        ("Skipped", &report.errors),
        ("Read with a warning", &report.warnings),
    ] {
        if !list.is_empty() {
            writeln!(out, "{title}:")?;
            for e in list {
                writeln!(out, "  {}: {}", e.path, e.message)?;
            }
        }
    }
    Ok(())
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(110);
    t
}

fn events_table(report: &Report) -> Table {
    let mut t = table();
    t.set_header(vec![
        "Event",
        "Label",
        "Documents",
        "Claims",
        "Disagreements",
    ]);
    let claims_by_event = report.claims.count_by_event();
    for e in &report.events {
        let claims = claims_by_event.get(e.id.as_str()).copied().unwrap_or(0);
        let disagreements = report
            .contradictions
            .iter()
            .filter(|c| c.event == e.id)
            .count();
        t.add_row(vec![
            e.id.clone(),
            e.label.clone(),
            e.documents.join("\n"),
            claims.to_string(),
            disagreements.to_string(),
        ]);
    }
    t
}

fn contradictions_table(report: &Report) -> Table {
    let mut t = table();
    t.set_header(vec!["#", "Event", "Rule", "Subject", "Sides"]);
    for (i, c) in report.contradictions.iter().enumerate() {
        let sides: Vec<String> = c
            .sides
            .iter()
            .map(|s| format!("{}: {}", s.actor_name, s.display))
            .collect();
        t.add_row(vec![
            (i + 1).to_string(),
            c.event.clone(),
            c.rule.clone(),
            c.subject.clone(),
            sides.join("\n"),
        ]);
    }
    t
}
