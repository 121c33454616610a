//! Speaker carry-over. A reporter tells a source's account over several sentences and names the
//! source in the first only: "The media office said the strike targeted tents. The centre was
//! hit with seven missiles." The second sentence's claim, with no speaker and no reporting cue
//! of its own, is the media office's while the account runs on.
//!
//! Within limits that are data (`carry_sentences`, `carry_paragraphs`, `carry_quote_words`,
//! `carry_breaks` and `passive_auxiliaries` in `rules/attribution.toml`). What stops the carry:
//! - a reporting cue: the claim's own sentence must have none, and one in between starts its
//!   speaker's account, or ends the account when no speaker is found ("residents said");
//! - distance: too many sentences or paragraph breaks between the account and the claim;
//! - quotation: an account told in the speaker's own words (a long quote, or a quote running on
//!   from an earlier sentence) ends with them, and what follows is the reporter's again;
//! - passive reporting ("It is noted that", "X was criticized by"): nobody named speaks;
//! - a new topic, from the account's sentence to the claim's: an opening such as "Meanwhile",
//!   "The following day", "This incident follows", or background (`cues.background`);
//! - the lead: claims there are the outlet's own (see `voice`), and an account told in the lead
//!   is the outlet's summary of the story, not a source's running account.
//!
//! Claims that are reported (a cue, a frame), superseded or of another incident are not carried
//! (see `extract_document`). The state is updated from what every sentence's reading already
//! holds (its cues, quotes and speaker); the text between the account and a claim is read only
//! when a speakerless claim needs it.

use super::context::{CueKind, SentenceCtx};
use super::mentions::Mention;
use crate::rules::RuleSet;
use crate::text::Sentence;

/// The latest attributed sentence, while its account may still reach a claim.
#[derive(Debug, Clone)]
struct Account {
    speaker: Mention,
    /// The sentence's index in the article.
    sentence: usize,
}

/// The account a speakerless claim may carry on, sentence by sentence.
#[derive(Debug, Default)]
pub struct Carry {
    account: Option<Account>,
}

impl Carry {
    /// After sentence `index` is read, with `speaker` the speaker it reports as a whole (see
    /// `Attribution::sentence_speaker`). Sentences before `lead` (see `voice::lead_end`) start
    /// no account.
    pub fn after(
        &mut self,
        rules: &RuleSet,
        index: usize,
        sentence: &Sentence,
        ctx: &SentenceCtx,
        speaker: Option<&Mention>,
        lead: usize,
    ) {
        if ctx.cues.is_empty() && !ctx.quoted {
            return;
        }
        self.account = speaker
            .filter(|_| sentence.start >= lead && !quotes_at_length(rules, ctx))
            .filter(|_| !passive(rules, ctx))
            .map(|s| Account {
                speaker: s.clone(),
                sentence: index,
            });
    }

    /// The speaker a claim in sentence `index` with no speaker of its own takes, if any. The
    /// caller has checked that the claim is told with no reporting cue, after the lead, of the
    /// article's incident and not superseded.
    pub fn speaker_for(
        &self,
        rules: &RuleSet,
        text: &str,
        sentences: &[Sentence],
        index: usize,
        ctx: &SentenceCtx,
    ) -> Option<Mention> {
        let limits = &rules.speech.settings;
        let account = self.account.as_ref()?;
        let since = index.checked_sub(account.sentence)?;
        if since == 0 || since > limits.carry_sentences || !ctx.cues.is_empty() || ctx.quoted {
            return None;
        }
        let between = &text[sentences[account.sentence].end..sentences[index].start];
        if paragraph_breaks(between) > limits.carry_paragraphs {
            return None;
        }
        let cues = &rules.lexicon.cues;
        let new_topic = sentences[account.sentence..=index].iter().any(|s| {
            let s = &text[s.start..s.end];
            rules.speech.carry_break.is_match(s) || cues.background.is_match(s)
        });
        (!new_topic).then(|| account.speaker.clone())
    }
}

/// Whether the sentence is told in quoted words: it opens inside a quote, or quotes at least
/// `carry_quote_words` words in a row.
fn quotes_at_length(rules: &RuleSet, ctx: &SentenceCtx) -> bool {
    let words = rules.speech.settings.carry_quote_words;
    ctx.quoted
        || ctx
            .quotes
            .iter()
            .any(|q| ctx.text[q.clone()].split_whitespace().count() >= words)
}

/// Whether a reporting verb of the sentence is passive: right after an auxiliary ("is noted").
fn passive(rules: &RuleSet, ctx: &SentenceCtx) -> bool {
    ctx.cues
        .iter()
        .filter(|c| c.kind == CueKind::Verb)
        .any(|c| {
            ctx.text[..c.span.start]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| rules.speech.is_passive_auxiliary(w))
        })
}

