//! GitHub Actions workflow commands: printed by a CI step, each line becomes an annotation on the
//! article in the pull request's diff, with no upload step or permissions needed.
//!
//! See "Workflow commands for GitHub Actions": data is escaped for `%`, `\r` and `\n`, and
//! property values additionally for `:` and `,`, or the runner cuts the command short.

use super::Report;
use std::io::{self, Write};

/// One `::warning` per side of every disagreement, at the claim that gave that side's current
/// word, and one `::error` per skipped input. One command per line, in report order.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for c in &report.contradictions {
        let title = format!("{}: {}", c.rule, c.subject);
        for side in &c.sides {
            let message = format!(
                "{}: {} — {} ({}; {})",
                side.actor_name,
                side.display,
                c.summary,
                super::sourcing_text(side),
                super::contested_text(c)
            );
            // Side claims are in time order: the last one is the word `display` reports.
            let claim = side.claims.iter().rev().find_map(|&id| report.claim(id));
            let mut props = Vec::new();
            if let Some(claim) = claim {
                let path = report
                    .document(&claim.document)
                    .map_or(claim.document.as_str(), |d| d.path.as_str());
                props.push(("file", path.to_string()));
                props.push(("line", claim.line.max(1).to_string()));
                props.push(("col", claim.column.max(1).to_string()));
            }
            props.push(("title", title.clone()));
            command(out, "warning", &props, &message)?;
        }
    }
    for e in &report.errors {
        command(out, "error", &[("file", e.path.clone())], &e.message)?;
    }
    Ok(())
}

/// `::name key=value,key=value::message` and a newline.
fn command(
    out: &mut dyn Write,
    name: &str,
    props: &[(&str, String)],
    message: &str,
) -> io::Result<()> {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    let sep = if props.is_empty() { "" } else { " " };
    writeln!(
        out,
        "::{name}{sep}{}::{}",
        props.join(","),
        escape_data(message)
    )
}

/// The message part: `%` first, so the escapes it introduces are not escaped again.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: `:` would end the properties and `,` would start a new one.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputError;
    use crate::report::{Format, test_render, test_report};

    fn render(report: &Report) -> String {
        test_render(Format::Github, report)
    }

    fn report() -> Report {
        test_report(&[
            (
                "a",
                "news/a,1.txt",
                None,
                "The Observatory said at least 12 fighters were killed.",
            ),
            (
                "b",
                "news/b.txt",
                None,
                "Harakat al-Nujaba said five fighters were killed.",
            ),
        ])
    }

    #[test]
    fn one_warning_per_side_with_position() {
        let out = render(&report());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines[0].starts_with(
                "::warning file=news/b.txt,line=4,col=24,title=death_toll%3A fighters::\
                 Harakat al-Nujaba: 5 — Death toll (fighters): "
            ),
            "{out}"
        );
        assert!(
            lines[1].starts_with("::warning file=news/a%2C1.txt,line=4,col=22,title="),
            "{out}"
        );
        assert!(lines[1].contains("::Syrian Observatory for Human Rights: at least 12 — "));
        assert_eq!(out, render(&report()));
    }

    #[test]
    fn errors_and_escaping() {
        let mut report = report();
        report.contradictions.clear();
        report.errors.push(InputError {
            path: "C:/x,y.txt".into(),
            message: "100% broken\r\nsecond line".into(),
        });
        assert_eq!(
            render(&report),
            "::error file=C%3A/x%2Cy.txt::100%25 broken%0D%0Asecond line\n"
        );
    }

    #[test]
    fn side_without_known_claims_still_warns() {
        let mut report = report();
        report.claims.clear();
        let out = render(&report);
        assert!(
            out.starts_with("::warning title=death_toll%3A fighters::"),
            "{out}"
        );
    }
}
