//! Comparison: within one event, rule and subject, where do actors' claims contradict?
//!
//! One comparison per value kind, defined once:
//! - count: intervals that cannot both hold (disjoint);
//! - polarity: affirmed against denied;
//! - category: a category asserted against its denial, or two the rule declares incompatible
//!   (or, for an `exclusive` rule, any two different ones);
//! - agent: as category, with agents told apart by camp: an agent affirmed against its denial,
//!   or (agent rules are exclusive unless they say otherwise) two sides naming different agents.
//!
//! Each actor speaks with its latest word: a later figure from the same actor revises its earlier
//! one, so an actor never contradicts itself. Actors of one camp (the Pentagon and the White
//! House) do not contradict each other either: their figures are one side's updates. A count of
//! one class ("80 soldiers") is also a floor for the rule's whole subject (at least 80 people),
//! so it is compared with totals too.

use crate::grading::{Contested, Sourcing};
use crate::model::{Claim, ClaimRef, Interval, Value};
use crate::rules::{Kind, Polarity, Rule, RuleSet};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Side {
    pub actor: String,
    /// How reports name the side; an outlet speaking in its own voice is marked so ("Gulf
    /// Ledger (own reporting)").
    pub actor_name: String,
    pub display: String,
    pub claims: Vec<ClaimRef>,
    pub documents: Vec<String>,
    /// The side is an outlet's own reporting: nobody is named for its figure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outlet_voice: bool,
    /// The independent outlets behind the side (filled by [`crate::grading`]).
    #[serde(flatten)]
    pub sourcing: Sourcing,
}

/// What marks an outlet's own reporting in a side's name.
pub const OWN_REPORTING: &str = " (own reporting)";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Contradiction {
    pub id: String,
    /// Stable across runs, line moves and new articles: see [`fingerprint`].
    pub fingerprint: String,
    pub event: String,
    pub rule: String,
    pub subject: String,
    pub summary: String,
    /// For counts: the range covering every source's figure ("4 to 7 or more").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconciled: Option<String>,
    pub sides: Vec<Side>,
    /// How many independent outlets stand behind each side (filled by [`crate::grading`]).
    pub contested: Contested,
}

/// One actor's position on one question: its claims, latest last.
struct Position<'c> {
    actor: &'c str,
    claims: Vec<&'c Claim>,
    /// The figures it gave for this very subject (a class's floor is none).
    given: Vec<Interval>,
    /// For each of `claims`, the class it is a floor of ("soldiers"), if it is one.
    floor: Vec<Option<&'c str>>,
    /// The subjects (classes) the actor gave figures for in this event and rule.
    classes: BTreeSet<&'c str>,
}

