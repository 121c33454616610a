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
        && text.split_whitespace().all(super::speakers::is_gap_word)
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
    fn appositives_and_dashes_are_masked() {
        let s = "The mayor of Qaim, a town near Syria, told NPR that — as before — homes burned.";
        let m = masks(crate::rules::test_rules(), s, |_| true);
        assert!(m.iter().any(|r| s[r.clone()].contains("near Syria")));
        assert!(m.iter().any(|r| s[r.clone()].contains("as before")));
        assert!(!m.iter().any(|r| s[r.clone()].contains("mayor")));
    }
}
