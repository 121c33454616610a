//! Events: documents grouped by what they describe, so claims are only compared within one.
//!
//! An explicit front-matter `event` wins. Otherwise documents are compared by their distinctive
//! vocabulary and the actors they name (TF-IDF cosine), merged by average linkage above a
//! threshold, and never merged across publication dates more than a few days apart.

pub mod dates;
mod label;

use crate::model::DocumentMeta;
use crate::rules::RuleSet;
use dates::{Date, parse_iso};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
    /// Term -> raw count. Actor ids count as terms too ("@pmf").
    pub terms: HashMap<String, u32>,
    /// Actor id -> mentions, for labels.
    pub actors: BTreeMap<String, u32>,
}

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
fn vectors(features: &[Features]) -> Vec<Vec<(&str, f64)>> {
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
                    let boost = match t.as_bytes().first() {
                        Some(b'@') | Some(b'#') => 2.0,
                        Some(b'^') => 1.0,
                        _ => 0.3,
                    };
                    (t.as_str(), (1.0 + (c as f64).ln()) * idf * boost)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v.sort_by(|a, b| a.0.cmp(b.0));
            v
        })
        .collect()
}

fn cosine(a: &[(&str, f64)], b: &[(&str, f64)]) -> f64 {
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

struct Cluster {
    members: Vec<usize>,
    label: Option<String>,
    dates: Vec<Date>,
}

impl Cluster {
    fn anchored(&self) -> bool {
        self.label.is_some() || !self.dates.is_empty()
    }

    fn compatible(&self, other: &Cluster) -> bool {
        let labels_ok = match (&self.label, &other.label) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let dates_ok = self.dates.iter().all(|a| {
            other
                .dates
                .iter()
                .all(|b| (a.days() - b.days()).abs() <= MAX_DAYS_APART)
        });
        labels_ok && dates_ok
    }
}

/// Average-linkage merging above the threshold; `anchored_only` merges only clusters that carry
/// a date or an explicit event.
fn merge_all(clusters: &mut Vec<Cluster>, sim: &[Vec<f64>], anchored_only: bool) {
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let (x, y) = (&clusters[a], &clusters[b]);
                if !x.compatible(y) || (anchored_only && !(x.anchored() && y.anchored())) {
                    continue;
                }
                let total: f64 = x
                    .members
                    .iter()
                    .flat_map(|&i| y.members.iter().map(move |&j| sim[i][j]))
                    .sum();
                let avg = total / (x.members.len() * y.members.len()) as f64;
                if avg >= MERGE_THRESHOLD && best.is_none_or(|(s, _, _)| avg > s) {
                    best = Some((avg, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let merged = clusters.remove(b);
        let target = &mut clusters[a];
        target.members.extend(merged.members);
        target.dates.extend(merged.dates);
        target.label = target.label.take().or(merged.label);
    }
}

/// Groups documents into events; returns the events and each document's event index.
pub fn group(
    docs: &[DocumentMeta],
    features: &[Features],
    rules: &RuleSet,
) -> (Vec<Event>, Vec<usize>) {
    let vecs = vectors(features);
    let n = docs.len();
    let mut sim = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let s = cosine(&vecs[i], &vecs[j]);
            sim[i][j] = s;
            sim[j][i] = s;
        }
    }
    if std::env::var_os("CONTRA_DEBUG_EVENTS").is_some() {
        for i in 0..n {
            for j in i + 1..n {
                eprintln!("{} ~ {}: {:.3}", docs[i].id, docs[j].id, sim[i][j]);
            }
        }
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_label: BTreeMap<String, usize> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let date = d.published.as_deref().and_then(parse_iso);
        match d.event.as_ref().and_then(|l| by_label.get(l)) {
            Some(&c) => {
                clusters[c].members.push(i);
                clusters[c].dates.extend(date);
            }
            None => {
                if let Some(l) = &d.event {
                    by_label.insert(l.clone(), clusters.len());
                }
                clusters.push(Cluster {
                    members: vec![i],
                    label: d.event.clone(),
                    dates: date.into_iter().collect(),
                });
            }
        }
    }
    // Dated or labelled documents first: their groups are the most certain, and an undated
    // article then joins the whole group it fits best, not whichever single article it met first.
    merge_all(&mut clusters, &sim, true);
    merge_all(&mut clusters, &sim, false);
    finish(docs, features, rules, clusters)
}

fn finish(
    docs: &[DocumentMeta],
    features: &[Features],
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
    let namer = label::Namer::new(features, rules);
    let mut assignment = vec![0; docs.len()];
    let mut events: Vec<Event> = Vec::new();
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
            while events.iter().any(|e| e.id == id) {
                id = format!("{base}-{k}");
                k += 1;
            }
            id
        });
        events.push(Event {
            id,
            label,
            date,
            documents: c.members.iter().map(|&m| docs[m].id.clone()).collect(),
        });
    }
    (events, assignment)
}
