//! Average-linkage clustering of documents into events, one connected component at a time.

use super::dates::Date;
use super::{MAX_DAYS_APART, MERGE_THRESHOLD};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

pub(super) struct Cluster {
    pub(super) members: Vec<usize>,
    pub(super) label: Option<String>,
    pub(super) dates: Vec<Date>,
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
        // Every pair of dates across both within the window: the whole span is.
        let days = self.dates.iter().chain(&other.dates).map(Date::days);
        let dates_ok = match (days.clone().min(), days.max()) {
            (Some(lo), Some(hi)) => hi - lo <= MAX_DAYS_APART,
            _ => true,
        };
        labels_ok && dates_ok
    }
}

/// Average-linkage merging above the threshold; `anchored_only` merges only clusters that carry
/// a date or an explicit event.
pub(super) fn merge_all(clusters: &mut Vec<Cluster>, sim: &[Vec<f64>], anchored_only: bool) {
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
pub(super) fn merge_sparse(clusters: &mut Vec<Cluster>, pairs: &[(usize, usize, f64)]) {
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
                if v >= MERGE_THRESHOLD {
                    heap.push((Avg(v), Reverse(a), Reverse(b), version[a], version[b]));
                }
            }
        }
        while let Some((_, Reverse(a), Reverse(b), va, vb)) = heap.pop() {
            if !alive[a] || !alive[b] || version[a] != va || version[b] != vb {
                continue;
            }
            let (x, y) = (&clusters[a], &clusters[b]);
            if !x.compatible(y) || (anchored_only && !(x.anchored() && y.anchored())) {
                continue;
            }
            let (keep, gone) = if x.members.len() >= y.members.len() {
                (a, b)
            } else {
                (b, a)
            };
            let moved = std::mem::take(&mut clusters[gone].members);
            let dates = std::mem::take(&mut clusters[gone].dates);
            let label = clusters[gone].label.take();
            let target = &mut clusters[keep];
            target.members.extend(moved);
            target.dates.extend(dates);
            target.label = target.label.take().or(label);
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
                if v >= MERGE_THRESHOLD {
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
