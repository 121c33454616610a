//! Claims told of another incident than their article's (a recap: "the Jan. 28 attack on the
//! base, which killed three soldiers"): which event of the corpus is that incident's.
//!
//! A recap is placed by what its own sentence says of the incident: the days it names (read
//! against the article's publication date) and the specific places. An event is that incident
//! when nothing it is known by contradicts the sentence (its leads' days and scenes) and at
//! least one of the two positively agrees. The one event that agrees best takes the claim; when
//! none does, when two agree equally, or when the article's own event agrees as well (the cue
//! that it was another incident may have misread the sentence), the claim is kept out of
//! comparison. Events are formed from whole articles before this runs, so a recap never moves
//! an event.

use super::dates::{self, Day, Reference};
use super::decision::Decision;
use super::features::{Features, When};
use crate::extract::Extraction;
use crate::rules::RuleSet;
use crate::rules::grouping::{Grouping, Places};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Days a recap names further apart than this ("in December 2019", "in 2023") rule events
/// out but are no anchor in time: they fit too many incidents to pick one.
const VAGUE_DAYS: Day = 7;

/// What one recap sentence tells of the incident it recaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recap {
    /// The claim's position among its document's claims.
    pub claim: u32,
    /// The span of days its sentence names (its dates, months and years).
    pub days: Option<When>,
    /// The specific places its sentence names, as gazetteer indices.
    pub scenes: Box<[u32]>,
}

/// The recaps among a document's claims, described from their sentences.
pub(super) fn describe(
    grouping: &Grouping,
    extraction: &Extraction,
    reference: Reference,
) -> Box<[Recap]> {
    extraction
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.recap)
        .map(|(i, c)| {
            let calendar = &grouping.calendar;
            let mut days: Vec<Day> = dates::dates_in(&c.quote, calendar, reference)
                .into_iter()
                .map(dates::day)
                .collect();
            for span in dates::spans_in(&c.quote, calendar) {
                days.extend([span.first, span.last]);
            }
            let days = match (days.iter().min(), days.iter().max()) {
                (Some(&first), Some(&last)) => Some(When { first, last }),
                _ => None,
            };
            let mut scenes: Vec<u32> = grouping
                .places
                .find(&c.quote)
                .into_iter()
                .filter(|&(p, _)| !grouping.places.places[p].kind.is_broad())
                .map(|(p, _)| p as u32)
                .collect();
            scenes.sort_unstable();
            scenes.dedup();
            Recap {
                claim: i as u32,
                days,
                scenes: scenes.into_boxed_slice(),
            }
        })
        .collect()
}

/// For each document, its recaps that tell of another event of the corpus, as (claim position,
/// event index); `assignment` is each document's event.
pub fn place_all(
    rules: &RuleSet,
    features: &[Features],
    assignment: &[usize],
    events: usize,
) -> Vec<Box<[(u32, usize)]>> {
    let mut profiles: Vec<Profile> = (0..events).map(|_| Profile::default()).collect();
    for (f, &e) in features.iter().zip(assignment) {
        profiles[e].days.extend(f.lead_day);
        profiles[e].scenes.extend_from_slice(&f.scenes);
    }
    let decision = Decision::new(&rules.grouping.settings, &rules.grouping.places);
    let placer = Placer::new(&profiles, &decision);
    features
        .iter()
        .zip(assignment)
        .map(|(f, &own)| {
            f.recaps
                .iter()
                .filter_map(|r| placer.place(r, own).map(|e| (r.claim, e)))
                .collect()
        })
        .collect()
}

/// What an event is known by: the days its articles' leads date it to, and the scenes they name.
#[derive(Debug, Default)]
pub(super) struct Profile {
    pub(super) days: Vec<Day>,
    pub(super) scenes: Vec<u32>,
}

/// Finds, for each recap, the event it tells of. `own` is the recap's document's event.
pub(super) struct Placer<'a> {
    profiles: &'a [Profile],
    decision: &'a Decision<'a>,
    /// Place (and its area) -> events with a scene there.
    by_place: FxHashMap<u32, Vec<usize>>,
    /// Lead day -> events dated to it.
    by_day: FxHashMap<Day, Vec<usize>>,
}

impl<'a> Placer<'a> {
    pub(super) fn new(profiles: &'a [Profile], decision: &'a Decision<'a>) -> Self {
        let places = decision.places;
        let mut by_place: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        let mut by_day: FxHashMap<Day, Vec<usize>> = FxHashMap::default();
        for (e, p) in profiles.iter().enumerate() {
            for &s in &p.scenes {
                for key in [s, area(places, s)] {
                    by_place.entry(key).or_default().push(e);
                }
            }
            for &d in &p.days {
                by_day.entry(d).or_default().push(e);
            }
        }
        Placer {
            profiles,
            decision,
            by_place,
            by_day,
        }
    }

