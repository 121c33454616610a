//! Reports: the same findings as JSON (the stable contract), for a person at a terminal or in
//! a browser, or for other tools. Every format goes through [`write`], and every format streams
//! to a writer: none is built whole in memory first, so a large corpus's report costs no more
//! memory than the report itself.

mod github;
mod html;
mod human;
mod json;
mod jsonl;
mod markdown;
mod sarif;

use crate::compare::Contradiction;
use crate::corpus::InputError;
use crate::events::Event;
use crate::grading::{Contested, Grade};
use crate::model::{Claim, ClaimRef, DocumentMeta};
use crate::rules::RuleSet;
use crate::store::ClaimStore;
use serde::Serialize;
use std::io;

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and quoted snippets, for a person at a terminal.
    Human,
    /// The stable JSON report (schema version 1).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// A report to paste into a pull-request comment.
    Markdown,
    /// One claim per line, for other tools.
    Jsonl,
    /// One self-contained page to open in a browser, share or attach to a fact-check.
    Html,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Markdown,
        Format::Jsonl,
        Format::Html,
    ];

    /// The name `--format` and contra.toml take.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
        }
    }
}

/// What a format may need beside the report.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The rules the report was made with (SARIF describes each).
    pub rules: &'a RuleSet,
    /// Colour in terminal output (the human format).
    pub color: bool,
}

/// Writes `report` in `format` to `w`. The one way any report is written.
pub fn write(
    format: Format,
    report: &Report,
    options: Options,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, options.color, w),
        Format::Json => json::write(report, w),
        Format::Sarif => sarif::write(report, options.rules, w),
        Format::Github => github::write(report, w),
        Format::Markdown => markdown::write(report, w),
        Format::Jsonl => jsonl::write(report, w),
        Format::Html => html::write(report, w),
    }
}

/// A report as one string, through [`write`] (tests, library callers; the binary streams).
pub fn to_string(format: Format, report: &Report, options: Options) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every format writes UTF-8.
    let _ = write(format, report, options, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Everything one run found. Serialised as-is for `--format json` (schema version 1).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentMeta>,
    pub events: Vec<Event>,
    /// Every claim, read back from the store as it is written out.
    pub claims: ClaimStore,
    pub contradictions: Vec<Contradiction>,
    pub errors: Vec<InputError>,
    /// Inputs read with a repair (invalid UTF-8 replaced): checked, but worth a look.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputError>,
    /// Known disagreements left out because a baseline lists them.
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden_by_baseline: usize,
}

/// A report on small articles of one event, for the format tests: (id, path, outlet, body).
#[cfg(test)]
pub(crate) fn test_report(docs: &[(&str, &str, Option<&str>, &str)]) -> Report {
    let docs = docs
        .iter()
        .map(|(id, path, outlet, body)| {
            let outlet = outlet
                .map(|o| format!("outlet = \"{o}\"\n"))
                .unwrap_or_default();
            let text = format!("+++\nevent = \"e\"\n{outlet}+++\n{body}\n");
            crate::corpus::parse(id, path, text).expect("valid test article")
        })
        .collect();
    crate::check_documents(crate::rules::test_rules(), docs)
}

/// `report` in `format` with the test rules and no colour (the format tests).
#[cfg(test)]
pub(crate) fn test_render(format: Format, report: &Report) -> String {
    let options = Options {
        rules: crate::rules::test_rules(),
        color: false,
    };
    to_string(format, report, options)
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Report {
    pub fn claim(&self, id: ClaimRef) -> Option<Claim> {
        self.claims.get(id)
    }

    /// The document with this id. Documents are in id order, so this is a binary search; an id
    /// renamed to stay unique ("a-2") can sit out of order, and is then found by a scan.
    pub fn document(&self, id: &str) -> Option<&DocumentMeta> {
        self.documents
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.documents[i])
            .or_else(|| self.documents.iter().find(|d| d.id == id))
    }
}

/// A side's sourcing in words, the same in every text format: "corroborated by 3 independent
/// outlets (A, B, C)", "single-source (A); reprinted by B".
pub fn sourcing_text(side: &crate::compare::Side) -> String {
    let s = &side.sourcing;
    let n = s.independent_outlets.len();
    let names = s.independent_outlets.join(", ");
    let mut text = match s.grade {
        Grade::Corroborated => format!("corroborated by {n} independent outlets ({names})"),
        Grade::SingleSource => format!("single-source ({names})"),
    };
    if !s.reprints.is_empty() {
        text += &format!("; copy also in {}", s.reprints.join(", "));
    }
    text
}

/// How firmly a disagreement is contested, in words.
pub fn contested_text(c: &Contradiction) -> String {
    let why = match c.contested {
        Contested::Strongly => "every side has more than one independent outlet",
        Contested::Unevenly => "some sides rest on a single outlet",
        Contested::Weakly => "every side rests on a single outlet",
    };
    format!("contested {}: {why}", c.contested.as_str())
}

/// How many events have at least one disagreement.
fn events_with_disagreements(report: &Report) -> usize {
    let mut events: Vec<&str> = report
        .contradictions
        .iter()
        .map(|c| c.event.as_str())
        .collect();
    events.sort_unstable();
    events.dedup();
    events.len()
}

/// "1 event", "2 events".
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