impl Position<'_> {
    /// The actor's latest word: its latest figure for this very subject, or, when it gave
    /// none, its latest class floor.
    fn latest(&self) -> &Claim {
        let i = self.latest_index().unwrap_or(self.claims.len() - 1);
        self.claims[i]
    }

    fn latest_index(&self) -> Option<usize> {
        (0..self.claims.len())
            .rev()
            .find(|&i| self.floor[i].is_none())
    }

    /// Whether this position speaks through a class's floor that `other` gave a figure of its
    /// own for: the two are then compared in that class ("3 soldiers" against "27 soldiers"),
    /// not through a total that may count other classes too.
    fn class_told_by(&self, other: &Position) -> bool {
        let i = self.latest_index().unwrap_or(self.claims.len() - 1);
        self.floor[i].is_some_and(|class| other.classes.contains(class))
    }

    /// Two actors of one named camp speak for one side.
    fn same_camp(&self, other: &Position) -> bool {
        match (&self.latest().camp, &other.latest().camp) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    fn interval(&self) -> Option<Interval> {
        match &self.latest().value {
            Value::Count(iv) => Some(*iv),
            _ => None,
        }
    }

    fn polarity(&self) -> Option<Polarity> {
        match &self.latest().value {
            Value::Polarity { polarity } => Some(*polarity),
            _ => None,
        }
    }

    /// Categories (or agents, by comparison key) asserted and denied across all of the
    /// actor's claims; one both asserted and denied is dropped from both.
    fn choices(&self) -> (BTreeSet<&str>, BTreeSet<&str>) {
        let (mut yes, mut no) = (BTreeSet::new(), BTreeSet::new());
        for c in &self.claims {
            let (keys, polarity): (Vec<&str>, _) = match &c.value {
                Value::Category {
                    categories,
                    polarity,
                } => (categories.iter().map(String::as_str).collect(), polarity),
                Value::Agent { agents, polarity } => {
                    (agents.iter().map(|a| a.key()).collect(), polarity)
                }
                _ => continue,
            };
            let set = if *polarity == Polarity::Affirmed {
                &mut yes
            } else {
                &mut no
            };
            set.extend(keys);
        }
        let both: Vec<&str> = yes.intersection(&no).copied().collect();
        for c in both {
            yes.remove(c);
            no.remove(c);
        }
        (yes, no)
    }

    /// How the actor's claims name an agent, by comparison key.
    fn agent_name<'k>(&'k self, key: &'k str) -> &'k str {
        self.claims
            .iter()
            .filter_map(|c| match &c.value {
                Value::Agent { agents, .. } => agents.iter().find(|a| a.key() == key),
                _ => None,
            })
            .next()
            .map_or(key, |a| a.name.as_str())
    }
}

/// One question's claims by actor, each with the class it is a floor of, if it is one (see
/// [`class_floors`]).
type ByActor<'c> = BTreeMap<&'c str, Vec<(&'c Claim, Option<&'c str>)>>;

/// Every contradiction, in event, rule and subject order. `order` ranks claims in time
/// (document date, then document, then position), so "latest" is well defined.
pub fn compare(
    rules: &RuleSet,
    claims: &[Claim],
    order: &dyn Fn(&Claim) -> (String, String, usize),
) -> Vec<Contradiction> {
    let floors = class_floors(rules, claims);
    let mut groups: BTreeMap<(&str, &str, &str), ByActor> = BTreeMap::new();
    let mut classes: BTreeMap<(&str, &str, &str), BTreeSet<&str>> = BTreeMap::new();
    for c in claims {
        if let Some(actor) = &c.actor {
            classes
                .entry((&c.event, &c.rule, actor))
                .or_default()
                .insert(&c.subject);
        }
    }
    let tagged = claims
        .iter()
        .map(|c| (c, None))
        .chain(floors.iter().map(|(c, class)| (c, Some(*class))));
    for (c, floor) in tagged {
        if let Some(actor) = c.actor.as_ref().filter(|_| !c.superseded) {
            groups
                .entry((&c.event, &c.rule, &c.subject))
                .or_default()
                .entry(actor)
                .or_default()
                .push((c, floor));
        }
    }
    let mut out = Vec::new();
    for ((event, rule_id, subject), by_actor) in groups {
        let Some(rule) = rules.rule(rule_id) else {
            continue;
        };
        let positions: Vec<Position> = by_actor
            .into_iter()
            .map(|(actor, mut claims)| {
                claims.sort_by_key(|(c, _)| order(c));
                let given = claims
                    .iter()
                    .filter(|(_, floor)| floor.is_none())
                    .filter_map(|(c, _)| match c.value {
                        Value::Count(iv) => Some(iv),
                        _ => None,
                    })
                    .collect();
                Position {
                    actor,
                    classes: classes
                        .get(&(event, rule_id, actor))
                        .cloned()
                        .unwrap_or_default(),
                    floor: claims.iter().map(|(_, floor)| *floor).collect(),
                    claims: claims.into_iter().map(|(c, _)| c).collect(),
                    given,
                }
            })
            .collect();
        let conflicting = conflicting_actors(rule, &positions);
        if conflicting.is_empty() {
            continue;
        }
        let mut sides: Vec<(&Position, Side)> = positions
            .iter()
            .filter(|p| conflicting.contains(p.actor))
            .map(|p| (p, side(rule, p)))
            .collect();
        sides.sort_by(|a, b| sort_key(a.0).cmp(&sort_key(b.0)));
        let reconciled = (rule.kind == Kind::Count).then(|| reconciled_range(&sides));
        let sides: Vec<Side> = sides.into_iter().map(|(_, s)| s).collect();
        out.push(Contradiction {
            id: format!("{event}/{rule_id}/{}", subject.replace(' ', "-")),
            fingerprint: fingerprint(rule_id, subject, &sides),
            event: event.to_string(),
            rule: rule_id.to_string(),
            subject: subject.to_string(),
            summary: summary(rule, subject, &sides, reconciled.as_deref()),
            reconciled,
            sides,
            contested: Contested::default(),
        });
    }
    out
}

