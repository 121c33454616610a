//! Speakers the gazetteer does not know. News has thousands of them ("the Mariupol City
//! Council reported", "Deir Ezzor 24 said", "a law enforcement source told"): any name or
//! unnamed-source phrase in a speaker position is an actor of its own, with an id from its name.
//!
//! Speaker positions are those attribution reads: right before a reporting verb (over a few
//! lower-case words and appositives), right after an inverted one ("..., said X"), after
//! "according to", and before or after a headline's colon. Anywhere else a capitalised name is
//! a place, a person talked about, a weapon: not a speaker.

use super::context::{CueKind, SentenceCtx};
use super::discourse::{ActorRef, Discourse};
use super::mentions::{Mention, MentionKind};
use crate::rules::{Matcher, RuleSet};
use std::ops::Range;

/// A speaker found in one position: its span and whether it names a person.
struct Found {
    span: Range<usize>,
    person: bool,
}

/// Mentions of actors the gazetteer does not know, in speaker positions not already taken by a
/// known mention.
pub fn open_speakers(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    known: &[Mention],
    discourse: &mut Discourse,
) -> Vec<Mention> {
    let mut found: Vec<Found> = Vec::new();
    for cue in &ctx.cues {
        let candidate = match cue.kind {
            CueKind::Verb => before_verb(rules, ctx, known, cue.span.start)
                .or_else(|| after_inverted_verb(rules, ctx, known, cue.span.clone())),
            CueKind::AccordingTo => after(rules, ctx, known, cue.span.end),
            CueKind::Participle => None,
        };
        found.extend(candidate);
    }
    // A headline's speaker matters only for the claims in it.
    if ctx.claims_possible {
        found.extend(headline(rules, ctx, known));
    }
    let mut out: Vec<Mention> = Vec::new();
    for f in found {
        if out
            .iter()
            .any(|m| m.span.start < f.span.end && f.span.start < m.span.end)
        {
            continue;
        }
        let surface = ctx.text[f.span.clone()].to_string();
        let actor = match f
            .person
            .then(|| office_in_play(rules, ctx, &f.span, discourse))
        {
            Some(Some(office)) => {
                discourse.learn(rules, &surface, office);
                office
            }
            _ => discourse.name_actor(rules, &surface, f.person),
        };
        out.push(Mention {
            span: f.span,
            actor,
            person: f.person,
            kind: MentionKind::Name,
            surface,
        });
    }
    out
}

/// The office a person named in a speaker position speaks for, from the role the article gives
/// them: right before the name ("Government spokesman Jane Doe") or in an appositive after it
/// ("John Roe, director of the main hospital,").
fn office_in_play(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    span: &Range<usize>,
    discourse: &Discourse,
) -> Option<ActorRef> {
    let before = &ctx.text[..span.start];
    if let Some(noun) = rules
        .speech
        .noun_role_before
        .captures(before)
        .and_then(|c| c.name("noun"))
        && let Some(actor) = noun_in_play(rules, noun.as_str(), discourse)
    {
        return Some(actor);
    }
    let after = ctx.text[span.end..].strip_prefix(", ")?;
    let role = &after[..after.find([',', '.', ';']).unwrap_or(after.len())];
    office_of_role(rules, role, discourse)
}

/// A role phrase's office: an actor it names ("a spokesman for the Houthis"), the gazetteer's
/// name for the role turned round ("director of the hospital" is a "hospital director"), or a
/// description the article has in play ("an official of the ministry").
fn office_of_role(rules: &RuleSet, role: &str, discourse: &Discourse) -> Option<ActorRef> {
    let g = &rules.gazetteer;
    let found = g.find_all(role, true, false, true);
    if let Some(crate::rules::gazetteer::Found::Alias { actor, .. }) = found
        .iter()
        .find(|f| matches!(f, crate::rules::gazetteer::Found::Alias { .. }))
    {
        return Some(ActorRef::Known(*actor));
    }
    if let Some(c) = rules.speech.role_of_noun.captures(role)
        && let (Some(r), Some(whole)) = (c.name("role"), c.get(0))
    {
        let nouns = role[whole.end()..]
            .split_whitespace()
            .take_while(|w| !rules.speech.is_stop_word(w))
            .take(rules.speech.settings.source_modifiers);
        for noun in nouns {
            if let Some(t) = g.fuzzy_lookup(&format!("{noun} {}", r.as_str())) {
                return Some(ActorRef::Known(t.actor));
            }
        }
    }
    found.iter().find_map(|f| match f {
        crate::rules::gazetteer::Found::Noun { noun, .. } => {
            noun_in_play(rules, &role[noun.clone()], discourse)
        }
        _ => None,
    })
}

