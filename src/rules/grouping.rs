//! What event grouping knows, compiled from three shared files: `events.toml` (settings, kinds of
//! incident, calendar words), `places.toml` (the place gazetteer) and `background.tsv` (how common
//! each word is in English at large). A folder that lacks one of them uses the shipped file.

use super::diagnostic::{RuleError, SourceFile};
use super::matcher::Matcher;
use super::source::{basename, build_regex, find_in_file, parse, regex_message};
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use toml::Spanned;

pub const EVENTS_FILE: &str = "events.toml";
pub const PLACES_FILE: &str = "places.toml";
pub const BACKGROUND_FILE: &str = "background.tsv";

/// `rules/events.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventsFile {
    pub settings: Settings,
    pub weights: Weights,
    #[serde(default, rename = "kind")]
    pub kinds: Vec<KindDef>,
    /// Regexes for lines of a lead that are captions or credits, not the story.
    #[serde(default)]
    pub captions: Vec<String>,
    pub calendar: CalendarDef,
}

/// How the grouping decision is made; see the comments in the shipped `events.toml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub link_threshold: f64,
    pub min_shared_terms: usize,
    pub max_days_apart: i32,
    pub lead_lag_days: i32,
    pub report_lag_days: i32,
    pub lead_sentences: usize,
    pub news_zipf: f64,
    pub unlisted_zipf: f64,
    pub rarity_power: f64,
}

/// How much each kind of shared term counts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub word: f64,
    pub name: f64,
    pub actor: f64,
    pub place: f64,
    pub broad_place: f64,
    pub kind: f64,
    pub finding: f64,
    pub date: f64,
    pub kind_rarity: f64,
    pub date_rarity: f64,
    pub finding_rarity: f64,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    pub patterns: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    /// Twelve lists, January first: each month's names and abbreviations.
    #[schemars(with = "Vec<Vec<String>>")]
    pub months: Spanned<Vec<Vec<String>>>,
    /// Seven lists, Monday first.
    #[schemars(with = "Vec<Vec<String>>")]
    pub weekdays: Spanned<Vec<Vec<String>>>,
    #[serde(default)]
    pub relative: Vec<RelativeDef>,
    /// Words that put a year on a page ("Copyright 2024 NPR", "© 2023"): the year it was
    /// published in, for an article that gives no other date.
    #[serde(default)]
    pub copyright: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelativeDef {
    pub phrase: String,
    pub days: i32,
}

/// `rules/places.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    #[serde(rename = "place")]
    pub places: Vec<PlaceDef>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceDef {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    pub kind: PlaceKind,
    #[schemars(with = "Option<String>")]
    pub country: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub within: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What sort of place: a country or region says less about an incident than a town or a base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Region,
    /// A capital: where governments speak from, so it says little about where an incident was.
    Capital,
    City,
    Town,
    Base,
    Crossing,
    Site,
    Sea,
}

#[derive(Debug, Clone)]
pub struct IncidentKind {
    pub id: String,
    pub label: String,
    pub matcher: Matcher,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// How rare the place's name is in news (the rarity of its rarest word).
    pub rarity: f64,
    /// The region it lies within, as an index into the gazetteer.
    pub within: Option<usize>,
}

/// The place gazetteer: every name folded to a key ("Al-Qa'im", "al Qaim" and "AL-QAIM" are
/// "al qaim"), looked up word run by word run. One regex of thousands of names with flexible
/// hyphens and apostrophes would be far past the size limit; a hash lookup per capitalised
/// word is cheap.
#[derive(Debug, Clone)]
pub struct Places {
    pub places: Vec<Place>,
    /// Folded name -> place.
    lookup: HashMap<String, usize>,
    /// First words of names that are written in lower case, as written ("al" of "al-Qaim").
    lower_starts: HashSet<String>,
    /// Every proper start of a name's key ("abu" of "abu kamal"), so a run of words stops
    /// growing as soon as no name can come of it.
    prefixes: HashSet<String>,
    /// The most words a name has.
    longest: usize,
    ids: HashMap<String, usize>,
}