/// Each count of one class ("80 soldiers"), restated as a floor for the rule's whole subject
/// ("at least 80 people", shown as "80 soldiers"): a total below it cannot be true.
fn class_floors<'c>(rules: &RuleSet, claims: &'c [Claim]) -> Vec<(Claim, &'c str)> {
    claims
        .iter()
        .filter_map(|c| {
            let rule = rules.rule(&c.rule)?;
            let Value::Count(iv) = c.value else {
                return None;
            };
            let floor = Claim {
                subject: rule.subject.clone(),
                value: Value::Count(Interval {
                    min: iv.min,
                    max: None,
                }),
                display: format!("{} {}", c.display, c.subject),
                ..c.clone()
            };
            (rule.kind == Kind::Count && c.subject != rule.subject && iv.min > 0)
                .then_some((floor, c.subject.as_str()))
        })
        .collect()
}

/// A disagreement's identity for baselines: rule, subject, and each side's actor and value,
/// hashed (SHA-256, first 16 hex digits). Line numbers, claim ids, run order, document sets and
/// generated event ids are left out on purpose: an unrelated paragraph or a new article in the
/// same event must not make a known disagreement look new.
pub fn fingerprint(rule: &str, subject: &str, sides: &[Side]) -> String {
    use sha2::{Digest, Sha256};
    let mut parts: Vec<String> = sides
        .iter()
        .map(|s| format!("{}={}", s.actor, s.display))
        .collect();
    parts.sort();
    let digest =
        Sha256::digest(format!("{rule}\u{1f}{subject}\u{1f}{}", parts.join("\u{1f}")).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The range casualty recorders report across sources: the lowest floor to the highest
/// figure ("4 to at least 7", "0 to 19").
fn reconciled_range(sides: &[(&Position, Side)]) -> String {
    let intervals: Vec<Interval> = sides.iter().filter_map(|(p, _)| p.interval()).collect();
    let low = intervals.iter().map(|i| i.min).min().unwrap_or(0);
    let open = intervals.iter().any(|i| i.max.is_none());
    let high = if open {
        intervals.iter().map(|i| i.min).max().unwrap_or(0)
    } else {
        intervals.iter().filter_map(|i| i.max).max().unwrap_or(0)
    };
    let g = crate::extract::numbers::group_thousands;
    match (low == high, open) {
        (true, true) => format!("at least {}", g(low)),
        (true, false) => g(low),
        (false, true) => format!("{} to at least {}", g(low), g(high)),
        (false, false) => format!("{} to {}", g(low), g(high)),
    }
}

fn sort_key<'a>(p: &'a Position) -> (u64, u8, &'a str) {
    let kind_key = match &p.latest().value {
        Value::Count(iv) => iv.min,
        Value::Polarity { polarity } => (*polarity == Polarity::Denied) as u64,
        Value::Category { polarity, .. } | Value::Agent { polarity, .. } => {
            (*polarity == Polarity::Denied) as u64
        }
    };
    (kind_key, 0, p.actor)
}

/// Actors that take part in at least one contradicting pair.
fn conflicting_actors<'c>(rule: &Rule, positions: &[Position<'c>]) -> BTreeSet<&'c str> {
    let history = camp_figures(rule, positions);
    let mut out = BTreeSet::new();
    for (i, a) in positions.iter().enumerate() {
        for b in &positions[i + 1..] {
            if contradict(rule, a, b, &history) {
                out.insert(a.actor);
                out.insert(b.actor);
            }
        }
    }
    out
}

