//! Extraction: compiled rules run over each sentence; every hit becomes a `Claim` with its value,
//! subject, polarity, speaker and position.

mod agents;
pub mod attribution;
mod carry;
pub mod clauses;
pub mod context;
pub mod discourse;
#[cfg(test)]
mod heuristics_tests;
pub mod mentions;
pub mod numbers;
mod speakers;
#[cfg(test)]
pub(crate) mod tests;
mod values;
pub mod voice;

pub use agents::agent_display;
pub use values::{category_display, polarity_display};

use crate::model::{ActorId, Claim, Value};
use crate::rules::{Kind, Pattern, Polarity, Rule, RuleSet};
use crate::text::{LineIndex, Sentence, split_sentences};
use attribution::Attribution;
use context::SentenceCtx;
use discourse::{ActorRef, Discourse};
use mentions::{Mention, find_mentions};
use regex::Captures;
use std::collections::BTreeMap;
use std::ops::Range;

/// A claim before it is placed in an event and numbered.
struct Hit<'r> {
    rule: &'r Rule,
    span: Range<usize>,
    value: Value,
    display: String,
    subject: String,
    speaker: Option<Mention>,
    superseded: bool,
    /// A count that adds to one told before ("two other fighters"): see `cues.increment`.
    increment: bool,
    /// Told with a reporting cue or inside a reported claim: see [`voice::Told::reported`].
    reported: bool,
    /// Told of another incident than the article's: see [`Claim::recap`].
    recap: bool,
}

/// What extraction keeps of a document: its claims, and who it names (for event grouping).
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Actor id -> named mentions.
    pub actors: BTreeMap<ActorId, u32>,
}

/// What extraction reads of an article.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    pub id: &'a str,
    /// Who published it: the speaker of the figures it states in its own voice. The id stands
    /// in when the outlet is not known.
    pub outlet: Option<&'a str>,
    pub text: &'a str,
    /// Where the text after any front matter begins.
    pub body_start: usize,
}

impl<'a> Article<'a> {
    pub fn of(doc: &'a crate::corpus::Document) -> Self {
        Article {
            id: &doc.meta.id,
            outlet: doc.meta.outlet.as_deref(),
            text: &doc.text,
            body_start: doc.body_start,
        }
    }
}

/// All claims in one article, in text order.
pub fn extract_document(rules: &RuleSet, article: &Article) -> Extraction {
    let (doc_id, text, body_start) = (article.id, article.text, article.body_start);
    let lines = LineIndex::new(text);
    let doc = DocCtx {
        rules,
        id: doc_id,
        text,
        lines: &lines,
    };
    let mut actors = BTreeMap::new();
    let mut discourse = Discourse::default();
    let mut claims: Vec<Claim> = Vec::new();
    let mut told: Vec<voice::Told> = Vec::new();
    let mut carry = carry::Carry::default();
    // Count rules with a figure in the previous sentence: an increment there is a part.
    let mut counted: Vec<&str> = Vec::new();
    // The claims of the previous sentence, by index in `claims`.
    let mut previous = 0..0;
    let sentences = split_sentences(text, body_start);
    let lead = voice::lead_end(rules, text, body_start, &sentences);
    let captions = rules.grouping.captions.as_ref();
    let captions = crate::text::caption_lines(text, body_start, |line| {
        captions.is_some_and(|c| c.is_match(line))
    });
    for (index, sentence) in sentences.iter().enumerate() {
        if captions.iter().any(|c| c.contains(&sentence.start)) {
            continue;
        }
        let s = &text[sentence.start..sentence.end];
        // One pass of the gate first: most sentences can match no pattern and few searches.
        let mut ctx = SentenceCtx::read(rules, s, sentence.quoted);
        ctx.after_lead = sentence.start >= lead;
        ctx.background = ctx.claims_possible && rules.lexicon.cues.background.is_match(s);
        let mentions = find_mentions(rules, &ctx, &mut discourse);
        let attr = Attribution::read(rules, &ctx, mentions, &discourse);
        let mut counted_here = Vec::new();
        // "This was stated by X" speaks for the previous sentence's unattributed claims.
        if let Some(m) = attr.back_reference(rules) {
            for i in previous.clone() {
                if claims[i].actor.is_none() {
                    voice_of(rules, &discourse, m.clone()).give(&mut claims[i]);
                    told[i].reported = true;
                }
            }
        }
        let first_here = claims.len();
        if ctx.claims_possible {
            for hit in sentence_hits(rules, &attr, &discourse, &counted) {
                if hit.rule.kind == Kind::Count {
                    counted_here.push(hit.rule.id.as_str());
                }
                let carries = hit.speaker.is_none()
                    && !(hit.reported || hit.recap || hit.superseded)
                    && ctx.after_lead;
                let carried = carries
                    .then(|| carry.speaker_for(rules, text, &sentences, index, &ctx))
                    .flatten()
                    .map(|m| voice_of(rules, &discourse, m));
                told.push(voice::Told {
                    reported: hit.reported,
                    carried,
                });
                claims.push(to_claim(&doc, &discourse, sentence, hit));
            }
        }
        counted = counted_here;
        previous = first_here..claims.len();
        let speaker = attr.sentence_speaker(rules);
        for m in attr
            .mentions
            .iter()
            .filter(|m| m.kind == mentions::MentionKind::Name)
        {
            if let ActorRef::Known(i) = m.actor {
                *actors
                    .entry(ActorId::new(rules.gazetteer.actors[i].id.as_str()))
                    .or_insert(0) += 1;
            }
        }
        carry.after(rules, index, sentence, &ctx, speaker.as_ref(), lead);
        discourse.remember(&attr.mentions, speaker.as_ref());
    }
    voice::settle(
        rules,
        &mut claims,
        &told,
        article.outlet.unwrap_or(doc_id),
        lead,
    );
    Extraction { claims, actors }
}

