//! Attribution cues compiled from `rules/attribution.toml`.

use super::files::AttributionFile;
use super::lexicon::regex_alternation;
use super::matcher::Matcher as Regex;

/// A reported-claim frame: the claim after it belongs to the actor in its `inner` group.
#[derive(Debug, Clone)]
pub struct Frame {
    pub regex: Regex,
    pub disputed: bool,
    pub anonymous: bool,
}

#[derive(Debug, Clone)]
pub struct SpeechCues {
    /// Finite reporting verbs.
    pub verbs: Regex,
    pub participles: Regex,
    pub according_to: Regex,
    pub addressee: Regex,
    pub rejection: Regex,
    pub frames: Vec<Frame>,
    pub person_pronoun: Regex,
    pub speaker_pronoun: Regex,
    /// "[ROLE] [titles] Name" right after an actor's name ("... spokesman Col. Jane Doe").
    pub role_then_name: Regex,
    /// An alias that itself ends in a role noun ("Pentagon press secretary").
    pub role_tail: Regex,
    /// A role noun right after an alias ("an AFRICOM spokeswoman").
    pub role_after: Regex,
    /// "Name, a ROLE for|of|at" (the actor follows).
    pub name_then_role: Regex,
    /// "Name, a " before an alias that ends in a role ("Jane Doe, a Pentagon spokesman").
    pub name_then_alias: Regex,
}

fn words(items: &[String]) -> Result<Regex, regex::Error> {
    Regex::new(&format!(r"(?i)\b{}\b", regex_alternation(items)))
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
                        regex: Regex::new(&format!("(?i){}", f.regex.get_ref()))?,
                        disputed: f.disputed,
                        anonymous: f.anonymous,
                    })
                })
                .collect::<Result<_, regex::Error>>()?,
            person_pronoun: words(&file.pronouns.person)?,
            speaker_pronoun: words(&file.pronouns.speaker)?,
            role_then_name: Regex::new(&format!(
                r"^,?\s+(?P<role>(?i:{roles})\s+)?(?:(?:{titles})\s+)*(?P<name>{NAME})"
            ))?,
            role_tail: Regex::new(&format!(r"(?i)\b(?:{roles})$"))?,
            role_after: Regex::new(&format!(r"(?i)^\s+(?:{roles})\b"))?,
            name_then_role: Regex::new(&format!(
                r"(?P<name>{NAME}),\s+(?:an?|the)\s+(?:[\w.’'-]+\s+){{0,4}}?(?i:{roles})\s+(?:for|of|at|with|to)\s+(?:the\s+)?$"
            ))?,
            name_then_alias: Regex::new(&format!(
                r"(?P<name>{NAME}),\s+(?:(?:an?|the)\s+)?(?:[\w.’'-]+\s+){{0,3}}?$"
            ))?,
        })
    }
}
