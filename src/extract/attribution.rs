//! Who said it: the speaker of a claim, found from reporting cues around it.
//!
//! News attributes in a handful of shapes: "X said (that) CLAIM", "CLAIM, X said", "CLAIM, said
//! X", "according to X, CLAIM", "X ..., saying CLAIM", a headline's ": monitor", a quote that runs
//! on from an attributed sentence, and a reported claim inside another's words ("X denied Y's
//! claims that CLAIM"). Appositives and parentheticals are masked so that "the mayor of al-Qaim,
//! a city near Syria, told ..." is the mayor speaking, not Syria.

use super::clauses::{is_complement_gap, is_subject_gap, is_title_gap, unknown_names};
use super::context::{Cue, CueKind, SentenceCtx};
use super::discourse::Discourse;
use super::mentions::{Mention, MentionKind};
use crate::rules::RuleSet;
use std::ops::Range;

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
pub struct Attribution<'c> {
    pub ctx: &'c SentenceCtx<'c>,
    pub mentions: Vec<Mention>,
    pub frames: Vec<FrameHit>,
    pub carried: Option<Mention>,
    /// Capitalised names the gazetteer does not know, outside speaker positions: people who
    /// speak for no known actor.
    pub unknown_names: Vec<Range<usize>>,
    /// Which mentions are news outlets (conduits), by index in `mentions`.
    intermediary: Vec<bool>,
}

impl<'c> Attribution<'c> {
    pub fn read(
        rules: &RuleSet,
        ctx: &'c SentenceCtx<'c>,
        mentions: Vec<Mention>,
        discourse: &Discourse,
    ) -> Self {
        let intermediary = mentions
            .iter()
            .map(|m| discourse.intermediary(rules, m.actor))
            .collect();
        let mut a = Attribution {
            ctx,
            unknown_names: Vec::new(),
            mentions,
            frames: Vec::new(),
            carried: discourse.last_speaker.clone(),
            intermediary,
        };
        if ctx.cues.is_empty() && !ctx.claims_possible {
            return a;
        }
        a.unknown_names = unknown_names(rules, ctx, &a.mentions);
        if ctx.claims_possible {
            a.frames = a.find_frames(rules);
        }
        a
    }

    /// The reporting cues of the sentence.
    pub fn cues(&self) -> &[Cue] {
        &self.ctx.cues
    }

    fn is_intermediary(&self, m: &Mention) -> bool {
        self.mentions
            .iter()
            .position(|x| x == m)
            .is_some_and(|i| self.intermediary[i])
    }

    fn is_addressee(&self, m: &Mention) -> bool {
        self.ctx
            .addressees
            .iter()
            .any(|r| r.start <= m.span.start && m.span.end <= r.end)
    }

    /// Cues that count for a position: those inside a masked stretch count only within it.
    fn cue_visible(&self, cue: &Cue, from: usize) -> bool {
        match self.ctx.masked.iter().find(|r| r.contains(&cue.span.start)) {
            Some(r) => r.contains(&from),
            None => true,
        }
    }

