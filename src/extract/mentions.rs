//! Who is named in a sentence, found in one pass: the gazetteer's names, speaking names and
//! definite descriptions (one search each, of the sentence alone), then what the article itself
//! established (learned names, spelling variants, names in speaker positions, pronouns), each
//! resolved to an actor. Attribution reads the list; nothing goes back to the gazetteer.

use super::context::SentenceCtx;
use super::discourse::{ActorRef, Discourse};
use super::speakers::open_speakers;
use crate::rules::RuleSet;
use crate::rules::gate::Probe;
use crate::rules::gazetteer::Found;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Name,
    Pronoun,
    Description,
}

/// A reference to an actor, with a sentence-relative byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Range<usize>,
    pub actor: ActorRef,
    pub person: bool,
    pub kind: MentionKind,
    /// How the article named the speaker (a pronoun shows the name it stands for).
    pub surface: String,
}

fn overlaps(found: &[Mention], span: &Range<usize>) -> bool {
    found
        .iter()
        .any(|m| m.span.start < span.end && span.start < m.span.end)
}

/// Every mention in one sentence, in text order.
pub fn find_mentions(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    discourse: &mut Discourse,
) -> Vec<Mention> {
    let s = ctx.text;
    let scan = &ctx.scan;
    let gazetteer = rules.gazetteer.find_all(
        s,
        scan.may(Probe::Alias),
        scan.may(Probe::SpeakingName),
        scan.may(Probe::Description),
    );
    let mut found: Vec<Mention> = Vec::new();
    let mut nouns = Vec::new();
    for hit in gazetteer {
        match hit {
            Found::Alias {
                span,
                actor,
                person,
            } => found.push(Mention {
                surface: s[span.clone()].to_string(),
                span,
                actor: ActorRef::Known(actor),
                person,
                kind: MentionKind::Name,
            }),
            Found::SpeakingName { span, actor } => {
                if speaks(rules, s, span.end) && !overlaps(&found, &span) {
                    found.push(Mention {
                        surface: s[span.clone()].to_string(),
                        span,
                        actor: ActorRef::Known(actor),
                        person: false,
                        kind: MentionKind::Name,
                    });
                }
            }
            Found::Noun { span, noun } => nouns.push((span, noun)),
        }
    }
    resolve_descriptions(rules, s, &nouns, discourse, &mut found);
    resolve_named_heads(rules, s, discourse, &mut found);
    learn_names(rules, s, &found, discourse);
    find_learned(s, discourse, &mut found);
    find_variants(rules, s, &ctx.names, &mut found);
    found.sort_by_key(|m| (m.span.start, m.span.end));
    let open = open_speakers(rules, ctx, &found, discourse);
    found.extend(open);
    find_pronouns(rules, ctx, discourse, &mut found);
    found.sort_by_key(|m| (m.span.start, m.span.end));
    found
}

/// "Iraq said", "Israel has denied": a state name right before a reporting verb speaks for its
/// government; anywhere else ("strikes in Iraq") it is a place, not a speaker.
fn speaks(rules: &RuleSet, sentence: &str, end: usize) -> bool {
    let rest = &sentence[end..];
    // The verb is close or not at all (`name_reach`): no need to read the rest of the sentence.
    let reach = rules.speech.settings.name_reach;
    let rest = &rest[..crate::text::floor_char_boundary(rest, rest.len().min(reach))];
    // "Iraq's foreign ministry said": a possessive's apostrophe and "s" are punctuation-level
    // (no word of a language is read here), so they stay in code.
    let rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("’s"))
        .unwrap_or(rest);
    let gap_limit = rules.speech.settings.subject_gap;
    [&rules.speech.verbs, &rules.speech.participles]
        .iter()
        .any(|re| {
            re.find(rest).is_some_and(|v| {
                let gap = &rest[..v.start()];
                gap.len() <= gap_limit
                    && gap.split_whitespace().all(|w| {
                        w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit())
                            || rules.speech.has_gap_ending(w)
                    })
            })
        })
}

