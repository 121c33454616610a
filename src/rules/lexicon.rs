//! The compiled lexicon: number words, qualifiers, subject classes, cue phrases, and the regex
//! fragments rules are written with.

use super::files::{Bound, LexiconFile, LexiconSettings, NumberWords};
use super::matcher::Matcher;
use std::collections::{BTreeMap, HashMap};

/// An amount told without a figure, with the range it stands for.
#[derive(Debug, Clone)]
pub struct Vague {
    pub phrase: String,
    pub min: u64,
    pub max: u64,
}

/// Cue regexes compiled from `[cues]`.
#[derive(Debug, Clone)]
pub struct Cues {
    pub negation: Matcher,
    pub hedge: Matcher,
    pub part_of: Matcher,
    pub other_incident: Matcher,
    pub background: Matcher,
    pub superseded: Matcher,
    pub new_clause: Matcher,
    pub increment: Matcher,
    pub scope_after: Matcher,
    pub new_incident: Matcher,
}

/// Where clauses and lists end, compiled from `[clauses]`, `[lists]` and `[settings]`.
#[derive(Debug, Clone)]
pub struct Clauses {
    /// A conjunction that starts a new clause in the window before a claim.
    pub conjunction: Matcher,
    /// A whole conjunction that a negation just before it still reaches ("denied that").
    pub carries_negation: Matcher,
    /// What may stand between two items of one list: "A, B", "A and B", "A including several B".
    pub list_gap: Matcher,
    /// Literal text that ends a list (" but ").
    pub list_ends: Vec<String>,
    pub settings: LexiconSettings,
}

