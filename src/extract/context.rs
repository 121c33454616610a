//! One sentence as every step of extraction reads it: the gate's verdict, its capitalised names,
//! reporting cues, quotes and the stretches that do not carry its main clause. Worked out once,
//! then handed to mention finding, attribution and claim reading alike.

use super::clauses::{masks, quote_spans};
use crate::rules::RuleSet;
use crate::rules::gate::{Probe, Scan};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    Participle,
    AccordingTo,
}

/// A reporting cue: "said", "saying", "according to".
#[derive(Debug, Clone)]
pub struct Cue {
    pub span: Range<usize>,
    pub kind: CueKind,
}

/// A match of one rule pattern in the sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PatternMatch {
    pub rule: usize,
    pub start: usize,
    pub pattern: usize,
    pub end: usize,
}

/// A sentence, read once.
#[derive(Debug)]
pub struct SentenceCtx<'s> {
    pub text: &'s str,
    pub scan: Scan<'s>,
    /// Every match of every rule pattern, by rule, start, pattern and end; overlapping matches
    /// are all here. Only the patterns the gate lets through are run.
    pub matches: Vec<PatternMatch>,
    /// Some rule pattern matches: false for most sentences.
    pub claims_possible: bool,
    /// The sentence opens inside a quotation that began earlier.
    pub quoted: bool,
    /// The sentence comes after the article's lead (see `voice::lead_end`).
    pub after_lead: bool,
    /// The sentence tells background ("in a previous strike, ..."): every claim in it tells of
    /// another incident (see `cues.background`).
    pub background: bool,
    /// Capitalised multi-word names ("Vedant Patel", "Tal al-Sultan").
    pub names: Vec<Range<usize>>,
    pub cues: Vec<Cue>,
    /// Parentheses, dash pairs and appositives: they do not carry the main clause.
    pub masked: Vec<Range<usize>>,
    /// Quoted stretches: a name inside a quote is not the subject of a verb outside it.
    pub quotes: Vec<Range<usize>>,
    /// After "told", "briefed": the listener or the conduit, never the speaker.
    pub addressees: Vec<Range<usize>>,
}

impl<'s> SentenceCtx<'s> {
    /// Reads a sentence. When the gate lets no rule pattern through and no cue is found, only
    /// the names are worked out: that is most sentences of most articles.
    pub fn read(rules: &'s RuleSet, text: &'s str, quoted: bool) -> Self {
        let scan = rules.gate.scan(text);
        let names = if scan.may(Probe::Name) {
            rules
                .speech
                .name
                .find_iter(text)
                .map(|m| m.range())
                .collect()
        } else {
            Vec::new()
        };
        let cues = find_cues(rules, text, &scan);
        let matches = pattern_matches(rules, text, &scan);
        let mut ctx = SentenceCtx {
            text,
            claims_possible: !matches.is_empty(),
            matches,
            scan,
            quoted,
            after_lead: false,
            background: false,
            names,
            cues,
            masked: Vec::new(),
            quotes: Vec::new(),
            addressees: Vec::new(),
        };
        if ctx.cues.is_empty() && !ctx.claims_possible {
            return ctx;
        }
        ctx.quotes = quote_spans(text, quoted);
        ctx.masked = masks(rules, text, |r| {
            !ctx.cues
                .iter()
                .any(|c| c.kind == CueKind::Verb && r.contains(&c.span.start))
        });
        ctx.addressees = find_addressees(rules, text, &ctx.scan);
        ctx
    }

    /// Whether a position lies in a stretch that does not carry the main clause.
    pub fn is_masked(&self, pos: usize) -> bool {
        self.masked.iter().any(|r| r.contains(&pos))
    }

    /// The quoted stretch a position lies in.
    pub fn quote_at(&self, pos: usize) -> Option<&Range<usize>> {
        self.quotes.iter().find(|q| q.contains(&pos))
    }

    /// The text of `range` without its masked stretches (appositives, parentheses).
    pub fn unmasked(&self, range: Range<usize>) -> String {
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
                out.push_str(&self.text[at..m.start]);
            }
            at = at.max(m.end);
        }
        if at < range.end {
            out.push_str(&self.text[at..range.end]);
        }
        out
    }
}

/// Every match of the patterns the gate lets through, starting at every position one can: a
/// pattern's later match may start inside its earlier one, and the overlap is settled by the
/// claim reader.
fn pattern_matches(rules: &RuleSet, text: &str, scan: &Scan) -> Vec<PatternMatch> {
    let mut out = Vec::new();
    for (rule, pattern) in scan.patterns() {
        let regex = &rules.rules[rule].patterns[pattern].regex;
        let mut at = 0;
        while at < text.len() {
            let Some(m) = regex.find_at(text, at) else {
                break;
            };
            out.push(PatternMatch {
                rule,
                start: m.start(),
                pattern,
                end: m.end(),
            });
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.sort_unstable();
    out
}

/// Reporting cues in text order; where two overlap, "according to" wins over a participle, a
/// participle over a verb.
fn find_cues(rules: &RuleSet, text: &str, scan: &Scan) -> Vec<Cue> {
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
        for m in re.find_iter(text) {
            // "an alleged attack", "the reported toll": after an article, an adjective.
            let word_before = text[..m.start()]
                .split_whitespace()
                .next_back()
                .unwrap_or("");
            if kind == CueKind::Verb && s.is_article(word_before) {
                continue;
            }
            if !cues
                .iter()
                .any(|c| c.span.start < m.end() && m.start() < c.span.end)
            {
                cues.push(Cue {
                    span: m.range(),
                    kind,
                });
            }
        }
    }
    cues.sort_by_key(|c| c.span.start);
    cues
}

/// What follows "told" up to the end of its phrase (`addressee_ends`): "told reporters in
/// Washington", "told the Associated Press".
fn find_addressees(rules: &RuleSet, text: &str, scan: &Scan) -> Vec<Range<usize>> {
    if !scan.may(Probe::Addressee) {
        return Vec::new();
    }
    let speech = &rules.speech;
    speech
        .addressee
        .find_iter(text)
        .map(|m| {
            let rest = &text[m.end()..];
            let stop = speech
                .addressee_end
                .find(rest)
                .map_or(rest.len(), |e| e.start());
            m.end()..m.end() + stop
        })
        .collect()
}
