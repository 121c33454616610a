//! Human names for events: the actors most particular to them and their most telling name.

use super::Features;
use super::similarity::document_frequencies;
use super::terms::{TermId, Vocabulary};
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// Scores actors and proper names by how much more an event's documents use them than the rest
/// of the corpus does (TF-IDF), so labels say "Qaim", not "Iraq".
pub struct Namer<'a> {
    features: &'a [Features],
    vocabulary: &'a Vocabulary,
    rules: &'a RuleSet,
    df: Vec<u32>,
}

impl<'a> Namer<'a> {
    pub fn new(features: &'a [Features], vocabulary: &'a Vocabulary, rules: &'a RuleSet) -> Self {
        Namer {
            features,
            vocabulary,
            rules,
            df: document_frequencies(features, vocabulary),
        }
    }

    fn idf(&self, term: TermId) -> f64 {
        let n = self.features.len() as f64;
        (1.0 + n / self.df[term as usize].max(1) as f64).ln()
    }

    /// Terms `keep` accepts, best first: (term number, term, score).
    fn ranked(&self, members: &[usize], keep: impl Fn(&str) -> bool) -> Vec<(TermId, &str, f64)> {
        let mut scores: BTreeMap<TermId, f64> = BTreeMap::new();
        for &m in members {
            for &(t, c) in self.features[m].terms.iter() {
                if keep(self.vocabulary.word(t)) {
                    *scores.entry(t).or_insert(0.0) += c as f64 * self.idf(t);
                }
            }
        }
        let mut v: Vec<(TermId, &str, f64)> = scores
            .into_iter()
            .map(|(t, s)| (t, self.vocabulary.word(t), s))
            .collect();
        v.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        v
    }

    /// The names of the `n` actors most particular to the event (news agencies left out).
    pub fn actors(&self, members: &[usize], n: usize) -> Vec<String> {
        let g = &self.rules.gazetteer;
        self.ranked(members, |t| t.starts_with('@'))
            .into_iter()
            .filter_map(|(_, t, _)| g.by_id(&t[1..]).map(|i| &g.actors[i]))
            .filter(|a| !a.intermediary)
            .take(n)
            .map(|a| a.name.clone())
            .collect()
    }

    /// The proper name most particular to the event, if one is shared by its documents.
    pub fn term(&self, members: &[usize]) -> Option<String> {
        let shared = |t: TermId| {
            members.len() == 1 || members.iter().filter(|&&m| self.features[m].has(t)).count() >= 2
        };
        self.ranked(members, |t| t.starts_with('^') && t.len() > 4)
            .into_iter()
            .find(|&(id, _, _)| shared(id))
            .map(|(_, t, _)| capitalize(&t[1..]))
    }
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "Kata'ib Hezbollah" -> "kataib-hezbollah".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c == ' ' || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
