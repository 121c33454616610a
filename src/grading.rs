//! Source grading: how many independent outlets stand behind each side of a disagreement.
//!
//! Ten outlets printing one agency's story are one source, not ten. A side's claims are put
//! together into *origins*: claims in one outlet are one origin, and so are claims whose
//! sentence is word for word the same in several outlets (wire copy) or whose sentence carries
//! a dateline credit ("BAGHDAD (Agency) —", a reprint). Each origin counts once. The code
//! knows the shape of a dateline, never the names of agencies.
//!
//! A dateline credit is the article's ([`dateline_credit`], read while its text is in memory)
//! or the claim's own sentence's: every claim of a credited article is the agency's.

use crate::compare::{Contradiction, Side};
use crate::model::Claim;
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// How a side is sourced (serialised into the side, after its other fields).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Sourcing {
    /// One name per independent origin, sorted: the credited agency for a reprint, else the
    /// first outlet (by name) that carried it.
    pub independent_outlets: Vec<String>,
    /// Outlets whose copy was counted with another origin (wire copy, reprints), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reprints: Vec<String>,
    pub grade: Grade,
}

/// One independent origin, or more than one.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Grade {
    #[default]
    SingleSource,
    Corroborated,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::SingleSource => "single-source",
            Grade::Corroborated => "corroborated",
        }
    }
}

/// How firmly a disagreement is contested: by how many independent outlets stand behind
/// each side.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Contested {
    /// Every side is corroborated: independent outlets disagree.
    Strongly,
    /// Some sides are corroborated, some rest on one outlet.
    Unevenly,
    /// Every side rests on one outlet: one report may be all there is to it.
    #[default]
    Weakly,
}

impl Contested {
    pub fn as_str(self) -> &'static str {
        match self {
            Contested::Strongly => "strongly",
            Contested::Unevenly => "unevenly",
            Contested::Weakly => "weakly",
        }
    }

    /// Sides with one value ("3", from a militia and its umbrella group) are one position in
    /// the disagreement, as the summary tells it: their outlets are counted together.
    fn of(sides: &[Side]) -> Self {
        let mut positions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for s in sides {
            let outlets = positions.entry(s.display.as_str()).or_default();
            outlets.extend(s.sourcing.independent_outlets.iter().map(String::as_str));
        }
        let corroborated = positions.values().filter(|o| o.len() > 1).count();
        match corroborated {
            0 => Contested::Weakly,
            n if n == positions.len() => Contested::Strongly,
            _ => Contested::Unevenly,
        }
    }
}

/// Shorter sentences say too little to tell copy from two outlets' own words.
const MIN_COPY_WORDS: usize = 6;

/// Where a document's copy comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The outlet that printed it (its document id when it names none).
    pub outlet: String,
    /// The agency its dateline credits, if it does.
    pub credit: Option<String>,
}

/// How far into an article its dateline may be: past a headline and a byline, not into the
/// story, where a bracketed name is a quote's source rather than the copy's.
const DATELINE_LINES: usize = 4;

/// The agency an article's dateline credits ("BAGHDAD (Agency) — ..."), among its first
/// non-empty lines.
pub fn dateline_credit(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
        .find_map(credit)
        .map(str::to_string)
}

/// Grades every side of `contradictions` from the claims they cite (`claims` holds them, by
/// id) and `origin`, which tells where a document's copy comes from.
pub fn grade(
    contradictions: &mut [Contradiction],
    claims: &[Claim],
    origin: &dyn Fn(&str) -> Origin,
) {
    let by_id: BTreeMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
    for c in contradictions {
        for side in &mut c.sides {
            let cited: Vec<&Claim> = side
                .claims
                .iter()
                .filter_map(|id| by_id.get(id.to_string().as_str()).copied())
                .collect();
            side.sourcing = sourcing(&cited, origin);
        }
        c.contested = Contested::of(&c.sides);
    }
}

