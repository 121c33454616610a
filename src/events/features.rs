//! What grouping keeps of an article, built while its text is in memory: its heaviest terms
//! (rare words and names, actors, places, kinds of incident, findings) and when its incident
//! happened. Every weight comes from the rule folder, never from the rest of the corpus.

use super::dates::{self, Day, Reference};
use super::recap::{self, Recap};
use super::terms::{Interner, TermId, damped, keep_heaviest, term_counts};
use crate::extract::Extraction;
use crate::model::DocumentMeta;
use crate::rules::RuleSet;
use rustc_hash::FxHashMap;

/// The days an article's incident may fall on: one day when its lead dates it, else the days
/// before its publication that a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub first: Day,
    pub last: Day,
}

/// What grouping needs to know of a document; its text can be dropped once this is built.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// (term, raw count) of the document's heaviest terms, sorted by term once numbered for
    /// good. Actors ("@id"), places ("%id"), kinds of incident ("!id"), days of the year
    /// ("~01-28") and findings ("#...") count as terms too.
    pub terms: Box<[(TermId, u32)]>,
    pub when: Option<When>,
    /// For an article with no year to go by, the days of the year its lead names ("on Jan.
    /// 27"), as days of the year from 0: the incident is near them, in some year.
    pub season: Option<When>,
    /// The specific places (towns, bases, sites; not countries or regions) the lead names, as
    /// gazetteer indices, sorted: where the incident was.
    pub scenes: Box<[u32]>,
    /// The day the lead dates the incident to, or else the publication day: the event's date.
    pub day: Option<Day>,
    /// The day the lead dates the incident to, if it does.
    pub lead_day: Option<Day>,
    /// The days a report published when this one was can tell of (the publication date, or
    /// the URL's or copyright line's span, back by `report_lag_days`): all a front-matter
    /// event lets its date say, as its lead may be a follow-up's.
    pub covers: Option<When>,
    /// Claims told of another incident, and what their sentences say of it.
    pub recaps: Box<[Recap]>,
}

impl Features {
    /// Takes the final term numbers from [`Interner::finish`].
    pub fn renumber(&mut self, to: &[TermId]) {
        for t in self.terms.iter_mut() {
            t.0 = to[t.0 as usize];
        }
        self.terms.sort_unstable_by_key(|t| t.0);
    }

    pub fn has(&self, term: TermId) -> bool {
        self.terms.binary_search_by_key(&term, |t| t.0).is_ok()
    }
}

/// How much a term weighs: its kind's weight times its rarity in news at large.
pub struct Weigher<'a> {
    rules: &'a RuleSet,
}

impl<'a> Weigher<'a> {
    pub fn new(rules: &'a RuleSet) -> Self {
        Weigher { rules }
    }

    /// The weight of a term in one document, `count` times.
    pub fn weight(&self, term: &str, count: u32) -> f64 {
        damped(count) * self.boost(term) * self.rarity(term)
    }

    /// How much a term's kind says about the incident.
    pub fn boost(&self, term: &str) -> f64 {
        let w = &self.rules.grouping.weights;
        match term.as_bytes().first() {
            Some(b'@') => w.actor,
            Some(b'%') => match self.rules.grouping.places.by_id(&term[1..]) {
                Some(p) if p.kind.is_broad() => w.broad_place,
                _ => w.place,
            },
            Some(b'!') => w.kind,
            Some(b'#') => w.finding,
            Some(b'~') => w.date,
            Some(b'^') => w.name,
            _ => w.word,
        }
    }