impl PlaceKind {
    /// A country, region, capital or sea: many incidents share it.
    pub fn is_broad(self) -> bool {
        matches!(
            self,
            PlaceKind::Country | PlaceKind::Region | PlaceKind::Capital | PlaceKind::Sea
        )
    }
}

impl Places {
    /// Whether two specific places can be the scene of one incident: the same place, or two
    /// places of one region (a town and the base outside it), or a place and its region.
    pub fn near(&self, a: usize, b: usize) -> bool {
        let area = |p| self.area(p);
        a == b || area(a) == area(b) || self.same_or_within(a, b)
    }

    /// The region a place lies in, or the place itself when the gazetteer gives none.
    pub fn area(&self, p: usize) -> usize {
        self.places[p].within.unwrap_or(p)
    }

    /// Whether two places are one, or one lies within the other: a place named, not merely a
    /// neighbour in its region.
    pub fn same_or_within(&self, a: usize, b: usize) -> bool {
        a == b || self.area(a) == b || self.area(b) == a
    }

    /// The gazetteer index of the place with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    pub fn by_id(&self, id: &str) -> Option<&Place> {
        self.ids.get(id).map(|&i| &self.places[i])
    }

    /// Each place named in `text`, with its byte offset, the longest name at each word: a run
    /// of words whose folded form is a name, at least one of them capitalised. Only words that
    /// can open a name are looked at, and a run grows only while it is the start of a name, so
    /// most words cost one character test.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let words = words(text);
        let mut found = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < words.len() {
            let (start, first) = words[i];
            let opens = first.starts_with(char::is_uppercase)
                || (first.len() <= 3 && self.lower_starts.contains(first));
            let mut taken = 1;
            if opens {
                key.clear();
                let mut capitalised = false;
                for (n, (_, w)) in words[i..].iter().take(self.longest).enumerate() {
                    if n > 0 {
                        key.push(' ');
                    }
                    fold_into(w, &mut key);
                    capitalised |= w.starts_with(char::is_uppercase);
                    if capitalised && let Some(&p) = self.lookup.get(&key) {
                        found.push((p, start));
                        taken = n + 1;
                    }
                    if !self.prefixes.contains(&key) {
                        break;
                    }
                }
                // The longest name found at this word wins; its words are consumed.
                dedupe_at(&mut found, start);
            }
            i += taken;
        }
        found
    }
}

/// Keeps only the last (longest) name found at byte `start`.
fn dedupe_at(found: &mut Vec<(usize, usize)>, start: usize) {
    let same = found
        .iter()
        .rev()
        .take_while(|&&(_, at)| at == start)
        .count();
    if same > 1 {
        let keep = found[found.len() - 1];
        found.truncate(found.len() - same);
        found.push(keep);
    }
}

/// The words of a text with their byte offsets: runs of letters, digits and apostrophes, split
/// at spaces, hyphens and other punctuation.
fn words(text: &str) -> Vec<(usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | 'ʼ');
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A name's lookup key: its words folded, one space apart ("Al-Qa'im" -> "al qaim").
fn name_key(words: &[(usize, &str)]) -> String {
    let mut key = String::new();
    for (k, (_, w)) in words.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        fold_into(w, &mut key);
    }
    key
}

fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let letters = word.bytes().filter(u8::is_ascii_alphanumeric);
        out.extend(letters.map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
}

/// Calendar words, compiled into the regexes that find dates in text.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// "8 April 2022", "April 8, 2022", "8 April", "Jan. 28": groups `d`, `m`, optional `y`.
    pub day_month: Matcher,
    pub month_day: Matcher,
    /// "2020-01-03": groups `y`, `m` (a number), `d`.
    pub iso: Option<Matcher>,
    /// "Friday": group `w`.
    pub weekday: Matcher,
    /// "December 2019", "in 2018": a month (group `m`, optional) of a year (group `y`).
    pub month_year: Matcher,
    /// "yesterday": the whole match, looked up in `relative`.
    pub relative: Option<Matcher>,
    /// "Copyright 2024", "© 2010-2024": groups `y` and the optional `last`.
    pub copyright: Option<Matcher>,
    months: HashMap<String, u8>,
    weekdays: HashMap<String, u8>,
    relative_days: HashMap<String, i32>,
}