/// The origins of one side's claims, as [`Sourcing`].
fn sourcing(claims: &[&Claim], origin: &dyn Fn(&str) -> Origin) -> Sourcing {
    // Union-find over outlets: an outlet joins another when they share a wording or a credit.
    let origins: Vec<Origin> = claims.iter().map(|c| origin(&c.document)).collect();
    let mut names: Vec<&str> = origins.iter().map(|o| o.outlet.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let index = |name: &str| names.binary_search(&name).unwrap_or(0);
    let mut parent: Vec<usize> = (0..names.len()).collect();
    let mut credit_of: BTreeMap<usize, String> = BTreeMap::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (claim, origin) in claims.iter().zip(&origins) {
        let i = index(&origin.outlet);
        let credit = credit(&claim.quote).or(origin.credit.as_deref());
        let keys = [
            credit.map(|c| format!("credit:{}", c.to_lowercase())),
            wording(&claim.quote).map(|w| format!("words:{w}")),
        ];
        for key in keys.into_iter().flatten() {
            match by_key.get(&key) {
                Some(&j) => union(&mut parent, i, j),
                None => {
                    by_key.insert(key, i);
                }
            }
        }
        if let Some(c) = credit {
            credit_of.entry(i).or_insert_with(|| c.to_string());
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..names.len() {
        groups.entry(find(&mut parent, i)).or_default().push(i);
    }
    let mut independent = Vec::new();
    let mut reprints = Vec::new();
    for members in groups.values() {
        let credited = members.iter().find_map(|m| credit_of.get(m));
        match credited {
            Some(agency) => {
                independent.push(agency.clone());
                reprints.extend(members.iter().map(|&m| names[m].to_string()));
            }
            None => {
                independent.push(names[members[0]].to_string());
                reprints.extend(members[1..].iter().map(|&m| names[m].to_string()));
            }
        }
    }
    independent.sort();
    independent.dedup();
    reprints.sort();
    reprints.retain(|r| !independent.contains(r));
    Sourcing {
        grade: if independent.len() > 1 {
            Grade::Corroborated
        } else {
            Grade::SingleSource
        },
        independent_outlets: independent,
        reprints,
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The smaller index (first outlet by name) stays the root, so a group's name is stable.
    let (low, high) = (ra.min(rb), ra.max(rb));
    parent[high] = low;
}

/// A dateline credit at the start of a sentence: a place in capitals, then the agency in
/// brackets, then a dash ("MOGADISHU, Somalia (Agency) — ...").
static DATELINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*\p{Lu}[\p{Lu}\p{M}.' -]*(?:,\s*[\p{L}.' ]{2,30})?\s*\(([^()\n]{2,40})\)\s*[-–—]",
    )
    .expect("a valid pattern")
});

fn credit(quote: &str) -> Option<&str> {
    DATELINE_CREDIT
        .captures(quote)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim())
}

