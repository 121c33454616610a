//! Extraction: compiled rules run over each sentence; every hit becomes a `Claim` with its value,
//! subject, polarity, speaker and position.

pub mod attribution;
pub mod mentions;
pub mod numbers;

use crate::model::{Claim, Interval, Value};
use crate::rules::{Kind, Pattern, Polarity, Rule, RuleSet};
use crate::text::{LineIndex, Sentence, split_sentences};
use attribution::Attribution;
use mentions::{Discourse, Mention, find_mentions};
use regex::{Captures, Regex};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// How far back (bytes) negation and hedges are looked for, inside the claim's clause.
const CUE_WINDOW: usize = 90;

/// A claim before it is placed in an event and numbered.
struct Hit<'r> {
    rule: &'r Rule,
    span: Range<usize>,
    value: Value,
    display: String,
    subject: String,
    speaker: Option<Mention>,
}

/// What extraction keeps of a document: its claims, and who it names (for event grouping).
#[derive(Debug, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Actor id -> named mentions.
    pub actors: BTreeMap<String, u32>,
}

/// All claims in one document, in text order.
pub fn extract_document(
    rules: &RuleSet,
    doc_id: &str,
    text: &str,
    body_start: usize,
) -> Extraction {
    let lines = LineIndex::new(text);
    let mut actors = BTreeMap::new();
    let mut discourse = Discourse::default();
    let mut claims = Vec::new();
    for sentence in split_sentences(text, body_start) {
        let s = &text[sentence.start..sentence.end];
        let mentions = find_mentions(rules, s, &mut discourse);
        let attr = Attribution::read(rules, s, mentions, sentence.quoted, &discourse);
        for hit in sentence_hits(rules, s, &attr) {
            claims.push(to_claim(rules, doc_id, text, &lines, &sentence, hit));
        }
        let speaker = attr.sentence_speaker(rules, s);
        for m in attr
            .mentions
            .iter()
            .filter(|m| m.kind == mentions::MentionKind::Name)
        {
            *actors
                .entry(rules.gazetteer.actors[m.actor].id.clone())
                .or_insert(0) += 1;
        }
        discourse.remember(&attr.mentions, speaker.as_ref());
    }
    Extraction { claims, actors }
}

fn to_claim(
    rules: &RuleSet,
    doc_id: &str,
    text: &str,
    lines: &LineIndex,
    sentence: &Sentence,
    hit: Hit,
) -> Claim {
    let offset = sentence.start + hit.span.start;
    let (line, column) = lines.line_col(text, offset);
    let actor = hit
        .speaker
        .as_ref()
        .map(|m| &rules.gazetteer.actors[m.actor]);
    Claim {
        id: String::new(),
        rule: hit.rule.id.clone(),
        kind: hit.rule.kind,
        event: String::new(),
        document: doc_id.to_string(),
        actor: actor.map(|a| a.id.clone()),
        actor_name: actor.map(|a| a.name.clone()),
        camp: actor.map(|a| a.camp.clone()),
        speaker: hit.speaker.map(|m| m.surface),
        subject: hit.subject,
        value: hit.value,
        display: hit.display,
        quote: text[sentence.start..sentence.end].to_string(),
        line,
        column,
        highlight: (hit.span.start, hit.span.end),
        offset,
    }
}

/// Every claim in one sentence. A `RegexSet` pass first: most sentences match nothing.
///
/// Per rule, matches of all its patterns are gathered (overlapping ones too) and taken earliest
/// first, so the claim that starts first wins regardless of pattern order.
fn sentence_hits<'r>(rules: &'r RuleSet, s: &str, attr: &Attribution) -> Vec<Hit<'r>> {
    let matched = rules.set.matches(s);
    if !matched.matched_any() {
        return Vec::new();
    }
    let mut candidates: Vec<(usize, usize, usize, Captures)> = Vec::new();
    for idx in matched.iter() {
        let (ri, pi) = rules.set_index[idx];
        let regex = &rules.rules[ri].patterns[pi].regex;
        let mut at = 0;
        while at < s.len() {
            let Some(caps) = regex.captures_at(s, at) else {
                break;
            };
            let start = caps.get(0).expect("match").start();
            at = start + s[start..].chars().next().map_or(1, char::len_utf8);
            candidates.push((ri, start, pi, caps));
        }
    }
    candidates.sort_by_key(|(ri, start, pi, _)| (*ri, *start, *pi));
    let mut hits: Vec<Hit> = Vec::new();
    let mut taken: Vec<(usize, Range<usize>)> = Vec::new();
    for (ri, _, pi, caps) in &candidates {
        let whole = caps.get(0).expect("match");
        if taken
            .iter()
            .any(|(r, span)| r == ri && span.start < whole.end() && whole.start() < span.end)
        {
            continue;
        }
        let rule = &rules.rules[*ri];
        let produced = hits_for_match(rules, rule, &rule.patterns[*pi], caps, s, attr);
        if !produced.is_empty() {
            taken.push((*ri, whole.range()));
            hits.extend(produced);
        }
    }
    hits.sort_by_key(|h| (h.span.start, h.rule.id.clone()));
    hits
}