impl Calendar {
    /// 1..=12, from a month's name or number.
    pub fn month(&self, name: &str) -> Option<u8> {
        if let Ok(n) = name.parse::<u8>() {
            return (1..=12).contains(&n).then_some(n);
        }
        self.months.get(&name.to_lowercase()).copied()
    }

    /// 0 = Monday.
    pub fn weekday(&self, name: &str) -> Option<u8> {
        self.weekdays.get(&name.to_lowercase()).copied()
    }

    pub fn relative_days(&self, phrase: &str) -> Option<i32> {
        let folded: Vec<&str> = phrase.split_whitespace().collect();
        self.relative_days
            .get(&folded.join(" ").to_lowercase())
            .copied()
    }
}

/// How common words are in English at large: read as Zipf frequencies, kept as the rarity each
/// gives (see [`Grouping::rarity`]), computed once at load rather than for every term of
/// every article.
#[derive(Debug, Clone, Default)]
pub struct Background {
    rarity: FxHashMap<Box<str>, f64>,
    /// The rarity of a word the table does not list.
    unlisted: f64,
}

impl Background {
    fn rate(zipf: FxHashMap<Box<str>, f32>, settings: &Settings) -> Background {
        let rarity = |z: f64| {
            (settings.news_zipf - z)
                .max(0.0)
                .powf(settings.rarity_power)
        };
        Background {
            unlisted: rarity(settings.unlisted_zipf),
            rarity: zipf
                .into_iter()
                .map(|(w, z)| (w, rarity(f64::from(z))))
                .collect(),
        }
    }
}

/// Everything grouping needs from the rule folder.
#[derive(Debug, Clone)]
pub struct Grouping {
    pub settings: Settings,
    pub weights: Weights,
    pub kinds: Vec<IncidentKind>,
    /// Lead lines that are captions or credits.
    pub captions: Option<Matcher>,
    pub places: Places,
    pub calendar: Calendar,
    pub background: Background,
}

impl Grouping {
    /// How much a word (folded: lower case, letters and digits) tells about an incident: how far
    /// below a word every news article contains its background frequency lies. Never negative.
    pub fn rarity(&self, word: &str) -> f64 {
        self.listed_rarity(word).unwrap_or(self.background.unlisted)
    }

    /// The rarity of a word the background table lists.
    pub fn listed_rarity(&self, word: &str) -> Option<f64> {
        self.background.rarity.get(word).copied()
    }

    /// The rarity of a multi-word name: that of its rarest word ("Baghdad International Airport"
    /// is as telling as "Baghdad").
    pub fn name_rarity(&self, name: &str) -> f64 {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .map(fold_place)
            .filter(|w| w.chars().count() >= 3)
            .map(|w| self.rarity(&w))
            .fold(0.0, f64::max)
    }
}