/// What every claim of one document shares: the rules, the document's id and text, and where
/// its lines start.
struct DocCtx<'a> {
    rules: &'a RuleSet,
    id: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
}

/// The claim a hit makes, complete but for its `id` and `event` (see [`Claim`]: both are known
/// only once the whole corpus is read, and the store fills them in).
fn to_claim(doc: &DocCtx, discourse: &Discourse, sentence: &Sentence, hit: Hit) -> Claim {
    let (rules, text, lines) = (doc.rules, doc.text, doc.lines);
    let offset = sentence.start + hit.span.start;
    let (line, column) = lines.line_col(text, offset);
    let mut claim = Claim {
        id: String::new(),
        rule: hit.rule.id.clone(),
        kind: hit.rule.kind,
        event: String::new(),
        document: doc.id.to_string(),
        actor: None,
        actor_name: None,
        camp: None,
        speaker: None,
        subject: hit.subject,
        value: hit.value,
        display: hit.display,
        quote: text[sentence.start..sentence.end].to_string(),
        line,
        column,
        superseded: hit.superseded,
        outlet_voice: false,
        recap: hit.recap,
        quote_start: lines.line_col(text, sentence.start).into(),
        highlight: hit.span,
        offset,
    };
    if let Some(m) = hit.speaker {
        voice_of(rules, discourse, m).give(&mut claim);
    }
    claim
}

/// `speaker` as a claim's voice: its actor's id, name and camp, and the speaker's words.
fn voice_of(rules: &RuleSet, discourse: &Discourse, speaker: Mention) -> voice::Voice {
    let actor = discourse.info(rules, speaker.actor);
    voice::Voice {
        actor: ActorId::new(actor.id),
        name: actor.name.to_string(),
        camp: actor.camp.map(str::to_string),
        speaker: Some(speaker.surface),
    }
}

/// Every claim in one sentence whose gate let patterns through.
///
/// Per rule, matches of all its patterns (found once by the sentence context, overlapping ones
/// too) are taken earliest first, so the claim that starts first wins regardless of pattern
/// order. Captures, far slower than finding, are read only for matches not overlapped by a
/// claim already taken.
fn sentence_hits<'r>(
    rules: &'r RuleSet,
    attr: &Attribution,
    discourse: &Discourse,
    counted: &[&str],
) -> Vec<Hit<'r>> {
    let s = attr.ctx.text;
    let mut hits: Vec<Hit> = Vec::new();
    let mut taken: Vec<(usize, Range<usize>)> = Vec::new();
    for m in &attr.ctx.matches {
        let (ri, pi, start, end) = (m.rule, m.pattern, m.start, m.end);
        if taken
            .iter()
            .any(|(r, span)| *r == ri && span.start < end && start < span.end)
        {
            continue;
        }
        let rule = &rules.rules[ri];
        let pattern = &rule.patterns[pi];
        // The match that starts at `start` is the one found there: same leftmost-first choice.
        let Some(caps) = pattern.regex.captures_at(s, start) else {
            continue;
        };
        let produced = hits_for_match(rules, rule, pattern, &caps, attr, discourse);
        if !produced.is_empty() {
            taken.push((ri, start..end));
            // An increment after a figure of its rule is a part of a sum, not a total.
            let told =
                counted.contains(&rule.id.as_str()) || hits.iter().any(|h| h.rule.id == rule.id);
            hits.extend(produced.into_iter().filter(|h| !(h.increment && told)));
        }
    }
    hits.sort_by_key(|h| (h.span.start, h.rule.id.clone()));
    hits
}