    /// How a term reads in a label: an actor's or place's name, a kind's label, a capitalised
    /// name. `None` for news agencies (conduits, not parties) and unknown ids.
    pub fn display(&self, term: &str) -> Option<String> {
        let g = &self.rules.grouping;
        let gazetteer = &self.rules.gazetteer;
        let rest = term.get(1..)?;
        match term.as_bytes().first() {
            Some(b'@') => gazetteer
                .by_id(rest)
                .map(|a| &gazetteer.actors[a])
                .filter(|a| !a.intermediary)
                .map(|a| a.name.clone()),
            Some(b'%') => g.places.by_id(rest).map(|p| p.name.clone()),
            Some(b'!') => g
                .kinds
                .iter()
                .find(|k| k.id == rest)
                .map(|k| k.label.clone()),
            Some(b'^') => {
                let mut c = rest.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect())
            }
            _ => None,
        }
    }

    /// How rare a term is in news at large.
    pub fn rarity(&self, term: &str) -> f64 {
        let g = &self.rules.grouping;
        let gazetteer = &self.rules.gazetteer;
        match term.as_bytes().first() {
            Some(b'@') => gazetteer
                .by_id(&term[1..])
                .map_or(0.0, |a| g.name_rarity(&gazetteer.actors[a].name)),
            Some(b'%') => g.places.by_id(&term[1..]).map_or(0.0, |p| p.rarity),
            Some(b'!') => g.weights.kind_rarity,
            Some(b'#') => g.weights.finding_rarity,
            Some(b'~') => g.weights.date_rarity,
            Some(b'^') => g.rarity(&term[1..]),
            _ => g.rarity(term),
        }
    }
}

/// The first bytes of a body read for its lead (the headline and a few sentences), its places,
/// kind of incident and days.
const LEAD_BYTES: usize = 1500;

/// Builds a document's features, and fills its publication date from its dateline or its URL
/// when front matter gave none.
pub fn describe(
    rules: &RuleSet,
    body: &str,
    meta: &mut DocumentMeta,
    extraction: &Extraction,
    interner: &Interner,
) -> Features {
    let dating = place_in_time(rules, body, meta);
    let season = match dating.when {
        None => season(rules, body),
        Some(_) => None,
    };
    let mut counts = term_counts(body);
    let scenes = count_mentions(rules, body, extraction, &mut counts);
    let weigher = Weigher::new(rules);
    let kept = keep_heaviest(counts, |t, c| weigher.weight(t, c));
    Features {
        terms: interner.intern(kept),
        when: dating.when,
        season,
        scenes,
        day: dating.day,
        lead_day: dating.lead_day,
        covers: dating.covers,
        recaps: recap::describe(&rules.grouping, extraction, dating.reference),
    }
}

/// When a document's incident happened, as far as its dates tell.
struct Dating {
    when: Option<When>,
    /// The lead's first date, else the publication day.
    day: Option<Day>,
    /// The lead's first date.
    lead_day: Option<Day>,
    /// See [`Features::covers`].
    covers: Option<When>,
    /// What its date words are read against.
    reference: Reference,
}

/// Actors named, places, kinds of incident and findings, as terms; returns the lead's specific
/// places.
fn count_mentions(
    rules: &RuleSet,
    body: &str,
    extraction: &Extraction,
    counts: &mut FxHashMap<String, u32>,
) -> Box<[u32]> {
    let g = &rules.grouping;
    for (actor, n) in &extraction.actors {
        counts.insert(format!("@{actor}"), *n);
    }
    // What happened, where and on which days is told at the top; later paragraphs recap others.
    let head = &body[..crate::text::floor_char_boundary(body, LEAD_BYTES.min(body.len()))];
    let mut scenes: Vec<u32> = Vec::new();
    for (place, _) in g.places.find(head) {
        if !g.places.places[place].kind.is_broad() {
            scenes.push(place as u32);
        }
        *counts
            .entry(format!("%{}", g.places.places[place].id))
            .or_insert(0) += 1;
    }
    for kind in &g.kinds {
        let n = kind.matcher.find_iter(head).count() as u32;
        if n > 0 {
            counts.insert(format!("!{}", kind.id), n);
        }
    }
    // Reports of one incident name its days ("Jan. 28"), dated or not.
    for (month, day) in dates::days_of_year(head, &g.calendar) {
        *counts.entry(format!("~{month:02}-{day:02}")).or_insert(0) += 1;
    }
    // The same figure or finding in two articles is strong evidence of one event.
    for c in &extraction.claims {
        *counts
            .entry(format!("#{}:{}:{}", c.rule, c.subject, c.display))
            .or_insert(0) += 1;
    }
    scenes.sort_unstable();
    scenes.dedup();
    scenes.into_boxed_slice()
}

