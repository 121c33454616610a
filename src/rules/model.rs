//! The compiled rule model: what a claim-type file becomes once checked. A leaf: it uses only
//! the plain types of the rule files (`Kind`, `Polarity`, `Expect`), the `Matcher` and the
//! `SourceFile`, so compiling, the gate and extraction can all read it without a cycle.

use super::diagnostic::SourceFile;
use super::files::{Expect, Kind, Polarity};
use super::matcher::Matcher;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub label: String,
    /// Matches a whole captured term of this category.
    pub matcher: Matcher,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub regex: Matcher,
    /// The pattern as its author wrote it.
    pub source: String,
    /// After fragment expansion: what actually runs (`contra rules patterns`).
    pub expanded: String,
    pub polarity: Polarity,
    /// Whether a negation around the match turns it round (see `negatable` in docs/RULES.md).
    pub negatable: bool,
    pub subject: Option<String>,
}

/// An example or counterexample, with where it stands in its rule file.
#[derive(Debug, Clone)]
pub struct RuleCase {
    pub text: String,
    pub expect: Option<Expect>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub description: String,
    /// The subject when a pattern captures none.
    pub subject: String,
    pub categories: Vec<Category>,
    /// Any category term, to read the rest of a list after a match ("centres, logistics sites").
    pub category_scan: Option<Matcher>,
    pub conflicts: Vec<(String, String)>,
    /// (subject, a, b): pairs that conflict only among claims of that subject.
    pub subject_conflicts: Vec<(String, String, String)>,
    /// Count rules: the relative gap under which two figures do not disagree (see `tolerance`
    /// in docs/RULES.md).
    pub tolerance: f64,
    /// Category and agent rules: one value is true per incident, so two sides naming different
    /// ones disagree (see `exclusive` in docs/RULES.md).
    pub exclusive: bool,
    pub patterns: Vec<Pattern>,
    pub examples: Vec<RuleCase>,
    pub counterexamples: Vec<RuleCase>,
    pub file: SourceFile,
}

impl Rule {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The category a captured term names.
    pub fn category_of(&self, term: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.matcher.is_match(term))
    }

    /// Whether categories `a` and `b` cannot both be true of one strike, for claims of
    /// `subject`.
    pub fn incompatible(&self, subject: &str, a: &str, b: &str) -> bool {
        let pair = |x: &String, y: &String| (x == a && y == b) || (x == b && y == a);
        self.conflicts.iter().any(|(x, y)| pair(x, y))
            || self
                .subject_conflicts
                .iter()
                .any(|(s, x, y)| s == subject && pair(x, y))
    }
}