/// Whether the clause before a claim negates it. A later conjunction starts a new clause ("said
/// no fighters were killed and that the aircraft had struck farms"), except "denied that".
fn negated_before(rules: &RuleSet, window: &str) -> bool {
    let negation = &rules.lexicon.cues.negation;
    let clauses = &rules.lexicon.clauses;
    match clauses.conjunction.find_iter(window).last() {
        Some(c) => {
            let before = &window[..c.start()];
            let carry = clauses.settings.negation_carry;
            let tail = &before
                [crate::text::floor_char_boundary(before, before.len().saturating_sub(carry))..];
            negation.is_match(&window[c.end()..])
                || (clauses.carries_negation.is_match(c.as_str()) && negation.is_match(tail))
        }
        None => negation.is_match(window),
    }
}

fn hits_for_match<'r>(
    rules: &RuleSet,
    rule: &'r Rule,
    pattern: &Pattern,
    caps: &Captures,
    attr: &Attribution,
    discourse: &Discourse,
) -> Vec<Hit<'r>> {
    let s = attr.ctx.text;
    let whole = caps.get(0).expect("match");
    let cues = &rules.lexicon.cues;
    let frame = attr.frame_for(whole.start());
    let floor = frame.map_or(0, |f| f.end);
    let window = &s[clauses::clause_start(
        s,
        whole.start(),
        floor,
        rules.lexicon.clauses.settings.clause_window,
    )..whole.start()];
    if cues.hedge.is_match(window)
        || cues.hedge.is_match(whole.as_str()) && rule.kind != Kind::Count
    {
        return Vec::new();
    }
    // Another incident told in passing: look from the last reporting cue before the claim.
    let since_cue = attr
        .cues()
        .iter()
        .rev()
        .find(|c| c.span.end <= whole.start())
        .map_or(0, |c| c.span.end)
        .max(floor);
    let told_before = &s[since_cue..whole.start()];
    let recap = attr.ctx.background
        || cues.other_incident.is_match(told_before)
        || (rule.kind == Kind::Count
            && attr.ctx.after_lead
            && cues.new_incident.is_match(told_before));
    // "Israel denied any involvement", "Moscow blamed Kyiv": an agent match may hold its own
    // reporting verb, whose subject speaks (not whoever reported the sentence before it).
    let own_cue = rule.kind == Kind::Agent
        && attr
            .cues()
            .iter()
            .any(|c| whole.start() <= c.span.start && c.span.end <= whole.end());
    let at = if own_cue {
        whole.end()..whole.end()
    } else {
        whole.range()
    };
    let speaker = attr.speaker(rules, at);
    let negated_before = negated_before(rules, window);
    let negated = || {
        let inner = strip_captures(caps, &["category", "value", "agent"]);
        pattern.negatable && (negated_before || cues.negation.is_match(&inner))
    };
    let polarity = || {
        if pattern.polarity == Polarity::Denied || negated() {
            Polarity::Denied
        } else {
            Polarity::Affirmed
        }
    };
    let subject = || {
        pattern
            .subject
            .clone()
            .unwrap_or_else(|| rule.subject.clone())
    };
    let superseded = cues.superseded.is_match(&s[..whole.start()]);
    let increment = rule.kind == Kind::Count && adds_to_earlier(rules, caps, s);
    let reported = frame.is_some() || !attr.cues().is_empty();
    let hit = |value, display, subject, speaker| Hit {
        rule,
        span: whole.range(),
        value,
        display,
        subject,
        speaker,
        superseded,
        increment,
        reported,
        recap,
    };
    match rule.kind {
        Kind::Count => {
            let value_start = caps
                .name("qualifier")
                .or(caps.name("value"))
                .map_or(whole.start(), |m| m.start());
            if negated_before
                || cues.part_of.is_match(s[..value_start].trim_end())
                || cues.scope_after.is_match(&s[whole.end()..])
                || inside_a_code(s, value_start)
            {
                return Vec::new();
            }
            values::count_value(rules, rule, pattern, caps)
                .into_iter()
                .map(|(iv, display, subject)| {
                    hit(Value::Count(iv), display, subject, speaker.clone())
                })
                .collect()
        }
        Kind::Polarity => {
            let make = |p: Polarity, who: Option<Mention>| {
                let value = Value::Polarity { polarity: p };
                hit(value, polarity_display(p).into(), subject(), who)
            };
            with_dispute(frame, polarity(), speaker, make)
        }
        Kind::Category => {
            let categories = values::categories_of(&rules.lexicon, rule, caps, s, attr);
            if categories.is_empty() {
                return Vec::new();
            }
            let make = |p: Polarity, who: Option<Mention>| {
                let display = category_display(rule, &categories, p);
                let categories = categories.clone();
                let value = Value::Category {
                    categories,
                    polarity: p,
                };
                hit(value, display, subject(), who)
            };
            with_dispute(frame, polarity(), speaker, make)
        }
        Kind::Agent => {
            let span = caps.name("agent").map_or(0..0, |m| m.range());
            let agents = agents::agents_in(rules, attr, discourse, span);
            if agents.is_empty() {
                return Vec::new();
            }
            let make = |p: Polarity, who: Option<Mention>| {
                let display = agent_display(&agents, p);
                let value = Value::Agent {
                    agents: agents.clone(),
                    polarity: p,
                };
                hit(value, display, subject(), who)
            };
            with_dispute(frame, polarity(), speaker, make)
        }
    }
}

