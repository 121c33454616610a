//! Who said it: the speaker of a claim, found from reporting cues around it.
//!
//! News attributes in a handful of shapes: "X said (that) CLAIM", "CLAIM, X said", "CLAIM, said
//! X", "according to X, CLAIM", "X ..., saying CLAIM", a headline's ": monitor", a quote that runs
//! on from an attributed sentence, and a reported claim inside another's words ("X denied Y's
//! claims that CLAIM"). Appositives and parentheticals are masked so that "the mayor of al-Qaim,
//! a city near Syria, told ..." is the mayor speaking, not Syria.

use super::clauses::{is_subject_gap, is_title_gap, masks, quote_spans, unknown_names};
use super::mentions::{Discourse, Mention};
use crate::rules::RuleSet;
use crate::rules::gate::{Probe, Scan};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    Participle,
    AccordingTo,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
}

/// A reported claim: what follows `end` is `inner`'s claim; `outer` may dispute it.
#[derive(Debug, Clone)]
pub struct FrameHit {
    pub end: usize,
    /// `None` when the claim is reported from no one named ("reviewing reports that ...").
    pub inner: Option<Mention>,
    pub outer: Option<Mention>,
    pub disputed: bool,
}

/// One sentence, read for attribution.
#[derive(Debug)]
pub struct Attribution {
    pub mentions: Vec<Mention>,
    pub cues: Vec<Cue>,
    pub masked: Vec<Range<usize>>,
    /// Mentions that are listeners or conduits ("told reporters in Washington").
    pub addressees: Vec<Range<usize>>,
    pub frames: Vec<FrameHit>,
    pub quoted: bool,
    pub carried: Option<Mention>,
    /// Capitalised names the gazetteer does not know: people who speak for no known actor.
    pub unknown_names: Vec<Range<usize>>,
    /// Quoted stretches: a name inside a quote is not the subject of a verb outside it.
    pub quotes: Vec<Range<usize>>,
}

/// Words that open a sentence with a subordinate phrase: its mentions are not the subject.
const LEADING: &[&str] = &[
    "after",
    "in",
    "on",
    "following",
    "despite",
    "as",
    "while",
    "when",
    "since",
    "before",
    "during",
    "amid",
    "with",
    "although",
    "though",
    "by",
    "at",
    "earlier",
    "later",
    "hours",
    "days",
];

impl Attribution {
    /// Reads a sentence. When the gate lets no rule pattern through, only what the discourse
    /// needs (its reporting cues and speaker) is worked out, which is most sentences of most
    /// articles.
    pub fn read(
        rules: &RuleSet,
        sentence: &str,
        scan: &Scan,
        mentions: Vec<Mention>,
        names: &[Range<usize>],
        quoted: bool,
        discourse: &Discourse,
    ) -> Self {
        let claims_possible = scan.any_pattern();
        let s = &rules.speech;
        let mut cues: Vec<Cue> = Vec::new();
        for (re, kind, probe) in [
            (&s.according_to, CueKind::AccordingTo, Probe::AccordingTo),
            (&s.participles, CueKind::Participle, Probe::Participle),
            (&s.verbs, CueKind::Verb, Probe::Verb),
        ] {
            if !scan.may(probe) {
                continue;
            }
            for m in re.find_iter(sentence) {
                if !cues.iter().any(|c| c.start < m.end() && m.start() < c.end) {
                    cues.push(Cue {
                        start: m.start(),
                        end: m.end(),
                        kind,
                    });
                }
            }
        }
        cues.sort_by_key(|c| c.start);
        if cues.is_empty() && !claims_possible {
            return Attribution {
                mentions,
                cues,
                masked: Vec::new(),
                addressees: Vec::new(),
                frames: Vec::new(),
                quoted,
                carried: discourse.last_speaker.clone(),
                unknown_names: Vec::new(),
                quotes: Vec::new(),
            };
        }
        let addressees = scan
            .may(Probe::Addressee)
            .then(|| s.addressee.find_iter(sentence))
            .into_iter()
            .flatten()
            .map(|m| {
                let rest = &sentence[m.end()..];
                let stop = [" that ", ",", ".", ";", " on ", " after ", " by "]
                    .iter()
                    .filter_map(|p| rest.find(p))
                    .min()
                    .unwrap_or(rest.len());
                m.end()..m.end() + stop
            })
            .collect();
        let unknown_names = unknown_names(sentence, names, &mentions);
        let mut a = Attribution {
            unknown_names,
            quotes: quote_spans(sentence, quoted),
            masked: masks(sentence, |r| {
                !cues
                    .iter()
                    .any(|c| c.kind == CueKind::Verb && r.contains(&c.start))
            }),
            mentions,
            cues,
            addressees,
            frames: Vec::new(),
            quoted,
            carried: discourse.last_speaker.clone(),
        };
        if claims_possible {
            a.frames = a.find_frames(rules, sentence);
        }
        a
    }