impl Clauses {
    fn build(file: &LexiconFile) -> Result<Self, regex::Error> {
        let (clauses, lists) = (&file.clauses, &file.lists);
        let conjunctions = alternation_or_nothing(&clauses.conjunctions);
        let carries = alternation_or_nothing(&clauses.negation_carries);
        let joiners = alternation_or_nothing(&lists.joiners);
        let determiners = alternation_or_nothing(&lists.determiners);
        Ok(Clauses {
            conjunction: Matcher::new(&format!(r"(?i)\b{conjunctions}\b"))?,
            carries_negation: Matcher::new(&format!(r"(?i)^{carries}$"))?,
            list_gap: Matcher::new(&format!(
                r"(?i)^[\s,]*(?:{joiners}\b)?[\s,]*(?:{determiners}\s+)*$"
            ))?,
            list_ends: lists.ends.clone(),
            settings: file.settings.clone(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub units: HashMap<String, u64>,
    pub tens: HashMap<String, u64>,
    pub scales: HashMap<String, u64>,
    pub articles: Vec<String>,
    /// "and" inside a figure in words ("three hundred and twelve"), lower case.
    pub joiners: Vec<String>,
    /// What opens a range, with its space: "between ".
    pub range_openers: Vec<String>,
    /// What stands between a range's ends after an opener, spaced: " and ".
    pub range_joiners: Vec<String>,
    /// What stands between a range's ends without an opener, spaced: " to ".
    pub range_links: Vec<String>,
    /// Longest phrase first, so "a few dozen" wins over "a few".
    pub vague: Vec<Vague>,
    /// Normalised phrase -> bound, longest phrase first.
    pub qualifiers: Vec<(String, Bound)>,
    /// Normalised term -> subject class.
    pub subjects: HashMap<String, String>,
    /// Fragment name -> regex source, ready to splice into a pattern.
    pub fragments: BTreeMap<String, String>,
    pub cues: Cues,
    pub clauses: Clauses,
    /// One part of a tally: `(?P<n>number) modifiers (?P<s>subject)`.
    pub tally_item: Matcher,
    /// Any figure or qualifier except a bare "a"/"an": where one starts, a new count does.
    pub figure: Matcher,
}

/// Lower-case, single-spaced: the form phrases are compared in.
pub fn normalize_phrase(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A literal phrase as a regex, with flexible inner spacing.
fn phrase_regex(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// A regex alternation of literal phrases, longest first, with flexible inner spacing.
pub fn literal_alternation<'a>(phrases: impl IntoIterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = phrases.into_iter().collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    let parts: Vec<String> = v.iter().map(|p| phrase_regex(p)).collect();
    format!("(?:{})", parts.join("|"))
}

/// Literal words spliced into a regex between other parts: one word bare (so an expanded
/// pattern reads "\s+and\s+", as when it was written so), several as [`literal_alternation`],
/// none as a regex that matches nothing.
fn word_alternation(words: &[String]) -> String {
    match words {
        [] => NOTHING.into(),
        [one] => phrase_regex(one),
        _ => literal_alternation(words.iter().map(String::as_str)),
    }
}

/// Literal words as an optional regex prefix, each with its space: "16 more people". Empty
/// when there are none.
fn optional_words(words: &[String]) -> String {
    if words.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = words
        .iter()
        .map(|w| format!(r"{}\s+", phrase_regex(w)))
        .collect();
    format!("(?:{})?", parts.join("|"))
}

/// A regex that matches nothing.
const NOTHING: &str = "[^\\s\\S]";

/// A regex alternation of regex alternatives given as data.
pub fn regex_alternation(items: &[String]) -> String {
    format!("(?:{})", items.join("|"))
}

/// [`regex_alternation`], but one that matches nothing when the list is empty.
pub fn alternation_or_nothing(items: &[String]) -> String {
    if items.is_empty() {
        NOTHING.into()
    } else {
        regex_alternation(items)
    }
}

/// A quotation mark around a word ("two “guests”").
const QUOTE: &str = r#"["“”‘’']"#;

impl Lexicon {
    /// Builds the lexicon. Cue and fragment sources are checked by the caller, which knows the
    /// file positions; here they are assumed valid.
    pub fn build(
        file: &LexiconFile,
        fragment_sources: BTreeMap<String, String>,
    ) -> Result<Self, regex::Error> {
        let n = &file.numbers;
        let number = number_regex(file);
        let qualifier_alt = literal_alternation(
            file.qualifiers
                .iter()
                .flat_map(|q| q.phrases.iter().map(String::as_str)),
        );
        let subject_alt = literal_alternation(file.subjects.values().flatten().map(String::as_str));
        let modifiers = fragment_sources
            .get("modifiers")
            .cloned()
            .unwrap_or_else(|| r"(?:[^\W\d][\w.’'-]*\s+){0,2}?".into());
        let increments = optional_words(&n.tally_modifiers);
        let of = word_alternation(&n.group_links);
        let and = word_alternation(&n.joiners);
        // A part may be quoted ("two “guests”") and name its group ("five members of the
        // local militia").
        let item = format!(
            r"{number}\s+{increments}{modifiers}{QUOTE}?{subject_alt}\b{QUOTE}?(?:\s+{of}\s+(?:[^\W\d][\w.’'-]*\s+){{0,3}}?[^\W\d][\w.’'-]*)?"
        );
        let mut fragments = fragment_sources;
        fragments.insert("number".into(), format!("(?P<value>{number})"));
        fragments.insert(
            "figure".into(),
            format!("(?P<value>{})", number_regex_with(file, false)),
        );
        fragments.insert(
            "qualifier".into(),
            format!(r"(?P<qualifier>{qualifier_alt}\s+)"),
        );
        fragments.insert("subject".into(), format!("(?P<subject>{subject_alt})"));
        fragments.insert(
            "tally".into(),
            format!(r"(?P<value>{item}(?:\s*,\s*{item})*\s*,?\s+{and}\s+{item})"),
        );
        let mut qualifiers: Vec<(String, Bound)> = file
            .qualifiers
            .iter()
            .flat_map(|q| {
                q.phrases
                    .iter()
                    .map(move |p| (normalize_phrase(p), q.bound))
            })
            .collect();
        qualifiers.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut vague: Vec<Vague> = n
            .vague
            .iter()
            .map(|v| Vague {
                phrase: normalize_phrase(&v.phrase),
                min: v.min,
                max: v.max,
            })
            .collect();
        vague.sort_by(|a, b| {
            b.phrase
                .len()
                .cmp(&a.phrase.len())
                .then(a.phrase.cmp(&b.phrase))
        });
        let lower =
            |m: &BTreeMap<String, u64>| m.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        Ok(Lexicon {
            units: lower(&n.units),
            tens: lower(&n.tens),
            scales: lower(&n.scales),
            articles: lower_words(&n.articles),
            joiners: lower_words(&n.joiners),
            range_openers: spaced(&n.range_openers, "", " "),
            range_joiners: spaced(&n.joiners, " ", " "),
            range_links: spaced(&n.range_links, " ", " "),
            vague,
            qualifiers,
            subjects: file
                .subjects
                .iter()
                .flat_map(|(class, terms)| {
                    terms
                        .iter()
                        .map(move |t| (normalize_phrase(t), class.clone()))
                })
                .collect(),
            tally_item: Matcher::new(&format!(
                r"(?i)(?P<n>{number})\s+{increments}{modifiers}{QUOTE}?(?P<s>{subject_alt})\b"
            ))?,
            figure: Matcher::new(&format!(
                r"(?i)\b(?:{qualifier_alt})\b|{}",
                number_regex_without_articles(file)
            ))?,
            fragments,
            cues: Cues {
                negation: cue_regex(&file.cues.negation)?,
                hedge: cue_regex(&file.cues.hedge)?,
                part_of: cue_regex(&file.cues.part_of)?,
                other_incident: cue_regex(&file.cues.other_incident)?,
                background: cue_regex(&file.cues.background)?,
                superseded: cue_regex(&file.cues.superseded)?,
                new_clause: cue_regex(&file.cues.new_clause)?,
                increment: cue_regex(&file.cues.increment)?,
                scope_after: cue_regex(&file.cues.scope_after)?,
                new_incident: cue_regex(&file.cues.new_incident)?,
            },
            clauses: Clauses::build(file)?,
        })
    }

    /// The subject class a matched subject term belongs to.
    pub fn subject_class(&self, term: &str) -> Option<&str> {
        self.subjects
            .get(&normalize_phrase(term))
            .map(String::as_str)
    }

    /// The bound a matched qualifier phrase stands for.
    pub fn bound(&self, phrase: &str) -> Option<Bound> {
        let p = normalize_phrase(phrase);
        self.qualifiers
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, b)| *b)
    }

    /// All subject classes, sorted.
    pub fn subject_classes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.subjects.values().map(String::as_str).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Words in lower case, as normalised phrases are compared.
fn lower_words(words: &[String]) -> Vec<String> {
    words.iter().map(|w| normalize_phrase(w)).collect()
}

/// Words in lower case with `before` and `after` around each: " and ", as a normalised phrase
/// holds them.
fn spaced(words: &[String], before: &str, after: &str) -> Vec<String> {
    lower_words(words)
        .into_iter()
        .map(|w| format!("{before}{w}{after}"))
        .collect()
}

/// A case-insensitive alternation of cue regexes.
pub fn cue_regex(items: &[String]) -> Result<Matcher, regex::Error> {
    if items.is_empty() {
        return Matcher::new("[^\\s\\S]");
    }
    Matcher::new(&format!("(?i){}", regex_alternation(items)))
}

/// The number words of the lexicon ("one" ... "ninety", "hundred"), as one alternation.
fn number_words(n: &NumberWords) -> String {
    literal_alternation(
        n.units
            .keys()
            .chain(n.tens.keys())
            .chain(n.scales.keys())
            .map(String::as_str),
    )
}

/// A figure as [`number_regex`] reads it, but never a lone "a" or "an".
fn number_regex_without_articles(file: &LexiconFile) -> String {
    let n = &file.numbers;
    let vague = literal_alternation(n.vague.iter().map(|v| v.phrase.as_str()));
    let words = number_words(n);
    format!(r"\b(?:{vague}|\d[\d,.]*|{words})\b")
}

/// The regex for one figure: a vague amount, digits (with separators and scale words), number
/// words ("twenty-one", "three hundred and twelve"), or "a"/"an" (alone, or before a scale).
fn number_regex(file: &LexiconFile) -> String {
    number_regex_with(file, true)
}

/// [`number_regex`], with or without a lone "a"/"an" as one ("the toll rose to a ..." is no
/// figure of one).
fn number_regex_with(file: &LexiconFile, lone_article: bool) -> String {
    let n = &file.numbers;
    let vague = literal_alternation(n.vague.iter().map(|v| v.phrase.as_str()));
    let scales = literal_alternation(n.scales.keys().map(String::as_str));
    let words = number_words(n);
    let articles = literal_alternation(n.articles.iter().map(String::as_str));
    let digits =
        format!(r"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:\s+{scales})?|\d+(?:\.\d+)?(?:\s+{scales})?");
    let lone = if lone_article {
        format!("|{articles}")
    } else {
        String::new()
    };
    let and = word_alternation(&n.joiners);
    let (between, to) = (
        word_alternation(&n.range_openers),
        word_alternation(&n.range_links),
    );
    let single = format!(r"(?:{digits}|{words}(?:(?:\s+{and}\s+|[\s-]+){words})*)");
    // A range: "between 100 and 300", "100 to 300", "10-50".
    let range = format!(
        r"{between}\s+{single}\s+{and}\s+{single}|{single}\s+{to}\s+{single}|\d[\d,]*\s*[-–]\s*\d[\d,]*"
    );
    format!(
        r"\b(?:{range}|{vague}|{digits}|{words}(?:(?:\s+{and}\s+|[\s-]+){words})*|{articles}\s+{scales}{lone})\b"
    )
}