/// The document's incident days and its date; fills `meta.published` from the dateline or URL.
fn place_in_time(rules: &RuleSet, body: &str, meta: &mut DocumentMeta) -> Dating {
    let calendar = &rules.grouping.calendar;
    let settings = &rules.grouping.settings;
    let mut page_range = meta.url.as_deref().and_then(dates::url_date);
    let mut published = meta.published.as_deref().and_then(dates::parse_iso);
    if published.is_none() {
        published = dates::dateline(body, calendar).or_else(|| {
            page_range
                .filter(|r| r.first == r.last)
                .and_then(|r| dates::date(r.first))
        });
        meta.published = published.map(|d| d.to_string());
    }
    if published.is_none() && page_range.is_none() {
        // The footer is read only when nothing else dates the page.
        page_range = dates::copyright_year(body, calendar);
    }
    let reference = Reference {
        published,
        range: page_range,
    };
    let lag = settings.report_lag_days;
    let covers = match (published, page_range) {
        (Some(p), _) => Some((dates::day(p), dates::day(p))),
        (None, Some(r)) => Some((r.first, r.last)),
        (None, None) => None,
    }
    .map(|(first, last)| When {
        first: first - lag,
        last: last + 1,
    });
    let dating = |when, day, lead_day| Dating {
        when,
        day,
        lead_day,
        covers,
        reference,
    };
    // The lead's dates are the incident's, or statements' about it, or a follow-up's pointer
    // back ("last month's attack ... since the Jan. 8 strikes"): the incident lies within them.
    let days: Vec<Day> = lead(rules, body, settings.lead_sentences)
        .flat_map(|sentence| dates::dates_in(sentence, calendar, reference))
        .map(dates::day)
        .collect();
    if let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) {
        let when = When {
            first: first - settings.lead_lag_days,
            last,
        };
        return dating(Some(when), days.first().copied(), days.first().copied());
    }
    if let Some(p) = published {
        let p = dates::day(p);
        let when = When {
            first: p - lag,
            last: p,
        };
        return dating(Some(when), Some(p), None);
    }
    // A URL's month or year, or a copyright year, bounds the incident but names no day of it.
    let when = page_range.map(|r| When {
        first: r.first - lag,
        last: r.last,
    });
    dating(when, None, None)
}

/// The days of the year an undated article's lead names, when nothing gives their year.
fn season(rules: &RuleSet, body: &str) -> Option<When> {
    let g = &rules.grouping;
    let days: Vec<Day> = lead(rules, body, g.settings.lead_sentences)
        .flat_map(|sentence| dates::days_of_year(sentence, &g.calendar))
        .filter_map(|(m, d)| dates::month_day_of_year(m, d))
        .collect();
    let (first, last) = (*days.iter().min()?, *days.iter().max()?);
    Some(When {
        first: first - g.settings.lead_lag_days,
        last,
    })
}

/// Fewer words than this make a line of page furniture ("Play Live Radio", "Next Up:"), not a
/// sentence of the lead.
const LEAD_MIN_WORDS: usize = 5;

/// The headline and the first `sentences` sentences of a body, captions, credits and page
/// furniture left out.
fn lead<'a>(rules: &'a RuleSet, body: &'a str, sentences: usize) -> impl Iterator<Item = &'a str> {
    let head = &body[..crate::text::floor_char_boundary(body, LEAD_BYTES.min(body.len()))];
    let captions = rules.grouping.captions.as_ref();
    crate::text::split_sentences(head, 0)
        .into_iter()
        .map(move |s| &head[s.start..s.end])
        .filter(|s| s.split_whitespace().count() >= LEAD_MIN_WORDS)
        .filter(move |s| !captions.is_some_and(|c| c.is_match(s)))
        .take(sentences + 1)
}
