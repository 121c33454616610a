//! Events: documents grouped by what they describe, so claims are only compared within one.
//!
//! An explicit front-matter `event` wins. Otherwise documents are compared by their distinctive
//! vocabulary and the actors they name (TF-IDF cosine), merged by average linkage above a
//! threshold, and never merged across publication dates more than a few days apart.

mod cluster;
pub mod dates;
mod label;
mod similarity;
mod terms;

pub use terms::{Interner, KEPT_TERMS, TermId, Vocabulary, keep_heaviest, term_counts};

use crate::model::DocumentMeta;
use crate::rules::RuleSet;
use cluster::{Cluster, Components, merge_all, merge_sparse};
use dates::parse_iso;
use rayon::prelude::*;
use serde::Serialize;
use similarity::{Pair, Vectors, scored_pairs};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Average-linkage similarity above which two groups of documents are one event.
const MERGE_THRESHOLD: f64 = 0.11;
/// Dated documents further apart than this are different events.
const MAX_DAYS_APART: i64 = 10;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub label: String,
    pub date: Option<String>,
    pub documents: Vec<String>,
}

/// What grouping needs to know of a document; its text can be dropped once this is built.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// (term, raw count) of the document's heaviest terms, sorted by term once numbered for
    /// good. Actors ("@pmf") and findings count as terms too.
    pub terms: Box<[(TermId, u32)]>,
}

impl Features {
    /// Takes the final term numbers from [`Interner::finish`].
    pub fn renumber(&mut self, to: &[TermId]) {
        for t in self.terms.iter_mut() {
            t.0 = to[t.0 as usize];
        }
        self.terms.sort_unstable_by_key(|t| t.0);
    }

    pub fn has(&self, term: TermId) -> bool {
        self.terms.binary_search_by_key(&term, |t| t.0).is_ok()
    }
}

/// Groups documents into events; returns the events and each document's event index.
///
/// Only candidate pairs (sharing a heavy term, dates compatible) are compared; documents joined
/// by a similarity at the threshold (or by one explicit event) form components, and average
/// linkage runs inside each component. Any merge average linkage could make needs one pair at the
/// threshold, so this gives the same events as comparing every pair, in far less time.
pub fn group(
    docs: &[DocumentMeta],
    features: &[Features],
    vocabulary: &Vocabulary,
    rules: &RuleSet,
) -> (Vec<Event>, Vec<usize>) {
    let vectors = Vectors::new(features, vocabulary);
    let dates: Vec<Option<dates::Date>> = docs
        .iter()
        .map(|d| d.published.as_deref().and_then(parse_iso))
        .collect();
    let compatible = |a: usize, b: usize| match (dates[a], dates[b]) {
        (Some(x), Some(y)) => (x.days() - y.days()).abs() <= MAX_DAYS_APART,
        _ => true,
    };
    let pairs = scored_pairs(&vectors, compatible);
    let mut components = Components::new(docs.len());
    for &(a, b, s) in pairs.iter().flatten() {
        if s >= MERGE_THRESHOLD {
            components.union(a as usize, b as usize);
        }
    }
    let mut first_with_label: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let Some(l) = &d.event {
            let first = *first_with_label.entry(l.as_str()).or_insert(i);
            components.union(first, i);
        }
    }
    let component_of: Vec<usize> = (0..docs.len()).map(|i| components.find(i)).collect();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &c) in component_of.iter().enumerate() {
        members.entry(c).or_default().push(i);
    }
    // By component root (a document index): clustered from its scored pairs alone.
    let mut sparse = vec![false; docs.len()];
    for (&c, m) in &members {
        sparse[c] = m.len() > DENSE_LIMIT;
    }
    let groups: Vec<Vec<usize>> = members.into_values().collect();
    let known = PairsByComponent::new(pairs, &component_of, &sparse);
    let clusters: Vec<Cluster> = groups
        .par_iter()
        .flat_map(|g| cluster_component(docs, &vectors, g, known.of(component_of[g[0]])))
        .collect();
    finish(docs, features, vocabulary, rules, clusters)
}