/// A side's voice: its camp, or the actor alone when it has none.
fn voice<'c>(p: &Position<'c>) -> &'c str {
    let latest: &'c Claim = p.claims[p.latest_index().unwrap_or(p.claims.len() - 1)];
    latest.camp.as_deref().unwrap_or(p.actor)
}

/// Every figure each side (camp, or lone actor) gave, earlier ones included; floors derived
/// from a class's count are left out, as they say too little to agree with anything.
///
/// An actor of no camp (one only the article names, an outlet in its own voice) that gave a
/// figure some camp also gave at some point is taken to relay that camp: news often quotes
/// "a top official" or "local authorities" without saying whose. Its figures count with that
/// camp's, so a side behind that camp in time is not set against it either.
fn camp_figures<'c>(rule: &Rule, positions: &[Position<'c>]) -> BTreeMap<&'c str, Vec<Interval>> {
    let mut own: BTreeMap<&str, Vec<Interval>> = BTreeMap::new();
    let mut campless: BTreeSet<&str> = BTreeSet::new();
    for p in positions {
        own.entry(voice(p)).or_default().extend(&p.given);
        if p.latest().camp.is_none() {
            campless.insert(voice(p));
        }
    }
    let agree = |a: &[Interval], b: &[Interval]| {
        a.iter()
            .any(|x| b.iter().any(|y| !apart(x, y, rule.tolerance)))
    };
    let mut out = own.clone();
    for lone in &campless {
        for (camp, figures) in own.iter().filter(|(c, _)| !campless.contains(*c)) {
            if agree(&own[lone], figures) {
                let relayed = figures.clone();
                out.entry(lone).or_default().extend(relayed);
                let lone_figures = own[lone].clone();
                out.entry(camp).or_default().extend(lone_figures);
            }
        }
    }
    out
}

/// Two figures that cannot both be true: disjoint, and further apart than `tolerance`.
fn apart(x: &Interval, y: &Interval, tolerance: f64) -> bool {
    !x.overlaps(y) && beyond_tolerance(x, y, tolerance)
}

fn contradict(
    rule: &Rule,
    a: &Position,
    b: &Position,
    history: &BTreeMap<&str, Vec<Interval>>,
) -> bool {
    if a.same_camp(b) || a.class_told_by(b) || b.class_told_by(a) {
        return false;
    }
    let apart = |x: &Interval, y: &Interval| apart(x, y, rule.tolerance);
    match rule.kind {
        // Tolls move while the dead are counted: a side whose figure the other side gave at
        // some point (30 early on, 39 later) is behind or ahead in time, not disputing it.
        Kind::Count => match (a.interval(), b.interval()) {
            (Some(x), Some(y)) => {
                let (ha, hb) = (&history[voice(a)], &history[voice(b)]);
                apart(&x, &y) && ha.iter().all(|p| hb.iter().all(|q| apart(p, q)))
            }
            _ => false,
        },
        Kind::Polarity => matches!((a.polarity(), b.polarity()), (Some(x), Some(y)) if x != y),
        Kind::Category | Kind::Agent => {
            let (a_yes, a_no) = a.choices();
            let (b_yes, b_no) = b.choices();
            let denied =
                |yes: &BTreeSet<&str>, no: &BTreeSet<&str>| yes.iter().any(|c| no.contains(c));
            let incompatible = a_yes.iter().any(|x| {
                b_yes
                    .iter()
                    .any(|y| rule.incompatible(&a.latest().subject, x, y))
            });
            // One true value per incident: each side names one the other does not.
            let other = |x: &BTreeSet<&str>, y: &BTreeSet<&str>| x.difference(y).next().is_some();
            let exclusive = rule.exclusive && other(&a_yes, &b_yes) && other(&b_yes, &a_yes);
            denied(&a_yes, &b_no) || denied(&b_yes, &a_no) || incompatible || exclusive
        }
    }
}

