//! The shape of a sentence around its claims: quoted stretches, appositives and parentheticals
//! that do not carry the main clause, and capitalised names nobody has identified.

use super::mentions::Mention;
use std::ops::Range;

/// Only titles and articles between a verb and a name: " the ", " Lt. Cmdr. ".
pub fn is_title_gap(text: &str) -> bool {
    text.split_whitespace()
        .all(|w| w == "the" || w.starts_with(char::is_uppercase))
}

/// What may stand between a subject and its reporting verb: a few lower-case words ("has",
/// "also", "on Friday"), no punctuation and no other figure of speech.
pub fn is_subject_gap(text: &str) -> bool {
    text.len() <= SUBJECT_GAP
        && text.split_whitespace().all(|w| {
            w.chars().all(|c| c.is_lowercase())
                || (w.ends_with("day") && w.chars().all(char::is_alphabetic))
        })
}

/// The longest gap (bytes) between a subject and its reporting verb.
const SUBJECT_GAP: usize = 24;

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

/// Words that start a capitalised run without naming anyone ("On Monday", "The Americans").
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "But",
    "And",
    "After",
    "Before",
    "Since",
    "During",
    "When",
    "While",
    "As",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "To",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "Our",
    "Its",
    "Their",
    "His",
    "Her",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Capitalised multi-word names (from [`super::mentions::capitalised_names`]) that no mention
/// covers.
pub fn unknown_names(
    sentence: &str,
    names: &[Range<usize>],
    mentions: &[Mention],
) -> Vec<Range<usize>> {
    names
        .iter()
        .filter(|m| !mentions.iter().any(|x| x.start < m.end && m.start < x.end))
        .filter(|m| {
            !sentence[(*m).clone()]
                .split_whitespace()
                .any(|w| NOT_NAMES.contains(&w))
        })
        .cloned()
        .collect()
}

/// Stretches that do not carry the main clause: parentheses, dash pairs, and comma-delimited
/// appositives or relative clauses (", a city near the border," / ", which ... ,").
/// `appositive_ok` vetoes comma stretches that are really clauses (", the ministry said,").
pub fn masks(sentence: &str, appositive_ok: impl Fn(&Range<usize>) -> bool) -> Vec<Range<usize>> {
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
    const OPENERS: &[&str] = &[
        "a ", "an ", "the ", "which ", "who ", "whose ", "whom ", "where ", "its ", "his ", "her ",
    ];
    let mut from = 0;
    while let Some(i) = sentence[from..].find(", ").map(|i| i + from) {
        let rest = &sentence[i + 2..];
        // Openers are ASCII, and no non-ASCII letter lower-cases to one of their letters.
        if OPENERS.iter().any(|o| {
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
    fn appositives_and_dashes_are_masked() {
        let s = "The mayor of Qaim, a town near Syria, told NPR that — as before — homes burned.";
        let m = masks(s, |_| true);
        assert!(m.iter().any(|r| s[r.clone()].contains("near Syria")));
        assert!(m.iter().any(|r| s[r.clone()].contains("as before")));
        assert!(!m.iter().any(|r| s[r.clone()].contains("mayor")));
    }
}
