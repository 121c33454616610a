//! Average-linkage clustering of documents into events, one connected component at a time.

use super::features::When;
use super::{Decision, Season};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

pub(super) struct Cluster {
    pub(super) members: Vec<usize>,
    pub(super) label: Option<String>,
    /// The tightest days its members allow: the latest first day and the earliest last day.
    pub(super) when: Option<When>,
    /// Members' days of the year, for members dated without a year.
    pub(super) seasons: Vec<When>,
    /// The specific places its members' leads name.
    pub(super) scenes: Vec<u32>,
}

impl Cluster {
    fn anchored(&self) -> bool {
        self.label.is_some() || self.when.is_some() || !self.seasons.is_empty()
    }

    fn compatible(&self, other: &Cluster, decision: &Decision) -> bool {
        let labels_ok = match (&self.label, &other.label) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let fits = |x: &Cluster, y: &Cluster| {
            x.seasons.iter().all(|&s| {
                y.when
                    .is_none_or(|w| decision.season_fits(s, Season::Days(w)))
                    && y.seasons
                        .iter()
                        .all(|&t| decision.season_fits(s, Season::OfYear(t)))
            })
        };
        labels_ok
            && decision.scenes_fit(&self.scenes, &other.scenes)
            && decision.compatible(self.when, other.when)
            && fits(self, other)
            && fits(other, self)
    }

    /// Takes `other`'s members, days and label.
    pub(super) fn absorb(&mut self, other: Cluster) {
        self.members.extend(other.members);
        self.when = tighten(self.when, other.when);
        self.seasons.extend(other.seasons);
        self.scenes.extend(other.scenes);
        self.label = self.label.take().or(other.label);
    }
}

/// The days both allow, as far as they can be met: compatibility of every pair of members is
/// then one comparison of the latest first day with the earliest last day.
pub(super) fn tighten(a: Option<When>, b: Option<When>) -> Option<When> {
    match (a, b) {
        (Some(a), Some(b)) => Some(When {
            first: a.first.max(b.first),
            last: a.last.min(b.last),
        }),
        (a, b) => a.or(b),
    }
}

/// Average-linkage merging above the threshold; `anchored_only` merges only clusters that carry
/// a date or an explicit event.
pub(super) fn merge_all(
    clusters: &mut Vec<Cluster>,
    sim: &[Vec<f64>],
    anchored_only: bool,
    decision: &Decision,
) {
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let (x, y) = (&clusters[a], &clusters[b]);
                if !x.compatible(y, decision) || (anchored_only && !(x.anchored() && y.anchored()))
                {
                    continue;
                }
                let total: f64 = x
                    .members
                    .iter()
                    .flat_map(|&i| y.members.iter().map(move |&j| sim[i][j]))
                    .sum();
                let avg = total / (x.members.len() * y.members.len()) as f64;
                if avg >= decision.threshold && best.is_none_or(|(s, _, _)| avg > s) {
                    best = Some((avg, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let merged = clusters.remove(b);
        clusters[a].absorb(merged);
    }
}

/// Union-find over document indices, for the components of the "similar enough" graph.
pub(super) struct Components {
    parent: Vec<usize>,
}

impl Components {
    pub(super) fn new(n: usize) -> Self {
        Components {
            parent: (0..n).collect(),
        }
    }

    pub(super) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// An average similarity, ordered (never NaN: sums of cosines over positive counts).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Avg(f64);

impl Eq for Avg {}

impl PartialOrd for Avg {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Avg {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

type Entry = (Avg, Reverse<usize>, Reverse<usize>, u32, u32);

/// Average linkage for large components, where a dense similarity matrix would be cubic work:
/// only candidate pairs' similarities are known (the rest count as zero, which is what they
/// nearly are), cluster pairs wait in a heap by average, and stale entries are skipped. Runs
/// both phases: clusters with a date or label first, then everything.
pub(super) fn merge_sparse(
    clusters: &mut Vec<Cluster>,
    pairs: &[(usize, usize, f64)],
    decision: &Decision,
) {
    let n = clusters.len();
    let mut sums: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    for &(a, b, s) in pairs {
        if a != b {
            *sums[a].entry(b).or_insert(0.0) += s;
            *sums[b].entry(a).or_insert(0.0) += s;
        }
    }
    let mut alive = vec![true; n];
    let mut version = vec![0u32; n];
    for anchored_only in [true, false] {
        let avg = |sums: &[HashMap<usize, f64>], clusters: &[Cluster], a: usize, b: usize| {
            sums[a].get(&b).copied().unwrap_or(0.0)
                / (clusters[a].members.len() * clusters[b].members.len()) as f64
        };
        let mut heap: BinaryHeap<Entry> = BinaryHeap::new();
        for a in 0..n {
            if !alive[a] {
                continue;
            }
            for &b in sums[a].keys().filter(|&&b| b > a && alive[b]) {
                let v = avg(&sums, clusters, a, b);
                if v >= decision.threshold {
                    heap.push((Avg(v), Reverse(a), Reverse(b), version[a], version[b]));
                }
            }
        }
        while let Some((_, Reverse(a), Reverse(b), va, vb)) = heap.pop() {
            if !alive[a] || !alive[b] || version[a] != va || version[b] != vb {
                continue;
            }
            let (x, y) = (&clusters[a], &clusters[b]);
            if !x.compatible(y, decision) || (anchored_only && !(x.anchored() && y.anchored())) {
                continue;
            }
            let (keep, gone) = if x.members.len() >= y.members.len() {
                (a, b)
            } else {
                (b, a)
            };
            let moved = Cluster {
                members: std::mem::take(&mut clusters[gone].members),
                label: clusters[gone].label.take(),
                when: clusters[gone].when.take(),
                seasons: std::mem::take(&mut clusters[gone].seasons),
                scenes: std::mem::take(&mut clusters[gone].scenes),
            };
            clusters[keep].absorb(moved);
            alive[gone] = false;
            for (k, s) in std::mem::take(&mut sums[gone]) {
                sums[k].remove(&gone);
                if k != keep {
                    *sums[k].entry(keep).or_insert(0.0) += s;
                    *sums[keep].entry(k).or_insert(0.0) += s;
                }
            }
            sums[keep].remove(&gone);
            version[keep] += 1;
            let neighbours: Vec<usize> = sums[keep].keys().copied().filter(|&k| alive[k]).collect();
            for k in neighbours {
                let v = avg(&sums, clusters, keep, k);
                if v >= decision.threshold {
                    let (p, q) = (keep.min(k), keep.max(k));
                    heap.push((Avg(v), Reverse(p), Reverse(q), version[p], version[q]));
                }
            }
        }
    }
    let mut index = 0;
    clusters.retain(|_| {
        index += 1;
        alive[index - 1]
    });
}