/// The start of the clause a position sits in, never before `floor`.
fn clause_start(s: &str, pos: usize, floor: usize) -> usize {
    let window_floor =
        crate::text::floor_char_boundary(s, pos.saturating_sub(CUE_WINDOW)).max(floor);
    let head = &s[window_floor..pos];
    head.rfind([',', ';', ':', '(', '—', '–', '“', '”', '"'])
        .map_or(window_floor, |i| {
            window_floor + i + head[i..].chars().next().map_or(1, char::len_utf8)
        })
}

fn hits_for_match<'r>(
    rules: &RuleSet,
    rule: &'r Rule,
    pattern: &Pattern,
    caps: &Captures,
    s: &str,
    attr: &Attribution,
) -> Vec<Hit<'r>> {
    let whole = caps.get(0).expect("match");
    let cues = &rules.lexicon.cues;
    let frame = attr.frame_for(whole.start());
    let floor = frame.map_or(0, |f| f.end);
    let window = &s[clause_start(s, whole.start(), floor)..whole.start()];
    if cues.hedge.is_match(window)
        || cues.hedge.is_match(whole.as_str()) && rule.kind != Kind::Count
    {
        return Vec::new();
    }
    // Another incident told in passing: look from the last reporting cue before the claim.
    let since_cue = attr
        .cues
        .iter()
        .rev()
        .find(|c| c.end <= whole.start())
        .map_or(0, |c| c.end)
        .max(floor);
    if cues.other_incident.is_match(&s[since_cue..whole.start()]) {
        return Vec::new();
    }
    let speaker = attr.speaker(rules, s, whole.range());
    let negated = || {
        let inner = strip_captures(caps, &["category", "value"]);
        cues.negation.is_match(window) || cues.negation.is_match(&inner)
    };
    let hit = |value, display, subject, speaker| Hit {
        rule,
        span: whole.range(),
        value,
        display,
        subject,
        speaker,
    };
    match rule.kind {
        Kind::Count => {
            let value_start = caps
                .name("qualifier")
                .or(caps.name("value"))
                .map_or(whole.start(), |m| m.start());
            if cues.negation.is_match(window) || cues.part_of.is_match(s[..value_start].trim_end())
            {
                return Vec::new();
            }
            count_value(rules, rule, pattern, caps)
                .map(|(iv, display, subject)| {
                    vec![hit(Value::Count(iv), display, subject, speaker)]
                })
                .unwrap_or_default()
        }
        Kind::Polarity => {
            let polarity = if pattern.polarity == Polarity::Denied || negated() {
                Polarity::Denied
            } else {
                Polarity::Affirmed
            };
            let make = |p: Polarity, who: Option<Mention>| {
                hit(
                    Value::Polarity { polarity: p },
                    polarity_display(p).into(),
                    rule.subject.clone(),
                    who,
                )
            };
            with_dispute(frame, polarity, speaker, make)
        }
        Kind::Category => {
            let categories = categories_of(rule, caps, s, attr);
            if categories.is_empty() {
                return Vec::new();
            }
            let polarity = if pattern.polarity == Polarity::Denied || negated() {
                Polarity::Denied
            } else {
                Polarity::Affirmed
            };
            let make = |p: Polarity, who: Option<Mention>| {
                let display = category_display(rule, &categories, p);
                hit(
                    Value::Category {
                        categories: categories.clone(),
                        polarity: p,
                    },
                    display,
                    rule.subject.clone(),
                    who,
                )
            };
            with_dispute(frame, polarity, speaker, make)
        }
    }
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