    /// The event `recap` tells of, if exactly one agrees best and it is not `own`.
    pub(super) fn place(&self, recap: &Recap, own: usize) -> Option<usize> {
        let places = self.decision.places;
        let slack = self.decision.max_days_apart;
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for &s in recap.scenes.iter() {
            for key in [s, area(places, s)] {
                candidates.extend(self.by_place.get(&key).into_iter().flatten());
            }
        }
        if let Some(w) = recap.days.filter(|w| w.last - w.first <= VAGUE_DAYS) {
            for d in w.first - slack..=w.last + slack {
                candidates.extend(self.by_day.get(&d).into_iter().flatten());
            }
        }
        let mut best: Option<(u32, usize)> = None;
        let mut tied = false;
        for e in candidates {
            let Some(score) = self.agreement(recap, &self.profiles[e]) else {
                continue;
            };
            match best {
                Some((b, _)) if score < b => {}
                Some((b, _)) if score == b => tied = true,
                _ => {
                    best = Some((score, e));
                    tied = false;
                }
            }
        }
        best.filter(|&(_, e)| !tied && e != own).map(|(_, e)| e)
    }

    /// How many of time and place the sentence gives, when the event confirms each: its leads
    /// name the recap's place (or a place within it, or the area it lies in) and date the
    /// incident to the recap's days. A place of the same region is not confirmation: a recap
    /// of an attack on one base must not land on a strike on a town nearby.
    fn agreement(&self, recap: &Recap, event: &Profile) -> Option<u32> {
        let places = self.decision.places;
        let slack = self.decision.max_days_apart;
        let mut score = 0;
        if !recap.scenes.is_empty() {
            let named = |a: u32, b: u32| places.same_or_within(a as usize, b as usize);
            if !recap
                .scenes
                .iter()
                .any(|&a| event.scenes.iter().any(|&b| named(a, b)))
            {
                return None;
            }
            score += 1;
        }
        if let Some(w) = recap.days {
            let within = |d: &Day| *d >= w.first - slack && *d <= w.last + slack;
            let confirmed = event.days.iter().any(within);
            let precise = w.last - w.first <= VAGUE_DAYS;
            // A precise time must be the event's; a vague one only rules out events dated
            // outside it.
            if !confirmed && (precise || !event.days.is_empty()) {
                return None;
            }
            score += u32::from(precise);
        }
        Some(score).filter(|&s| s > 0)
    }
}

fn area(places: &Places, p: u32) -> u32 {
    places.area(p as usize) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::grouping::Settings;

    fn placer_check(profiles: &[Profile], recap: &Recap, own: usize) -> Option<usize> {
        let rules = crate::rules::RuleSet::builtin().expect("shipped rules");
        let g = &rules.grouping;
        let settings = Settings {
            max_days_apart: 1,
            ..g.settings.clone()
        };
        let decision = Decision::new(&settings, &g.places);
        Placer::new(profiles, &decision).place(recap, own)
    }

    fn place(rules: &crate::rules::RuleSet, id: &str) -> u32 {
        rules.grouping.places.index_of(id).expect("shipped place") as u32
    }

    #[test]
    fn a_recap_goes_to_the_one_event_that_agrees_and_never_to_its_own() {
        let rules = crate::rules::RuleSet::builtin().expect("shipped rules");
        let (erbil, kyiv) = (place(&rules, "erbil"), place(&rules, "kyiv"));
        let profiles = vec![
            Profile {
                days: vec![100],
                scenes: vec![erbil],
            },
            Profile {
                days: vec![110],
                scenes: vec![kyiv],
            },
            Profile {
                days: vec![120],
                scenes: vec![erbil],
            },
        ];
        let recap = |days: Option<(Day, Day)>, scenes: Vec<u32>| Recap {
            claim: 0,
            days: days.map(|(first, last)| When { first, last }),
            scenes: scenes.into_boxed_slice(),
        };
        let cases: [(Recap, usize, Option<usize>, &str); 6] = [
            (
                recap(Some((100, 100)), vec![erbil]),
                2,
                Some(0),
                "day and place",
            ),
            (recap(None, vec![kyiv]), 0, Some(1), "place alone"),
            (
                recap(None, vec![erbil]),
                1,
                None,
                "two events agree equally",
            ),
            (
                recap(Some((120, 120)), vec![erbil]),
                2,
                None,
                "its own event",
            ),
            (
                recap(Some((110, 110)), vec![erbil]),
                0,
                None,
                "day and place disagree",
            ),
            (recap(None, vec![]), 0, None, "nothing to go by"),
        ];
        for (r, own, want, why) in cases {
            assert_eq!(placer_check(&profiles, &r, own), want, "{why}");
        }
    }
}
