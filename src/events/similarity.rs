//! How alike two articles are: TF-IDF vectors over their distinctive words, named actors and
//! findings, compared by cosine; and which pairs are worth comparing at all.

use super::Features;
use std::collections::HashMap;

const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "another",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "came",
    "could",
    "does",
    "during",
    "each",
    "early",
    "earlier",
    "even",
    "every",
    "first",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "itself",
    "just",
    "last",
    "late",
    "later",
    "least",
    "less",
    "many",
    "more",
    "most",
    "much",
    "must",
    "near",
    "never",
    "next",
    "only",
    "other",
    "over",
    "said",
    "same",
    "says",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "told",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "your",
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "today",
    "statement",
    "according",
    "added",
    "including",
    "people",
    "officials",
    "official",
    "spokesman",
    "government",
    "strikes",
    "strike",
    "attack",
    "attacks",
    "killed",
    "military",
    "forces",
];

/// Word counts of an article's body, folded ("Kata’ib" = "kataib"), short and common words out.
/// Capitalised words inside a sentence (names of people, places, groups) are kept apart as
/// "^word": they say far more about which event an article covers than common words do.
pub fn term_counts(body: &str) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    let mut sentence_start = true;
    for raw in body.split_inclusive(|c: char| c.is_whitespace()) {
        let token = raw.trim();
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        let word: String = core
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let proper = !sentence_start && core.starts_with(|c: char| c.is_uppercase());
        sentence_start = token.ends_with(['.', '!', '?', ':', '\n'])
            || raw.ends_with('\n')
            || token.is_empty() && sentence_start;
        let min_len = if proper { 3 } else { 4 };
        if word.chars().count() < min_len
            || word.chars().all(|c| c.is_ascii_digit())
            || STOPWORDS.contains(&word.as_str())
        {
            continue;
        }
        let key = if proper { format!("^{word}") } else { word };
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// Unit-length TF-IDF vectors, sorted by term for merging.
pub(super) fn vectors(features: &[Features]) -> Vec<Vec<(&str, f64)>> {
    let n = features.len() as f64;
    let mut df: HashMap<&str, u32> = HashMap::new();
    for f in features {
        for t in f.terms.keys() {
            *df.entry(t.as_str()).or_insert(0) += 1;
        }
    }
    features
        .iter()
        .map(|f| {
            let mut v: Vec<(&str, f64)> = f
                .terms
                .iter()
                .map(|(t, &c)| {
                    let idf = ((n + 1.0) / df[t.as_str()] as f64).ln();
                    (t.as_str(), local_weight(t, c) * idf)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v.sort_by(|a, b| a.0.cmp(b.0));
            v
        })
        .collect()
}

pub(super) fn cosine(a: &[(&str, f64)], b: &[(&str, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// How many terms a document keeps for grouping. Names, actors and findings weigh most, so these
/// are what tell events apart; the long tail of common words only costs memory.
pub const KEPT_TERMS: usize = 64;

/// The weight a term has inside its own document, before any corpus statistics.
fn local_weight(term: &str, count: u32) -> f64 {
    let boost = match term.as_bytes().first() {
        Some(b'@') | Some(b'#') => 2.0,
        Some(b'^') => 1.0,
        _ => 0.3,
    };
    (1.0 + (count as f64).ln()) * boost
}

/// Drops all but a document's `KEPT_TERMS` heaviest terms (ties broken by the term, so the
/// choice is the same on every run).
pub fn keep_heaviest(terms: &mut HashMap<String, u32>) {
    if terms.len() <= KEPT_TERMS {
        terms.shrink_to_fit();
        return;
    }
    // A fresh map: one that drained keeps the capacity of the whole vocabulary, kilobytes a
    // document that a large corpus cannot afford.
    let mut ranked: Vec<(String, u32)> = std::mem::take(terms).into_iter().collect();
    ranked.sort_by(|a, b| {
        local_weight(&b.0, b.1)
            .total_cmp(&local_weight(&a.0, a.1))
            .then_with(|| a.0.cmp(&b.0))
    });
    ranked.truncate(KEPT_TERMS);
    *terms = ranked.into_iter().collect();
}

/// How many of a document's heaviest terms index it for candidate pairs.
const INDEX_TERMS: usize = 24;
/// A term shared by more documents than this is too common to propose pairs.
const MAX_POSTING: usize = 400;

/// Pairs of documents that share one of their heaviest terms: the only pairs whose similarity
/// can pass the merge threshold in practice. Everything else is never compared, so grouping
/// costs about (documents x posting length), not documents squared.
pub(super) fn candidate_pairs(
    vecs: &[Vec<(&str, f64)>],
    compatible: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        let mut heaviest: Vec<&(&str, f64)> = v.iter().collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        for (t, _) in heaviest.into_iter().take(INDEX_TERMS) {
            postings.entry(t).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for list in postings
        .values()
        .filter(|l| l.len() > 1 && l.len() <= MAX_POSTING)
    {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                if compatible(a, b) {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
