//! How alike two articles are: TF-IDF vectors over their distinctive words, named actors and
//! findings, compared by cosine; and which pairs are worth comparing at all.

use super::Features;
use super::terms::{TermId, Vocabulary, local_weight};
use rustc_hash::FxHashMap;

/// A document as a unit-length TF-IDF vector, sorted by term.
pub(super) type Vector = Vec<(TermId, f64)>;

/// Unit-length TF-IDF vectors.
pub(super) fn vectors(features: &[Features], vocabulary: &Vocabulary) -> Vec<Vector> {
    let n = features.len() as f64;
    let df = document_frequencies(features, vocabulary);
    features
        .iter()
        .map(|f| {
            let mut v: Vector = f
                .terms
                .iter()
                .map(|&(t, c)| {
                    let idf = ((n + 1.0) / df[t as usize] as f64).ln();
                    (t, local_weight(vocabulary.word(t), c) * idf)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v
        })
        .collect()
}

/// How many documents keep each term.
pub(super) fn document_frequencies(features: &[Features], vocabulary: &Vocabulary) -> Vec<u32> {
    let mut df = vec![0u32; vocabulary.len()];
    for f in features {
        for &(t, _) in f.terms.iter() {
            df[t as usize] += 1;
        }
    }
    df
}

pub(super) fn cosine(a: &[(TermId, f64)], b: &[(TermId, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
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

/// How many of a document's heaviest terms index it for candidate pairs.
const INDEX_TERMS: usize = 24;
/// A term shared by more documents than this is too common to propose pairs.
const MAX_POSTING: usize = 400;

/// Pairs of documents that share one of their heaviest terms: the only pairs whose similarity
/// can pass the merge threshold in practice. Everything else is never compared, so grouping
/// costs about (documents x posting length), not documents squared.
pub(super) fn candidate_pairs(
    vecs: &[Vector],
    compatible: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut postings: FxHashMap<TermId, Vec<usize>> = FxHashMap::default();
    for (i, v) in vecs.iter().enumerate() {
        let mut heaviest: Vec<&(TermId, f64)> = v.iter().collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (t, _) in heaviest.into_iter().take(INDEX_TERMS) {
            postings.entry(*t).or_default().push(i);
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