fn beyond_tolerance(x: &Interval, y: &Interval, tolerance: f64) -> bool {
    let (low, high) = if x.min <= y.min { (x, y) } else { (y, x) };
    let gap = high.min.saturating_sub(low.max.unwrap_or(u64::MAX));
    gap as f64 > tolerance * high.min as f64
}

fn side(rule: &Rule, p: &Position) -> Side {
    let latest = p.latest();
    let display = match rule.kind {
        Kind::Category | Kind::Agent => {
            let (yes, no) = p.choices();
            let label = |c: &&str| match rule.category(c) {
                Some(c) => c.label.clone(),
                None => p.agent_name(c).to_string(),
            };
            let mut parts: Vec<String> = yes.iter().map(label).collect();
            parts.extend(no.iter().map(|c| format!("not {}", label(c))));
            parts.join("; ")
        }
        _ => latest.display.clone(),
    };
    let mut documents: Vec<String> = p.claims.iter().map(|c| c.document.clone()).collect();
    documents.sort();
    documents.dedup();
    let name = latest.actor_name.clone().unwrap_or_default();
    Side {
        actor: p.actor.to_string(),
        actor_name: if latest.outlet_voice {
            format!("{name}{OWN_REPORTING}")
        } else {
            name
        },
        outlet_voice: latest.outlet_voice,
        display,
        // Claims reach comparison numbered by the store ("c42").
        claims: p
            .claims
            .iter()
            .filter_map(|c| ClaimRef::parse(&c.id))
            .collect(),
        documents,
        sourcing: Sourcing::default(),
    }
}

