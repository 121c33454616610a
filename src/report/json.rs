//! The JSON report (schema version 1), byte for byte as serde writes `Report` pretty-printed,
//! but with the claims, nearly all of its bytes, read back from the store and rendered in
//! parallel, a window of documents at a time. Written serially, they were a seventh of a
//! 200,000-article run.

use super::Report;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// Documents whose claims are rendered together: enough to keep every core busy, few enough
/// that a window's rendered text stays a few megabytes.
const WINDOW: usize = 1024;

/// Writes the report to `w` (with a final newline), never holding it whole in memory.
pub(super) fn write(report: &Report, mut w: &mut dyn Write) -> io::Result<()> {
    let mut object = Object {
        out: &mut w,
        empty: true,
    };
    object.field("version", &report.version)?;
    object.field("documents", &report.documents)?;
    object.field("events", &report.events)?;
    object.key("claims")?;
    claims(report, object.out)?;
    object.field("contradictions", &report.contradictions)?;
    object.field("errors", &report.errors)?;
    // The same fields serde skips (see `Report`).
    if !report.warnings.is_empty() {
        object.field("warnings", &report.warnings)?;
    }
    if report.hidden_by_baseline != 0 {
        object.field("hidden_by_baseline", &report.hidden_by_baseline)?;
    }
    w.write_all(b"\n}\n")
}

/// The top-level object, written one field at a time as serde's pretty printer would.
struct Object<'w, W: Write> {
    out: &'w mut W,
    empty: bool,
}

impl<W: Write> Object<'_, W> {
    fn key(&mut self, name: &str) -> io::Result<()> {
        let open: &[u8] = if self.empty { b"{\n  \"" } else { b",\n  \"" };
        self.empty = false;
        self.out.write_all(open)?;
        self.out.write_all(name.as_bytes())?;
        self.out.write_all(b"\": ")
    }

    fn field(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(name)?;
        pretty(&mut *self.out, b"  ", value)
    }
}

/// `value` pretty-printed as if nested one level deeper per two spaces of `pad`.
fn pretty(out: impl Write, pad: &'static [u8], value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(Indent { out, pad }, value).map_err(io::Error::other)
}

/// The claims array, rendered a window of documents at a time in parallel, written in order.
fn claims(report: &Report, out: &mut impl Write) -> io::Result<()> {
    if report.claims.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let mut first = true;
    for window in report.claims.documents().chunks(WINDOW) {
        let rendered: Vec<Vec<u8>> = window
            .par_iter()
            .map(|d| document_claims(report, d))
            .collect::<io::Result<_>>()?;
        for text in rendered.iter().filter(|t| !t.is_empty()) {
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            out.write_all(text)?;
        }
    }
    out.write_all(b"\n  ]")
}

/// One document's claims as array elements at depth two, comma-separated.
fn document_claims(report: &Report, d: &crate::store::DocumentClaims) -> io::Result<Vec<u8>> {
    let mut text = Vec::new();
    for (k, claim) in report.claims.load(d).iter().enumerate() {
        if k > 0 {
            text.push(b',');
        }
        text.extend_from_slice(b"\n    ");
        pretty(&mut text, b"    ", claim)?;
    }
    Ok(text)
}

/// Indents every line after the first. Pretty JSON breaks lines only between tokens (a string
/// escapes its newlines), so this nests a value exactly as serde would have.
struct Indent<W> {
    out: W,
    pad: &'static [u8],
}

impl<W: Write> Write for Indent<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.out.write_all(&rest[..=i])?;
            self.out.write_all(self.pad)?;
            rest = &rest[i + 1..];
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_report;

    fn written(report: &Report) -> String {
        let mut out = Vec::new();
        write(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// What serde makes of the whole report at once: the bytes the streamed writer must match.
    fn serde_pretty(report: &Report) -> String {
        serde_json::to_string_pretty(report).unwrap() + "\n"
    }

    #[test]
    fn the_written_report_is_serdes_pretty_json() {
        let mut report = test_report(&[
            (
                "a",
                "a.txt",
                Some("Wire"),
                "The Pentagon said five soldiers were killed.",
            ),
            (
                "b",
                "b.txt",
                None,
                "The ministry said 12 soldiers were killed.",
            ),
            ("c", "c.txt", None, "Nothing here."),
        ]);
        assert!(report.claims.len() >= 2, "the test needs claims");
        assert_eq!(written(&report), serde_pretty(&report));
        // The fields serde leaves out when empty, present.
        report.hidden_by_baseline = 3;
        report.warnings.push(crate::corpus::InputError {
            path: "a.txt".into(),
            message: "repaired".into(),
        });
        assert_eq!(written(&report), serde_pretty(&report));
    }

    #[test]
    fn a_report_without_claims_is_serdes_too() {
        let mut report = test_report(&[("c", "c.txt", None, "Nothing here.")]);
        report.claims.clear();
        assert_eq!(written(&report), serde_pretty(&report));
    }
}