pub fn polarity_display(p: Polarity) -> &'static str {
    match p {
        Polarity::Affirmed => "affirmed",
        Polarity::Denied => "denied",
    }
}

pub fn category_display(rule: &Rule, categories: &[String], p: Polarity) -> String {
    let labels: Vec<&str> = categories
        .iter()
        .map(|c| rule.category(c).map_or(c.as_str(), |c| c.label.as_str()))
        .collect();
    match p {
        Polarity::Affirmed => labels.join(", "),
        Polarity::Denied => format!("not {}", labels.join(", not ")),
    }
}

fn count_value(
    rules: &RuleSet,
    rule: &Rule,
    pattern: &Pattern,
    caps: &Captures,
) -> Option<(Interval, String, String)> {
    let lex = &rules.lexicon;
    let value = caps.name("value")?;
    let qualifier = caps.name("qualifier").map(|m| m.as_str().trim());
    let bound = qualifier.and_then(|q| lex.bound(q));
    let fixed_subject = || {
        pattern
            .subject
            .clone()
            .unwrap_or_else(|| rule.subject.clone())
    };
    let items: Vec<Captures> = lex.tally_item.captures_iter(value.as_str()).collect();
    if items.len() >= 2 {
        let mut total = Interval::exact(0);
        let mut classes: Vec<&str> = Vec::new();
        for item in &items {
            let amount = numbers::parse_amount(lex, item.name("n")?.as_str())?;
            let iv = numbers::interval(None, &amount);
            total = Interval {
                min: total.min + iv.min,
                max: total.max.zip(iv.max).map(|(a, b)| a + b),
            };
            classes.push(lex.subject_class(item.name("s")?.as_str())?);
        }
        classes.dedup();
        let subject = if classes.len() == 1 {
            classes[0].to_string()
        } else {
            fixed_subject()
        };
        let iv = numbers::interval(bound, &numbers::Amount::Exact(total.min));
        let display = numbers::display(qualifier, &numbers::Amount::Exact(total.min));
        return Some((
            if total.max == Some(total.min) {
                iv
            } else {
                total
            },
            display,
            subject,
        ));
    }
    let amount = numbers::parse_amount(lex, value.as_str())?;
    let subject = match caps.name("subject") {
        Some(m) => lex.subject_class(m.as_str())?.to_string(),
        None => fixed_subject(),
    };
    Some((
        numbers::interval(bound, &amount),
        numbers::display(qualifier, &amount),
        subject,
    ))
}

/// What may stand between two items of one list: "A, B", "A and B", "A including several B".
static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:(?:and|or|including|such\s+as|as\s+well\s+as|plus|along\s+with)\b)?[\s,]*(?:(?:several|other|some|the|a|an|its|their|multiple|various|many|dozens\s+of|\d+)\s+)*$")
        .expect("static regex")
});

/// The captured category, plus those that follow it in the same list ("command centres,
/// logistics sites and rockets").
fn categories_of(rule: &Rule, caps: &Captures, s: &str, attr: &Attribution) -> Vec<String> {
    let Some(first) = caps
        .name("category")
        .and_then(|m| rule.category_of(m.as_str()))
    else {
        return Vec::new();
    };
    let mut out = vec![first.id.clone()];
    let Some(scan) = &rule.category_scan else {
        return out;
    };
    let end = caps.get(0).expect("match").end();
    let rest = &s[end..];
    let mut stop = rest.find(['.', ';', ':', '—']).unwrap_or(rest.len());
    for marker in [
        " but ",
        ", while ",
        ", which ",
        ", who ",
        ", the ",
        ", according ",
    ] {
        if let Some(i) = rest.find(marker) {
            stop = stop.min(i);
        }
    }
    if let Some(c) = attr.cues.iter().find(|c| c.start >= end) {
        stop = stop.min(c.start - end);
    }
    let mut last = 0;
    for m in scan.find_iter(&rest[..stop]) {
        if !LIST_GAP.is_match(&rest[last..m.start()]) {
            break;
        }
        if let Some(c) = rule.category_of(m.as_str())
            && !out.contains(&c.id)
        {
            out.push(c.id.clone());
        }
        last = m.end();
    }
    out
}
