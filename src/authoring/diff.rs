//! `contra rules diff`: the claims and disagreements a rule-folder edit makes appear and
//! disappear on a real corpus, before the edit is committed.

use crate::compare::Contradiction;
use crate::model::Claim;
use crate::report::Report;
use std::collections::BTreeSet;
use std::fmt::Write;

/// What changed between the report under the old rules and under the new ones.
#[derive(Debug, Default)]
pub struct RulesDiff {
    pub claims_added: Vec<String>,
    pub claims_removed: Vec<String>,
    pub contradictions_added: Vec<String>,
    pub contradictions_removed: Vec<String>,
}

impl RulesDiff {
    pub fn is_empty(&self) -> bool {
        self.claims_added.is_empty()
            && self.claims_removed.is_empty()
            && self.contradictions_added.is_empty()
            && self.contradictions_removed.is_empty()
    }
}

/// A claim as an author reads it: where, which rule, who, what. Ids are left out: they shift
/// whenever a claim before them appears or disappears.
fn claim_line(c: &Claim) -> String {
    format!(
        "{}:{}:{} {} {} = {} ({}) — {}",
        c.document,
        c.line,
        c.column,
        c.rule,
        c.actor.as_deref().unwrap_or("nobody"),
        c.display,
        c.subject,
        c.quote.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

fn contradiction_line(c: &Contradiction) -> String {
    format!("{}: {}", c.event, c.summary)
}

fn delta(old: BTreeSet<String>, new: BTreeSet<String>) -> (Vec<String>, Vec<String>) {
    (
        new.difference(&old).cloned().collect(),
        old.difference(&new).cloned().collect(),
    )
}

pub fn diff(old: &Report, new: &Report) -> RulesDiff {
    let (claims_added, claims_removed) = delta(
        old.claims.iter().map(|c| claim_line(&c)).collect(),
        new.claims.iter().map(|c| claim_line(&c)).collect(),
    );
    let (contradictions_added, contradictions_removed) = delta(
        old.contradictions.iter().map(contradiction_line).collect(),
        new.contradictions.iter().map(contradiction_line).collect(),
    );
    RulesDiff {
        claims_added,
        claims_removed,
        contradictions_added,
        contradictions_removed,
    }
}

pub fn render(d: &RulesDiff) -> String {
    let mut out = String::new();
    let sections = [
        ("Disagreements that appear", "+", &d.contradictions_added),
        (
            "Disagreements that disappear",
            "-",
            &d.contradictions_removed,
        ),
        ("Claims that appear", "+", &d.claims_added),
        ("Claims that disappear", "-", &d.claims_removed),
    ];
    for (title, sign, lines) in sections {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title} ({}):", lines.len());
        for l in lines.iter() {
            let _ = writeln!(out, "  {sign} {l}");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "{} claims added, {} removed; {} disagreements added, {} removed",
        d.claims_added.len(),
        d.claims_removed.len(),
        d.contradictions_added.len(),
        d.contradictions_removed.len()
    );
    out
}