/// The sentence's words, lower-cased and joined by single spaces, when long enough to be a
/// fingerprint of copy; the dateline is left out, as reprints restate it.
fn wording(quote: &str) -> Option<String> {
    let body = match DATELINE_CREDIT.find(quote) {
        Some(m) => &quote[m.end()..],
        None => quote,
    };
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (words.len() >= MIN_COPY_WORDS).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_report;

    const TOLL: &str = "The Pentagon said 12 soldiers were killed in the attack on the base.";

    #[test]
    fn credits_and_wording() {
        assert_eq!(
            credit("MOGADISHU, Somalia (Coast Agency) — Five died."),
            Some("Coast Agency")
        );
        assert_eq!(credit("BAGHDAD (Wire) - The toll rose."), Some("Wire"));
        assert_eq!(credit("The group (Wire) — said"), None);
        assert_eq!(credit("He told Wire (by phone) — no"), None);
        assert_eq!(
            wording("BAGHDAD (Wire) — Five  soldiers, it said, were killed."),
            wording("Five soldiers it said were KILLED")
        );
        assert_eq!(wording("Five were killed."), None);
    }

    /// (outlet, body) per document -> the grading of the side the Pentagon's figure is on.
    fn ministry_side(outlets: &[(&str, &str)]) -> Sourcing {
        let mut docs: Vec<(String, String, Option<&str>, String)> = outlets
            .iter()
            .enumerate()
            .map(|(i, (outlet, body))| {
                (
                    format!("m{i}"),
                    format!("m{i}.txt"),
                    Some(*outlet),
                    body.to_string(),
                )
            })
            .collect();
        docs.push((
            "z".into(),
            "z.txt".into(),
            Some("Zed Post"),
            "The Observatory said at least 40 soldiers were killed.".into(),
        ));
        let refs: Vec<(&str, &str, Option<&str>, &str)> = docs
            .iter()
            .map(|(a, b, c, d)| (a.as_str(), b.as_str(), *c, d.as_str()))
            .collect();
        let report = test_report(&refs);
        let c = &report.contradictions[0];
        let side = c
            .sides
            .iter()
            .find(|s| s.display == "12")
            .expect("the Pentagon's side");
        side.sourcing.clone()
    }

    #[test]
    fn one_outlet_is_single_source() {
        let s = ministry_side(&[("Alpha", TOLL)]);
        assert_eq!(s.independent_outlets, ["Alpha"]);
        assert_eq!(s.grade, Grade::SingleSource);
    }

    #[test]
    fn own_words_in_two_outlets_corroborate() {
        let s = ministry_side(&[
            ("Alpha", TOLL),
            (
                "Beta",
                "The Pentagon told reporters that 12 soldiers were killed.",
            ),
        ]);
        assert_eq!(s.independent_outlets, ["Alpha", "Beta"]);
        assert!(s.reprints.is_empty());
        assert_eq!(s.grade, Grade::Corroborated);
    }

    #[test]
    fn wire_copy_counts_once() {
        let s = ministry_side(&[("Alpha", TOLL), ("Beta", TOLL), ("Gamma", TOLL)]);
        assert_single_source(&s, "Alpha", &["Beta", "Gamma"]);
    }

    /// One origin, and every outlet that printed it as its reprint.
    fn assert_single_source(s: &Sourcing, origin: &str, reprints: &[&str]) {
        assert_eq!(s.independent_outlets, [origin]);
        assert_eq!(s.reprints, reprints);
        assert_eq!(s.grade, Grade::SingleSource);
    }

    #[test]
    fn dateline_credit_names_the_origin() {
        let wire = format!("KABUL (Coast Agency) — {TOLL}");
        let s = ministry_side(&[("Alpha", &wire), ("Beta", &wire)]);
        assert_single_source(&s, "Coast Agency", &["Alpha", "Beta"]);
    }

    #[test]
    fn an_articles_dateline_credits_its_claims_further_down() {
        // Two outlets' reprints of one agency's story, whose claim sentences differ in wording.
        let lede = "KABUL (Coast Agency) — Officials met on Monday to discuss the attack.";
        let alpha = format!("{lede}\n\n{TOLL}");
        let beta = format!("{lede}\n\nThe Pentagon told reporters that 12 soldiers were killed.");
        let s = ministry_side(&[("Alpha", &alpha), ("Beta", &beta)]);
        assert_single_source(&s, "Coast Agency", &["Alpha", "Beta"]);
    }

    #[test]
    fn a_bracketed_name_deep_in_the_story_is_no_credit() {
        let filler = "Officials met on Monday to discuss the attack.\n";
        let late = format!(
            "{}BAGHDAD (Wire) — A later note.\n\n{TOLL}",
            filler.repeat(5)
        );
        assert_eq!(dateline_credit(&late), None);
        assert_eq!(
            dateline_credit("Headline here\nBAGHDAD (Wire) — Text."),
            Some("Wire".to_string())
        );
    }

    #[test]
    fn contested_by_both_sides() {
        // (value, outlets) per side.
        let of = |sides: &[(&str, &[&str])]| {
            let sides: Vec<Side> = sides
                .iter()
                .map(|(display, outlets)| Side {
                    display: display.to_string(),
                    sourcing: Sourcing {
                        independent_outlets: outlets.iter().map(|o| o.to_string()).collect(),
                        ..Sourcing::default()
                    },
                    ..test_side()
                })
                .collect();
            Contested::of(&sides)
        };
        assert_eq!(
            of(&[("2", &["A", "B"]), ("3", &["C", "D"])]),
            Contested::Strongly
        );
        assert_eq!(
            of(&[("2", &["A", "B"]), ("3", &["C"])]),
            Contested::Unevenly
        );
        assert_eq!(of(&[("2", &["A"]), ("3", &["C"])]), Contested::Weakly);
        // One value from two actors in two outlets: that position is corroborated.
        assert_eq!(
            of(&[("2", &["A", "B"]), ("3", &["C"]), ("3", &["D"])]),
            Contested::Strongly
        );
        assert_eq!(
            of(&[("2", &["A"]), ("3", &["C"]), ("3", &["C"])]),
            Contested::Weakly
        );
    }

    fn test_side() -> Side {
        Side {
            actor: "a".into(),
            actor_name: "A".into(),
            display: "1".into(),
            claims: Vec::new(),
            documents: Vec::new(),
            outlet_voice: false,
            sourcing: Sourcing::default(),
        }
    }
}