/// One sentence a person can read: who says what, and the reconciled range for counts.
fn summary(rule: &Rule, subject: &str, sides: &[Side], reconciled: Option<&str>) -> String {
    let mut by_display: Vec<(String, Vec<&str>)> = Vec::new();
    for s in sides {
        match by_display.iter_mut().find(|(d, _)| *d == s.display) {
            Some((_, names)) => names.push(&s.actor_name),
            None => by_display.push((s.display.clone(), vec![&s.actor_name])),
        }
    }
    let parts: Vec<String> = by_display
        .iter()
        .map(|(display, names)| format!("{} — {display}", join_names(names)))
        .collect();
    let mut text = format!("{} ({subject}): {}", rule.title, parts.join("; "));
    if let Some(r) = reconciled {
        text.push_str(&format!(". Reported range: {r}"));
    }
    text.push('.');
    text
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::parse;
    use crate::rules::test_rules;

    fn run(docs: &[(&str, &str, &str)]) -> Vec<super::Contradiction> {
        let docs = docs
            .iter()
            .map(|(id, date, body)| {
                let text = format!("+++\nevent = \"e\"\npublished = \"{date}\"\n+++\n{body}");
                parse(id, id, text).expect("valid test article")
            })
            .collect();
        crate::check_documents(test_rules(), docs).contradictions
    }

    #[test]
    fn disjoint_counts_from_two_actors_contradict() {
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "The Observatory said at least 12 fighters were killed.",
            ),
            (
                "b",
                "2024-01-02",
                "Harakat al-Nujaba said five fighters were killed.",
            ),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].reconciled.as_deref(), Some("5 to at least 12"));
        let sides: Vec<&str> = found[0].sides.iter().map(|s| s.actor.as_str()).collect();
        assert_eq!(sides, vec!["harakat_al_nujaba", "sohr"]);
    }

    #[test]
    fn a_later_figure_revises_the_same_actors_earlier_one() {
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "The Observatory said 12 fighters were killed.",
            ),
            (
                "b",
                "2024-01-03",
                "The Observatory said 17 fighters were killed. Harakat al-Nujaba said 17 fighters were killed.",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn overlapping_ranges_do_not_contradict() {
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "The Pentagon said about 2,500 soldiers were killed.",
            ),
            (
                "b",
                "2024-01-02",
                "The Iraqi military said more than 2,000 soldiers were killed.",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn only_military_targets_contradicts_homes_hit() {
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "CENTCOM said the aircraft struck only military targets.",
            ),
            (
                "b",
                "2024-01-02",
                "The mayor said homes near the base were destroyed.",
            ),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "target_type");
    }

    #[test]
    fn affirmed_against_denied_notice() {
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "The Pentagon said Baghdad was notified before the strikes.",
            ),
            (
                "b",
                "2024-01-02",
                "The Iraqi government said there was no prior notice.",
            ),
        ]);
        assert_eq!(found.len(), 1);
        let displays: Vec<&str> = found[0].sides.iter().map(|s| s.display.as_str()).collect();
        assert_eq!(displays, vec!["affirmed", "denied"]);
    }

    #[test]
    fn actors_of_one_camp_do_not_contradict_each_other() {
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "The White House said no soldiers were wounded.",
            ),
            (
                "b",
                "2024-01-09",
                "The Pentagon said 64 soldiers were wounded.",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_class_count_is_a_floor_for_the_total() {
        let found = run(&[
            ("a", "2024-01-02", "The IRGC said 80 soldiers were killed."),
            (
                "b",
                "2024-01-02",
                "The White House said there were no casualties.",
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].subject, "people");
        let displays: Vec<&str> = found[0].sides.iter().map(|s| s.display.as_str()).collect();
        assert_eq!(displays, vec!["0", "80 soldiers"]);
    }

    #[test]
    fn figures_within_the_rule_tolerance_agree() {
        let close = run(&[
            (
                "a",
                "2024-01-02",
                "The Observatory said 57 people were killed.",
            ),
            (
                "b",
                "2024-01-09",
                "The Pentagon said at least 58 people were killed.",
            ),
        ]);
        assert!(close.is_empty(), "{close:?}");
        let apart = run(&[
            (
                "a",
                "2024-01-02",
                "The Observatory said 50 people were killed.",
            ),
            (
                "b",
                "2024-01-09",
                "The Pentagon said at least 58 people were killed.",
            ),
        ]);
        assert_eq!(apart.len(), 1);
    }

    #[test]
    fn a_figure_the_other_side_once_gave_is_not_disputed() {
        // The Observatory's early 30 matches the group's figure: its later 39 is an update.
        let found = run(&[
            (
                "a",
                "2024-01-02",
                "The Observatory said 30 fighters were killed.",
            ),
            (
                "b",
                "2024-01-02",
                "Harakat al-Nujaba said about 30 fighters were killed.",
            ),
            (
                "c",
                "2024-01-03",
                "The Observatory said 39 fighters were killed.",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_source_of_no_camp_that_gave_a_camps_figure_relays_that_camp() {
        // Local officials' 39 agrees with the state railway's "more than 30": they relay that
        // side, and the group's early "about 30" was that side's figure too.
        let both = |later: &str| {
            run(&[
                (
                    "a",
                    "2024-01-02",
                    "Harakat al-Nujaba said about 30 people were killed.",
                ),
                (
                    "b",
                    "2024-01-02",
                    "The Pentagon said more than 30 people were killed.",
                ),
                ("c", "2024-01-03", later),
            ])
        };
        assert!(both("Kherson 9 said 39 people were killed.").is_empty());
        // One that agrees with nobody is a side of its own.
        assert_eq!(both("Kherson 9 said 12 people were killed.").len(), 1);
    }
}
