//! A Markdown report to paste (or post from CI) as a pull-request comment: an overview table a
//! reviewer can scan, then each disagreement with every side's quotes and where they are.
//!
//! Article text is untrusted: quotes and names are escaped so a stray `|`, `*`, `<tag>` or
//! `@name` in a news story cannot break the table, restyle the comment or ping someone.
//! GitHub caps a comment at 65,536 characters; a very large corpus needs a file, not a comment.

use super::{Report, events_with_disagreements, plural};
use crate::compare::{Contradiction, Side};
use std::io::{self, Write};

/// Writes the whole report as GitHub-flavoured Markdown, ending with a newline.
pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let n = report.contradictions.len();
    match n {
        0 => writeln!(out, "## contra: no disagreements\n"),
        _ => writeln!(
            out,
            "## contra: {} in {}\n",
            plural(n, "disagreement"),
            plural(events_with_disagreements(report), "event")
        ),
    }?;
    writeln!(
        out,
        "Checked {}, {}, {}.",
        plural(report.documents.len(), "document"),
        plural(report.events.len(), "event"),
        plural(report.claims.len(), "claim"),
    )?;
    if n > 0 {
        out.write_all(b"\n| # | Event | Rule | Subject | Sides |\n|---:|---|---|---|---|\n")?;
        for (i, c) in report.contradictions.iter().enumerate() {
            let sides: Vec<String> = c
                .sides
                .iter()
                .map(|s| format!("{}: {}", escape(&s.actor_name), escape(&s.display)))
                .collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                i + 1,
                cell_code(&c.event),
                cell_code(&c.rule),
                escape(&c.subject),
                sides.join("<br>"),
            )?;
        }
    }
    for (i, c) in report.contradictions.iter().enumerate() {
        section(out, report, i + 1, c)?;
    }
    if !report.errors.is_empty() {
        writeln!(out, "\n### Skipped inputs\n")?;
        for e in &report.errors {
            writeln!(out, "- {}: {}", code(&e.path), escape(&e.message))?;
        }
    }
    Ok(())
}

/// One disagreement: its summary, then each side's word and the quotes behind it.
fn section(out: &mut dyn Write, report: &Report, n: usize, c: &Contradiction) -> io::Result<()> {
    writeln!(
        out,
        "\n### {n}. {} · {} — event {}\n\n{}",
        code(&c.rule),
        escape(&c.subject),
        code(&c.event),
        escape(&c.summary)
    )?;
    writeln!(out, "\n*{}*", escape(&super::contested_text(c)))?;
    for side in &c.sides {
        side_block(out, report, side)?;
    }
    Ok(())
}

fn side_block(out: &mut dyn Write, report: &Report, side: &Side) -> io::Result<()> {
    writeln!(
        out,
        "\n**{}** — {}",
        escape(&side.actor_name),
        escape(&side.display)
    )?;
    writeln!(out, "\n*{}*", escape(&super::sourcing_text(side)))?;
    for claim in side.claims.iter().filter_map(|&id| report.claim(id)) {
        let doc = report.document(&claim.document);
        let path = doc.map_or(claim.document.as_str(), |d| d.path.as_str());
        let source = match doc.and_then(|d| d.outlet.as_deref()) {
            Some(outlet) => format!("*{}* ({})", escape(outlet), code(&claim.document)),
            None => code(&claim.document),
        };
        // An earlier word the side has since revised: say what it was here.
        let said = if claim.display != side.display {
            format!(" · said {} here", escape(&claim.display))
        } else {
            String::new()
        };
        out.write_all(b"\n")?;
        for line in claim.quote.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(out, "> {}", block_line(line.trim()))?;
        }
        writeln!(
            out,
            ">\n> — {source}, {}{said}",
            code(&format!("{path}:{}:{}", claim.line, claim.column))
        )?;
    }
    Ok(())
}

/// Inline text: backslash-escapes what Markdown or GitHub would act on, and flattens line
/// breaks so a value cannot end a table row.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '@' | '#' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// A quote line inside a blockquote: inline escapes, and a leading `-`, `+` or `=` escaped so it
/// does not turn into a list or a heading underline.
fn block_line(s: &str) -> String {
    let escaped = escape(s);
    match escaped.chars().next() {
        Some('-' | '+' | '=') => format!("\\{escaped}"),
        _ => escaped,
    }
}

/// A code span whose fence is longer than any backtick run inside it (CommonMark's rule).
fn code(s: &str) -> String {
    let flat = s.replace(['\r', '\n'], " ");
    let mut longest = 0;
    let mut run = 0;
    for ch in flat.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// A code span in a table cell: GFM splits cells on `|` even inside code, unless escaped.
fn cell_code(s: &str) -> String {
    code(s).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::InputError;
    use crate::report::{Format, test_render, test_report};

    fn render(report: &Report) -> String {
        test_render(Format::Markdown, report)
    }

    fn report() -> Report {
        test_report(&[
            (
                "a",
                "news/a.txt",
                Some("Gulf | Ledger"),
                "The Observatory said at least 12 fighters were killed.",
            ),
            (
                "b",
                "news/b.txt",
                Some("Desert Post"),
                "Harakat al-Nujaba said five fighters were killed.",
            ),
        ])
    }

    #[test]
    fn heading_table_and_sections() {
        let out = render(&report());
        assert!(
            out.starts_with(
                "## contra: 1 disagreement in 1 event\n\nChecked 2 documents, 1 event, 2 claims.\n"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "| 1 | `e` | `death_toll` | fighters | Harakat al-Nujaba: 5<br>\
             Syrian Observatory for Human Rights: at least 12 |\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("\n### 1. `death_toll` · fighters — event `e`\n\nDeath toll (fighters): "),
            "{out}"
        );
        assert!(
            out.contains("\n*contested weakly: every side rests on a single outlet*\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "\n**Syrian Observatory for Human Rights** — at least 12\n\n\
             *single-source (Gulf \\| Ledger)*\n\n\
             > The Observatory said at least 12 fighters were killed.\n>\n\
             > — *Gulf \\| Ledger* (`a`), `news/a.txt:5:22`\n"
            ),
            "{out}"
        );
        assert_eq!(out, render(&report()));
    }

    #[test]
    fn escapes_cells_and_lists_errors() {
        let mut report = report();
        report.contradictions[0].subject = "a|b\nc".into();
        report.errors.push(InputError {
            path: "x`y.txt".into(),
            message: "<b>bad</b>".into(),
        });
        let out = render(&report);
        assert!(out.contains("| a\\|b c |"), "{out}");
        assert!(out.contains("- ``x`y.txt``: \\<b\\>bad\\</b\\>\n"), "{out}");
    }

    #[test]
    fn empty_report() {
        let empty = crate::check_documents(crate::rules::test_rules(), Vec::new());
        assert_eq!(
            render(&empty),
            "## contra: no disagreements\n\nChecked 0 documents, 0 events, 0 claims.\n"
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
        assert_eq!(block_line("- five"), "\\- five");
        assert_eq!(escape("@team #1"), "\\@team \\#1");
    }
}
