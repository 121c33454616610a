//! JSON Lines: one claim per line, for tools that stream or grep (`jq -c`, `rg`, pandas'
//! `read_json(lines=True)`) and for appending runs to a log without parsing a whole report.
//!
//! Each line is the claim exactly as it appears in the JSON report (schema version 1), so the
//! two formats never drift apart.

use super::Report;

/// Writes every claim, compact, one per line, in report order (nothing when there are none),
/// as the claims are read back from the store: the output is about as large as the corpus.
pub(super) fn write(report: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    for claim in report.claims.iter() {
        // A claim has only string keys and plain values, so serialising cannot fail; if it ever
        // did, dropping that one line beats aborting the run or emitting half a line.
        if let Ok(line) = serde_json::to_string(&claim) {
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, test_render, test_report};
    use serde_json::Value;

    fn render(report: &Report) -> String {
        test_render(Format::Jsonl, report)
    }

    fn report() -> Report {
        test_report(&[
            (
                "a",
                "news/a.txt",
                None,
                "The Observatory said at least 12 fighters were killed.",
            ),
            // Wrapped mid-sentence: the quote's newline must not split the line.
            (
                "b",
                "news/b.txt",
                None,
                "Harakat al-Nujaba said five\nfighters were killed.",
            ),
        ])
    }

    #[test]
    fn one_compact_claim_per_line_in_order() {
        let report = report();
        let out = render(&report);
        assert!(out.ends_with('\n'));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), report.claims.len());
        assert_eq!(lines.len(), 2);
        let claims: Vec<_> = report.claims.iter().collect();
        assert!(claims[1].quote.contains('\n'));
        for (line, claim) in lines.iter().zip(&claims) {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["id"], claim.id.as_str());
            assert_eq!(v, serde_json::to_value(claim).unwrap());
            assert!(!line.contains(": "), "compact: {line}");
        }
        let first: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["display"], "at least 12");
        assert_eq!(first["value"]["max"], Value::Null);
        assert!(
            first.get("quote_start").is_none(),
            "skipped fields stay out"
        );
        assert_eq!(out, render(&report));
    }

    #[test]
    fn matches_the_json_report() {
        let report = report();
        let full: Value = serde_json::from_str(&test_render(Format::Json, &report)).unwrap();
        let from_lines: Vec<Value> = render(&report)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(full["claims"], Value::Array(from_lines));
    }

    #[test]
    fn no_claims_no_output() {
        let empty = crate::check_documents(crate::rules::test_rules(), Vec::new());
        assert_eq!(render(&empty), "");
    }
}