/// The scored pairs of each component clustered from pairs alone (larger than `DENSE_LIMIT`),
/// kept in one sorted list rather than a copy per component. Smaller components compare every
/// pair afresh and need none, so on most corpora almost nothing is kept.
struct PairsByComponent {
    pairs: Vec<Pair>,
    ranges: HashMap<usize, std::ops::Range<usize>>,
}

impl PairsByComponent {
    fn new(chunks: Vec<Vec<Pair>>, component_of: &[usize], sparse: &[bool]) -> Self {
        let of = |p: &Pair| component_of[p.0 as usize];
        let mut pairs: Vec<Pair> = Vec::new();
        // Each chunk is freed as soon as its kept pairs are copied out.
        for chunk in chunks {
            pairs.extend(chunk.into_iter().filter(|p| {
                let c = of(p);
                sparse[c] && c == component_of[p.1 as usize]
            }));
        }
        // Stable: within a component the pairs keep their sorted order.
        pairs.sort_by_key(of);
        pairs.shrink_to_fit();
        let mut ranges: HashMap<usize, std::ops::Range<usize>> = HashMap::new();
        for (i, p) in pairs.iter().enumerate() {
            ranges.entry(of(p)).or_insert(i..i).end = i + 1;
        }
        PairsByComponent { pairs, ranges }
    }

    fn of(&self, component: usize) -> &[Pair] {
        self.ranges
            .get(&component)
            .map_or(&[][..], |r| &self.pairs[r.clone()])
    }
}

/// A large component: initial clusters (one per document, or per explicit event), then sparse
/// average linkage over the candidate pairs' similarities.
fn sparse_component(docs: &[DocumentMeta], group: &[usize], known: &[Pair]) -> Vec<Cluster> {
    let (mut clusters, cluster_of) = initial_clusters(docs, group);
    let local: HashMap<u32, usize> = group
        .iter()
        .enumerate()
        .map(|(l, &i)| (i as u32, l))
        .collect();
    let pairs: Vec<(usize, usize, f64)> = known
        .iter()
        .map(|&(a, b, sim)| (cluster_of[local[&a]], cluster_of[local[&b]], sim))
        .collect();
    merge_sparse(&mut clusters, &pairs);
    to_documents(clusters, group)
}

/// Components up to this size get the exact dense average linkage; larger ones the sparse one.
const DENSE_LIMIT: usize = 300;

/// Average linkage within one component, dated or labelled documents first: their groups are the
/// most certain, and an undated article then joins the whole group it fits best.
fn cluster_component(
    docs: &[DocumentMeta],
    vectors: &Vectors,
    group: &[usize],
    known: &[Pair],
) -> Vec<Cluster> {
    let m = group.len();
    if m > DENSE_LIMIT {
        return sparse_component(docs, group, known);
    }
    let mut sim = vec![vec![0.0; m]; m];
    for x in 0..m {
        for y in x + 1..m {
            let s = vectors.cosine(group[x], group[y]);
            sim[x][y] = s;
            sim[y][x] = s;
        }
    }
    if std::env::var_os("CONTRA_DEBUG_EVENTS").is_some() {
        for x in 0..m {
            for y in x + 1..m {
                eprintln!(
                    "{} ~ {}: {:.3}",
                    docs[group[x]].id, docs[group[y]].id, sim[x][y]
                );
            }
        }
    }
    let (mut clusters, _) = initial_clusters(docs, group);
    merge_all(&mut clusters, &sim, true);
    merge_all(&mut clusters, &sim, false);
    to_documents(clusters, group)
}

/// One cluster per document, or per explicit event, with members as positions in `group`; and
/// each position's cluster.
fn initial_clusters(docs: &[DocumentMeta], group: &[usize]) -> (Vec<Cluster>, Vec<usize>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of = Vec::with_capacity(group.len());
    let mut by_label: BTreeMap<&str, usize> = BTreeMap::new();
    for (local, &i) in group.iter().enumerate() {
        let d = &docs[i];
        let date = d.published.as_deref().and_then(parse_iso);
        let c = match d.event.as_deref().and_then(|l| by_label.get(l)) {
            Some(&c) => {
                clusters[c].members.push(local);
                clusters[c].dates.extend(date);
                c
            }
            None => {
                if let Some(l) = d.event.as_deref() {
                    by_label.insert(l, clusters.len());
                }
                clusters.push(Cluster {
                    members: vec![local],
                    label: d.event.clone(),
                    dates: date.into_iter().collect(),
                });
                clusters.len() - 1
            }
        };
        cluster_of.push(c);
    }
    (clusters, cluster_of)
}