/// The latest actor the article named that a description's noun fits.
fn noun_in_play(rules: &RuleSet, noun: &str, discourse: &Discourse) -> Option<ActorRef> {
    let candidates = rules.gazetteer.noun_actors(noun);
    discourse
        .recent
        .iter()
        .rev()
        .find(|a| matches!(a, ActorRef::Known(i) if candidates.contains(i)))
        .copied()
}

/// The span of `group` in a match of `re` that ends `head`, searched in its last bytes only
/// (`name_window`): the anchored searches need no more than that, and the whole sentence
/// before a verb would cost far more.
fn ending(rules: &RuleSet, re: &Matcher, head: &str, group: &str) -> Option<Range<usize>> {
    let window = rules.speech.settings.name_window;
    let from = crate::text::floor_char_boundary(head, head.len().saturating_sub(window));
    let m = re.captures(&head[from..])?;
    let g = m.name(group)?;
    Some(from + g.start()..from + g.end())
}

fn overlaps_known(known: &[Mention], span: &Range<usize>) -> bool {
    known
        .iter()
        .any(|m| m.span.start < span.end && span.start < m.span.end)
}

/// Where the subject of a verb at `verb` ends: back over a few lower-case words ("also",
/// "has", "on Sunday") and over appositives (", a war monitor,").
pub fn subject_end(rules: &RuleSet, ctx: &SentenceCtx, verb: usize) -> usize {
    let s = ctx.text;
    let mut p = verb;
    let mut words = 0;
    loop {
        let head = s[..p].trim_end();
        p = head.len();
        if let Some(m) = ctx.masked.iter().find(|m| m.end == p && m.start < p) {
            p = m.start;
            continue;
        }
        // "Pavlo Kyrylenko, head of the regional administration, said": an appositive that no
        // opener masked, between two commas and holding no cue of its own.
        if head.ends_with(',')
            && let Some(open) = head[..head.len() - 1].rfind(", ")
            && !ctx
                .cues
                .iter()
                .any(|c| c.span.start > open && c.span.start < p)
            && ending(rules, &rules.speech.open_name_before, &head[..open], "name").is_some()
        {
            p = open;
            continue;
        }
        if ends_with_speaker(rules, head) || words >= rules.speech.settings.subject_gap_words {
            return p;
        }
        let Some(word) = head.rsplit(char::is_whitespace).next() else {
            return p;
        };
        let too_far = verb - (p - word.len()) > rules.speech.settings.subject_gap;
        if word.is_empty()
            || too_far
            || !rules.speech.is_gap_word(word)
            || rules.speech.is_role_link(word)
        {
            return p;
        }
        p -= word.len();
        words += 1;
    }
}

