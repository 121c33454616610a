//! The three shared rule files: lexicon, actor gazetteer and attribution cues, each checked
//! item by item so every mistake is reported with its position.

use super::diagnostic::{RuleError, SourceFile};
use super::files::{ActorsFile, AttributionFile, LexiconFile};
use super::gazetteer::Gazetteer;
use super::lexicon::Lexicon;
use super::source::{FRAGMENT, build_regex, expand, find_in_file, regex_message};
use super::speech::SpeechCues;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn build_lexicon(
    file: &SourceFile,
    parsed: &LexiconFile,
    errors: &mut Vec<RuleError>,
) -> Option<Lexicon> {
    let before = errors.len();
    // Lexicon fragments may use each other; expand until stable.
    let mut fragments: BTreeMap<String, String> = parsed
        .fragments
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    for _ in 0..4 {
        let snapshot = fragments.clone();
        for (name, value) in fragments.iter_mut() {
            let mut others = snapshot.clone();
            others.remove(name);
            if let Ok(v) = expand(value, &others) {
                *value = v;
            }
        }
    }
    for (name, value) in &fragments {
        let spanned = &parsed.fragments[name];
        if let Some(c) = FRAGMENT.captures(value) {
            let missing = &c[1];
            let at = find_in_file(file, &format!("{{{missing}}}"));
            errors.push(
                RuleError::new(
                    file,
                    if at.is_empty() { spanned.span() } else { at },
                    format!("unknown fragment `{{{missing}}}` in fragment `{name}`"),
                )
                .with_help("a [fragments] entry may use other [fragments] entries only"),
            );
        } else if let Err(e) = build_regex(value) {
            let (message, help) = regex_message(&e);
            errors.push(
                RuleError::new(
                    file,
                    spanned.span(),
                    format!("fragment `{name}`: {message}"),
                )
                .with_help(help),
            );
        }
    }
    let cue_lists = [
        ("negation", &parsed.cues.negation),
        ("hedge", &parsed.cues.hedge),
        ("part_of", &parsed.cues.part_of),
        ("other_incident", &parsed.cues.other_incident),
        ("background", &parsed.cues.background),
        ("superseded", &parsed.cues.superseded),
        ("new_clause", &parsed.cues.new_clause),
        ("increment", &parsed.cues.increment),
        ("scope_after", &parsed.cues.scope_after),
        ("new_incident", &parsed.cues.new_incident),
        ("clauses.conjunctions", &parsed.clauses.conjunctions),
        ("clauses.negation_carries", &parsed.clauses.negation_carries),
        ("lists.joiners", &parsed.lists.joiners),
        ("lists.determiners", &parsed.lists.determiners),
    ];
    for (list, items) in cue_lists {
        for item in items.iter() {
            if let Err(e) = build_regex(item) {
                let (message, help) = regex_message(&e);
                errors.push(
                    RuleError::new(
                        file,
                        find_in_file(file, item),
                        format!("cue in `{list}`: {message}"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    if parsed.lists.ends.iter().any(String::is_empty) {
        errors.push(
            RuleError::new(
                file,
                find_in_file(file, "\"\""),
                "an empty entry in `lists.ends` would end every list at once",
            )
            .with_help("remove it, or write the text that ends a list: \" but \""),
        );
    }
    let n = &parsed.numbers;
    no_empty_entries(
        file,
        &[
            ("joiners", &n.joiners),
            ("range_openers", &n.range_openers),
            ("range_links", &n.range_links),
            ("tally_modifiers", &n.tally_modifiers),
            ("group_links", &n.group_links),
        ],
        errors,
    );
    // A figure's words are read one by one, so a joiner of two words would never be skipped.
    if let Some(j) = n.joiners.iter().find(|j| j.split_whitespace().count() > 1) {
        errors.push(
            RuleError::new(
                file,
                find_in_file(file, &format!("\"{j}\"")),
                format!("the joiner `{j}` is more than one word"),
            )
            .with_help("`numbers.joiners` are single words: \"and\""),
        );
    }
    for q in &parsed.qualifiers {
        if q.phrases.is_empty() {
            errors.push(
                RuleError::new(
                    file,
                    find_in_file(file, "[[qualifier]]"),
                    "a qualifier with no phrases",
                )
                .with_help("add phrases = [\"at least\", ...]"),
            );
        }
    }
    if errors.len() > before {
        return None;
    }
    match Lexicon::build(parsed, fragments) {
        Ok(l) => Some(l),
        Err(e) => {
            let (message, help) = regex_message(&e);
            errors.push(
                RuleError::new(
                    file,
                    0..0,
                    format!("the lexicon does not compile: {message}"),
                )
                .with_help(help),
            );
            None
        }
    }
}

pub(super) fn build_gazetteer(
    file: &SourceFile,
    parsed: &ActorsFile,
    errors: &mut Vec<RuleError>,
) -> Option<Gazetteer> {
    let mut ids = BTreeSet::new();
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    let before = errors.len();
    let fold_articles = parsed.fold_articles_lower();
    if parsed.determiners.is_empty() {
        errors.push(
            RuleError::new(
                file,
                find_in_file(file, "determiners"),
                "`determiners` is empty",
            )
            .with_help("list the words that make a definite description: [\"the\", \"this\"]"),
        );
    }
    no_empty_entries(
        file,
        &[
            ("determiners", &parsed.determiners),
            ("fold_articles", &parsed.fold_articles),
        ],
        errors,
    );
    for actor in &parsed.actors {
        // One name, one actor: a name listed twice would silently go to the first.
        for name in actor.aliases.iter().chain(&actor.people) {
            let folded = super::gazetteer::fold_name(name, &fold_articles);
            match names.get(&folded) {
                Some(owner) if *owner != actor.id.get_ref().as_str() => errors.push(
                    RuleError::new(file, find_in_file(file, &format!("\"{name}\"")), format!("`{name}` names both `{owner}` and `{}`", actor.id.get_ref()))
                        .with_help("keep the name under one actor; use `nouns` for descriptions several actors share"),
                ),
                _ => {
                    names.insert(folded, actor.id.get_ref().as_str());
                }
            }
        }
        if !ids.insert(actor.id.get_ref().as_str()) {
            errors.push(
                RuleError::new(
                    file,
                    actor.id.span(),
                    format!("duplicate actor id `{}`", actor.id.get_ref()),
                )
                .with_help("merge the two entries: aliases of one actor belong under one id"),
            );
        }
        if actor.aliases.is_empty() && actor.people.is_empty() {
            errors.push(
                RuleError::new(
                    file,
                    actor.id.span(),
                    format!("actor `{}` has no aliases", actor.id.get_ref()),
                )
                .with_help(
                    "add aliases = [\"...\"]: the names under which the actor appears in text",
                ),
            );
        }
    }
    if errors.len() > before {
        return None;
    }
    Gazetteer::build(parsed)
        .map_err(|e| {
            errors.push(RuleError::new(
                file,
                0..0,
                format!("the actor names do not compile: {e}"),
            ))
        })
        .ok()
}

pub(super) fn build_speech(
    file: &SourceFile,
    parsed: &AttributionFile,
    errors: &mut Vec<RuleError>,
) -> Option<SpeechCues> {
    let before = errors.len();
    for frame in &parsed.frames {
        match build_regex(frame.regex.get_ref()) {
            Err(e) => {
                let (message, help) = regex_message(&e);
                errors.push(RuleError::new(file, frame.regex.span(), message).with_help(help));
            }
            Ok(re) if !re.capture_names().any(|n| n == Some("inner")) => errors.push(
                RuleError::new(file, frame.regex.span(), "a frame needs an `inner` capture")
                    .with_help("wrap the part that names the reported actor in (?P<inner>...)"),
            ),
            Ok(_) => {}
        }
    }
    let lists = [
        &parsed.speech_verbs,
        &parsed.participles,
        &parsed.according_to,
        &parsed.back_references,
        &parsed.carry_breaks,
        &parsed.addressee_verbs,
        &parsed.rejections,
        &parsed.roles,
        &parsed.titles,
        &parsed.name_particles,
        &parsed.organisation_words,
        &parsed.source_nouns,
        &parsed.addressee_ends,
    ];
    for item in lists.into_iter().flatten() {
        if let Err(e) = build_regex(item) {
            let (message, help) = regex_message(&e);
            errors.push(RuleError::new(file, find_in_file(file, item), message).with_help(help));
        }
    }
    no_empty_entries(
        file,
        &[
            ("gap_word_endings", &parsed.gap_word_endings),
            ("verb_coordinators", &parsed.verb_coordinators),
            ("passive_auxiliaries", &parsed.passive_auxiliaries),
        ],
        errors,
    );
    check_speech_settings(file, parsed, errors);
    if errors.len() > before {
        return None;
    }
    SpeechCues::build(parsed)
        .map_err(|e| {
            errors.push(RuleError::new(
                file,
                0..0,
                format!("the attribution cues do not compile: {e}"),
            ))
        })
        .ok()
}

/// Literal word lists may not hold an empty entry: it would match everywhere (or, as a suffix
/// or a list's end, at every word).
fn no_empty_entries(
    file: &SourceFile,
    lists: &[(&str, &Vec<String>)],
    errors: &mut Vec<RuleError>,
) {
    for (key, list) in lists {
        if list.iter().any(|w| w.trim().is_empty()) {
            errors.push(
                RuleError::new(
                    file,
                    find_in_file(file, key),
                    format!("an empty entry in `{key}` would match at every word"),
                )
                .with_help("remove it, or write the words it stands for"),
            );
        }
    }
}

/// Settings whose value would break attribution rather than tune it.
fn check_speech_settings(file: &SourceFile, parsed: &AttributionFile, errors: &mut Vec<RuleError>) {
    if parsed.settings.shortest_name == 0 {
        errors.push(
            RuleError::new(
                file,
                find_in_file(file, "shortest_name"),
                "`shortest_name = 0` would learn empty names, which match everywhere",
            )
            .with_help("give the shortest name in bytes, at least 1 (the shipped value is 3)"),
        );
    }
}

#[cfg(test)]
#[path = "shared_tests.rs"]
mod tests;
