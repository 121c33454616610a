//! Baselines: the disagreements a team already knows, so CI fails only on new ones.

use crate::report::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub disagreements: Vec<Entry>,
}

/// One known disagreement; only `fingerprint` is matched, the rest is for people reading it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub subject: String,
    pub event: String,
    pub summary: String,
}

/// The baseline of a report's disagreements, sorted by fingerprint (stable diffs in review).
pub fn from_report(report: &Report) -> Baseline {
    let mut disagreements: Vec<Entry> = report
        .contradictions
        .iter()
        .map(|c| Entry {
            fingerprint: c.fingerprint.clone(),
            rule: c.rule.clone(),
            subject: c.subject.clone(),
            event: c.event.clone(),
            summary: c.summary.clone(),
        })
        .collect();
    disagreements.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    disagreements.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    Baseline {
        version: 1,
        disagreements,
    }
}

pub fn write(path: &Path, report: &Report) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(&from_report(report)).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
}

pub fn load(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let b: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("baseline {} is not valid: {e}", path.display()))?;
    Ok(b.disagreements.into_iter().map(|e| e.fingerprint).collect())
}

/// Removes the known disagreements from a report; returns how many were hidden.
pub fn apply(report: &mut Report, known: &BTreeSet<String>) -> usize {
    let before = report.contradictions.len();
    report
        .contradictions
        .retain(|c| !known.contains(&c.fingerprint));
    let hidden = before - report.contradictions.len();
    report.hidden_by_baseline = hidden;
    hidden
}
