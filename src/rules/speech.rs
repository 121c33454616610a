//! Attribution cues compiled from `rules/attribution.toml`.

use super::files::AttributionFile;
use super::lexicon::regex_alternation;
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
}

fn words(items: &[String]) -> Result<Matcher, regex::Error> {
    Matcher::new(&format!(r"(?i)\b{}\b", regex_alternation(items)))
}

/// A capitalised personal name of two to four words ("Vedant Patel", "Abu Ali al-Askari").
pub const NAME: &str =
    r"(?:[A-Z][\w’'-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+|abu\s+|de\s+)?[A-Z][\w’'-]+){1,3})";

impl SpeechCues {
    pub fn build(file: &AttributionFile) -> Result<Self, regex::Error> {
        let roles = regex_alternation(&file.roles);
        let titles = regex_alternation(&file.titles);
        Ok(SpeechCues {
            verbs: words(&file.speech_verbs)?,
            participles: words(&file.participles)?,
            according_to: words(&file.according_to)?,
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
                r"^,?\s+(?P<role>(?i:{roles})\s+)?(?:(?:{titles})\s+)*(?P<name>{NAME})"
            ))?,
            role_tail: Matcher::new(&format!(r"(?i)\b(?:{roles})$"))?,
            role_after: Matcher::new(&format!(r"(?i)^\s+(?:{roles})\b"))?,
            name_then_role: Matcher::new(&format!(
                r"(?P<name>{NAME}),\s+(?:an?|the)\s+(?:[\w.’'-]+\s+){{0,4}}?(?i:{roles})\s+(?:for|of|at|with|to)\s+(?:the\s+)?$"
            ))?,
            name_then_alias: Matcher::new(&format!(
                r"(?P<name>{NAME}),\s+(?:(?:an?|the)\s+)?(?:[\w.’'-]+\s+){{0,3}}?$"
            ))?,
        })
    }
}