/// Members back from positions in `group` to document indices.
fn to_documents(mut clusters: Vec<Cluster>, group: &[usize]) -> Vec<Cluster> {
    for c in &mut clusters {
        for local in &mut c.members {
            *local = group[*local];
        }
    }
    clusters
}

fn finish(
    docs: &[DocumentMeta],
    features: &[Features],
    vocabulary: &Vocabulary,
    rules: &RuleSet,
    mut clusters: Vec<Cluster>,
) -> (Vec<Event>, Vec<usize>) {
    for c in &mut clusters {
        c.members.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
        c.dates.sort();
    }
    clusters.sort_by(|a, b| {
        (a.dates.first(), &docs[a.members[0]].id).cmp(&(b.dates.first(), &docs[b.members[0]].id))
    });
    let namer = label::Namer::new(features, vocabulary, rules);
    let mut assignment = vec![0; docs.len()];
    let mut events: Vec<Event> = Vec::new();
    // Ids given so far: checking each new id against a list was quadratic in the events.
    let mut taken: HashSet<String> = HashSet::new();
    for (ei, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            assignment[m] = ei;
        }
        let date = c.dates.first().map(|d| d.to_string());
        let when = date.as_deref().unwrap_or("undated");
        let names = namer.actors(&c.members, 3);
        let term = namer.term(&c.members);
        let label = match &term {
            Some(t) => format!("{} · {t} · {when}", names.join(", ")),
            None => format!("{} · {when}", names.join(", ")),
        };
        let id = c.label.clone().unwrap_or_else(|| {
            let key = term
                .as_deref()
                .or(names.first().map(String::as_str))
                .unwrap_or("event");
            let base = format!("{when}-{}", label::slug(key));
            let mut id = base.clone();
            let mut k = 2;
            while taken.contains(&id) {
                id = format!("{base}-{k}");
                k += 1;
            }
            id
        });
        taken.insert(id.clone());
        events.push(Event {
            id,
            label,
            date,
            documents: c.members.iter().map(|&m| docs[m].id.clone()).collect(),
        });
    }
    (events, assignment)
}

#[cfg(test)]
mod tests {
    use super::DENSE_LIMIT;

    /// `n` short reports of one strike near `place`, published on `date`.
    fn story(place: &str, n: usize, date: &str) -> Vec<crate::corpus::Document> {
        (0..n)
            .map(|i| {
                let text = format!(
                    "+++\npublished = \"{date}\"\n+++\nStrike near {place}\n\n\
                     A drone strike near {place} hit a depot, officials in {place} said. \
                     Medics said {} people were hurt near {place}.",
                    2 + i % 7
                );
                crate::corpus::parse(&format!("{place}-{i:04}"), "test", text).expect("valid")
            })
            .collect()
    }

    #[test]
    fn a_story_too_large_for_dense_linkage_is_still_one_event() {
        // Past DENSE_LIMIT a component is clustered from its scored pairs alone: if they were
        // dropped, every article would be its own event. Smaller stories a month apart each
        // make the place names rare words, as in a real corpus.
        let mut docs = story("Qaraxin", DENSE_LIMIT + 20, "2024-03-04");
        for k in 0..30 {
            let place = format!("Velmora{}", char::from(b'a' + k as u8 % 26));
            let date = format!("20{:02}-{:02}-10", 10 + k / 12, 1 + k % 12);
            docs.extend(story(&place, 12, &date));
        }
        let report = crate::check_documents(crate::rules::test_rules(), docs);
        let mut sizes: Vec<usize> = report.events.iter().map(|e| e.documents.len()).collect();
        sizes.sort_unstable();
        sizes.dedup();
        assert_eq!(sizes, vec![12, DENSE_LIMIT + 20]);
    }
}