    fn candidates(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| !self.is_addressee(m))
    }

    /// "..., said Lt. Cmdr. Jane Doe": a mention right after `from`, over titles only.
    fn named_after(&self, rules: &RuleSet, from: usize) -> Option<&Mention> {
        let reach = rules.speech.settings.after_verb_reach;
        self.candidates().find(|m| {
            m.span.start >= from
                && m.span.start <= from + reach
                && is_title_gap(rules, &self.ctx.text[from..m.span.start])
        })
    }

    /// The subject of a reporting cue.
    fn subject_of(&self, rules: &RuleSet, cue: &Cue) -> Option<Mention> {
        let ctx = self.ctx;
        match cue.kind {
            CueKind::AccordingTo => {
                let reach = rules.speech.settings.according_to_reach;
                self.candidates()
                    .find(|m| m.span.start >= cue.span.end && m.span.start <= cue.span.end + reach)
                    .cloned()
            }
            CueKind::Participle => self.sentence_subject(rules, cue.span.start),
            // "X denied ... and said ...": coordinated verbs share the sentence's subject.
            CueKind::Verb
                if rules
                    .speech
                    .ends_with_coordinator(&ctx.text[..cue.span.start]) =>
            {
                self.sentence_subject(rules, cue.span.start)
            }
            CueKind::Verb => self.verb_subject(rules, cue),
        }
    }

    fn verb_subject(&self, rules: &RuleSet, cue: &Cue) -> Option<Mention> {
        let ctx = self.ctx;
        let cue_quote = ctx.quote_at(cue.span.start);
        // A dateline's agency tag ("PARIS (AP) — ...") is no subject.
        let tag = |m: &Mention| {
            self.is_intermediary(m)
                && ctx.text[..m.span.start].ends_with('(')
                && ctx.text[m.span.end..].starts_with(')')
        };
        let before: Vec<&Mention> = self
            .candidates()
            .filter(|m| {
                m.span.end <= cue.span.start && ctx.quote_at(m.span.start) == cue_quote && !tag(m)
            })
            .collect();
        let open = before.iter().rev().find(|m| !ctx.is_masked(m.span.start));
        let chosen = open.or(before.last()).copied();
        // Someone unnamed or unknown stands between: "residents who said", "Dr. Jane Roe said".
        // Then the speaker is not the actor named earlier.
        if let Some(m) = chosen {
            let between = |r: &Range<usize>| {
                r.start >= m.span.end && r.end <= cue.span.start && !ctx.is_masked(r.start)
            };
            if self.unknown_names.iter().any(between) || ctx.cues.iter().any(|c| between(&c.span)) {
                return None;
            }
        }
        // A news agency is the speaker only when no one else is named before the verb.
        let preferred = match chosen {
            Some(m) if self.is_intermediary(m) => before
                .iter()
                .rev()
                .find(|m| !self.is_intermediary(m) && !ctx.is_masked(m.span.start))
                .copied(),
            _ => None,
        };
        preferred
            .or(chosen)
            .cloned()
            .or_else(|| self.named_after(rules, cue.span.end).cloned())
    }

    /// The first mention of the main clause before `limit`: the subject a participle shares.
    fn sentence_subject(&self, rules: &RuleSet, limit: usize) -> Option<Mention> {
        let ctx = self.ctx;
        let first_word = ctx
            .text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let from = if rules.speech.is_leading(first_word) {
            ctx.text[..limit].find(',').map_or(0, |i| i + 1)
        } else {
            0
        };
        self.candidates()
            .find(|m| m.span.start >= from && m.span.end <= limit && !ctx.is_masked(m.span.start))
            .cloned()
    }

    /// The reported-claim frame a position falls under: after the frame, before any later
    /// reporting cue ("X denied Y's claims that P and said that Q": Q is X's again).
    pub fn frame_for(&self, pos: usize) -> Option<&FrameHit> {
        self.frames.iter().rev().find(|f| f.end <= pos).filter(|f| {
            !self
                .ctx
                .cues
                .iter()
                .any(|c| c.span.start >= f.end && c.span.end <= pos)
        })
    }

    /// The speaker of a claim at `span`.
    pub fn speaker(&self, rules: &RuleSet, span: Range<usize>) -> Option<Mention> {
        let ctx = self.ctx;
        if let Some(f) = self.frame_for(span.start) {
            return f.inner.clone();
        }
        // "According to X, ..." speaks for the claim unless a reporting verb stands between
        // ("According to Reuters, the Pentagon said ...": the Pentagon speaks).
        if let Some(c) = ctx.cues.iter().find(|c| {
            c.kind == CueKind::AccordingTo
                && !ctx.cues.iter().any(|v| {
                    v.kind == CueKind::Verb
                        && v.span.start > c.span.end.min(span.start)
                        && v.span.end <= c.span.start.max(span.start)
                })
        }) && let Some(m) = self.subject_of(rules, c)
        {
            return Some(m);
        }
        // The nearest cue before the claim speaks for it. "According to witnesses" with no one
        // named is transparent: "X reported that, according to witnesses, CLAIM" is X's.
        let before = ctx
            .cues
            .iter()
            .rev()
            .filter(|c| c.span.start < span.start && self.cue_visible(c, span.start));
        for c in before {
            match self.subject_of(rules, c) {
                None if c.kind == CueKind::AccordingTo => continue,
                found => return found,
            }
        }
        // "CLAIM, X said": the first cue after the claim whose subject is found.
        for c in ctx
            .cues
            .iter()
            .filter(|c| c.span.start >= span.end && self.cue_visible(c, span.start))
        {
            // "..., the monitor said": the subject stands right before the verb; a name further
            // back ("... near al-Mayadeen," said the monitor) is part of the claim.
            let between = self
                .candidates()
                .filter(|m| {
                    m.span.start >= span.end
                        && m.span.end <= c.span.start
                        && !ctx.is_masked(m.span.start)
                })
                .last()
                .filter(|m| {
                    let gap = ctx.unmasked(m.span.end..c.span.start);
                    is_subject_gap(rules, &gap) || is_complement_gap(rules, &gap)
                });
            if let Some(m) = between.or_else(|| self.named_after(rules, c.span.end)) {
                return Some(m.clone());
            }
        }
        if let Some(m) = self.headline_source(rules) {
            return Some(m);
        }
        if ctx.quoted && ctx.cues.is_empty() {
            return self.carried.clone();
        }
        None
    }

    /// "Strike kills 5 fighters: monitor" or "CENTCOM: strikes hit drone sites" — a short
    /// attribution after the last colon or before the first.
    fn headline_source(&self, rules: &RuleSet) -> Option<Mention> {
        let ctx = self.ctx;
        if ctx.quoted {
            return None;
        }
        let limits = &rules.speech.settings;
        let s = ctx.text;
        let last = s.rfind(": ")?;
        let after = (s.len() - last < limits.headline_tail)
            .then(|| self.mentions.iter().find(|m| m.span.start > last).cloned())
            .flatten();
        let first = s.find(": ")?;
        let before = || {
            (first < limits.headline_head)
                .then(|| self.mentions.iter().find(|m| m.span.end <= first).cloned())
                .flatten()
        };
        after.or_else(before).or_else(|| {
            let tail = s[last + 2..].trim().trim_end_matches(['.', '"', '”']);
            let actors = rules.gazetteer.noun_actors(tail);
            (actors.len() == 1).then(|| Mention {
                span: last + 2..s.len(),
                actor: super::discourse::ActorRef::Known(actors[0]),
                person: false,
                kind: MentionKind::Description,
                surface: tail.to_string(),
            })
        })
    }

    /// "This was stated by X": the speaker this sentence hands back to the claims of the one
    /// before it, named after the phrase as after "according to".
    pub fn back_reference(&self, rules: &RuleSet) -> Option<Mention> {
        let phrase = rules.speech.back_reference.find(self.ctx.text)?;
        let reach = rules.speech.settings.according_to_reach;
        self.candidates()
            .find(|m| {
                m.span.start >= phrase.end()
                    && m.span.start <= phrase.end() + reach
                    && !self.is_intermediary(m)
            })
            .cloned()
    }

    /// The speaker the sentence as a whole reports (for carrying into the next sentences).
    pub fn sentence_speaker(&self, rules: &RuleSet) -> Option<Mention> {
        let ctx = self.ctx;
        ctx.cues
            .iter()
            .filter(|c| !ctx.is_masked(c.span.start))
            .find_map(|c| self.subject_of(rules, c))
            .filter(|m| !self.is_intermediary(m))
            .or_else(|| {
                if ctx.quoted && ctx.cues.is_empty() {
                    self.carried.clone()
                } else {
                    None
                }
            })
    }

    fn find_frames(&self, rules: &RuleSet) -> Vec<FrameHit> {
        let sentence = self.ctx.text;
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
                        m.span.start < inner.end()
                            && inner.start() < m.span.end
                            && inner.end() <= m.span.end + 3
                    })
                    .cloned();
                if inner_mention.is_none() && !frame.anonymous {
                    continue;
                }
                let inner_start = inner_mention
                    .as_ref()
                    .map_or(inner.start(), |m| m.span.start);
                let outer_cue = self
                    .ctx
                    .cues
                    .iter()
                    .rev()
                    .find(|c| c.span.start < inner_start);
                let outer = outer_cue
                    .and_then(|c| self.subject_of(rules, c))
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
