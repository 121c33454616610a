//! Reports: the same findings as JSON (the stable contract) or for a person at a terminal.

pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod sarif;

use crate::compare::Contradiction;
use crate::corpus::InputError;
use crate::events::Event;
use crate::grading::{Contested, Grade};
use crate::model::{Claim, ClaimRef, DocumentMeta};
use crate::store::ClaimStore;
use serde::Serialize;

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

/// A streamed format's output as one string (tests, library callers); the binary streams it.
pub(crate) fn to_string(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every writer writes UTF-8.
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Report {
    /// Writes the JSON report straight to `w`, never holding it whole in memory: the same
    /// bytes as [`Report::to_json`], faster.
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        json::write(self, w)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a report always serialises");
        s.push('\n');
        s
    }

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
