//! Events: documents grouped by the incident they describe, so claims are only compared within
//! one.
//!
//! An explicit front-matter `event` wins. Otherwise two documents are one incident when their
//! incident days are compatible and the cosine of their weighted terms (rare names and words,
//! actors, places, kinds of incident, shared findings; each weighed by its rarity in news at
//! large, from `rules/`) reaches the link threshold; groups then merge by average linkage.
//!
//! **Stability.** A pair's score and compatibility depend on the two documents and the rules
//! alone, and average linkage runs inside each connected component of the linked pairs. So if
//! articles are added none of which is linked to an article of a set `S`, the partition of `S`
//! is exactly what it was: `group(S ∪ A)` restricted to `S` equals `group(S)`.

mod cluster;
pub mod dates;
mod debug;
mod decision;
mod features;
mod label;
mod recap;
mod similarity;
mod terms;

pub use features::{Features, Weigher, When, describe};
pub use recap::{Recap, place_all as place_recaps};
pub use terms::{Interner, KEPT_TERMS, TermId, Vocabulary, keep_heaviest, term_counts};

use crate::model::DocumentMeta;
use crate::rules::RuleSet;
use cluster::{Cluster, Components, merge_all, merge_sparse};
use decision::{Decision, Season};
use rayon::prelude::*;
use serde::Serialize;
use similarity::{Pair, Vectors, scored_pairs};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub label: String,
    pub date: Option<String>,
    pub documents: Vec<String>,
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
    let weigher = Weigher::new(rules);
    let decision = Decision::new(&rules.grouping.settings, &rules.grouping.places);
    let min_shared = rules.grouping.settings.min_shared_terms;
    let vectors = Vectors::new(features, vocabulary, &weigher, min_shared);
    // A document with a front-matter event is placed by its label, not its dates: its own date
    // may be a follow-up's ("a petition on Tuesday, days after the raids").
    let labelled = |i: usize| docs[i].event.is_some();
    let compatible = |a: usize, b: usize| match (labelled(a), labelled(b)) {
        (true, true) => true,
        (true, false) => decision.label_fits(&features[a], &features[b]),
        (false, true) => decision.label_fits(&features[b], &features[a]),
        (false, false) => decision.documents_fit(&features[a], &features[b]),
    };
    if std::env::var_os("CONTRA_DEBUG_EVENTS").is_some() {
        debug::dump(docs, features, vocabulary, &vectors, &decision);
    }
    let pairs = scored_pairs(&vectors, compatible);
    let mut components = Components::new(docs.len());
    for &(a, b, s) in pairs.iter().flatten() {
        if s >= decision.threshold {
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
        .flat_map(|g| {
            let known = known.of(component_of[g[0]]);
            cluster_component(docs, features, &vectors, &decision, g, known)
        })
        .collect();
    finish(docs, features, vocabulary, &weigher, clusters)
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
fn sparse_component(
    docs: &[DocumentMeta],
    features: &[Features],
    decision: &Decision,
    group: &[usize],
    known: &[Pair],
) -> Vec<Cluster> {
    let (mut clusters, cluster_of) = initial_clusters(docs, features, group);
    let local: HashMap<u32, usize> = group
        .iter()
        .enumerate()
        .map(|(l, &i)| (i as u32, l))
        .collect();
    let pairs: Vec<(usize, usize, f64)> = known
        .iter()
        .map(|&(a, b, sim)| (cluster_of[local[&a]], cluster_of[local[&b]], sim))
        .collect();
    merge_sparse(&mut clusters, &pairs, decision);
    to_documents(clusters, group)
}

/// Components up to this size get the exact dense average linkage; larger ones the sparse one.
const DENSE_LIMIT: usize = 300;

/// Average linkage within one component, dated or labelled documents first: their groups are the
/// most certain, and an undated article then joins the whole group it fits best.
fn cluster_component(
    docs: &[DocumentMeta],
    features: &[Features],
    vectors: &Vectors,
    decision: &Decision,
    group: &[usize],
    known: &[Pair],
) -> Vec<Cluster> {
    let m = group.len();
    if m > DENSE_LIMIT {
        return sparse_component(docs, features, decision, group, known);
    }
    let mut sim = vec![vec![0.0; m]; m];
    for x in 0..m {
        for y in x + 1..m {
            let s = vectors.cosine(group[x], group[y]);
            sim[x][y] = s;
            sim[y][x] = s;
        }
    }
    let (mut clusters, _) = initial_clusters(docs, features, group);
    merge_all(&mut clusters, &sim, true, decision);
    merge_all(&mut clusters, &sim, false, decision);
    to_documents(clusters, group)
}

/// One cluster per document, or per explicit event, with members as positions in `group`; and
/// each position's cluster.
fn initial_clusters(
    docs: &[DocumentMeta],
    features: &[Features],
    group: &[usize],
) -> (Vec<Cluster>, Vec<usize>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of = Vec::with_capacity(group.len());
    let mut by_label: BTreeMap<&str, usize> = BTreeMap::new();
    for (local, &i) in group.iter().enumerate() {
        let d = &docs[i];
        let (when, season, scenes) = match d.event {
            Some(_) => (features[i].covers, None, &[][..]),
            None => (
                features[i].when,
                features[i].season,
                &features[i].scenes[..],
            ),
        };
        let c = match d.event.as_deref().and_then(|l| by_label.get(l)) {
            Some(&c) => {
                clusters[c].members.push(local);
                clusters[c].when = cluster::tighten(clusters[c].when, when);
                clusters[c].seasons.extend(season);
                clusters[c].scenes.extend_from_slice(scenes);
                c
            }
            None => {
                if let Some(l) = d.event.as_deref() {
                    by_label.insert(l, clusters.len());
                }
                clusters.push(Cluster {
                    members: vec![local],
                    label: d.event.clone(),
                    when,
                    seasons: season.into_iter().collect(),
                    scenes: scenes.to_vec(),
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

/// Events in date order with their labels and ids, and each document's event index.
fn finish(
    docs: &[DocumentMeta],
    features: &[Features],
    vocabulary: &Vocabulary,
    weigher: &Weigher,
    mut clusters: Vec<Cluster>,
) -> (Vec<Event>, Vec<usize>) {
    let day_of = |c: &Cluster| c.members.iter().filter_map(|&m| features[m].day).min();
    for c in &mut clusters {
        c.members.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    }
    let mut keyed: Vec<(Option<dates::Day>, Cluster)> =
        clusters.into_iter().map(|c| (day_of(&c), c)).collect();
    keyed.sort_by(|(a, x), (b, y)| (a, &docs[x.members[0]].id).cmp(&(b, &docs[y.members[0]].id)));
    let namer = label::Namer::new(features, vocabulary, weigher);
    let named: Vec<(String, String)> = keyed
        .iter()
        .map(|(day, c)| namer.name(*day, &c.members))
        .collect();
    let ids = unique_ids(&keyed, &named, docs);
    let mut assignment = vec![0; docs.len()];
    let mut events = Vec::with_capacity(keyed.len());
    for (ei, (((day, c), (label, _)), id)) in keyed.iter().zip(named).zip(ids).enumerate() {
        for &m in &c.members {
            assignment[m] = ei;
        }
        events.push(Event {
            id,
            label,
            date: day.and_then(dates::date).map(|d| d.to_string()),
            documents: c.members.iter().map(|&m| docs[m].id.clone()).collect(),
        });
    }
    (events, assignment)
}

/// Each event's id: its front-matter `event`, else its date and name. Two events that would
/// share an id each take a suffix from their first document's id, not from their order, so
/// an event's id never depends on the order or number of the others.
fn unique_ids(
    keyed: &[(Option<dates::Day>, Cluster)],
    named: &[(String, String)],
    docs: &[DocumentMeta],
) -> Vec<String> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for ((_, c), (_, base)) in keyed.iter().zip(named) {
        *uses.entry(c.label.as_deref().unwrap_or(base)).or_insert(0) += 1;
    }
    let mut taken: HashSet<String> = HashSet::new();
    keyed
        .iter()
        .zip(named)
        .map(|((_, c), (_, base))| {
            if let Some(l) = &c.label {
                return l.clone();
            }
            let mut id = base.clone();
            if uses[base.as_str()] > 1 || taken.contains(&id) {
                id = format!("{base}-{}", label::short_hash(&docs[c.members[0]].id));
            }
            taken.insert(id.clone());
            id
        })
        .collect()
}

#[cfg(test)]
mod tests;
