//! `CONTRA_DEBUG_EVENTS=1`: why articles were (not) grouped, on standard error, for rule
//! authors tuning `rules/events.toml`.

use super::decision::Decision;
use super::features::Features;
use super::similarity::Vectors;
use super::terms::{TermId, Vocabulary};
use crate::model::DocumentMeta;
use std::collections::HashMap;

/// Every document's days and heaviest terms, and every pair's cosine and date compatibility, on
/// standard error: what a rule author reads to see why two articles were (not) grouped.
pub(super) fn dump(
    docs: &[DocumentMeta],
    features: &[Features],
    vocabulary: &Vocabulary,
    vectors: &Vectors,
    decision: &Decision,
) {
    for (i, (d, f)) in docs.iter().zip(features).enumerate() {
        let mut terms: Vec<(TermId, f64)> = vectors.of(i).collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        let top: Vec<String> = terms
            .iter()
            .take(12)
            .map(|&(t, w)| format!("{}={w:.2}", vocabulary.word(t)))
            .collect();
        let (w, s) = (f.when, f.season);
        eprintln!(
            "doc {} when={w:?} season={s:?} day={:?} {}",
            d.id,
            f.day,
            top.join(" ")
        );
    }
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let ok = decision.documents_fit(&features[a], &features[b]);
            let wb: HashMap<TermId, f64> = vectors.of(b).collect();
            let mut shared: Vec<(f64, &str)> = vectors
                .of(a)
                .filter_map(|(t, w)| wb.get(&t).map(|v| (w * v, vocabulary.word(t))))
                .collect();
            shared.sort_by(|x, y| y.0.total_cmp(&x.0));
            let why: Vec<String> = shared
                .iter()
                .take(6)
                .map(|(w, t)| format!("{t}={w:.3}"))
                .collect();
            let (x, y) = (&docs[a].id, &docs[b].id);
            let cos = vectors.cosine(a, b);
            eprintln!("pair {x} {y} {cos:.4} {ok} {}", why.join(" "));
        }
    }
}
