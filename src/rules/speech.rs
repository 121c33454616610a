//! Attribution cues compiled from `rules/attribution.toml`.

use super::files::{AttributionFile, AttributionSettings};
use super::lexicon::{alternation_or_nothing, regex_alternation};
use super::matcher::Matcher;

/// A reported-claim frame: the claim after it belongs to the actor in its `inner` group.
#[derive(Debug, Clone)]
pub struct Frame {
    pub regex: Matcher,
    pub disputed: bool,
    pub anonymous: bool,
}

#[derive(Debug, Clone)]
pub struct SpeechCues {
    /// Finite reporting verbs.
    pub verbs: Matcher,
    pub participles: Matcher,
    pub according_to: Matcher,
    /// A sentence opening that hands its speaker to the previous sentence's claims.
    pub back_reference: Matcher,
    /// A sentence opening that starts a new topic: a carried speaker stops there.
    pub carry_break: Matcher,
    pub addressee: Matcher,
    pub rejection: Matcher,
    pub frames: Vec<Frame>,
    pub person_pronoun: Matcher,
    pub speaker_pronoun: Matcher,
    /// "[ROLE] [titles] Name" right after an actor's name ("... spokesman Col. Jane Doe").
    pub role_then_name: Matcher,
    /// An alias that itself ends in a role noun ("Pentagon press secretary").
    pub role_tail: Matcher,
    /// A role noun right after an alias ("an AFRICOM spokeswoman").
    pub role_after: Matcher,
    /// "Name, a ROLE for|of|at" (the actor follows).
    pub name_then_role: Matcher,
    /// "Name, a " before an alias that ends in a role ("Jane Doe, a Pentagon spokesman").
    pub name_then_alias: Matcher,
    /// A capitalised personal name of two to four words ("Vedant Patel", "Abu Ali al-Askari").
    pub name: Matcher,
    /// A name, or an organisation's ("Mariupol City Council", "Deir Ezzor 24", "Al-Fatah
    /// parliamentary bloc"), ending the text.
    pub open_name_before: Matcher,
    /// The same, starting the text.
    pub open_name_after: Matcher,
    /// An unnamed source's noun ending the text ("... security sources").
    pub source_before: Matcher,
    /// An unnamed source's noun, as one word.
    pub source_noun: Matcher,
    /// An unnamed source's phrase starting the text ("unnamed official").
    pub source_after: Matcher,
    /// Articles and titles before a name ("the ", "Lt. Gen. ").
    pub title_run: Matcher,
    /// A noun and a role right before a name ("Government spokesman ", "ministry official ").
    pub noun_role_before: Matcher,
    /// A role and its link: "director of the " (the office's noun follows: "main hospital").
    pub role_of_noun: Matcher,
    /// An organisation's word inside a name.
    pub organisation: Matcher,
    /// Where the listener after "told" ends.
    pub addressee_end: Matcher,
    /// Lower-cased first words of a subordinate opening phrase.
    leading: Vec<String>,
    /// Openers of comma-delimited appositives, lower-cased, each with its trailing space.
    pub appositive_openers: Vec<String>,
    not_names: Vec<String>,
    gap_word_endings: Vec<String>,
    /// Each with a space before it, as the text before a verb is compared: " and".
    verb_coordinators: Vec<String>,
    stop_words: Vec<String>,
    passive_auxiliaries: Vec<String>,
    articles: Vec<String>,
    role_links: Vec<String>,
    pub settings: AttributionSettings,
}

impl SpeechCues {
    /// A capitalised word that names nobody ("The", "On", "Monday").
    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_names.iter().any(|w| w == word)
    }

    /// A function word ("in", "the", "and").
    pub fn is_stop_word(&self, word: &str) -> bool {
        one_of(&self.stop_words, word)
    }

    /// A function word other than an article: a name right after it is not a subject ("of
    /// Mayadin"), while one after an article can be ("the Mariupol City Council").
    pub fn is_preposition(&self, word: &str) -> bool {
        self.is_stop_word(word) && !self.is_article(word)
    }

    /// A word that ties a role to its office ("of", "for"): never between a subject and its
    /// verb.
    pub fn is_role_link(&self, word: &str) -> bool {
        one_of(&self.role_links, word)
    }

    /// An auxiliary that makes a reporting verb after it passive ("is", "was").
    pub fn is_passive_auxiliary(&self, word: &str) -> bool {
        one_of(&self.passive_auxiliaries, word)
    }

    /// An article ("the", "a").
    pub fn is_article(&self, word: &str) -> bool {
        one_of(&self.articles, word)
    }

    /// A first word that opens a subordinate phrase ("After", "Following").
    pub fn is_leading(&self, word: &str) -> bool {
        one_of(&self.leading, word)
    }

    /// A capitalised word that may stand between a subject and its verb ("Sunday").
    pub fn has_gap_ending(&self, word: &str) -> bool {
        self.gap_word_endings
            .iter()
            .any(|e| word.ends_with(e.as_str()))
    }

    /// A word that may stand between a subject and its verb: lower case ("also", "has") or
    /// alphabetic with a `gap_word_endings` ending ("on Sunday").
    pub fn is_gap_word(&self, word: &str) -> bool {
        word.chars().all(|c| c.is_lowercase())
            || (self.has_gap_ending(word) && word.chars().all(char::is_alphabetic))
    }

    /// Whether `text` (trimmed) ends with a coordinating word, so a verb after it shares the
    /// sentence's subject ("X denied ... and said").
    pub fn ends_with_coordinator(&self, text: &str) -> bool {
        let text = text.trim_end();
        self.verb_coordinators
            .iter()
            .any(|c| text.ends_with(c.as_str()))
    }
}

