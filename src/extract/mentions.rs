//! Who is named in a sentence: gazetteer aliases, names learned earlier in the article, spelling
//! variants, pronouns and definite descriptions, each resolved to an actor.

use crate::rules::RuleSet;
use crate::rules::gate::{Probe, Scan};
use crate::rules::gazetteer::AliasTarget;
use crate::rules::speech::NAME;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Name,
    Pronoun,
    Description,
}

/// A reference to an actor, with sentence-relative byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: usize,
    pub person: bool,
    pub kind: MentionKind,
    /// How the article named the speaker (a pronoun shows the name it stands for).
    pub surface: String,
}

/// What an article has established so far: names learned, who spoke last.
#[derive(Debug, Default)]
pub struct Discourse {
    /// Names (full and surname) tied to an actor by the article itself.
    learned: Vec<(String, AliasTarget)>,
    pub last_speaker: Option<Mention>,
    pub last_person: Option<Mention>,
    /// Actors in order of their latest named mention, for definite descriptions.
    recent: Vec<usize>,
    /// The previous sentence's speaker and first-named actor, for "it said" / "they said".
    pub previous_speaker: Option<Mention>,
    pub previous_subject: Option<Mention>,
}

static NAME_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(NAME).expect("static regex"));

fn overlaps(found: &[Mention], start: usize, end: usize) -> bool {
    found.iter().any(|m| m.start < end && start < m.end)
}

impl Discourse {
    fn learn(&mut self, name: &str, target: AliasTarget) {
        let target = AliasTarget {
            person: true,
            ..target
        };
        let name = name.trim();
        let mut add = |n: &str| {
            if n.len() >= 3 && !self.learned.iter().any(|(k, _)| k == n) {
                self.learned.push((n.to_string(), target));
            }
        };
        add(name);
        if let Some(surname) = name.split_whitespace().last() {
            add(surname);
        }
    }

    /// Remembers who was named and who spoke, after a sentence is read.
    pub fn remember(&mut self, mentions: &[Mention], speaker: Option<&Mention>) {
        self.previous_speaker = speaker.cloned();
        self.previous_subject = mentions
            .iter()
            .find(|m| m.kind != MentionKind::Pronoun)
            .cloned();
        for m in mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            self.recent.retain(|a| *a != m.actor);
            self.recent.push(m.actor);
        }
        if let Some(p) = mentions.iter().rev().find(|m| m.person) {
            self.last_person = Some(p.clone());
        }
        if let Some(s) = speaker {
            self.last_speaker = Some(s.clone());
            if s.person {
                self.last_person = Some(s.clone());
            }
        }
    }
}

/// Every mention in one sentence, in text order.
pub fn find_mentions(
    rules: &RuleSet,
    sentence: &str,
    scan: &Scan,
    names: &[Range<usize>],
    discourse: &mut Discourse,
) -> Vec<Mention> {
    let g = &rules.gazetteer;
    let aliases = if scan.may(Probe::Alias) {
        g.find_aliases(sentence)
    } else {
        Vec::new()
    };
    let mut found: Vec<Mention> = aliases
        .into_iter()
        .map(|(start, end, t)| Mention {
            start,
            end,
            actor: t.actor,
            person: t.person,
            kind: MentionKind::Name,
            surface: sentence[start..end].to_string(),
        })
        .collect();
    if scan.may(Probe::SpeakingName) {
        find_speaking_names(rules, sentence, &mut found);
    }
    if scan.may(Probe::Description) {
        find_descriptions(rules, sentence, discourse, &mut found);
    }
    learn_names(rules, sentence, &found, discourse);
    find_learned(sentence, discourse, &mut found);
    find_variants(rules, sentence, names, &mut found);
    find_pronouns(rules, sentence, scan, discourse, &mut found);
    found.sort_by_key(|m| (m.start, m.end));
    found
}

/// "State Department spokesman Vedant Patel", "Yahya Saree, a spokesman for the Houthis":
/// the name then refers to that actor for the rest of the article.
fn learn_names(rules: &RuleSet, sentence: &str, found: &[Mention], discourse: &mut Discourse) {
    let speech = &rules.speech;
    for m in found {
        let target = AliasTarget {
            actor: m.actor,
            person: true,
        };
        if m.person {
            discourse.learn(&m.surface, target);
            continue;
        }
        if let Some(c) = speech.role_then_name.captures(&sentence[m.end..]) {
            let has_role = c.name("role").is_some() || speech.role_tail.is_match(&m.surface);
            if has_role && let Some(name) = c.name("name") {
                discourse.learn(name.as_str(), target);
            }
        }
        let before = &sentence[..m.start];
        let role_after = speech.role_after.is_match(&sentence[m.end..]);
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
            discourse.learn(name.as_str(), target);
        }
    }
}

