//! Human names for events: when, who, what and where, from the terms that weigh most in the
//! event's documents. Weights come from the rules, so a label never depends on other events.

use super::dates::{self, Day};
use super::features::{Features, Weigher};
use super::terms::{TermId, Vocabulary};
use std::collections::BTreeMap;

pub struct Namer<'a> {
    features: &'a [Features],
    vocabulary: &'a Vocabulary,
    weigher: &'a Weigher<'a>,
}

impl<'a> Namer<'a> {
    pub fn new(
        features: &'a [Features],
        vocabulary: &'a Vocabulary,
        weigher: &'a Weigher<'a>,
    ) -> Self {
        Namer {
            features,
            vocabulary,
            weigher,
        }
    }

    /// The label ("2024-02-02 · Pentagon, Kata'ib Hezbollah · air strike · al-Qaim, Akashat")
    /// and the id base ("2024-02-02-al-qaim").
    pub fn name(&self, day: Option<Day>, members: &[usize]) -> (String, String) {
        let when = day
            .and_then(dates::date)
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let actors = self.top(members, '@', 2);
        let kind = self.top(members, '!', 1);
        let places = self.top(members, '%', 2);
        let name = self.top(members, '^', 1);
        let mut parts = vec![when.clone()];
        for part in [
            &actors,
            &kind,
            if places.is_empty() { &name } else { &places },
        ] {
            if !part.is_empty() {
                parts.push(part.join(", "));
            }
        }
        let key = places
            .first()
            .or(name.first())
            .or(actors.first())
            .map_or("event".to_string(), |k| slug(k));
        (parts.join(" · "), format!("{when}-{key}"))
    }

    /// The display names of the `n` heaviest terms of one kind (by prefix) in the event; with
    /// more than one document, only terms two of them share.
    fn top(&self, members: &[usize], prefix: char, n: usize) -> Vec<String> {
        let mut scores: BTreeMap<TermId, (f64, usize)> = BTreeMap::new();
        for &m in members {
            for &(t, c) in self.features[m].terms.iter() {
                let word = self.vocabulary.word(t);
                if word.starts_with(prefix) {
                    let e = scores.entry(t).or_insert((0.0, 0));
                    e.0 += self.weigher.weight(word, c);
                    e.1 += 1;
                }
            }
        }
        let needed = if members.len() > 1 { 2 } else { 1 };
        let mut ranked: Vec<(TermId, f64)> = scores
            .into_iter()
            .filter(|(_, (_, docs))| *docs >= needed)
            .map(|(t, (s, _))| (t, s))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .filter_map(|(t, _)| self.weigher.display(self.vocabulary.word(t)))
            .take(n)
            .collect()
    }
}

/// Six hex digits of a document id's SHA-256: a suffix that tells two same-named events apart
/// and stays the same whatever else is in the corpus.
pub fn short_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest[..3].iter().map(|b| format!("{b:02x}")).collect()
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
