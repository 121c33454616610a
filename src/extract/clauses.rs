//! The shape of a sentence around its claims: quoted stretches, appositives and parentheticals
//! that do not carry the main clause, and capitalised names nobody has identified.

use super::context::SentenceCtx;
use super::mentions::Mention;
use crate::rules::RuleSet;
use std::ops::Range;

/// Only titles and articles between a verb and a name: " the ", " Lt. Cmdr. ".
pub fn is_title_gap(rules: &RuleSet, text: &str) -> bool {
    text.split_whitespace()
        .all(|w| rules.speech.is_article(w) || w.starts_with(char::is_uppercase))
}

/// What may stand between a subject and its reporting verb: a few lower-case words ("has",
/// "also", "on Friday"), no punctuation.
pub fn is_subject_gap(rules: &RuleSet, text: &str) -> bool {
    let limits = &rules.speech.settings;
    text.len() <= limits.subject_gap
        && text.split_whitespace().count() <= limits.subject_gap_words
        && text.split_whitespace().all(|w| rules.speech.is_gap_word(w))
}

/// "the governor **of Salahuddin province** said": a role link and the capitalised name of
/// where the speaker serves (with at most one lower-case word after it), between a description
/// and its verb. The words between a subject and its verb otherwise ([`is_subject_gap`]).
pub fn is_complement_gap(rules: &RuleSet, text: &str) -> bool {
    let limits = &rules.speech.settings;
    let mut words = text.split_whitespace();
    let Some(link) = words.next() else {
        return false;
    };
    if text.len() > limits.complement_reach || !rules.speech.is_role_link(link) {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    let capitals = rest
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitals >= 1 && rest.len() - capitals <= 1
}

/// The start of the clause a position sits in, at most `window` bytes back and never before
/// `floor`. A name set off by commas
/// is an appositive, not a clause ("denied that the minister, Jane Doe, had known").
pub fn clause_start(s: &str, pos: usize, floor: usize, window: usize) -> usize {
    let window_floor = crate::text::floor_char_boundary(s, pos.saturating_sub(window)).max(floor);
    let mut end = pos;
    loop {
        let head = &s[window_floor..end];
        let Some(i) = head.rfind([',', ';', ':', '(', '—', '–', '“', '”', '"']) else {
            return window_floor;
        };
        let after = window_floor + i + head[i..].chars().next().map_or(1, char::len_utf8);
        let opening = head[..i].rfind(',');
        match opening {
            Some(j) if head.as_bytes()[i] == b',' && is_name_appositive(&head[j + 1..i]) => {
                end = window_floor + j;
            }
            _ => return after,
        }
    }
}

/// Whether a stretch between two commas is only a name: one to five capitalised words.
fn is_name_appositive(stretch: &str) -> bool {
    let words: Vec<&str> = stretch.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            // "al-Muhandis": a particle joined to a capitalised name.
            let name = w.split_once('-').map_or(w, |(_, rest)| rest);
            w.chars().next().is_some_and(char::is_uppercase)
                || name.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Stretches inside quotation marks; a sentence that opens inside a quote starts in one.
pub fn quote_spans(sentence: &str, opens_quoted: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = opens_quoted.then_some(0);
    for (i, c) in sentence.char_indices() {
        match (c, open) {
            ('“', None) | ('"', None) => open = Some(i),
            ('”', Some(s)) | ('"', Some(s)) => {
                out.push(s..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push(s..sentence.len());
    }
    out
}

/// Capitalised multi-word names of the sentence that no mention covers.
pub fn unknown_names(
    rules: &RuleSet,
    ctx: &SentenceCtx,
    mentions: &[Mention],
) -> Vec<Range<usize>> {
    ctx.names
        .iter()
        .filter(|m| {
            !mentions
                .iter()
                .any(|x| x.span.start < m.end && m.start < x.span.end)
        })
        .filter(|m| {
            !ctx.text[(*m).clone()]
                .split_whitespace()
                .any(|w| rules.speech.is_not_name(w))
        })
        .cloned()
        .collect()
}

/// Stretches that do not carry the main clause: parentheses, dash pairs, and comma-delimited
/// appositives or relative clauses (", a city near the border," / ", which ... ,").
/// `appositive_ok` vetoes comma stretches that are really clauses (", the ministry said,").
pub fn masks(
    rules: &RuleSet,
    sentence: &str,
    appositive_ok: impl Fn(&Range<usize>) -> bool,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // A dateline's dash ("SANAA — The toll ...") opens nothing.
    let dateline_end = sentence
        .find(['—', '–'])
        .filter(|&i| sentence[..i].chars().all(|c| !c.is_lowercase()))
        .map_or(0, |i| i + '—'.len_utf8());
    for (open, close) in [('(', ')'), ('—', '—'), ('–', '–')] {
        let mut from = dateline_end;
        while let Some(i) = sentence[from..].find(open).map(|i| i + from) {
            let after = i + open.len_utf8();
            match sentence[after..].find(close) {
                Some(j) => {
                    out.push(i..after + j + close.len_utf8());
                    from = after + j + close.len_utf8();
                }
                None => break,
            }
        }
    }
    let mut from = 0;
    while let Some(i) = sentence[from..].find(", ").map(|i| i + from) {
        let rest = &sentence[i + 2..];
        // Openers are ASCII, and no non-ASCII letter lower-cases to one of their letters.
        if rules.speech.appositive_openers.iter().any(|o| {
            rest.as_bytes()
                .get(..o.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(o.as_bytes()))
        }) && let Some(j) = rest.find(',')
            && appositive_ok(&(i..i + 2 + j + 1))
        {
            out.push(i..i + 2 + j + 1);
        }
        from = i + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_end_at_punctuation_but_not_around_a_name() {
        // (text, where the clause of its end starts)
        let cases: &[(&str, &str)] = &[
            ("They said, no notice was given", " no notice was given"),
            (
                "denied that the minister, Jane Doe, had known",
                "denied that the minister, Jane Doe, had known",
            ),
            (
                "denied that the chief, Abu Ali al-Askari, knew",
                "denied that the chief, Abu Ali al-Askari, knew",
            ),
            ("the strike, which hit homes, had", " had"),
        ];
        for (text, want) in cases {
            let at = clause_start(text, text.len(), 0, 90);
            assert_eq!(&text[at..], *want, "{text}");
        }
    }

    #[test]
    fn complements_between_a_description_and_its_verb() {
        let rules = crate::rules::test_rules();
        let cases: &[(&str, bool)] = &[
            (" of Salahuddin province ", true),
            (" of Samarra ", true),
            (" for the Houthis ", false),
            (" of the town said that ", false),
            (" ", false),
        ];
        for (gap, want) in cases {
            assert_eq!(is_complement_gap(rules, gap), *want, "{gap:?}");
        }
    }

    #[test]
    fn appositives_and_dashes_are_masked() {
        let s = "The mayor of Qaim, a town near Syria, told NPR that — as before — homes burned.";
        let m = masks(crate::rules::test_rules(), s, |_| true);
        assert!(m.iter().any(|r| s[r.clone()].contains("near Syria")));
        assert!(m.iter().any(|r| s[r.clone()].contains("as before")));
        assert!(!m.iter().any(|r| s[r.clone()].contains("mayor")));
    }
}