/// Whether `head` ends with something that can be a subject: a name, an unnamed source's
/// noun, an organisation's word ("... paramilitary groups").
fn ends_with_speaker(rules: &RuleSet, head: &str) -> bool {
    let speech = &rules.speech;
    let last = head.rsplit(char::is_whitespace).next().unwrap_or("");
    last.contains(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || speech.organisation.is_match(last)
        || speech.source_noun.is_match(last.trim_end_matches(','))
}

/// "The Mariupol City Council reported", "a law enforcement source also told".
fn before_verb(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    known: &[Mention],
    verb: usize,
) -> Option<Found> {
    let end = subject_end(rules, ctx, verb);
    if known.iter().any(|m| m.span.end == end) || ctx.is_masked(end.saturating_sub(1)) {
        return None;
    }
    let head = &ctx.text[..end];
    // The last word says which search can succeed: most verbs follow neither.
    let speech = &rules.speech;
    let last = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_end_matches(',');
    // "al-Hussein" ends a name too: a capital anywhere in the word.
    let found = if last.contains(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || speech.organisation.is_match(last)
    {
        name_before(rules, ctx, head)?
    } else if speech.source_noun.is_match(last) {
        source_before(rules, head)?
    } else {
        return None;
    };
    let same_quote = ctx.quote_at(found.span.start) == ctx.quote_at(verb);
    (same_quote && !overlaps_known(known, &found.span)).then_some(found)
}

/// A capitalised name ending `head`, without the words that open a run without naming anyone
/// ("The", "On"). A single word at the start of a sentence is a common noun as often as a name
/// ("Officials said"): it is taken only when the article has named it before.
fn name_before(rules: &RuleSet, ctx: &SentenceCtx, head: &str) -> Option<Found> {
    let m = rules.speech.open_name_before.captures(head)?.name("name")?;
    // "Residents of Mayadin said": a name after a preposition is a complement, not the subject.
    let word_before = head[..m.start()]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    if rules.speech.is_preposition(word_before) {
        return None;
    }
    let span = trim_not_names(rules, ctx.text, m.range())?;
    let text = &ctx.text[span.clone()];
    // After a dateline's dash ("PARIS (AP) — Evidence suggests") a word is capitalised by its
    // place too.
    let before = ctx.text[..span.start].trim_end();
    let sentence_start = before
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .is_empty()
        || before.ends_with(['—', '–'])
        || before.ends_with("--");
    if sentence_start && !text.contains(char::is_whitespace) {
        return None;
    }
    Some(Found {
        person: is_person(rules, text),
        span,
    })
}

/// "security sources", "a law enforcement source": an unnamed source, named by its phrase
/// without the article.
fn source_before(rules: &RuleSet, head: &str) -> Option<Found> {
    let noun = ending(rules, &rules.speech.source_before, head, "noun")?;
    let mut start = noun.start;
    for _ in 0..rules.speech.settings.source_modifiers {
        let before = head[..start].trim_end();
        let Some(word) = before.rsplit(char::is_whitespace).next() else {
            break;
        };
        let plain = word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '’' || c == '\'');
        if word.is_empty() || !plain || rules.speech.is_stop_word(word) {
            break;
        }
        start = before.len() - word.len();
    }
    // A bare "officials said" names no one: which officials, the article does not say.
    (start < noun.start).then_some(Found {
        span: start..noun.end,
        person: false,
    })
}

/// "..., said Petro Andrushchenko", "“...,” said the unnamed official": the speaker follows an
/// inverted verb, which stands after a comma or a closing quote.
fn after_inverted_verb(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    known: &[Mention],
    verb: Range<usize>,
) -> Option<Found> {
    let before = ctx.text[..verb.start].trim_end();
    let inverted = before.ends_with([',', '”', '"', '’']);
    let listener = rules.speech.addressee.is_match(&ctx.text[verb.clone()]);
    if !inverted || listener {
        return None;
    }
    after(rules, ctx, known, verb.end)
}

/// The name or unnamed source right after `from`, over titles ("said Lt. Gen. Jane Doe").
fn after(rules: &RuleSet, ctx: &SentenceCtx, known: &[Mention], from: usize) -> Option<Found> {
    let speech = &rules.speech;
    let rest = &ctx.text[from..];
    let skip = speech.title_run.find(rest).map_or(0, |m| m.end());
    let at = from + skip;
    if known
        .iter()
        .any(|m| m.span.start >= from && m.span.start <= at + 1)
    {
        return None;
    }
    let rest = &ctx.text[at..];
    let found = if let Some(m) = speech
        .open_name_after
        .captures(rest)
        .and_then(|c| c.name("name"))
    {
        let span = trim_not_names(rules, ctx.text, at + m.start()..at + m.end())?;
        Found {
            person: is_person(rules, &ctx.text[span.clone()]),
            span,
        }
    } else {
        let m = speech.source_after.captures(rest)?.name("name")?;
        Found {
            span: at + m.start()..at + m.end(),
            person: false,
        }
    };
    let near = found.span.start - from <= rules.speech.settings.speaker_reach;
    (near
        && !overlaps_known(known, &found.span)
        && !ctx.addressees.iter().any(|a| a.contains(&found.span.start)))
    .then_some(found)
}

/// "Mariupol City Council: about 300 killed" and "Strike kills 12: local officials".
fn headline(rules: &RuleSet, ctx: &SentenceCtx, known: &[Mention]) -> Option<Found> {
    if ctx.quoted {
        return None;
    }
    let s = ctx.text;
    let first = s.find(": ")?;
    // "KYIV: ..." is a dateline, not a speaker.
    let dateline = !s[..first].chars().any(char::is_lowercase);
    let reach = rules.speech.settings.speaker_reach;
    if first < reach && !dateline && !known.iter().any(|m| m.span.end <= first) {
        let m = rules
            .speech
            .open_name_before
            .captures(&s[..first])
            .and_then(|c| c.name("name"));
        if let Some(span) = m
            .filter(|m| m.start() == 0)
            .and_then(|m| trim_not_names(rules, s, m.range()))
        {
            return Some(Found {
                person: is_person(rules, &s[span.clone()]),
                span,
            });
        }
    }
    let last = s.rfind(": ")? + 2;
    let tail = s[last..].trim_end_matches(['.', '"', '”']);
    if s.len() - last > reach || known.iter().any(|m| m.span.start >= last) {
        return None;
    }
    let found = source_before(rules, tail).filter(|f| f.span.start == 0)?;
    Some(Found {
        span: last + found.span.start..last + found.span.end,
        person: false,
    })
}

/// A name without its leading words that name nobody ("The", "On Monday"); `None` if nothing
/// is left.
fn trim_not_names(rules: &RuleSet, s: &str, span: Range<usize>) -> Option<Range<usize>> {
    let mut start = span.start;
    for word in s[span.clone()].split_whitespace() {
        if !rules.speech.is_not_name(word) {
            break;
        }
        start = s[start..]
            .find(word)
            .map_or(start, |i| start + i + word.len());
        start += s[start..].len() - s[start..].trim_start().len();
    }
    let capitalised = s[start..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    (start < span.end && capitalised).then_some(start..span.end)
}

/// A name is a person's unless one of its words names an organisation ("Council", "News").
fn is_person(rules: &RuleSet, name: &str) -> bool {
    !rules.speech.organisation.is_match(name)
}

#[cfg(test)]
mod tests {
    use crate::extract::extract_document;
    use crate::extract::tests::article;
    use crate::rules::test_rules;

    /// The actor of the one death-toll claim in `text`.
    fn speaker(text: &str) -> Option<String> {
        let claims = extract_document(test_rules(), &article(text)).claims;
        let deaths: Vec<_> = claims.iter().filter(|c| c.rule == "death_toll").collect();
        assert_eq!(deaths.len(), 1, "{text}: {deaths:?}");
        deaths[0].actor.as_deref().map(str::to_string)
    }

    #[test]
    fn speakers_in_speaker_positions_are_actors() {
        let cases: &[(&str, Option<&str>)] = &[
            // An organisation before the verb, its article dropped.
            (
                "The Kherson City Council reported that 14 people were killed.",
                Some("named:kherson_city_council"),
            ),
            // Digits belong to a name; a lower-case tail ends in an organisation's word.
            (
                "Idlib 7 said 4 people died in the raid.",
                Some("named:idlib_7"),
            ),
            (
                "Al-Wafa parliamentary bloc said 9 people were killed.",
                Some("named:al_wafa_parliamentary_bloc"),
            ),
            // A person with an appositive, and after an inverted verb.
            (
                "Nadia Karam, a nurse at the clinic, said 6 people were killed.",
                Some("named:nadia_karam"),
            ),
            (
                "\"Eleven people were killed,\" said Tomas Ferreira.",
                Some("named:tomas_ferreira"),
            ),
            // An unnamed source with a modifier; a bare noun names no one.
            (
                "A senior police source told reporters that 8 people were killed.",
                Some("named:senior_police_source"),
            ),
            ("Officials said 8 people were killed.", None),
            // A place after a preposition is no subject.
            ("Residents of Halba said 8 people were killed.", None),
            // A role before the name whose noun the article has in play.
            (
                "The Somali government met. Government spokesman Ali Warsame said 3 soldiers were killed.",
                Some("somali_government"),
            ),
            // A role after the name that the gazetteer knows turned round.
            (
                "Farid Nasser, director of the city hospital, said 5 people were killed.",
                Some("local_officials"),
            ),
            // A dateline is no headline source: with no cue, the outlet speaks.
            (
                "GAZA: 12 people were killed in the strike",
                Some("outlet:t"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(speaker(text).as_deref(), *expected, "{text}");
        }
    }
}