    fn is_addressee(&self, m: &Mention) -> bool {
        self.addressees
            .iter()
            .any(|r| r.start <= m.start && m.end <= r.end)
    }

    /// The text of `range` without its masked stretches (appositives, parentheses).
    fn unmasked(&self, sentence: &str, range: Range<usize>) -> String {
        let mut out = String::new();
        let mut at = range.start;
        let mut masks: Vec<&Range<usize>> = self
            .masked
            .iter()
            .filter(|m| m.start < range.end && range.start < m.end)
            .collect();
        masks.sort_by_key(|m| m.start);
        for m in masks {
            if m.start > at {
                out.push_str(&sentence[at..m.start]);
            }
            at = at.max(m.end);
        }
        if at < range.end {
            out.push_str(&sentence[at..range.end]);
        }
        out
    }

    fn is_masked(&self, pos: usize) -> bool {
        self.masked.iter().any(|r| r.contains(&pos))
    }

    /// Cues that count for a position: those inside a masked stretch count only within it.
    fn cue_visible(&self, cue: &Cue, from: usize) -> bool {
        match self.masked.iter().find(|r| r.contains(&cue.start)) {
            Some(r) => r.contains(&from),
            None => true,
        }
    }

    fn candidates(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| !self.is_addressee(m))
    }

    /// The subject of a reporting cue.
    fn subject_of(&self, rules: &RuleSet, sentence: &str, cue: &Cue) -> Option<Mention> {
        match cue.kind {
            CueKind::AccordingTo => self
                .candidates()
                .find(|m| m.start >= cue.end && m.start <= cue.end + 80)
                .cloned(),
            CueKind::Participle => self.sentence_subject(sentence, cue.start),
            // "X denied ... and said ...": coordinated verbs share the sentence's subject.
            CueKind::Verb if sentence[..cue.start].trim_end().ends_with(" and") => {
                self.sentence_subject(sentence, cue.start)
            }
            CueKind::Verb => {
                let in_quote = |pos: usize| self.quotes.iter().find(|q| q.contains(&pos));
                let cue_quote = in_quote(cue.start);
                let before: Vec<&Mention> = self
                    .candidates()
                    .filter(|m| m.end <= cue.start && in_quote(m.start) == cue_quote)
                    .collect();
                let open = before.iter().rev().find(|m| !self.is_masked(m.start));
                let chosen = open.or(before.last()).copied();
                // Someone unnamed or unknown stands between: "residents who said", "Dr. Jane
                // Roe said". Then the speaker is not the actor named earlier.
                if let Some(m) = chosen {
                    let between = |r: &Range<usize>| {
                        r.start >= m.end && r.end <= cue.start && !self.is_masked(r.start)
                    };
                    if self.unknown_names.iter().any(between)
                        || self.cues.iter().any(|c| between(&(c.start..c.end)))
                    {
                        return None;
                    }
                }
                // A news agency is the speaker only when no one else is named before the verb.
                let intermediary = |m: &&&Mention| rules.gazetteer.actors[m.actor].intermediary;
                let preferred = match chosen {
                    Some(m) if intermediary(&&m) => before
                        .iter()
                        .rev()
                        .find(|m| !intermediary(m) && !self.is_masked(m.start))
                        .copied(),
                    _ => None,
                };
                // "..., said Lt. Cmdr. Jane Doe": the speaker follows, after titles only.
                preferred.or(chosen).cloned().or_else(|| {
                    self.candidates()
                        .find(|m| {
                            m.start >= cue.end
                                && m.start <= cue.end + 30
                                && is_title_gap(&sentence[cue.end..m.start])
                        })
                        .cloned()
                })
            }
        }
    }

    /// The first mention of the main clause before `limit`: the subject a participle shares.
    fn sentence_subject(&self, sentence: &str, limit: usize) -> Option<Mention> {
        let first_word = sentence
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let from = if LEADING.contains(&first_word.to_lowercase().as_str()) {
            sentence[..limit].find(',').map_or(0, |i| i + 1)
        } else {
            0
        };
        self.candidates()
            .find(|m| m.start >= from && m.end <= limit && !self.is_masked(m.start))
            .cloned()
    }

    /// The reported-claim frame a position falls under: after the frame, before any later
    /// reporting cue ("X denied Y's claims that P and said that Q": Q is X's again).
    pub fn frame_for(&self, pos: usize) -> Option<&FrameHit> {
        self.frames
            .iter()
            .rev()
            .find(|f| f.end <= pos)
            .filter(|f| !self.cues.iter().any(|c| c.start >= f.end && c.end <= pos))
    }

    /// The speaker of a claim at `span`.
    pub fn speaker(&self, rules: &RuleSet, sentence: &str, span: Range<usize>) -> Option<Mention> {
        if let Some(f) = self.frame_for(span.start) {
            return f.inner.clone();
        }
        // "According to X, ..." speaks for the claim unless a reporting verb stands between
        // ("According to Reuters, the Pentagon said ...": the Pentagon speaks).
        if let Some(c) = self.cues.iter().find(|c| {
            c.kind == CueKind::AccordingTo
                && !self.cues.iter().any(|v| {
                    v.kind == CueKind::Verb
                        && v.start > c.end.min(span.start)
                        && v.end <= c.start.max(span.start)
                })
        }) && let Some(m) = self.subject_of(rules, sentence, c)
        {
            return Some(m);
        }
        let before = self
            .cues
            .iter()
            .rev()
            .find(|c| c.start < span.start && self.cue_visible(c, span.start));
        if let Some(c) = before {
            return self.subject_of(rules, sentence, c);
        }
        if let Some(c) = self
            .cues
            .iter()
            .find(|c| c.start >= span.end && self.cue_visible(c, span.start))
        {
            // "..., the monitor said": the subject stands right before the verb; a name further
            // back ("... near al-Mayadeen," said the monitor) is part of the claim.
            let between = self
                .candidates()
                .filter(|m| m.start >= span.end && m.end <= c.start && !self.is_masked(m.start))
                .last()
                .filter(|m| is_subject_gap(&self.unmasked(sentence, m.end..c.start)));
            let after = self.candidates().find(|m| {
                m.start >= c.end && m.start <= c.end + 30 && is_title_gap(&sentence[c.end..m.start])
            });
            if let Some(m) = between.or(after) {
                return Some(m.clone());
            }
        }
        if let Some(m) = self.headline_source(rules, sentence) {
            return Some(m);
        }
        if self.quoted && self.cues.is_empty() {
            return self.carried.clone();
        }
        None
    }

    /// "Strike kills 5 fighters: monitor" — a short attribution after the last colon.
    /// "Strike kills 5 fighters: monitor" or "CENTCOM: strikes hit drone sites" — a short
    /// attribution after the last colon or before the first.
    fn headline_source(&self, rules: &RuleSet, sentence: &str) -> Option<Mention> {
        if self.quoted {
            return None;
        }
        let last = sentence.rfind(": ")?;
        let after = (sentence.len() - last < 60)
            .then(|| self.mentions.iter().find(|m| m.start > last).cloned())
            .flatten();
        let first = sentence.find(": ")?;
        let before = || {
            (first < 40)
                .then(|| self.mentions.iter().find(|m| m.end <= first).cloned())
                .flatten()
        };
        after.or_else(before).or_else(|| {
            let tail = sentence[last + 2..]
                .trim()
                .trim_end_matches(['.', '"', '”']);
            let actors = rules.gazetteer.noun_actors(tail);
            (actors.len() == 1).then(|| Mention {
                start: last + 2,
                end: sentence.len(),
                actor: actors[0],
                person: false,
                kind: super::mentions::MentionKind::Description,
                surface: tail.to_string(),
            })
        })
    }

    /// The speaker the sentence as a whole reports (for carrying into the next sentences).
    pub fn sentence_speaker(&self, rules: &RuleSet, sentence: &str) -> Option<Mention> {
        self.cues
            .iter()
            .filter(|c| !self.is_masked(c.start))
            .find_map(|c| self.subject_of(rules, sentence, c))
            .filter(|m| !rules.gazetteer.actors[m.actor].intermediary)
            .or_else(|| {
                if self.quoted && self.cues.is_empty() {
                    self.carried.clone()
                } else {
                    None
                }
            })
    }

    fn find_frames(&self, rules: &RuleSet, sentence: &str) -> Vec<FrameHit> {
        let mut out = Vec::new();
        for frame in &rules.speech.frames {
            for caps in frame.regex.captures_iter(sentence) {
                let (Some(whole), Some(inner)) = (caps.get(0), caps.name("inner")) else {
                    continue;
                };
                // The actor must stand right before the frame's noun ("U.S. claims", "Iraq's
                // claims"), not anywhere in the words before it.
                let inner_mention = self
                    .mentions
                    .iter()
                    .rfind(|m| {
                        m.start < inner.end() && inner.start() < m.end && inner.end() <= m.end + 3
                    })
                    .cloned();
                if inner_mention.is_none() && !frame.anonymous {
                    continue;
                }
                let inner_start = inner_mention.as_ref().map_or(inner.start(), |m| m.start);
                let outer_cue = self.cues.iter().rev().find(|c| c.start < inner_start);
                let outer = outer_cue
                    .and_then(|c| self.subject_of(rules, sentence, c))
                    .filter(|m| inner_mention.as_ref().is_none_or(|i| m.actor != i.actor));
                let rejects = frame.disputed || rules.speech.rejection.is_match(sentence);
                out.push(FrameHit {
                    end: whole.end(),
                    inner: inner_mention,
                    outer,
                    disputed: rejects,
                });
            }
        }
        out.sort_by_key(|f| f.end);
        out
    }
}