/// "State Department spokesman Vedant Patel", "Yahya Saree, a spokesman for the Houthis":
/// the name then refers to that actor for the rest of the article.
fn learn_names(rules: &RuleSet, sentence: &str, found: &[Mention], discourse: &mut Discourse) {
    let speech = &rules.speech;
    for m in found {
        if m.person {
            discourse.learn(rules, &m.surface, m.actor);
            continue;
        }
        let after = &sentence[m.span.end..];
        // Each shape needs a capital right after the mention, or a comma right before it.
        // "Pentagon spokesman Col. Jane Doe": a name (capitalised) or a role follows at once.
        let first = after
            .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
            .chars()
            .next();
        let role_after = speech
            .role_after
            .is_match(after.strip_prefix(',').unwrap_or(after));
        let may_name = first.is_some_and(char::is_uppercase) || role_after;
        if may_name && let Some(c) = speech.role_then_name.captures(after) {
            let has_role = c.name("role").is_some() || speech.role_tail.is_match(&m.surface);
            if has_role && let Some(name) = c.name("name") {
                discourse.learn(rules, name.as_str(), m.actor);
            }
        }
        // The shapes below end right before the mention: a window of the text before it
        // (`role_window`) is enough, and far cheaper than the whole sentence.
        let before = &sentence[..m.span.start];
        let window = speech.settings.role_window;
        let before = &before
            [crate::text::floor_char_boundary(before, before.len().saturating_sub(window))..];
        if !before.contains(',') {
            continue;
        }
        let named = speech
            .name_then_role
            .captures(before)
            .or_else(|| {
                role_after
                    .then(|| speech.name_then_alias.captures(before))
                    .flatten()
            })
            .or_else(|| {
                speech
                    .role_tail
                    .is_match(&m.surface)
                    .then(|| speech.name_then_alias.captures(before))
                    .flatten()
            });
        if let Some(name) = named.as_ref().and_then(|c| c.name("name")) {
            discourse.learn(rules, name.as_str(), m.actor);
        }
    }
}

fn find_learned(sentence: &str, discourse: &Discourse, found: &mut Vec<Mention>) {
    for (name, target) in discourse.learned() {
        for (start, _) in sentence.match_indices(name.as_str()) {
            let end = start + name.len();
            let bounded = !sentence[..start].ends_with(|c: char| c.is_alphanumeric())
                && !sentence[end..].starts_with(|c: char| c.is_alphanumeric());
            if bounded && !overlaps(found, &(start..end)) {
                found.push(Mention {
                    span: start..end,
                    actor: target.actor,
                    person: target.person,
                    kind: MentionKind::Name,
                    surface: name.clone(),
                });
            }
        }
    }
}

/// Capitalised names that are close spelling variants of a multi-word alias.
fn find_variants(
    rules: &RuleSet,
    sentence: &str,
    names: &[Range<usize>],
    found: &mut Vec<Mention>,
) {
    for m in names {
        // A longer variant may contain a shorter exact alias ("Kata’ib Hizballah" holds
        // "Hizballah"); one that only partly overlaps a mention is left alone.
        let crosses = found.iter().any(|f| {
            f.span.start < m.end
                && m.start < f.span.end
                && (f.span.start < m.start || f.span.end > m.end)
        });
        let exact = found.iter().any(|f| f.span == *m);
        if crosses || exact {
            continue;
        }
        // Try the whole name, then without leading words ("Major General Yehia Rasool").
        let mut start = m.start;
        while start < m.end {
            let candidate = &sentence[start..m.end];
            if candidate.split_whitespace().count() < 2 {
                break;
            }
            if let Some(t) = rules.gazetteer.fuzzy_lookup(candidate) {
                found.retain(|f| !(f.span.start >= start && f.span.end <= m.end));
                found.push(Mention {
                    span: start..m.end,
                    actor: ActorRef::Known(t.actor),
                    person: t.person,
                    kind: MentionKind::Name,
                    surface: candidate.to_string(),
                });
                break;
            }
            start += candidate
                .find(char::is_whitespace)
                .map_or(candidate.len(), |i| i + 1);
            start += sentence[start..].len() - sentence[start..].trim_start().len();
        }
    }
}