/// Digits glued to other digits by a dash, slash or colon are a date, time or code
/// ("2024-01-28"), not a figure.
fn inside_a_code(s: &str, value_start: usize) -> bool {
    let mut before = s[..value_start].chars().rev();
    matches!(before.next(), Some('-' | '/' | ':' | '.'))
        && before.next().is_some_and(|c| c.is_ascii_digit())
}

/// Whether a count match adds to a figure told before: "another" just before its figure, or
/// "other(s)", "more" right after it ("two other fighters", "dozens more").
fn adds_to_earlier(rules: &RuleSet, caps: &Captures, s: &str) -> bool {
    let Some(value) = caps.name("value") else {
        return false;
    };
    let reach = rules.lexicon.clauses.settings.increment_reach;
    let start = caps.name("qualifier").map_or(value.start(), |q| q.start());
    let before = &s[crate::text::floor_char_boundary(s, start.saturating_sub(reach))..start];
    let after_end = caps
        .name("subject")
        .map_or(value.end(), |m| m.end())
        .max(crate::text::floor_char_boundary(s, value.end() + reach));
    let after = &s[value.end()..after_end.min(s.len())];
    let cue = &rules.lexicon.cues.increment;
    cue.is_match(before.rsplit(char::is_whitespace).nth(1).unwrap_or("")) || cue.is_match(after)
}

/// A reported claim that the sentence's speaker rejects yields the speaker's opposite claim too.
fn with_dispute<'r>(
    frame: Option<&attribution::FrameHit>,
    polarity: Polarity,
    speaker: Option<Mention>,
    make: impl Fn(Polarity, Option<Mention>) -> Hit<'r>,
) -> Vec<Hit<'r>> {
    let mut out = vec![make(polarity, speaker)];
    if let Some(f) = frame
        && f.disputed
        && let Some(outer) = &f.outer
    {
        let flipped = match polarity {
            Polarity::Affirmed => Polarity::Denied,
            Polarity::Denied => Polarity::Affirmed,
        };
        out.push(make(flipped, Some(outer.clone())));
    }
    out
}

/// The match text with the named captures blanked, so a figure's "no" is not a negation.
fn strip_captures(caps: &Captures, names: &[&str]) -> String {
    let whole = caps.get(0).expect("match");
    let mut text = whole.as_str().to_string();
    for name in names {
        if let Some(m) = caps.name(name) {
            let (a, b) = (m.start() - whole.start(), m.end() - whole.start());
            text.replace_range(a..b, &" ".repeat(b - a));
        }
    }
    text
}
