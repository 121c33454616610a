//! How alike two articles are: vectors of their terms, each weighed by its kind and its rarity in
//! news at large (never by the corpus), compared by cosine; and which pairs are worth comparing.

use super::features::{Features, Weigher};
use super::terms::{TermId, Vocabulary, damped};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Every document as a unit-length weighted vector, computed on demand from its term counts
/// rather than stored: on a large corpus the stored vectors would be the biggest thing in
/// memory, and a weight is a table lookup and a multiplication away.
pub(super) struct Vectors<'a> {
    features: &'a [Features],
    /// Per term: its kind's weight times its rarity.
    factor: Vec<f64>,
    /// Per document: the length its weights are divided by.
    norms: Vec<f64>,
    /// Fewer shared terms than this is no evidence of one incident, however heavy they are.
    min_shared: usize,
}

impl<'a> Vectors<'a> {
    pub(super) fn new(
        features: &'a [Features],
        vocabulary: &Vocabulary,
        weigher: &Weigher,
        min_shared: usize,
    ) -> Self {
        let factor = (0..vocabulary.len() as TermId)
            .into_par_iter()
            .map(|t| {
                let word = vocabulary.word(t);
                weigher.boost(word) * weigher.rarity(word)
            })
            .collect();
        let mut vectors = Vectors {
            features,
            factor,
            norms: Vec::new(),
            min_shared: min_shared.max(1),
        };
        vectors.norms = (0..features.len())
            .map(|d| {
                let sum: f64 = vectors.raw(d).map(|(_, w)| w * w).sum();
                sum.sqrt().max(1e-9)
            })
            .collect();
        vectors
    }

    /// A document's weights before normalising, in term order.
    fn raw(&self, doc: usize) -> impl Iterator<Item = (TermId, f64)> + '_ {
        self.features[doc]
            .terms
            .iter()
            .map(|&(t, c)| (t, damped(c) * self.factor[t as usize]))
    }

    /// A document's unit-length vector, in term order.
    pub(super) fn of(&self, doc: usize) -> impl Iterator<Item = (TermId, f64)> + '_ {
        let norm = self.norms[doc];
        self.raw(doc).map(move |(t, w)| (t, w / norm))
    }

    pub(super) fn len(&self) -> usize {
        self.features.len()
    }

    /// Cosine similarity of two documents: a merge of their sorted terms; 0 when they share
    /// fewer terms than the minimum (a two-line note naming one actor is not a report of
    /// every incident that actor took part in).
    pub(super) fn cosine(&self, a: usize, b: usize) -> f64 {
        let (mut x, mut y) = (self.of(a).peekable(), self.of(b).peekable());
        let mut sum = 0.0;
        let mut shared = 0;
        while let (Some(&(ta, wa)), Some(&(tb, wb))) = (x.peek(), y.peek()) {
            match ta.cmp(&tb) {
                std::cmp::Ordering::Less => {
                    x.next();
                }
                std::cmp::Ordering::Greater => {
                    y.next();
                }
                std::cmp::Ordering::Equal => {
                    sum += wa * wb;
                    shared += 1;
                    x.next();
                    y.next();
                }
            }
        }
        if shared < self.min_shared { 0.0 } else { sum }
    }
}

/// How many of a document's heaviest terms index it for candidate pairs.
const INDEX_TERMS: usize = 24;
/// A term shared by more documents than this is too common to propose pairs.
const MAX_POSTING: usize = 400;

/// Two documents (lower index first) and their cosine similarity.
pub(super) type Pair = (u32, u32, f64);

/// Documents whose pairs are gathered together, as one vector: the unit of parallel work.
const PAIR_CHUNK: usize = 1024;

/// Pairs of documents that share one of their heaviest terms, with their similarity: the only
/// pairs whose similarity can pass the merge threshold in practice. Everything else is never
/// compared, so grouping costs about (documents x posting length), not documents squared.
///
/// Each document gathers its own later neighbours (in parallel), so no list of duplicate pairs
/// is ever built. Pairs come out sorted, in one vector per `PAIR_CHUNK` documents: the pairs
/// are the largest thing grouping makes, and joining them into one vector would hold them twice.
pub(super) fn scored_pairs(
    vectors: &Vectors,
    compatible: impl Fn(usize, usize) -> bool + Sync,
) -> Vec<Vec<Pair>> {
    let mut postings: FxHashMap<TermId, Vec<u32>> = FxHashMap::default();
    for i in 0..vectors.len() {
        for t in index_terms(vectors, i) {
            postings.entry(t).or_default().push(i as u32);
        }
    }
    postings.retain(|_, l| l.len() > 1 && l.len() <= MAX_POSTING);
    let compatible = &compatible;
    let neighbours = |a: usize| {
        let mut later: Vec<u32> = index_terms(vectors, a)
            .filter_map(|t| postings.get(&t))
            .flat_map(|l| l.iter().copied().filter(|&b| b as usize > a))
            .collect();
        later.sort_unstable();
        later.dedup();
        later
            .into_iter()
            .filter(move |&b| compatible(a, b as usize))
            .map(move |b| (a as u32, b, vectors.cosine(a, b as usize)))
    };
    (0..vectors.len().div_ceil(PAIR_CHUNK))
        .into_par_iter()
        .map(|chunk| {
            let docs = chunk * PAIR_CHUNK..((chunk + 1) * PAIR_CHUNK).min(vectors.len());
            let mut pairs: Vec<Pair> = docs.flat_map(neighbours).collect();
            pairs.shrink_to_fit();
            pairs
        })
        .collect()
}

/// The terms a document is indexed by: its `INDEX_TERMS` heaviest.
fn index_terms(vectors: &Vectors, doc: usize) -> impl Iterator<Item = TermId> {
    let mut heaviest: Vec<(TermId, f64)> = vectors.of(doc).collect();
    heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    heaviest.into_iter().take(INDEX_TERMS).map(|(t, _)| t)
}