fn find_pronouns(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    discourse: &Discourse,
    found: &mut Vec<Mention>,
) {
    let speech = &rules.speech;
    let mut pronouns = Vec::new();
    for (re, person, probe) in [
        (&speech.person_pronoun, true, Probe::PersonPronoun),
        (&speech.speaker_pronoun, false, Probe::SpeakerPronoun),
    ] {
        if !ctx.scan.may(probe) {
            continue;
        }
        for p in re.find_iter(ctx.text) {
            if overlaps(found, &p.range()) {
                continue;
            }
            let earlier = found
                .iter()
                .filter(|m| {
                    m.span.end <= p.start()
                        && m.kind != MentionKind::Pronoun
                        && (!person || m.person)
                })
                .filter(|m| !discourse.intermediary(rules, m.actor))
                .max_by_key(|m| m.span.end);
            // "It said" after "Harakat al-Nujaba gave a lower figure.": the previous sentence's
            // speaker, else its subject, else whoever spoke last.
            let antecedent = earlier.or(if person {
                discourse.last_person.as_ref()
            } else {
                discourse
                    .previous_speaker
                    .as_ref()
                    .or(discourse.previous_subject.as_ref())
                    .or(discourse.last_speaker.as_ref())
            });
            if let Some(a) = antecedent {
                pronouns.push(Mention {
                    span: p.range(),
                    actor: a.actor,
                    person: a.person,
                    kind: MentionKind::Pronoun,
                    surface: a.surface.clone(),
                });
            }
        }
    }
    found.extend(pronouns);
}

/// "the directorate" / "the council" after the article named "the Idlib Health Directorate" or
/// "the Mariupol City Council": a definite description whose noun is an organisation's word
/// (`organisation_words`) and the last word of an actor only this article named before it,
/// the most recent such one. The gazetteer's own descriptions ("the ministry") resolve first.
fn resolve_named_heads(
    rules: &RuleSet,
    sentence: &str,
    discourse: &Discourse,
    found: &mut Vec<Mention>,
) {
    // Most articles name no such actor: then there is nothing to search for.
    if !discourse.has_named() {
        return;
    }
    let speech = &rules.speech;
    let mut add = Vec::new();
    for head in speech.organisation.find_iter(sentence) {
        let before = sentence[..head.start()].trim_end();
        let Some(article) = before.rsplit(char::is_whitespace).next() else {
            continue;
        };
        // `before` is a prefix of the sentence, so the article starts where it ends.
        let span = before.len() - article.len()..head.end();
        if !speech.is_article(article) || overlaps(found, &span) {
            continue;
        }
        if let Some(actor) = discourse.named_with_head(head.as_str()) {
            add.push(Mention {
                surface: sentence[span.clone()].to_string(),
                span,
                actor,
                person: false,
                kind: MentionKind::Description,
            });
        }
    }
    found.extend(add);
}

/// "the monitor", "the group": the latest actor named in the article that the noun fits.
fn resolve_descriptions(
    rules: &RuleSet,
    sentence: &str,
    nouns: &[(Range<usize>, Range<usize>)],
    discourse: &Discourse,
    found: &mut Vec<Mention>,
) {
    let g = &rules.gazetteer;
    let mut add = Vec::new();
    for (span, noun) in nouns {
        // "the group Kata'ib Hezbollah": an appositive, the name itself is the mention.
        let followed_by_name = found
            .iter()
            .any(|m| m.span.start >= span.end && m.span.start <= span.end + 1);
        if overlaps(found, span) || followed_by_name {
            continue;
        }
        let candidates = g.noun_actors(&sentence[noun.clone()]);
        let fits = |a: &ActorRef| matches!(a, ActorRef::Known(i) if candidates.contains(i));
        let in_sentence = found
            .iter()
            .filter(|m| m.span.end <= span.start && fits(&m.actor))
            .max_by_key(|m| m.span.end)
            .map(|m| m.actor);
        let actor =
            in_sentence.or_else(|| discourse.recent.iter().rev().find(|a| fits(a)).copied());
        if let Some(actor) = actor {
            add.push(Mention {
                span: span.clone(),
                actor,
                person: false,
                kind: MentionKind::Description,
                surface: sentence[span.clone()].to_string(),
            });
        }
    }
    found.extend(add);
}