/// A word folded: lower-case letters and digits only ("Qa'im" -> "qaim").
pub fn fold_place(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Builds grouping from its three files (each `None` when the folder lacks it, for the shipped
/// one to stand in); every problem goes to `errors` with its position.
pub(super) fn build_grouping(
    events: &SourceFile,
    places: &SourceFile,
    background: &SourceFile,
    errors: &mut Vec<RuleError>,
) -> Option<Grouping> {
    let before = errors.len();
    let zipf = parse_background(background, errors);
    let parsed = parse::<EventsFile>(events, errors)?;
    let background = Background::rate(zipf, &parsed.settings);
    let settings = parsed.settings;
    let weights = parsed.weights;
    let mut kinds = Vec::new();
    for k in &parsed.kinds {
        let pattern = format!("(?i:{})", k.patterns.join("|"));
        match build_regex(&pattern) {
            Ok(matcher) => kinds.push(IncidentKind {
                id: k.id.get_ref().clone(),
                label: k.label.clone(),
                matcher,
            }),
            Err(e) => {
                let (message, help) = regex_message(&e);
                let at = k
                    .patterns
                    .first()
                    .map_or(k.id.span(), |p| find_in_file(events, p));
                errors.push(
                    RuleError::new(events, at, format!("kind `{}`: {message}", k.id.get_ref()))
                        .with_help(help),
                );
            }
        }
    }
    let calendar = build_calendar(events, &parsed.calendar, errors);
    let captions = (!parsed.captions.is_empty())
        .then(
            || match build_regex(&format!("(?i:{})", parsed.captions.join("|"))) {
                Ok(m) => Some(m),
                Err(e) => {
                    let (message, help) = regex_message(&e);
                    let at = find_in_file(events, &parsed.captions[0]);
                    errors.push(
                        RuleError::new(events, at, format!("captions: {message}")).with_help(help),
                    );
                    None
                }
            },
        )
        .flatten();
    let mut grouping = Grouping {
        settings,
        weights,
        kinds,
        captions,
        places: Places {
            places: Vec::new(),
            lookup: HashMap::new(),
            lower_starts: HashSet::new(),
            prefixes: HashSet::new(),
            longest: 0,
            ids: HashMap::new(),
        },
        calendar: calendar?,
        background,
    };
    let parsed_places = parse::<PlacesFile>(places, errors)?;
    grouping.places = build_places(places, &parsed_places, &grouping, errors);
    (errors.len() == before).then_some(grouping)
}

fn build_calendar(
    file: &SourceFile,
    def: &CalendarDef,
    errors: &mut Vec<RuleError>,
) -> Option<Calendar> {
    let (months, weekdays) = (def.months.get_ref(), def.weekdays.get_ref());
    if months.len() != 12 || weekdays.len() != 7 {
        let span = if months.len() != 12 {
            def.months.span()
        } else {
            def.weekdays.span()
        };
        errors.push(
            RuleError::new(file, span, "the calendar needs 12 months and 7 weekdays")
                .with_help("list each month (January first) and each weekday (Monday first) as a list of its names"),
        );
        return None;
    }
    let index = |lists: &[Vec<String>], first: u8| -> HashMap<String, u8> {
        let mut map = HashMap::new();
        for (i, names) in lists.iter().enumerate() {
            for n in names {
                map.insert(n.to_lowercase(), first + i as u8);
            }
        }
        map
    };
    let alternation = |lists: &[Vec<String>]| {
        super::lexicon::literal_alternation(lists.iter().flatten().map(String::as_str))
    };
    let month = alternation(months);
    let year = r"(?:,?\s+(?P<y>(?:19|20)\d\d))?";
    let ordinal = r"(?:st|nd|rd|th)?";
    let sources = [
        format!(r"\b(?P<d>[0-3]?\d){ordinal}\s+(?:of\s+)?(?P<m>{month})\b\.?{year}"),
        format!(r"\b(?P<m>{month})\b\.?\s+(?P<d>[0-3]?\d){ordinal}\b{year}"),
        format!(r"\b(?P<w>{})\b", alternation(weekdays)),
        format!(r"\b(?:(?P<m>{month})\b\.?,?\s+)?(?P<y>(?:19|20)\d\d)\b"),
    ];
    let iso = build_regex(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b").ok();
    let mut built = Vec::new();
    for src in &sources {
        match build_regex(src) {
            Ok(m) => built.push(m),
            Err(e) => {
                let (message, help) = regex_message(&e);
                errors.push(
                    RuleError::new(file, def.months.span(), format!("calendar: {message}"))
                        .with_help(help),
                );
                return None;
            }
        }
    }
    let relative = (!def.relative.is_empty())
        .then(|| {
            let alt =
                super::lexicon::literal_alternation(def.relative.iter().map(|r| r.phrase.as_str()));
            build_regex(&format!(r"(?i)\b{alt}\b")).ok()
        })
        .flatten();
    let copyright = (!def.copyright.is_empty())
        .then(|| {
            let alt = super::lexicon::literal_alternation(def.copyright.iter().map(String::as_str));
            let year = r"(?:19|20)\d\d";
            build_regex(&format!(
                r"(?i)(?:{alt})\s*(?P<y>{year})(?:\s*[-–]\s*(?P<last>{year}))?\b"
            ))
            .ok()
        })
        .flatten();
    let month_year = built.pop()?;
    let weekday = built.pop()?;
    let month_day = built.pop()?;
    let day_month = built.pop()?;
    Some(Calendar {
        day_month,
        month_day,
        iso,
        weekday,
        month_year,
        relative,
        copyright,
        months: index(months, 1),
        weekdays: index(weekdays, 0),
        relative_days: def
            .relative
            .iter()
            .map(|r| {
                let words: Vec<&str> = r.phrase.split_whitespace().collect();
                (words.join(" ").to_lowercase(), r.days)
            })
            .collect(),
    })
}

fn build_places(
    file: &SourceFile,
    parsed: &PlacesFile,
    grouping: &Grouping,
    errors: &mut Vec<RuleError>,
) -> Places {
    let ids: HashMap<&str, usize> = parsed
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.get_ref().as_str(), i))
        .collect();
    let mut places = Vec::with_capacity(parsed.places.len());
    let mut lookup: HashMap<String, usize> = HashMap::new();
    let mut lower_starts = HashSet::new();
    let mut prefixes = HashSet::new();
    let mut longest = 0;
    for (i, p) in parsed.places.iter().enumerate() {
        if ids[p.id.get_ref().as_str()] != i {
            errors.push(
                RuleError::new(
                    file,
                    p.id.span(),
                    format!("duplicate place id `{}`", p.id.get_ref()),
                )
                .with_help("place ids must be unique; merge the two entries' aliases"),
            );
        }
        for reference in [&p.country, &p.within].into_iter().flatten() {
            if !ids.contains_key(reference.get_ref().as_str()) {
                let known = parsed.places.iter().map(|q| q.id.get_ref().as_str());
                let hint = super::did_you_mean(reference.get_ref(), known)
                    .unwrap_or_else(|| "add the place it refers to, or remove the key".into());
                errors.push(
                    RuleError::new(
                        file,
                        reference.span(),
                        format!("unknown place `{}`", reference.get_ref()),
                    )
                    .with_help(hint),
                );
            }
        }
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            let name_words = words(name);
            let key = name_key(&name_words);
            if key.is_empty()
                || !name_words
                    .iter()
                    .any(|(_, w)| w.starts_with(char::is_uppercase))
            {
                errors.push(
                    RuleError::new(file, find_in_file(file, name), format!("place name `{name}` has no capitalised word"))
                        .with_help("place names are matched as written, and news capitalises them: write \"al-Qaim\", not \"al-qaim\""),
                );
                continue;
            }
            longest = longest.max(name_words.len());
            if let Some((_, first)) = name_words.first()
                && !first.starts_with(char::is_uppercase)
            {
                lower_starts.insert(first.to_string());
            }
            for (at, _) in key.match_indices(' ') {
                prefixes.insert(key[..at].to_string());
            }
            lookup.entry(key).or_insert(i);
        }
        places.push(Place {
            id: p.id.get_ref().clone(),
            name: p.name.clone(),
            kind: p.kind,
            rarity: grouping.name_rarity(&p.name),
            within: p
                .within
                .as_ref()
                .and_then(|w| ids.get(w.get_ref().as_str()).copied()),
        });
    }
    let ids = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    Places {
        places,
        lookup,
        lower_starts,
        prefixes,
        longest,
        ids,
    }
}

/// `word<TAB>zipf` lines; `#` starts a comment.
fn parse_background(file: &SourceFile, errors: &mut Vec<RuleError>) -> FxHashMap<Box<str>, f32> {
    let mut zipf = FxHashMap::default();
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let row = line.trim_end();
        if row.is_empty() || row.starts_with('#') {
            continue;
        }
        let parsed = row
            .split_once('\t')
            .and_then(|(w, z)| Some((w, z.trim().parse::<f32>().ok()?)));
        match parsed {
            Some((word, z)) if !word.is_empty() && z.is_finite() => {
                zipf.insert(word.into(), z);
            }
            _ => {
                errors.push(
                    RuleError::new(file, start..start + row.len(), "not a background row")
                        .with_help("each line is a folded word, a tab, and its Zipf frequency (e.g. `qaim\t1.8`)"),
                );
                // One bad row is reported; a file of them would drown every other problem.
                break;
            }
        }
    }
    zipf
}

/// True for the shared files grouping reads: they are not claim types.
pub(super) fn is_grouping_file(name: &str) -> bool {
    [EVENTS_FILE, PLACES_FILE, BACKGROUND_FILE].contains(&basename(name))
}