/// Whether `word` is one of a short list of lower-case words, in any case. The lists are a few
/// dozen words: a scan is cheaper than hashing a lower-cased copy.
fn one_of(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn words(items: &[String]) -> Result<Matcher, regex::Error> {
    Matcher::new(&format!(r"(?i)\b{}\b", regex_alternation(items)))
}

/// One capitalised word of a name.
const CAPITALISED: &str = r"[A-Z][\w’'-]*";

impl SpeechCues {
    pub fn build(file: &AttributionFile) -> Result<Self, regex::Error> {
        let roles = regex_alternation(&file.roles);
        let titles = regex_alternation(&file.titles);
        let particles = if file.name_particles.is_empty() {
            String::new()
        } else {
            format!("(?:{})?", regex_alternation(&file.name_particles))
        };
        let cap = CAPITALISED;
        let name = format!(r"(?:[A-Z][\w’'-]+(?:\s+{particles}[A-Z][\w’'-]+){{1,3}})");
        let org = alternation_or_nothing(&file.organisation_words);
        let sources = alternation_or_nothing(&file.source_nouns);
        // A run of capitalised words (numbers too: "Deir Ezzor 24"), and an organisation's
        // lower-case tail ("parliamentary bloc").
        let open_name = format!(
            r"{cap}(?:\s+{particles}(?:{cap}|\d{{1,4}}\b))*(?:(?:\s+[a-z][\w’'-]*){{0,2}}\s+(?i:{org})\b)?"
        );
        let lowered =
            |items: &[String]| -> Vec<String> { items.iter().map(|w| w.to_lowercase()).collect() };
        let articles = alternation_or_nothing(&file.articles);
        let links = alternation_or_nothing(&file.role_links);
        Ok(SpeechCues {
            name: Matcher::new(&name)?,
            open_name_before: Matcher::new(&format!(r"(?P<name>{open_name})[\s,]*$"))?,
            open_name_after: Matcher::new(&format!(r"^(?P<name>{open_name})"))?,
            source_before: Matcher::new(&format!(r"(?P<noun>\b(?i:{sources}))\b[\s,]*$"))?,
            source_noun: Matcher::new(&format!(r"(?i)^(?:{sources})$"))?,
            source_after: Matcher::new(&format!(
                r"^(?P<name>(?:[\w’'-]+\s+){{0,{}}}?(?i:{sources})\b)",
                file.settings.source_modifiers
            ))?,
            title_run: Matcher::new(&format!(r"^\s*(?:(?i:{articles})\s+)?(?:(?:{titles})\s+)*"))?,
            role_of_noun: Matcher::new(&format!(
                r"(?i)\b(?P<role>{roles})\s+(?:{links})\s+(?:(?:{articles})\s+)?"
            ))?,
            noun_role_before: Matcher::new(&format!(
                r"\b(?P<noun>[\w-]+)\s+(?i:{roles})\s+(?:(?:{titles})\s+)*$"
            ))?,
            organisation: Matcher::new(&format!(r"(?i)\b(?:{org})\b"))?,
            addressee_end: Matcher::new(&alternation_or_nothing(&file.addressee_ends))?,
            leading: lowered(&file.leading_words),
            appositive_openers: file
                .appositive_openers
                .iter()
                .map(|o| format!("{} ", o.trim().to_lowercase()))
                .collect(),
            not_names: file.not_names.clone(),
            gap_word_endings: file.gap_word_endings.clone(),
            verb_coordinators: file
                .verb_coordinators
                .iter()
                .map(|w| format!(" {}", w.trim()))
                .collect(),
            stop_words: lowered(&file.stop_words),
            passive_auxiliaries: lowered(&file.passive_auxiliaries),
            articles: lowered(&file.articles),
            role_links: lowered(&file.role_links),
            settings: file.settings.clone(),
            verbs: words(&file.speech_verbs)?,
            participles: words(&file.participles)?,
            according_to: words(&file.according_to)?,
            back_reference: Matcher::new(&format!(
                r"(?i)^\W*(?:{})\b",
                alternation_or_nothing(&file.back_references)
            ))?,
            carry_break: Matcher::new(&format!(
                r"(?i)^\W*(?:{})\b",
                alternation_or_nothing(&file.carry_breaks)
            ))?,
            addressee: words(&file.addressee_verbs)?,
            rejection: words(&file.rejections)?,
            frames: file
                .frames
                .iter()
                .map(|f| {
                    Ok(Frame {
                        regex: Matcher::new(&format!("(?i){}", f.regex.get_ref()))?,
                        disputed: f.disputed,
                        anonymous: f.anonymous,
                    })
                })
                .collect::<Result<_, regex::Error>>()?,
            person_pronoun: words(&file.pronouns.person)?,
            speaker_pronoun: words(&file.pronouns.speaker)?,
            role_then_name: Matcher::new(&format!(
                r"^,?\s+(?P<role>(?i:{roles})\s+)?(?:(?:{titles})\s+)*(?P<name>{name})"
            ))?,
            role_tail: Matcher::new(&format!(r"(?i)\b(?:{roles})$"))?,
            role_after: Matcher::new(&format!(r"(?i)^\s+(?:{roles})\b"))?,
            name_then_role: Matcher::new(&format!(
                r"(?P<name>{name}),\s+(?:{articles})\s+(?:[\w.’'-]+\s+){{0,4}}?(?i:{roles})\s+(?:{links})\s+(?:(?:{articles})\s+)?$"
            ))?,
            name_then_alias: Matcher::new(&format!(
                r"(?P<name>{name}),\s+(?:(?:{articles})\s+)?(?:[\w.’'-]+\s+){{0,3}}?$"
            ))?,
        })
    }
}