fn find_learned(sentence: &str, discourse: &Discourse, found: &mut Vec<Mention>) {
    // Longest names first, so "Vedant Patel" is one mention, not "Patel" inside it.
    let mut learned: Vec<&(String, AliasTarget)> = discourse.learned.iter().collect();
    learned.sort_by_key(|l| std::cmp::Reverse(l.0.len()));
    for (name, target) in learned {
        for (start, _) in sentence.match_indices(name.as_str()) {
            let end = start + name.len();
            let bounded = !sentence[..start].ends_with(|c: char| c.is_alphanumeric())
                && !sentence[end..].starts_with(|c: char| c.is_alphanumeric());
            if bounded && !overlaps(found, start, end) {
                found.push(Mention {
                    start,
                    end,
                    actor: target.actor,
                    person: true,
                    kind: MentionKind::Name,
                    surface: name.clone(),
                });
            }
        }
    }
}

/// Capitalised multi-word names in a sentence, found once: mentions look for spelling variants
/// among them, attribution for people no actor is known for.
pub fn capitalised_names(sentence: &str, scan: &Scan) -> Vec<Range<usize>> {
    if !scan.may(Probe::Name) {
        return Vec::new();
    }
    NAME_RE.find_iter(sentence).map(|m| m.range()).collect()
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
        let crosses = found
            .iter()
            .any(|f| f.start < m.end && m.start < f.end && (f.start < m.start || f.end > m.end));
        let exact = found.iter().any(|f| f.start == m.start && f.end == m.end);
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
                found.retain(|f| !(f.start >= start && f.end <= m.end));
                found.push(Mention {
                    start,
                    end: m.end,
                    actor: t.actor,
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
    sentence: &str,
    scan: &Scan,
    discourse: &Discourse,
    found: &mut Vec<Mention>,
) {
    let speech = &rules.speech;
    let mut pronouns = Vec::new();
    for (re, person, probe) in [
        (&speech.person_pronoun, true, Probe::PersonPronoun),
        (&speech.speaker_pronoun, false, Probe::SpeakerPronoun),
    ] {
        if !scan.may(probe) {
            continue;
        }
        for p in re.find_iter(sentence) {
            if overlaps(found, p.start(), p.end()) {
                continue;
            }
            let earlier = found
                .iter()
                .filter(|m| {
                    m.end <= p.start() && m.kind != MentionKind::Pronoun && (!person || m.person)
                })
                .filter(|m| !rules.gazetteer.actors[m.actor].intermediary)
                .max_by_key(|m| m.end);
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
                    start: p.start(),
                    end: p.end(),
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

/// "Iraq said", "Israel has denied": a state name right before a reporting verb speaks for its
/// government; anywhere else ("strikes in Iraq") it is a place, not a speaker.
fn find_speaking_names(rules: &RuleSet, sentence: &str, found: &mut Vec<Mention>) {
    for (start, end, actor) in rules.gazetteer.find_speaking_names(sentence) {
        let rest = &sentence[end..];
        let rest = rest
            .strip_prefix("'s")
            .or_else(|| rest.strip_prefix("’s"))
            .unwrap_or(rest);
        let speaks = [&rules.speech.verbs, &rules.speech.participles]
            .iter()
            .any(|re| {
                re.find(rest).is_some_and(|v| {
                    let gap = &rest[..v.start()];
                    gap.len() <= 24
                        && gap.split_whitespace().all(|w| {
                            w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit())
                                || w.ends_with("day")
                        })
                })
            });
        if speaks && !overlaps(found, start, end) {
            found.push(Mention {
                start,
                end,
                actor,
                person: false,
                kind: MentionKind::Name,
                surface: sentence[start..end].to_string(),
            });
        }
    }
}

/// "the monitor", "the group": the latest actor named in the article that the noun fits.
fn find_descriptions(
    rules: &RuleSet,
    sentence: &str,
    discourse: &Discourse,
    found: &mut Vec<Mention>,
) {
    let g = &rules.gazetteer;
    let mut add = Vec::new();
    for (start, end, noun) in g.find_nouns(sentence) {
        // "the group Kata'ib Hezbollah": an appositive, the name itself is the mention.
        let followed_by_name = found.iter().any(|m| m.start >= end && m.start <= end + 1);
        if overlaps(found, start, end) || followed_by_name {
            continue;
        }
        let candidates = g.noun_actors(noun);
        let in_sentence = found
            .iter()
            .filter(|m| m.end <= start && candidates.contains(&m.actor))
            .max_by_key(|m| m.end)
            .map(|m| m.actor);
        let actor = in_sentence.or_else(|| {
            discourse
                .recent
                .iter()
                .rev()
                .find(|a| candidates.contains(a))
                .copied()
        });
        if let Some(actor) = actor {
            add.push(Mention {
                start,
                end,
                actor,
                person: false,
                kind: MentionKind::Description,
                surface: sentence[start..end].to_string(),
            });
        }
    }
    found.extend(add);
}