/// Paragraph breaks in `between`: runs of white space holding a line break (a blank line
/// between two paragraphs is one break, as is the single line break of one-line paragraphs).
fn paragraph_breaks(between: &str) -> usize {
    let mut breaks = 0;
    let mut in_break = false;
    for c in between.chars() {
        if c == '\n' {
            breaks += usize::from(!in_break);
            in_break = true;
        } else if !c.is_whitespace() {
            in_break = false;
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::paragraph_breaks;
    use crate::extract::{extract_document, tests::article};
    use crate::rules::{RuleSet, test_rules};

    /// A lede of two sentences (the outlet's lead), then `rest`.
    fn story(rest: &str) -> String {
        format!(
            "Rockets hit the outskirts of the river town of Kesh late on Monday night, residents said. Smoke rose over the port.\n\n{rest}"
        )
    }

    /// The actor of the one death toll in `text`.
    fn toll_actor_with(rules: &RuleSet, text: &str) -> Option<String> {
        let claims = extract_document(rules, &article(text)).claims;
        let tolls: Vec<_> = claims.iter().filter(|c| c.rule == "death_toll").collect();
        assert_eq!(tolls.len(), 1, "one toll in {text:?}: {tolls:?}");
        tolls[0].actor.as_ref().map(|a| a.to_string())
    }

    fn toll_actor(rest: &str) -> Option<String> {
        toll_actor_with(test_rules(), &story(rest))
    }

    const OBSERVATORY: Option<&str> = Some("sohr");

    #[test]
    fn a_claim_without_a_cue_carries_on_the_account_before_it() {
        let next = "The Syrian Observatory for Human Rights reported that the rockets struck a depot. Nine people were killed.";
        assert_eq!(toll_actor(next).as_deref(), OBSERVATORY);
        // One sentence and one paragraph break further on, still within the limits.
        let later = "The Syrian Observatory for Human Rights reported that the rockets struck a depot. The fire burned until dawn.\n\nNine people were killed.";
        assert_eq!(toll_actor(later).as_deref(), OBSERVATORY);
    }

    #[test]
    fn distance_ends_the_account() {
        let far = "The Syrian Observatory for Human Rights reported that the rockets struck a depot. The fire burned until dawn. Roads were closed. Nine people were killed.";
        assert_eq!(toll_actor(far), None);
        let paragraphs = "The Syrian Observatory for Human Rights reported that the rockets struck a depot.\n\nThe fire burned until dawn.\n\nNine people were killed.";
        assert_eq!(toll_actor(paragraphs), None);
    }

    #[test]
    fn a_new_cue_a_quote_a_passive_or_a_new_topic_ends_the_account() {
        let observatory =
            "The Syrian Observatory for Human Rights reported that the rockets struck a depot.";
        for stop in [
            // Someone unnamed speaks in between.
            "Witnesses said the depot was empty. Nine people were killed.",
            // A new topic.
            "Meanwhile, nine people were killed.",
            "Earlier this summer, nine people were killed in the port.",
        ] {
            assert_eq!(toll_actor(&format!("{observatory} {stop}")), None, "{stop}");
        }
        let quoted = "\"The rockets struck a depot near the port and the fire spread,\" the Syrian Observatory for Human Rights said. Nine people were killed.";
        assert_eq!(toll_actor(quoted), None);
        let long_quote = "The Syrian Observatory for Human Rights said: \"The rockets struck a depot near the port.\" Nine people were killed.";
        assert_eq!(toll_actor(long_quote), None);
        let passive = "The Syrian Observatory for Human Rights was criticized by the council for its reporting. Nine people were killed.";
        assert_eq!(toll_actor(passive), None);
        // A short quoted term is no quotation of the speaker's words.
        let term = "The Syrian Observatory for Human Rights reported that the rockets struck a \"safe zone\". Nine people were killed.";
        assert_eq!(toll_actor(term).as_deref(), OBSERVATORY);
    }

    #[test]
    fn the_lead_is_the_outlets_own_and_carries_nothing() {
        let text = "The Syrian Observatory for Human Rights reported that rockets hit the river town of Kesh late on Monday. Nine people were killed.\n\nSmoke rose over the port. Seven people were killed.";
        let claims = extract_document(test_rules(), &article(text)).claims;
        let tolls: Vec<_> = claims.iter().filter(|c| c.rule == "death_toll").collect();
        assert_eq!(tolls.len(), 2, "{tolls:?}");
        // In the lead with no cue: the outlet's voice, as before.
        assert!(tolls[0].outlet_voice, "{:?}", tolls[0]);
        // After the lead, but the account was told in the lead: nobody's.
        assert_eq!(tolls[1].actor, None);
    }

    #[test]
    fn a_zero_limit_turns_carry_over_off() {
        let mut rules = RuleSet::builtin().expect("the shipped rules compile");
        rules.speech.settings.carry_sentences = 0;
        let next = "The Syrian Observatory for Human Rights reported that the rockets struck a depot. Nine people were killed.";
        assert_eq!(toll_actor_with(&rules, &story(next)), None);
    }

    #[test]
    fn paragraph_breaks_count_line_breaks_not_blank_lines() {
        assert_eq!(paragraph_breaks(" "), 0);
        assert_eq!(paragraph_breaks("\n"), 1);
        assert_eq!(paragraph_breaks(" \n \n\n"), 1);
        assert_eq!(paragraph_breaks("\n\nA line.\n"), 2);
    }
}
