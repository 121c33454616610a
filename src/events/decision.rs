//! The grouping decision: when two documents (or groups) may be one incident. Their days must
//! be able to meet, and their similarity must reach the link threshold; both come from
//! `rules/events.toml`.

use super::dates;
use super::features::{Features, When};
use crate::rules::grouping::{Places, Settings};

/// When two documents or groups may be one incident.
pub(super) struct Decision<'a> {
    /// Cosine (and average linkage) at which they are.
    pub(super) threshold: f64,
    /// Incident days further apart than this are two incidents.
    pub(super) max_days_apart: i32,
    /// Where scenes are, to tell near from far.
    pub(super) places: &'a Places,
}

impl<'a> Decision<'a> {
    pub(super) fn new(settings: &Settings, places: &'a Places) -> Self {
        Decision {
            threshold: settings.link_threshold,
            max_days_apart: settings.max_days_apart,
            places,
        }
    }

    /// Whether two spans of incident days can be one incident; no days is no constraint.
    pub(super) fn compatible(&self, a: Option<When>, b: Option<When>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => a.first.max(b.first) - a.last.min(b.last) <= self.max_days_apart,
            _ => true,
        }
    }

    /// Whether a span of days of the year (its year unknown) can meet another such span, or a
    /// span of real days: the gap between them, going round the year, is within the limit.
    pub(super) fn season_fits(&self, season: When, other: Season) -> bool {
        let other = match other {
            Season::OfYear(w) => w,
            Season::Days(w) if w.last - w.first >= dates::YEAR_DAYS => return true,
            Season::Days(w) => {
                let first = dates::day_of_year(w.first);
                When {
                    first,
                    last: first + (w.last - w.first),
                }
            }
        };
        (-1..=1).any(|k| {
            let shift = k * dates::YEAR_DAYS;
            season.first.max(other.first + shift) - season.last.min(other.last + shift)
                <= self.max_days_apart
        })
    }

    /// Whether two sets of scenes can be one incident's: either names none, or some scene of
    /// one is near some scene of the other. Two leads that each name where it happened, and
    /// name places far apart, tell of two incidents.
    pub(super) fn scenes_fit(&self, a: &[u32], b: &[u32]) -> bool {
        let places = self.places;
        a.is_empty()
            || b.is_empty()
            || a.iter()
                .any(|&x| b.iter().any(|&y| places.near(x as usize, y as usize)))
    }

    /// Whether a document can join one with a front-matter event, whose label, not its lead,
    /// says which incident it is: only its publication window (`covers`) constrains.
    pub(super) fn label_fits(&self, labelled: &Features, other: &Features) -> bool {
        let Some(covers) = labelled.covers else {
            return true;
        };
        self.compatible(Some(covers), other.when)
            && other
                .season
                .is_none_or(|s| self.season_fits(s, Season::Days(covers)))
    }

    /// Whether two documents' times and scenes can be one incident.
    pub(super) fn documents_fit(&self, a: &Features, b: &Features) -> bool {
        self.scenes_fit(&a.scenes, &b.scenes)
            && self.compatible(a.when, b.when)
            && [(a, b), (b, a)].iter().all(|(x, y)| {
                x.season.is_none_or(|s| {
                    y.when.is_none_or(|w| self.season_fits(s, Season::Days(w)))
                        && y.season
                            .is_none_or(|t| self.season_fits(s, Season::OfYear(t)))
                })
            })
    }
}

/// What a season (days of the year) is compared with.
#[derive(Debug, Clone, Copy)]
pub(super) enum Season {
    /// Real days.
    Days(When),
    /// Days of a year that is not known.
    OfYear(When),
}
