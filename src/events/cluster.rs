//! Average-linkage clustering of documents into events, one connected component at a time.

use super::dates::Date;
use super::{MAX_DAYS_APART, MERGE_THRESHOLD};

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
